#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file, opened once: everything read of it (signature, records, hash) comes through
/// this one descriptor, so the file read is the file that was checked. Opening never blocks
/// (O_NONBLOCK), and only a regular file is kept: a FIFO, device or socket is refused before a
/// byte is read, so `/dev/zero` or a pipe nobody writes to cannot hang a run.
public final class OpenedFile: @unchecked Sendable {
    // @unchecked: immutable after init; reads use pread, which has no shared file offset.
    public let descriptor: Int32
    /// How it was when opened: what `checkUnchanged` compares with.
    public let status: stat
    /// How messages name it.
    public let path: String

    public var size: Int { Int(status.st_size) }

    /// Opens `path` for reading, following links (for files named on the command line).
    public convenience init(path: String) throws(FileReadError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: Self.systemMessage()) }
        try self.init(descriptor: descriptor, path: path)
    }

    /// Takes ownership of an open descriptor; closes it and throws if it is not a regular file.
    public init(descriptor: Int32, path: String) throws(FileReadError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Self.systemMessage()
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(path: path, kind: FileType(mode: status.st_mode))
        }
        self.descriptor = descriptor
        self.status = status
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(FileReadError) -> Int {
        while true {
            let got = pread(descriptor, buffer, count, off_t(offset))
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw .unreadable(path: path, reason: Self.systemMessage())
        }
    }

    /// The first `count` bytes, or fewer if the file is shorter.
    public func prefix(_ count: Int) throws(FileReadError) -> [UInt8] {
        var failure: FileReadError?
        // Read straight into the array: a file read whole (a 64 MiB report.docx) is held once, not twice.
        let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
            var filled = 0
            while filled < count {
                do throws(FileReadError) {
                    let got = try read(into: buffer.baseAddress! + filled, count: count - filled, at: filled)
                    if got == 0 { break }
                    filled += got
                } catch {
                    failure = error
                    break
                }
            }
            initialized = filled
        }
        if let failure { throw failure }
        return bytes
    }

    /// The whole file, for small files read at once (a scheme, a manifest); nil if it is larger than `limit`.
    public func contents(limit: Int) throws(FileReadError) -> [UInt8]? {
        guard size <= limit else { return nil }
        let bytes = try prefix(size)
        try checkUnchanged(bytesRead: bytes.count)
        return bytes
    }

    /// Throws `changedWhileRead` when the file is no longer what was opened: `bytesRead` differs
    /// from its size then, or its size, modification or change time differ now. A file still
    /// being written would otherwise give a torn last row.
    public func checkUnchanged(bytesRead: Int) throws(FileReadError) {
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { throw .unreadable(path: path, reason: Self.systemMessage()) }
        let same =
            bytesRead == size && now.st_size == status.st_size
            && now.st_mtim.tv_sec == status.st_mtim.tv_sec && now.st_mtim.tv_nsec == status.st_mtim.tv_nsec
            && now.st_ctim.tv_sec == status.st_ctim.tv_sec && now.st_ctim.tv_nsec == status.st_ctim.tv_nsec
        if !same { throw .changedWhileRead(path: path) }
    }

    static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// What kind of file something in a folder is, when it is not a regular file.
public enum FileType: Sendable, Hashable {
    case folder, fifo, characterDevice, blockDevice, socket, link, other

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .link
        default: self = .other
        }
    }
}
