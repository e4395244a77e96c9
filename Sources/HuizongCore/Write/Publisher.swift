import CPlatform
import CSVReading
import Foundation

/// Publishes a result folder all or nothing: files are written and flushed in a staging
/// folder beside the output, which then takes the output's place by one atomic rename.
/// A reader sees the previous complete result or the new one, never a mix.
///
/// It deletes only what Huizong itself created: its own staging folders (named so that no
/// other folder's name can match), and an output folder it wrote, recognised by the manifest
/// of exactly the files it wrote there — and in those, only the files of that manifest.
public struct Publisher {
    /// Absolute, with every link in it resolved: the folder that is replaced.
    public let outputFolder: String

    /// Lists, in `sha256sum` form, exactly the files Huizong wrote into an output folder.
    public static let manifestName = ".huizong-manifest"

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
        case overlapsInput(String)
        case notAFolder
        /// It holds entries Huizong did not write (the first few named), or cannot be listed (none).
        case holdsOtherEntries([String], count: Int)
    }

    /// Failures no test can cause for real, handed in by tests: `diskFull` fails the second
    /// file's write with ENOSPC, `rename` fails putting the result in place with EIO.
    package enum Fault: String, Sendable {
        case diskFull = "disk_full"
        case rename
    }

    let fault: Fault?

    public init(outputFolder: String) {
        self.init(outputFolder: outputFolder, fault: nil)
    }

    package init(outputFolder: String, fault: Fault?) {
        self.outputFolder = Self.resolve(outputFolder)
        self.fault = fault
    }

    var parent: String { (outputFolder as NSString).deletingLastPathComponent }
    var baseName: String { (outputFolder as NSString).lastPathComponent }
    /// `.huizong-staging.<pid>.<name>`: the process id first, so `res` and `res-draft` never match.
    func stagingName(_ kind: String, pid: Int32) -> String { ".huizong-\(kind).\(pid).\(baseName)" }

    /// The path made absolute, with the links of its existing part resolved (`--out` may not exist yet).
    static func resolve(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while realpath(existing, nil) == nil && existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let resolved = realpath(existing, nil) else { return existing }
        defer { free(resolved) }
        return rest.reduce(String(cString: resolved)) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// Refuses, before anything is created, an output that must not be replaced: the root, one
    /// that is, holds or lies inside the input folder, a file, or a folder holding anything
    /// Huizong did not write; and one whose nearest existing parent cannot be written.
    public func check(inputFolder: String) throws(Problem) {
        guard outputFolder != "/", !baseName.isEmpty else {
            throw .refused(path: outputFolder, .root)
        }
        let input = Self.resolve(inputFolder)
        if outputFolder == input || outputFolder.hasPrefix(input + "/") || input.hasPrefix(outputFolder + "/") {
            throw .refused(path: outputFolder, .overlapsInput(input))
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

    /// Refuses an output folder that holds anything Huizong did not write there.
    func checkContents() throws(Problem) {
        var status = stat()
        guard lstat(outputFolder, &status) == 0 else { return }  // not there yet
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .refused(path: outputFolder, .notAFolder)
        }
        guard let foreign = Self.foreignEntries(in: outputFolder) else {
            throw .refused(path: outputFolder, .holdsOtherEntries([], count: 0))
        }
        guard foreign.isEmpty else {
            throw .refused(path: outputFolder, .holdsOtherEntries(Array(foreign.prefix(5)), count: foreign.count))
        }
    }

    /// Removes what killed runs left. Call with the lock held (taking it created the output's parents).
    public func prepare() throws(Problem) {
        try checkContents()  // again, now that no other run can change it
        removeAbandonedStaging()
    }

    /// Writes `files` and their manifest into a fresh staging folder and puts it in place of the
    /// output folder; the previous result is then removed, file by file of its manifest.
    public func publish(_ files: [(name: String, bytes: [UInt8])]) throws(Problem) {
        let staging = (parent as NSString).appendingPathComponent(stagingName("staging", pid: getpid()))
        Self.removeOwnFolder(staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw .cannotCreate(path: staging, reason: String(cString: strerror(errno)))
        }
        do {
            for (index, file) in files.enumerated() {
                let path = (staging as NSString).appendingPathComponent(file.name)
                if fault == .diskFull && index == 1 {
                    throw Problem.io(path: path, reason: String(cString: strerror(ENOSPC)))
                }
                try Self.writeDurably(file.bytes, to: path)
            }
            try Self.writeDurably(
                Self.manifest(files), to: (staging as NSString).appendingPathComponent(Self.manifestName))
            try Self.syncFolder(staging)
            try swapIntoPlace(staging)
            try Self.syncFolder(parent)
        } catch let problem as Problem {
            Self.removeOwnFolder(staging)
            throw problem
        } catch {
            Self.removeOwnFolder(staging)
            throw .io(path: staging, reason: "\(error)")
        }
    }

    private func swapIntoPlace(_ staging: String) throws(Problem) {
        if fault == .rename { throw .io(path: outputFolder, reason: String(cString: strerror(EIO))) }
        if rename(staging, outputFolder) == 0 { return }  // no previous result
        guard errno == EEXIST || errno == ENOTEMPTY else {
            throw .io(path: outputFolder, reason: String(cString: strerror(errno)))
        }
        if huizong_exchange_paths(staging, outputFolder) == 0 {
            Self.removeOwnFolder(staging)  // it now holds the previous result
            return
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
        Self.removeOwnFolder(aside)
    }

    /// A run killed mid-way leaves its staging folder; the next run removes it, if the process
    /// that made it is gone.
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

    /// `sha256  name` lines, as `sha256sum` writes them, so `sha256sum -c .huizong-manifest` checks the result.
    static func manifest(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var text = ""
        for file in files {
            let hasher = SHA256Hasher()
            hasher.update(file.bytes[...])
            text += "\(hasher.finish())  \(file.name)\n"
        }
        return Array(text.utf8)
    }

    /// The names a manifest lists; nil if the folder has none, or it is not one.
    static func manifestNames(in folder: String) -> Set<String>? {
        let path = (folder as NSString).appendingPathComponent(manifestName)
        guard let file = try? OpenedFile(path: path), let bytes = try? file.contents(limit: 65_536) else { return nil }
        var names: Set<String> = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard line.count > 66, line.dropFirst(64).hasPrefix("  "),
                line.prefix(64).allSatisfy({ $0.isHexDigit })
            else { return nil }
            let name = String(line.dropFirst(66))
            guard !name.contains("/"), name != "..", name != "." else { return nil }
            names.insert(name)
        }
        return names
    }

    /// What a folder holds besides what Huizong wrote there: every entry not in its manifest,
    /// and anything that is not a regular file. A folder an earlier Huizong wrote (no manifest,
    /// only its own file names and a department.json of its schema) counts as Huizong's.
    /// nil: the folder cannot be listed.
    static func foreignEntries(in folder: String) -> [String]? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let own: Set<String>
        if let listed = manifestNames(in: folder) {
            own = listed.union([manifestName])
        } else if entries.contains("department.json"),
            isHuizongResult((folder as NSString).appendingPathComponent("department.json"))
        {
            own = Set(OutputFiles.fileNames)
        } else {
            own = []
        }
        return entries.filter { name in
            var status = stat()
            let isFile =
                lstat((folder as NSString).appendingPathComponent(name), &status) == 0
                && status.st_mode & S_IFMT == S_IFREG
            return !own.contains(name) || !isFile
        }.sorted()
    }

    private static func isHuizongResult(_ path: String) -> Bool {
        guard let head = try? OpenedFile(path: path).prefix(256) else { return false }
        return String(decoding: head, as: UTF8.self).contains("\"schema\": \"\(OutputFiles.schema)\"")
    }

    /// Removes a folder Huizong made (staging, or a previous result): only the files its manifest
    /// and Huizong's own file names name, then the folder if that leaves it empty. Anything else
    /// someone put there is left, and so is the folder.
    static func removeOwnFolder(_ folder: String) {
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        let names = (manifestNames(in: folder) ?? []).union(OutputFiles.fileNames).union([manifestName])
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            if lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
        rmdir(folder)
    }

    // MARK: - Writing

    static func writeDurably(_ bytes: [UInt8], to path: String) throws(Problem) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
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
