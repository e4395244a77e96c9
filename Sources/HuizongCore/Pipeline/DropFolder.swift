import CPlatform
import CSVReading
import Foundation

/// The files of a year's drop folder: every entry at any depth, in byte order of its path.
///
/// The folder is untrusted. It is walked by descriptor (`openat`), so paths longer than
/// PATH_MAX work and nothing is reached through a linked folder; files are opened below the
/// folder's descriptor, so a link is followed only while it stays inside the folder. Every
/// entry is accounted for: a file to read, or one that is not read, with the reason.
package final class DropFolder: @unchecked Sendable {
    // @unchecked: immutable after init; the root descriptor is only read (openat is thread-safe).

    package struct File: Sendable, Hashable {
        /// Where it is on disk (for tests and tools; Huizong itself opens `relative` below the root).
        package var path: String
        /// Relative to the drop folder: how outputs name it, the same on every machine. Bytes
        /// that are not UTF-8 are shown as `\xNN` (and a backslash as `\\`).
        package var displayPath: String
        /// Bytes on disk when listed (0 for a link): which files to start first.
        package var size = 0
        /// Why it is not read; nil for a file to read.
        package var notRead: NotRead?
        /// What a link says, for a message if it leads outside the folder.
        package var linkTarget: String?
        /// The path below the root as its bytes, '/'-separated: what is opened.
        let relative: [UInt8]
    }

    /// Entries that are listed but never read.
    package enum NotRead: Sendable, Hashable {
        /// A FIFO, device or socket: reading could hang or never end.
        case special(kind: FileType)
        /// A link to a folder: not followed, so there are no loops and nothing outside is reached.
        case linkedFolder(target: String)
        /// A folder whose name starts with a dot (`.git`, Huizong's own staging).
        case hiddenFolder
        /// A folder that could not be opened or listed.
        case unlistable(reason: String)
        /// Deeper than `maxDepth`.
        case tooDeep
    }

    package enum Problem: Error, Equatable {
        case missing(String)
        case notAFolder(String)
        case unreadable(String, reason: String)
    }

    /// Folders nested deeper than this are reported, not walked.
    package static let maxDepth = 64

    package let root: String
    package let files: [File]
    private let rootDescriptor: Int32

    /// Lists the folder. `root` itself may be a link (the administrator named it); nothing below it is
    /// reached through one.
    package init(root: String) throws(Problem) {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw .missing(root)
            case ENOTDIR: throw .notAFolder(root)
            default: throw .unreadable(root, reason: String(cString: strerror(errno)))
            }
        }
        var found: [File] = []
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        // The walk closes what it lists: it gets its own copy of the root descriptor, kept for opening files.
        if let reason = Self.walk(
            fcntl(descriptor, F_DUPFD_CLOEXEC, 0), relative: [], root: rootPath, depth: 0, into: &found)
        {
            close(descriptor)
            throw .unreadable(root, reason: reason)
        }
        rootDescriptor = descriptor
        self.root = rootPath
        files = found.sorted { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
    }

    deinit {
        close(rootDescriptor)
    }

    /// Lists the open folder `directory` (at `relative` below the root) into `found`; closes it.
    /// Returns why it could not be listed, or nil.
    private static func walk(
        _ directory: Int32, relative: [UInt8], root: String, depth: Int,
        into found: inout [File]
    ) -> String? {
        guard let stream = fdopendir(directory) else {
            let reason = String(cString: strerror(errno))
            close(directory)
            return reason
        }
        defer { closedir(stream) }  // closes `directory` too
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                return errno == 0 ? nil : String(cString: strerror(errno))
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let path = relative.isEmpty ? name : relative + [0x2F] + name
            var file = File(path: "", displayPath: displayName(path), relative: path)
            file.path = root + "/" + file.displayPath
            var status = stat()
            guard withCString(name, { fstatat(directory, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                file.notRead = .unlistable(reason: String(cString: strerror(errno)))
                found.append(file)
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                file.size = Int(status.st_size)
                found.append(file)
            case S_IFDIR:
                file.displayPath += "/"
                if name.first == 0x2E {
                    file.notRead = .hiddenFolder
                    found.append(file)
                } else if depth + 1 >= maxDepth {
                    file.notRead = .tooDeep
                    found.append(file)
                } else {
                    let child = withCString(name) {
                        openat(directory, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    }
                    let reason =
                        child < 0
                        ? String(cString: strerror(errno))
                        : walk(child, relative: path, root: root, depth: depth + 1, into: &found)
                    if let reason {
                        file.notRead = .unlistable(reason: reason)
                        found.append(file)
                    }
                }
            case S_IFLNK:
                let target = readLink(directory, name)
                file.linkTarget = target
                var targetStatus = stat()
                if withCString(name, { fstatat(directory, $0, &targetStatus, 0) }) == 0
                    && targetStatus.st_mode & S_IFMT == S_IFDIR
                {
                    file.displayPath += "/"
                    file.notRead = .linkedFolder(target: target)
                }
                found.append(file)  // a linked file is opened below the root, or reported
            default:
                file.notRead = .special(kind: FileType(mode: status.st_mode))
                found.append(file)
            }
        }
    }

    /// Reads one listed entry: opens it below the root (never outside), and reads it only if it is
    /// a regular file; everything else becomes a finding naming it.
    package func read(_ file: File, options: ReadingOptions = ReadingOptions()) -> FileResult {
        if let notRead = file.notRead { return Self.notReadResult(file, notRead) }
        let descriptor = withCString(file.relative) {
            huizong_open_beneath(rootDescriptor, $0, O_RDONLY | O_NONBLOCK | O_NOCTTY)
        }
        guard descriptor >= 0 else {
            let code = errno
            if let target = file.linkTarget, code == EXDEV {
                return FileResult(
                    notRead: file.displayPath, Finding(.fileLinkOutside(target: target), file: file.displayPath))
            }
            return InputFileReader.openFailure(
                .unreadable(path: file.displayPath, reason: String(cString: strerror(code))),
                displayPath: file.displayPath)
        }
        do {
            return InputFileReader.read(
                try OpenedFile(descriptor: descriptor, path: file.displayPath), displayPath: file.displayPath,
                options: options)
        } catch {
            return InputFileReader.openFailure(error, displayPath: file.displayPath)
        }
    }

    static func notReadResult(_ file: File, _ notRead: NotRead) -> FileResult {
        let path = file.displayPath
        let finding: Finding
        switch notRead {
        case .special(let kind):
            return InputFileReader.openFailure(.notRegular(path: path, kind: kind), displayPath: path)
        case .linkedFolder(let target):
            finding = Finding(.folderLink(target: target), file: path)
        case .hiddenFolder:
            var result = FileResult(notRead: path, Finding(.folderHidden, file: path))
            result.input.kind = "skipped"
            return result
        case .unlistable(let reason):
            finding = Finding(.folderUnreadable(reason: reason), file: path)
        case .tooDeep:
            finding = Finding(.folderTooDeep(maxDepth: maxDepth), file: path)
        }
        return FileResult(notRead: path, finding)
    }

    private static func readLink(_ directory: Int32, _ name: [UInt8]) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { target in
                withCString(name) { readlinkat(directory, $0, target.baseAddress!, target.count) }
            }
        }
        return count < 0 ? "?" : displayName(Array(buffer[..<count]))
    }

    /// A name's bytes as text: UTF-8 as it is, every other byte as `\xNN`, a backslash as `\\`,
    /// so two different names never look alike.
    package static func displayName(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            if length == 1 {
                text += byte == 0x5C ? "\\\\" : String(UnicodeScalar(byte))
                index += 1
            } else if length > 0, index + length <= bytes.count,
                let character = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                text += character
                index += length
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return text
    }
}

/// Calls `body` with `bytes` as a NUL-terminated C string (a file name as it is on disk, UTF-8 or not).
private func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
    (bytes + [0]).withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
