import Foundation

/// The files of a year's drop folder: every file at any depth, in byte order of their path.
public struct DropFolder: Sendable {
    public struct File: Sendable, Hashable {
        /// Where it is on disk.
        public var path: String
        /// Relative to the drop folder: how outputs name it, the same on every machine.
        public var displayPath: String
        /// Bytes on disk when listed (0 for a link): which files to start first.
        public var size = 0
    }

    public let root: String
    public let files: [File]

    public enum Problem: Error, Equatable {
        case missing(String)
        case notAFolder(String)
        case unreadable(String, reason: String)
    }

    /// Lists the folder, leaving out hidden folders (`.git`, Huizong's own staging) and any
    /// folder in `excluding` (the output folder, when it lies inside the input).
    public init(root: String, excluding: [String] = []) throws(Problem) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { throw .missing(root) }
        guard isDirectory.boolValue else { throw .notAFolder(root) }
        guard access(root, R_OK | X_OK) == 0 else { throw .unreadable(root, reason: String(cString: strerror(errno))) }
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        guard let walker = FileManager.default.enumerator(atPath: rootURL.path) else {
            throw .unreadable(root, reason: "cannot list")
        }
        var found: [File] = []
        while let relative = walker.nextObject() as? String {
            let full = rootURL.appendingPathComponent(relative).path
            // lstat, not the walker's attributes: those look up the owner's name in /etc/passwd, per file.
            var status = stat()
            let type = lstat(full, &status) == 0 ? status.st_mode & S_IFMT : 0
            let name = (relative as NSString).lastPathComponent
            if type == S_IFDIR {
                if name.hasPrefix(".") || excluded.contains(full) { walker.skipDescendants() }
                continue
            }
            if name.hasPrefix(".huizong-") { continue }  // Huizong's own lock file
            if type == S_IFLNK {
                // A linked file is read like any other (a dangling link is then reported as
                // unreadable); linked folders are not followed, so there are no loops.
                var targetIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &targetIsDirectory), targetIsDirectory.boolValue {
                    continue
                }
            } else if type != S_IFREG {
                continue
            }
            found.append(File(path: full, displayPath: relative, size: type == S_IFREG ? Int(status.st_size) : 0))
        }
        self.root = rootURL.path
        files = found.sorted { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
    }
}
