import CTextScan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be read at all (as opposed to a bad record inside it).
public enum FileReadError: Error, Sendable, Equatable {
    /// open(2) or read(2) failed; `reason` is the system's words.
    case unreadable(path: String, reason: String)
    /// Bytes that are not valid in the file's encoding, first seen on `line`.
    case invalidEncoding(path: String, encoding: TextEncoding, line: Int)
    /// A NUL character (valid in the encoding, never text in an export), first seen on `line`.
    case nul(path: String, line: Int)
    /// Not a regular file (a FIFO, device, socket or folder): never read.
    case notRegular(path: String, kind: FileType)
    /// The file changed between being opened and read to the end (still being written).
    case changedWhileRead(path: String)
}

/// A CSV file on disk: its signature read up front, its records streamed on demand.
/// Nothing is held whole in memory: chunks of `chunkSize` bytes pass through.
public struct CSVFile: Sendable {
    public static let sniffSize = 64 * 1024
    public static let chunkSize = 1 << 18

    public let file: OpenedFile
    public var path: String { file.path }
    public let signature: FileSignature
    /// The first up to 64 KiB as UTF-8, cut at a line break: what delimiter and header
    /// sniffing look at. Empty unless the signature is text.
    public let decodedPrefix: [UInt8]
    /// Whether `decodedPrefix` is the whole file; if not, a longer line was cut off after it.
    public let prefixIsWholeFile: Bool

    public init(path: String) throws(FileReadError) {
        try self.init(try OpenedFile(path: path))
    }

    public init(_ file: OpenedFile) throws(FileReadError) {
        self.file = file
        let prefix = try file.prefix(min(Self.sniffSize + 1, file.size + 1))
        let isWhole = prefix.count <= Self.sniffSize
        prefixIsWholeFile = isWhole
        let window = Array(prefix.prefix(Self.sniffSize))
        signature = FileSignature.detect(prefix: window, isWholeFile: isWhole)
        guard case .text(let encoding) = signature else {
            decodedPrefix = []
            return
        }
        var transcoder = Transcoder(encoding: encoding)
        var decoded: [UInt8] = []
        _ = transcoder.convert(window[...], into: &decoded, isLast: isWhole)
        if !isWhole {
            // Only whole lines: a header cut by the window would be read as a narrower one.
            let lastBreak = decoded.lastIndex(where: { $0 == 0x0A || $0 == 0x0D })
            decoded.removeSubrange((lastBreak.map { $0 + 1 } ?? 0)...)
        }
        decodedPrefix = decoded
    }

    /// What one pass over the file measured.
    public struct ReadSummary: Sendable {
        public var sha256: String
        public var byteCount: Int

        public init(sha256: String, byteCount: Int) {
            self.sha256 = sha256
            self.byteCount = byteCount
        }
    }

    /// Streams every record of the file through a strict libcsv parser, hashing the raw bytes
    /// on the way. Records are first offered to `takeFields` as borrowed fields (see
    /// `RecordParser.feed`); those it declines, and all others, go to `consume`.
    /// - Throws: `FileReadError` for I/O failures and invalid encoding, after the records
    ///   that came before the failure were consumed; whatever `consume` throws.
    @discardableResult
    public func readRecords(
        delimiter: UInt8, chunkSize: Int = CSVFile.chunkSize, libcsvOnly: Bool = false,
        fields takeFields: (RecordFields, Int) throws -> Bool = { _, _ in false },
        _ consume: (RecordEvent) throws -> Void
    ) throws -> ReadSummary {
        let hasher = SHA256Hasher()
        var byteCount = 0
        guard case .text(let encoding) = signature else {
            try forEachChunk(of: file) {
                hasher.update($0)
                byteCount += $0.count
            }
            try file.checkUnchanged(bytesRead: byteCount)
            return ReadSummary(sha256: hasher.finish(), byteCount: byteCount)
        }
        let parser = RecordParser(delimiter: delimiter, libcsvOnly: libcsvOnly)
        if encoding == .utf8 || encoding == .utf8WithBOM {
            return try readUTF8(
                parser: parser, hasher: hasher, skipBOM: encoding == .utf8WithBOM,
                chunkSize: chunkSize, takeFields, consume)
        }
        var transcoder = Transcoder(encoding: encoding)
        var text: [UInt8] = []
        text.reserveCapacity(Self.chunkSize + 16)
        func pass(_ chunk: ArraySlice<UInt8>, isLast: Bool) throws {
            text.removeAll(keepingCapacity: true)
            let outcome = transcoder.convert(chunk, into: &text, isLast: isLast)
            try parser.feed(text[...], fields: takeFields, consume)
            switch outcome {
            case .ok: break
            case .invalid: throw FileReadError.invalidEncoding(path: path, encoding: encoding, line: parser.line)
            case .nul: throw FileReadError.nul(path: path, line: parser.line)
            }
        }
        try forEachChunk(of: file) { chunk in
            hasher.update(chunk)
            byteCount += chunk.count
            try pass(chunk, isLast: false)
        }
        try file.checkUnchanged(bytesRead: byteCount)
        try pass([][...], isLast: true)
        try parser.finish(consume)
        return ReadSummary(sha256: hasher.finish(), byteCount: byteCount)
    }

    /// UTF-8 needs no conversion: each chunk is validated where it was read and parsed from
    /// there. A character cut by the chunk's end moves to the front of the buffer for the next.
    private func readUTF8(
        parser: RecordParser, hasher: SHA256Hasher, skipBOM: Bool, chunkSize: Int,
        _ takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) throws -> ReadSummary {
        let chunkSize = bufferSize(file, chunkSize)
        var buffer = [UInt8](repeating: 0, count: chunkSize + 4)
        var carry = 0
        var byteCount = 0
        var skip = skipBOM ? 3 : 0
        let invalid = FileReadError.invalidEncoding(path: path, encoding: skipBOM ? .utf8WithBOM : .utf8, line: 0)
        try buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while true {
                let got = try file.read(into: base + carry, count: chunkSize, at: byteCount)
                if got == 0 {
                    try file.checkUnchanged(bytesRead: byteCount)
                    if carry > 0 { throw invalid.at(line: parser.line) }  // a character never finished
                    return
                }
                hasher.update(UnsafeRawBufferPointer(start: base + carry, count: got))
                byteCount += got
                let available = carry + got
                let cut = completeCharacters(base, available)
                let start = min(skip, cut)
                skip -= start
                let text = UnsafeRawBufferPointer(start: base + start, count: cut - start)
                if !isValidText(text) {
                    var validator = UTF8Validator()
                    let valid = validator.validate(Array(text)[...])
                    try parser.feed(UnsafeRawBufferPointer(rebasing: text[..<valid]), fields: takeFields, consume)
                    // The validator stops at a NUL too: valid UTF-8, but never text in an export.
                    if valid < text.count && text[valid] == 0 { throw FileReadError.nul(path: path, line: parser.line) }
                    throw invalid.at(line: parser.line)
                }
                try parser.feed(text, fields: takeFields, consume)
                carry = available - cut
                if carry > 0 { memmove(base, base + cut, carry) }
            }
        }
        try parser.finish(consume)
        return ReadSummary(sha256: hasher.finish(), byteCount: byteCount)
    }

    static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// Reads a file front to back in chunks of `CSVFile.chunkSize`.
func forEachChunk(of file: OpenedFile, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
    var chunk = [UInt8](repeating: 0, count: bufferSize(file, CSVFile.chunkSize))
    var offset = 0
    while true {
        let count = try chunk.withUnsafeMutableBytes { (raw) throws(FileReadError) -> Int in
            try file.read(into: raw.baseAddress!, count: raw.count, at: offset)
        }
        if count == 0 { return }
        offset += count
        try body(chunk[..<count])
    }
}

/// How many bytes to read at a time from an open file: `chunkSize`, or less for a small file
/// (zeroing a whole chunk for each of many small files adds up).
func bufferSize(_ file: OpenedFile, _ chunkSize: Int) -> Int {
    max(1, min(chunkSize, file.size + 1))
}

/// Where the last complete character of `count` bytes ends: a sequence the chunk cut short
/// waits for the next chunk (invalid bytes are left in, for validation to find).
func completeCharacters(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
    var lead = count - 1
    while lead >= 0 && lead >= count - 4 && base[lead] & 0xC0 == 0x80 { lead -= 1 }
    guard lead >= 0 else { return count }
    let byte = base[lead]
    let length = byte < 0x80 ? 1 : byte >= 0xF0 && byte <= 0xF7 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
    return lead + length > count ? lead : count
}

/// Valid UTF-8 without NUL (CTextScan: AVX2 where the CPU has it).
func isValidText(_ text: UnsafeRawBufferPointer) -> Bool {
    guard text.count > 0 else { return true }
    return hz_text_is_valid(text.baseAddress!.assumingMemoryBound(to: UInt8.self), text.count) == 1
}

extension FileReadError {
    func at(line: Int) -> FileReadError {
        guard case .invalidEncoding(let path, let encoding, _) = self else { return self }
        return .invalidEncoding(path: path, encoding: encoding, line: line)
    }
}
