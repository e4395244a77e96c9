import CCrypto

/// Incremental SHA-256, so a file is hashed in the same pass that parses it.
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    /// The digest as 64 lowercase hex digits. Call once.
    public func finish() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        let hex: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for byte in digest.prefix(Int(length)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
    }

    /// Hashes a whole file by path (for tests and tools).
    public static func hashFile(at path: String) throws -> String {
        try hash(OpenedFile(path: path))
    }

    /// Hashes a whole open file (for files that are not parsed, such as a stray .xlsx).
    public static func hash(_ file: OpenedFile) throws -> String {
        let hasher = SHA256Hasher()
        try forEachChunk(of: file) { hasher.update($0) }
        return hasher.finish()
    }
}

extension SHA256Hasher {
    /// The digest of zero bytes.
    public static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}
