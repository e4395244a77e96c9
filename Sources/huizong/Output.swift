import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stdout or stderr, written with write(2): a full disk, a closed pipe or an I/O error stops
/// the writing to that stream and is remembered, never a trap (as `FileHandle.write` does)
/// and never lost in silence (as `print` is).
final class StandardStream: @unchecked Sendable {
    // @unchecked: `failedState`, the only mutable property, is touched only while `lock` is held.
    static let output = StandardStream(descriptor: STDOUT_FILENO)
    static let error = StandardStream(descriptor: STDERR_FILENO)

    let descriptor: Int32
    // Held for the whole write, so lines from several threads never interleave.
    private let lock = NSLock()
    private var failedState = false

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether some text could not be written (all of it, or the rest after the failure).
    var failed: Bool { lock.withLock { failedState } }

    func write(_ text: String) {
        lock.withLock {
            guard !failedState else { return }
            failedState = !writeAll(Array(text.utf8), to: descriptor)
        }
    }
}

/// Writes every byte, retrying after a signal; false on any error (EPIPE, ENOSPC, EIO, …).
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                // An error, or a write that took nothing (which would otherwise loop forever).
                return false
            }
        }
        return true
    }
}
