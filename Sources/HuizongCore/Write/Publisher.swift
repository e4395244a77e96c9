import CPlatform
import CSVReading
import Foundation

/// Publishes a result folder all or nothing: files are written and flushed in a staging
/// folder beside the output, which then takes the output's place by one atomic rename.
/// A reader sees the previous complete result or the new one, never a mix.
///
/// It deletes only what Huizong itself wrote, proven by content: a folder is touched only when it
/// holds Huizong's own list of what it wrote (the manifest of a result, or the marker a staging
/// folder gets before anything else), that list checks against its own hash, and only the listed
/// files whose bytes still have the listed SHA-256 are removed.
public struct Publisher {
    /// Absolute, with every link in it resolved: the folder that is replaced.
    package let outputFolder: String

    /// Lists, in `sha256sum` form, exactly the files Huizong wrote into an output folder, and
    /// ends with a comment line holding the hash of the lines before it.
    package static let manifestName = ".huizong-manifest"
    /// The manifest under another name, written first into a staging folder: a run killed before
    /// it published leaves a folder recognisable by it, and only by it.
    static let stagingMarkerName = ".huizong-staging"
    /// The manifest's last line: this, then the SHA-256 of every byte before the line.
    static let manifestSeal = "# huizong-manifest sha256 "

    public enum Problem: Error, Equatable {
        /// The output folder may not be replaced: exit 73.
        case refused(path: String, Refusal)
        /// The output folder (or its parent) cannot be created or written: exit 73.
        case cannotCreate(path: String, reason: String)
        /// Writing, flushing or renaming failed: exit 74.
        case io(path: String, reason: String)
    }

    /// Why an output folder may not be replaced.
    public enum Refusal: Sendable, Equatable {
        case root
        /// `--out ""`.
        case empty
        /// The path cannot be made absolute (the working directory was deleted, say).
        case unresolvable(reason: String)
        case overlapsInput(String)
        case notAFolder
        /// It holds entries Huizong did not write (the first few named), or cannot be listed (none).
        case holdsOtherEntries([String], count: Int)
        /// Files Huizong wrote whose bytes have changed since (someone edited them there).
        case changedSinceWritten([String])
        /// A `.huizong-manifest` Huizong did not write: its seal does not check, or it names files Huizong never writes.
        case foreignManifest
    }

    /// Failures no test can cause for real, handed in by tests: `diskFull` fails the second
    /// file's write with ENOSPC, `rename` fails putting the result in place with EIO.
    package enum Fault: String, Sendable {
        case diskFull = "disk_full"
        case rename
    }

    let fault: Fault?

    /// Resolves the output folder once; an empty or unresolvable path is refused here, before anything is read.
    package init(outputFolder: String) throws(Problem) {
        try self.init(outputFolder: outputFolder, fault: nil)
    }

    package init(outputFolder: String, fault: Fault?) throws(Problem) {
        self.outputFolder = try Self.resolve(outputFolder)
        self.fault = fault
    }

    var parent: String { (outputFolder as NSString).deletingLastPathComponent }
    var baseName: String { (outputFolder as NSString).lastPathComponent }
    /// `.huizong-staging.<pid>.<name>`: the process id first, so `res` and `res-draft` never match.
    func stagingName(_ kind: String, pid: Int32) -> String { ".huizong-\(kind).\(pid).\(baseName)" }

    /// The path made absolute and free of `.` and `..`, with the links of its existing part
    /// resolved (`--out` may not exist yet). Throws for an empty path, or a relative one when the
    /// working directory cannot be named (deleted under the run).
    static func resolve(_ path: String) throws(Problem) -> String {
        guard !path.isEmpty else { throw .refused(path: path, .empty) }
        var absolute = path
        if !path.hasPrefix("/") {
            guard let directory = getcwd(nil, 0) else {
                throw .refused(path: path, .unresolvable(reason: String(cString: strerror(errno))))
            }
            absolute = String(cString: directory) + "/" + path
            free(directory)
        }
        var components: [String] = []
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." { _ = components.popLast() } else { components.append(String(part)) }
        }
        // The longest prefix that exists, with its links resolved; the rest is to be created.
        for existing in stride(from: components.count, through: 0, by: -1) {
            guard let resolved = realpath("/" + components[..<existing].joined(separator: "/"), nil) else { continue }
            defer { free(resolved) }
            return components[existing...].reduce(String(cString: resolved)) {
                ($0 as NSString).appendingPathComponent($1)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Refuses, before anything is created, an output that must not be replaced: the root, one
    /// that is, holds or lies inside the input folder, a file, or a folder holding anything
    /// Huizong did not write; and one whose nearest existing parent cannot be written.
    package func check(inputFolder: String) throws(Problem) { try check(inputFolders: [inputFolder]) }

    /// The same for several inputs (`huizong rollup`): each compared with the output, the output's
    /// contents checked once (hashing them once per input made a rollup's time grow as its square).
    package func check(inputFolders: [String]) throws(Problem) {
        guard outputFolder != "/", !baseName.isEmpty else {
            throw .refused(path: outputFolder, .root)
        }
        for inputFolder in inputFolders {
            // The input exists: the kernel's own resolution (`..` after links), as it is read.
            let input: String
            if let real = realpath(inputFolder, nil) {
                input = String(cString: real)
                free(real)
            } else {
                input = try Self.resolve(inputFolder)
            }
            if outputFolder == input || outputFolder.hasPrefix(input + "/") || input.hasPrefix(outputFolder + "/") {
                throw .refused(path: outputFolder, .overlapsInput(input))
            }
        }
        try checkContents()
        var ancestor = parent
        while !FileManager.default.fileExists(atPath: ancestor) && ancestor != "/" {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        guard access(ancestor, W_OK | X_OK) == 0 else {
            throw .cannotCreate(path: ancestor, reason: String(cString: strerror(errno)))
        }
    }

    /// Refuses an output folder that holds anything Huizong did not write there, or a file it
    /// wrote that has changed since: replacing the folder would lose it.
    func checkContents() throws(Problem) {
        var status = stat()
        guard lstat(outputFolder, &status) == 0 else { return }  // not there yet
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .refused(path: outputFolder, .notAFolder)
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: outputFolder) else {
            throw .refused(path: outputFolder, .holdsOtherEntries([], count: 0))
        }
        guard !entries.isEmpty else { return }
        guard let listed = Self.writtenList(in: outputFolder, name: Self.manifestName)?.files else {
            if entries.contains(Self.manifestName) { throw .refused(path: outputFolder, .foreignManifest) }
            throw .refused(
                path: outputFolder, .holdsOtherEntries(Array(entries.sorted().prefix(5)), count: entries.count))
        }
        let names = Set(listed.map(\.name)).union([Self.manifestName])
        let foreign = entries.filter { !names.contains($0) || !Self.isRegularFile(outputFolder, $0) }.sorted()
        guard foreign.isEmpty else {
            throw .refused(path: outputFolder, .holdsOtherEntries(Array(foreign.prefix(5)), count: foreign.count))
        }
        let changed = listed.filter { entries.contains($0.name) && !Self.hasBytes(outputFolder, $0) }.map(\.name)
        guard changed.isEmpty else { throw .refused(path: outputFolder, .changedSinceWritten(changed)) }
    }

    /// Why the output folder could not be taken: its lock (another run holds it, or it cannot be
    /// made), or what killed runs left there could not be cleared.
    package enum Start: Error {
        case locked(OutputLock.Problem)
        case prepare(Problem)
    }

    /// The output folder's lock, then what killed runs left cleared: the start of every run that
    /// publishes (`consolidate`, `rollup`). The lock holds while the returned value lives.
    package func lockAndPrepare() throws(Start) -> OutputLock {
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(for: outputFolder)
        } catch {
            throw .locked(error)
        }
        do {
            try prepare()
        } catch {
            throw .prepare(error)
        }
        return lock
    }

    /// Removes what killed runs left. Call with the lock held (taking it created the output's parents).
    package func prepare() throws(Problem) {
        try checkContents()  // again, now that no other run can change it
        removeAbandonedStaging()
    }

    /// Writes the marker, then `files`, into a fresh staging folder, turns the marker into the
    /// manifest and puts the folder in place of the output; the previous result is then removed,
    /// file by file of its manifest. Returns the folder the previous result was moved to when
    /// something in it could not be proven Huizong's and was left there, for the officer to see.
    @discardableResult
    package func publish(_ files: [(name: String, bytes: [UInt8])]) throws(Problem) -> String? {
        let staging = (parent as NSString).appendingPathComponent(stagingName("staging", pid: getpid()))
        Self.removeOwnFolder(staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw .cannotCreate(path: staging, reason: String(cString: strerror(errno)))
        }
        do {
            let marker = (staging as NSString).appendingPathComponent(Self.stagingMarkerName)
            try Self.writeDurably(Self.manifest(files), to: marker)
            for (index, file) in files.enumerated() {
                let path = (staging as NSString).appendingPathComponent(file.name)
                if fault == .diskFull && index == 1 {
                    throw Problem.io(path: path, reason: String(cString: strerror(ENOSPC)))
                }
                try Self.writeDurably(file.bytes, to: path)
            }
            guard rename(marker, (staging as NSString).appendingPathComponent(Self.manifestName)) == 0 else {
                throw Problem.io(path: marker, reason: String(cString: strerror(errno)))
            }
            try Self.syncFolder(staging)
            // Checked again at the last moment: a file edited in the output while the run read is
            // a refusal (73), never an edit swept away into a folder of leftovers.
            try checkContents()
            let leftOver = try swapIntoPlace(staging)
            try Self.syncFolder(parent)
            return leftOver
        } catch let problem as Problem {
            Self.removeOwnFolder(staging)
            throw problem
        } catch {
            Self.removeOwnFolder(staging)
            throw .io(path: staging, reason: "\(error)")
        }
    }

    /// Returns where the previous result's leftovers are, if anything in it could not be removed.
    private func swapIntoPlace(_ staging: String) throws(Problem) -> String? {
        if fault == .rename { throw .io(path: outputFolder, reason: String(cString: strerror(EIO))) }
        if rename(staging, outputFolder) == 0 { return nil }  // no previous result
        guard errno == EEXIST || errno == ENOTEMPTY else {
            throw .io(path: outputFolder, reason: String(cString: strerror(errno)))
        }
        if huizong_exchange_paths(staging, outputFolder) == 0 {
            // It now holds the previous result, checked under the lock.
            return Self.removeOwnFolder(staging, checked: true) ? nil : staging
        }
        // No atomic exchange on this file system: move the old result aside, then rename.
        let aside = (parent as NSString).appendingPathComponent(stagingName("previous", pid: getpid()))
        guard rename(outputFolder, aside) == 0 else {
            throw .io(path: outputFolder, reason: String(cString: strerror(errno)))
        }
        guard rename(staging, outputFolder) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside, outputFolder)
            throw .io(path: outputFolder, reason: reason)
        }
        return Self.removeOwnFolder(aside, checked: true) ? nil : aside
    }

    /// A run killed mid-way leaves its staging folder; the next run removes what it can prove
    /// that run wrote, if the process that made it is gone.
    func removeAbandonedStaging() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names {
            let parts = name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].isEmpty, parts[1] == "huizong-staging" || parts[1] == "huizong-previous"
            else { continue }
            let rest = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard rest.count == 2, rest[1] == baseName, let pid = Int32(rest[0]), String(pid) == rest[0] else {
                continue
            }
            if pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM) { continue }  // still running
            Self.removeOwnFolder((parent as NSString).appendingPathComponent(name))
        }
    }

    // MARK: - What Huizong wrote

    /// `sha256  name` lines, as `sha256sum` writes them (so `sha256sum -c .huizong-manifest`
    /// checks the result), sealed by a comment line with the hash of those lines.
    static func manifest(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var text = ""
        for file in files { text += "\(sha256(file.bytes))  \(file.name)\n" }
        return Array(text.utf8) + Array((manifestSeal + sha256(Array(text.utf8)) + "\n").utf8)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        let hasher = SHA256Hasher()
        hasher.update(bytes[...])
        return hasher.finish()
    }

    /// The files a manifest (or staging marker) in `folder` lists with their hashes; nil unless it
    /// reads as Huizong's: it names only files Huizong writes, each once, and its seal, where it has
    /// one, checks (a manifest from before the seal has none). The seal catches a manifest edited by
    /// hand; what proves a file Huizong's is its bytes against the listed hash, checked by the caller.
    static func writtenList(in folder: String, name: String) -> WrittenList? {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let file = openWithoutFollowing(path), let bytes = try? file.contents(limit: 65_536), !bytes.isEmpty
        else { return nil }
        var body = bytes[...]
        let lastLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        if bytes[lastLine...].starts(with: Array(manifestSeal.utf8)) {
            guard
                String(decoding: bytes[lastLine...], as: UTF8.self)
                    == manifestSeal + sha256(Array(bytes[..<lastLine])) + "\n"
            else { return nil }
            body = bytes[..<lastLine]
        }
        var listed: [(name: String, sha256: String)] = []
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            guard line.count > 66, line.dropFirst(64).hasPrefix("  "), line.prefix(64).allSatisfy({ $0.isHexDigit })
            else { return nil }
            let name = String(line.dropFirst(66))
            guard OutputFiles.fileNames.contains(name), !listed.contains(where: { $0.name == name }) else { return nil }
            listed.append((name, String(line.prefix(64))))
        }
        return WrittenList(files: listed, isSealed: body.count < bytes.count)
    }

    /// What a manifest or staging marker lists, and whether it carries its seal.
    struct WrittenList {
        var files: [(name: String, sha256: String)]
        var isSealed: Bool
    }

    /// A regular file, never through a link (a link is not Huizong's file, whatever it points to).
    static func openWithoutFollowing(_ path: String) -> OpenedFile? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        return try? OpenedFile(descriptor: descriptor, path: path)
    }

    static func isRegularFile(_ folder: String, _ name: String) -> Bool {
        var status = stat()
        return lstat((folder as NSString).appendingPathComponent(name), &status) == 0
            && status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether the file is a regular file (not a link) whose bytes have the listed SHA-256.
    static func hasBytes(_ folder: String, _ entry: (name: String, sha256: String)) -> Bool {
        let path = (folder as NSString).appendingPathComponent(entry.name)
        guard let file = openWithoutFollowing(path) else { return false }
        return (try? SHA256Hasher.hash(file)) == entry.sha256
    }

    /// Removes a folder Huizong made (staging, or a previous result): only when it holds a list
    /// Huizong wrote (the staging marker, else the manifest), only the listed files whose bytes
    /// match, then the list and the folder if that leaves it empty. Anything else is left. A list
    /// without a seal (a manifest from before the seal) is removed only from the result this run
    /// checked itself (`checked`), never from a folder found lying about.
    /// Returns whether the folder is gone.
    @discardableResult
    static func removeOwnFolder(_ folder: String, checked: Bool = false) -> Bool {
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return true }
        let lists = [stagingMarkerName, manifestName].compactMap { name in
            writtenList(in: folder, name: name).map { (name: name, list: $0) }
        }
        // A staging marker is always sealed: an unsealed one is no marker of Huizong's.
        let usable = lists.filter { $0.list.isSealed || ($0.name == manifestName && checked) }
        for entry in usable.first?.list.files ?? [] {
            if hasBytes(folder, entry) {  // a regular file, never a link, with the listed bytes
                unlink((folder as NSString).appendingPathComponent(entry.name))
            }
            // A file a killed run was writing, inside its own sealed staging folder: never complete.
            if usable.first?.name == stagingMarkerName && isRegularFile(folder, partialPrefix + entry.name) {
                unlink((folder as NSString).appendingPathComponent(partialPrefix + entry.name))
            }
        }
        for list in usable { unlink((folder as NSString).appendingPathComponent(list.name)) }
        return rmdir(folder) == 0  // only if nothing else is left in it
    }

    // MARK: - Writing

    /// Writes a file whole and flushed, and gives it its name only once complete, so a killed run
    /// never leaves a torn file under an output's name: as an unnamed file (`O_TMPFILE`) where the
    /// file system has them, else under `.huizong-partial.<name>`, renamed when done.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(Problem) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = access("/proc/self/fd", F_OK) == 0 ? huizong_open_unnamed(folder) : -1
        if descriptor >= 0 {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: path)
            if huizong_link_unnamed(descriptor, path) == 0 { return }
        }
        let partial = (folder as NSString).appendingPathComponent(partialPrefix + (path as NSString).lastPathComponent)
        let named = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard named >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(named) }
        try writeAll(bytes, to: named, path: path)
        guard rename(partial, path) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }

    /// A file being written in a staging folder where the file system has no unnamed files.
    static let partialPrefix = ".huizong-partial."

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Problem) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }

    static func syncFolder(_ path: String) throws(Problem) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }
}
