import Foundation

/// One run per output folder: an exclusive `flock` on a lock file beside the output folder,
/// taken before any work and held until the process exits (the kernel drops it even after
/// kill -9). The holder writes its PID into the file so a second run can say who holds it.
package final class OutputLock {
    package let path: String
    private let descriptor: Int32

    package enum Problem: Error, Equatable {
        /// Another run holds the lock: exit 75.
        case held(path: String, pid: Int32?)
        /// The lock file cannot be created: exit 73.
        case cannotCreate(path: String, reason: String)
    }

    /// `.huizong-<name>.lock` in the output folder's parent (hidden, so never read as input).
    package static func lockPath(for outputFolder: String) -> String {
        let folder = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
        let parent = (folder as NSString).deletingLastPathComponent
        return (parent as NSString).appendingPathComponent(".huizong-\((folder as NSString).lastPathComponent).lock")
    }

    package static func acquire(for outputFolder: String) throws(Problem) -> OutputLock {
        let path = lockPath(for: outputFolder)
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: parent, reason: (error as NSError).localizedDescription)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(descriptor)
            close(descriptor)
            throw .held(path: path, pid: holder)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return OutputLock(path: path, descriptor: descriptor)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)  // releases the flock
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
