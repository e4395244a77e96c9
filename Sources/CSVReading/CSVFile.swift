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

    /// UTF-8 needs no conversion: read front to back by one `UTF8PartReader`.
    private func readUTF8(
        parser: RecordParser, hasher: SHA256Hasher, skipBOM: Bool, chunkSize: Int,
        _ takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) throws -> ReadSummary {
        // The byte order mark is hashed, not parsed (the signature read it).
        if skipBOM { hasher.update([0xEF, 0xBB, 0xBF][...]) }
        let reader = UTF8PartReader(file: self, parser: parser, start: skipBOM ? 3 : 0, chunkSize: chunkSize)
        try reader.read(to: nil, hasher: hasher, fields: takeFields, consume)
        try file.checkUnchanged(bytesRead: reader.offset)
        try reader.finish(consume)
        return ReadSummary(sha256: hasher.finish(), byteCount: reader.offset)
    }

    /// Where to cut a UTF-8 file into parts read on their own cores: just after the first line feed
    /// at or past each of `targets` (byte offsets, ascending), past the first 64 KiB where the header
    /// is. A target with no line feed after it, or one that falls in the previous part, is dropped.
    /// Whether a cut really lies between records is known only when the part before it is read.
    public func partStarts(near targets: [Int]) throws(FileReadError) -> [Int] {
        guard case .text(let encoding) = signature, encoding == .utf8 || encoding == .utf8WithBOM else { return [] }
        var starts: [Int] = []
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { window.deallocate() }
        for target in targets {
            var offset = max(target, Self.sniffSize, (starts.last ?? 0) + 1)
            var found: Int?
            while found == nil && offset < file.size {
                let got = try file.read(into: window.baseAddress!, count: window.count, at: offset)
                if got == 0 { break }
                // memchr: a target inside a long field may lie hundreds of MB before its line feed.
                if let feed = memchr(window.baseAddress!, 0x0A, got) {
                    found = offset + window.baseAddress!.distance(to: feed) + 1
                }
                offset += got
            }
            guard let start = found, start < file.size else { break }
            starts.append(start)
        }
        return starts
    }

    /// Hashes the bytes from `offset` to the end into `hasher` and checks that the file did not
    /// change; returns the file's length.
    public func hashRest(from offset: Int, into hasher: SHA256Hasher) throws -> Int {
        let end = try forEachChunk(of: file, from: offset) { hasher.update($0) }
        try file.checkUnchanged(bytesRead: end)
        return end
    }

    static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// UTF-8 text read from a byte offset through one parser: a whole file, or one part of a big one
/// read on a core of its own (`CSVFile.partStarts`). Each chunk is validated where it was read and
/// parsed from there; a character cut by the chunk's end moves to the front of the buffer for the
/// next. Lines count from 1 at the start until `renumber` places the part in its file.
public final class UTF8PartReader {
    public let file: CSVFile
    let parser: RecordParser
    private var buffer: [UInt8]
    private let chunkSize: Int
    /// Bytes of a character cut by the last chunk, waiting at the front of `buffer`.
    private var carry = 0
    /// The file offset of the next byte to read.
    public private(set) var offset: Int
    private let invalid: FileReadError

    /// - Parameter start: 0, 3 past a byte order mark, or a line start from `CSVFile.partStarts`.
    public convenience init(file: CSVFile, delimiter: UInt8, start: Int) {
        self.init(file: file, parser: RecordParser(delimiter: delimiter), start: start, chunkSize: CSVFile.chunkSize)
    }

    init(file: CSVFile, parser: RecordParser, start: Int, chunkSize: Int) {
        self.file = file
        self.parser = parser
        self.offset = start
        self.chunkSize = bufferSize(file.file, chunkSize)
        buffer = [UInt8](repeating: 0, count: self.chunkSize + 4)
        let encoding: TextEncoding = if case .text(let detected) = file.signature { detected } else { .utf8 }
        invalid = FileReadError.invalidEncoding(path: file.path, encoding: encoding, line: 0)
    }

    /// The line the next record starts on.
    public var line: Int { parser.line }

    /// True when what was read ends between two records: a part read from here on its own reads
    /// what reading on would.
    public var isBetweenRecords: Bool { carry == 0 && parser.isBetweenRecords }

    /// Numbers this part's lines from here on as its file does: `linesBefore` lines came before it.
    public func renumber(linesBefore: Int) {
        parser.shiftLines(by: linesBefore)
    }

    /// Reads on to the file offset `end` (a line start), or to the end of the file when nil,
    /// hashing what it reads into `hasher`.
    /// - Throws: `FileReadError` for I/O failures, invalid UTF-8 and NUL; whatever the closures throw.
    public func read(
        to end: Int?, hasher: SHA256Hasher?, fields takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) throws {
        try buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while end.map({ offset < $0 }) ?? true {
                let want = end.map { min(chunkSize, $0 - offset) } ?? chunkSize
                let got = try file.file.read(into: base + carry, count: want, at: offset)
                if got == 0 { return }
                hasher?.update(UnsafeRawBufferPointer(start: base + carry, count: got))
                offset += got
                let available = carry + got
                let cut = completeCharacters(base, available)
                let text = UnsafeRawBufferPointer(start: base, count: cut)
                // Validated and classified in one pass while the chunk is in cache.
                if !parser.scan(text) {
                    var validator = UTF8Validator()
                    let valid = validator.validate(Array(text)[...])
                    try parser.feed(UnsafeRawBufferPointer(rebasing: text[..<valid]), fields: takeFields, consume)
                    // The validator stops at a NUL too: valid UTF-8, but never text in an export.
                    if valid < text.count && text[valid] == 0 {
                        throw FileReadError.nul(path: file.path, line: parser.line)
                    }
                    throw invalid.at(line: parser.line)
                }
                try parser.feed(text, scanned: true, fields: takeFields, consume)
                carry = available - cut
                if carry > 0 { memmove(base, base + cut, carry) }
            }
        }
    }

    /// Ends the file: a character never finished is invalid; the last record may have no line break.
    public func finish(_ consume: (RecordEvent) throws -> Void) throws {
        if carry > 0 { throw invalid.at(line: parser.line) }
        try parser.finish(consume)
    }
}

/// Reads a file from `offset` (by default its start) to its end in chunks of `CSVFile.chunkSize`;
/// returns the offset of its end.
@discardableResult
func forEachChunk(of file: OpenedFile, from offset: Int = 0, _ body: (ArraySlice<UInt8>) throws -> Void) throws
    -> Int
{
    var chunk = [UInt8](repeating: 0, count: bufferSize(file, CSVFile.chunkSize))
    var offset = offset
    while true {
        let count = try chunk.withUnsafeMutableBytes { (raw) throws(FileReadError) -> Int in
            try file.read(into: raw.baseAddress!, count: raw.count, at: offset)
        }
        if count == 0 { return offset }
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

extension FileReadError {
    func at(line: Int) -> FileReadError {
        guard case .invalidEncoding(let path, let encoding, _) = self else { return self }
        return .invalidEncoding(path: path, encoding: encoding, line: line)
    }
}
