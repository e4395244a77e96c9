import CLibCSV
import CTextScan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One CSV record as libcsv returned it, with the physical line it starts on.
///
/// The fields live in one byte buffer; the parser reuses it for the next record, so a
/// consumer that keeps a record keeps a copy.
public struct Record: Sendable {
    /// 1-based line of the file on which the record starts (what a text editor shows).
    public internal(set) var line: Int = 0
    /// The fields' bytes; field `i` is `bytes[starts[i]..<ends[i]]` (delimiters may lie between).
    /// The buffers only grow: a record reuses them, and `fieldCount` and `length` say how much
    /// is this record's, so the hot loop never clears or re-appends.
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var starts: [Int] = []
    @usableFromInline var ends: [Int] = []
    @usableFromInline var fieldCount = 0
    var length = 0

    init() {}

    /// A record of `fields` starting on `line`: what a workbook's row or another source becomes.
    public init(line: Int, fields: [String]) {
        self.line = line
        for field in fields {
            var field = field
            field.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// A copy of borrowed `fields`, on `line`: a row kept past the moment it was read.
    public init(line: Int, copying fields: RecordFields) {
        self.line = line
        for index in 0..<fields.count { append(UnsafeRawBufferPointer(fields[index])) }
    }

    /// An empty record on `line`, for a source that builds its records field by field.
    public init(line: Int) {
        self.line = line
    }

    public var count: Int { fieldCount }

    /// Empties the record, keeping its buffers, for the row on `line`.
    public mutating func restart(line: Int) {
        reset()
        self.line = line
    }

    /// The record's fields as borrowed bytes, for reading a row without copies or reference
    /// counting (the hot loop's way). Valid only inside `body`.
    @inlinable @inline(__always)
    public func withUnsafeFields<Result>(_ body: (RecordFields) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try starts.withUnsafeBufferPointer { starts in
                try ends.withUnsafeBufferPointer { ends in
                    try body(
                        RecordFields(
                            base: bytes.baseAddress, starts: starts.baseAddress, ends: ends.baseAddress,
                            count: fieldCount))
                }
            }
        }
    }

    /// The raw UTF-8 bytes of field `index`.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        bytes[starts[index]..<ends[index]]
    }

    /// Field `index` as text.
    public subscript(index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    public var fields: [String] { (0..<count).map { self[$0] } }

    /// True when every field is empty or spaces (`,,,` is how spreadsheets write a blank row).
    public var isBlank: Bool { withUnsafeFields(\.isBlank) }

    /// Room for `byteCount` bytes and `fields` fields, keeping what is there.
    @inline(__always)
    mutating func reserve(bytes byteCount: Int, fields: Int) {
        if bytes.count < byteCount {
            bytes.append(contentsOf: repeatElement(0, count: max(byteCount - bytes.count, bytes.count)))
        }
        if starts.count < fields {
            let more = max(fields - starts.count, starts.count)
            starts.append(contentsOf: repeatElement(0, count: more))
            ends.append(contentsOf: repeatElement(0, count: more))
        }
    }

    /// Adds a field holding a copy of `field`'s bytes.
    public mutating func append(_ field: UnsafeRawBufferPointer) {
        reserve(bytes: length + field.count, fields: fieldCount + 1)
        bytes.withUnsafeMutableBytes { buffer in
            if field.count > 0 {
                (buffer.baseAddress! + length).copyMemory(from: field.baseAddress!, byteCount: field.count)
            }
        }
        starts[fieldCount] = length
        length += field.count
        ends[fieldCount] = length
        fieldCount += 1
    }

    mutating func reset() {
        fieldCount = 0
        length = 0
    }
}

/// A record's fields, borrowed: see `Record.withUnsafeFields`.
public struct RecordFields {
    /// The record's bytes, and where each field starts and ends in them (`count` of each).
    public let base: UnsafePointer<UInt8>?
    public let starts: UnsafePointer<Int>?
    public let ends: UnsafePointer<Int>?
    public let count: Int

    @inlinable
    init(base: UnsafePointer<UInt8>?, starts: UnsafePointer<Int>?, ends: UnsafePointer<Int>?, count: Int) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.count = count
    }

    /// True when every field is empty or spaces.
    public var isBlank: Bool {
        (0..<count).allSatisfy { self[$0].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// Field `index`'s bytes; `index` must be below `count`.
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count)
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + starts![index], count: ends![index] &- starts![index])
    }
}

/// What the parser hands its consumer: a record, or a stretch of input it could not read.
public enum RecordEvent {
    case record(Record)
    case malformed(MalformedRecord)
}

/// A record libcsv (strict mode) refused, with the lines it spans.
public struct MalformedRecord: Error, Sendable, Hashable {
    public var line: Int
    public var errorLine: Int
    public var reason: Reason

    public enum Reason: Sendable, Hashable {
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote
        /// A quoted field still open at the end of the file.
        case unclosedQuote
        /// libcsv could not grow its buffer.
        case outOfMemory
        /// The record is longer than `RecordParser.maxRecordBytes`: skipped without being held.
        case tooLong
    }
}

/// The libcsv parser in strict mode, fed line by line so that every record and every
/// error carries an exact line number, and a malformed record costs only its own lines.
///
/// A fast path splits lines from where SIMD found the delimiters, quotes and line ends
/// (CTextScan), taking quoted fields that close on their own line; libcsv stays the parser of
/// record for anything else — a stray quote, records that span lines, a line cut by the end of
/// a chunk. Both give the same records (a randomized differential test holds them to it).
///
/// One parser per file; not shared between threads.
public final class RecordParser {
    /// The longest record (one row, over all its lines) that is read: a longer one is skipped as
    /// a malformed record without being held in memory, so memory stays flat whatever the input.
    public static let maxRecordBytes = 4 << 20
    private var parser = csv_parser()
    private let delimiter: UInt8
    /// For the differential test: every line through libcsv.
    private let libcsvOnly: Bool
    private var record = Record()
    private var finished: [Record] = []
    private var currentLine = 1
    private var recordStartLine: Int?
    private var lastByteWasCR = false
    private var skippingBrokenLine = false
    /// Bytes fed to libcsv for the record it has open, and whether they hold an odd number of
    /// quotes (so the record goes on past a line end).
    private var openRecordBytes = 0
    private var openRecordQuoteIsOdd = false
    /// Skipping the rest of a record over `maxRecordBytes`, to the first line end outside quotes.
    private var skippingLongRecord = false
    /// Where the fast path puts the lines it splits, and their fields (C writes them; the field
    /// arrays grow when one line needs more).
    private static let lineCapacity = 64
    private let lines = UnsafeMutablePointer<hz_line>.allocate(capacity: RecordParser.lineCapacity)
    private var fieldCapacity = 8192
    private var fieldStarts = UnsafeMutablePointer<Int>.allocate(capacity: 8192)
    private var fieldEnds = UnsafeMutablePointer<Int>.allocate(capacity: 8192)
    /// A line with doubled quotes, made single (grown on demand).
    private var unescapedCapacity = 256
    private var unescaped = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    /// The bytes being fed, classified for the fast path (grown on demand).
    private var blockCapacity = 1
    private var blocks = UnsafeMutablePointer<hz_block>.allocate(capacity: 1)

    public init(delimiter: UInt8, libcsvOnly: Bool = false) {
        self.delimiter = delimiter
        self.libcsvOnly = libcsvOnly
        initialize()
    }

    deinit {
        csv_free(&parser)
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        blocks.deallocate()
        lines.deallocate()
        unescaped.deallocate()
    }

    private func initialize() {
        // Strict: a stray quote is an error, never a guess. No space trimming: fields are kept
        // byte-exact (a tab delimiter must not be eaten as a space).
        _ = csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        csv_set_delim(&parser, delimiter)
        csv_set_space_func(&parser) { _ in 0 }
    }

    /// The line the next byte fed will be on.
    public var line: Int { currentLine }

    /// True between two records: none open, none being skipped, the last line ended by LF. Bytes
    /// fed from here give the records a new parser would give.
    public var isBetweenRecords: Bool {
        parser.pstate == 0 && !skippingBrokenLine && !skippingLongRecord && !lastByteWasCR && finished.isEmpty
    }

    /// Numbers the lines from here on as if `delta` more lines had come before: a part of a file,
    /// read on its own, placed where it lies.
    public func shiftLines(by delta: Int) {
        currentLine += delta
        recordStartLine = recordStartLine.map { $0 + delta }
    }

    /// Parses `bytes` (UTF-8, the continuation of what was fed before) and hands each finished
    /// record or malformed stretch to `consume` in order.
    ///
    /// A record the fast path split is first offered to `takeFields` as borrowed fields with its
    /// line, and goes on to `consume` as a `Record` only when that returns false: the hot loop
    /// reads a row where it lies, without copying it.
    public func feed(
        _ bytes: ArraySlice<UInt8>, fields takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows {
        try bytes.withUnsafeBytes { try feed($0, fields: takeFields, consume) }
    }

    public func feed(_ bytes: ArraySlice<UInt8>, _ consume: (RecordEvent) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { try feed($0, fields: { _, _ in false }, consume) }
    }

    /// - Parameter scanned: true when `scan` has just classified exactly these bytes.
    public func feed(
        _ bytes: UnsafeRawBufferPointer, scanned: Bool = false, fields takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return }
        let count = bytes.count
        if !libcsvOnly && !scanned { classify(base, count) }
        var start = 0
        while start < count {
            // libcsv has no record open, so lines may take the fast path: many plain lines at once,
            // else the one line at `start` if it splits on its own.
            if !libcsvOnly && parser.pstate == 0 && !skippingBrokenLine && !skippingLongRecord && !lastByteWasCR {
                let next = try fastLines(base, start, count, takeFields, consume)
                if next > start {
                    start = next
                    continue
                }
                if let next = try fastLine(base, start, count, takeFields, consume) {
                    start = next
                    continue
                }
            }
            start = try libcsvLine(base, start, count, consume)
        }
    }

    /// Splits and emits the plain lines (no quote) from `start` on, in batches; returns where it
    /// stopped: a line with a quote, or one these bytes do not finish.
    @inline(__always)
    private func fastLines(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int,
        _ takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows -> Int {
        var start = start
        while true {
            var stop = start
            let split = hz_split_lines(
                base, start, count, blocks, lines, Self.lineCapacity,
                fieldStarts, fieldEnds, fieldCapacity, &stop)
            for index in 0..<split {
                let line = lines[index]
                // An empty line is no record, as libcsv has it.
                if line.end > line.start {
                    try emit(
                        base, line.start, line.end, fieldStarts + line.first_field, fieldEnds + line.first_field,
                        line.field_count, takeFields, consume)
                }
                currentLine += 1
            }
            if split < Self.lineCapacity || stop >= count { return stop }
            start = stop
        }
    }

    /// Splits one complete line starting at `start` (in C, from the classified blocks), emits its
    /// record, and returns where the next line starts. nil hands the line to libcsv: a quote
    /// inside an unquoted field, text after a closing quote, a quoted line break, or no line
    /// end within these bytes.
    @inline(__always)
    private func fastLine(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int,
        _ takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows -> Int? {
        var fieldCount = 0
        var lineEnd = 0
        var escaped: Int32 = 0
        var next = hz_split_line(
            base, start, count, blocks, fieldStarts, fieldEnds, fieldCapacity,
            &fieldCount, &lineEnd, &escaped)
        while next == HZ_LINE_NEEDS_ROOM {
            growFieldScratch()
            next = hz_split_line(
                base, start, count, blocks, fieldStarts, fieldEnds, fieldCapacity,
                &fieldCount, &lineEnd, &escaped)
        }
        guard next >= 0 else { return nil }
        // An empty line is no record, as libcsv has it.
        if lineEnd > start {
            if escaped == 0 {
                try emit(base, start, lineEnd, fieldStarts, fieldEnds, fieldCount, takeFields, consume)
            } else {
                // "" is one quote. Only quoted fields hold quotes here, always doubled: the fields
                // are copied without the second of each pair, and emitted from the copy.
                if unescapedCapacity < lineEnd - start {
                    unescaped.deallocate()
                    unescapedCapacity = max(lineEnd - start, unescapedCapacity * 2)
                    unescaped = .allocate(capacity: unescapedCapacity)
                }
                var length = 0
                for index in 0..<fieldCount {
                    var i = start + fieldStarts[index]
                    let end = start + fieldEnds[index]
                    fieldStarts[index] = length
                    while i < end {
                        // The run up to the next quote in one copy, then one quote for the pair.
                        var run = end - i
                        if let quote = memchr(base + i, 0x22, run) {
                            run = UnsafePointer(quote.assumingMemoryBound(to: UInt8.self)) - (base + i)
                        }
                        (unescaped + length).update(from: base + i, count: run)
                        length += run
                        i += run
                        if i < end {
                            unescaped[length] = 0x22
                            length += 1
                            i += 2
                        }
                    }
                    fieldEnds[index] = length
                }
                try emit(unescaped, 0, length, fieldStarts, fieldEnds, fieldCount, takeFields, consume)
            }
        }
        currentLine += 1
        return next
    }

    /// Offers a split line to `takeFields` as it lies; if declined, copies it into the record
    /// (once, the fields where they lie in it) for `consume`.
    @inline(__always)
    private func emit(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ starts: UnsafeMutablePointer<Int>, _ ends: UnsafeMutablePointer<Int>, _ fieldCount: Int,
        _ takeFields: (RecordFields, Int) throws -> Bool,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows {
        if try takeFields(RecordFields(base: base + start, starts: starts, ends: ends, count: fieldCount), currentLine)
        {
            return
        }
        record.reset()
        let length = end - start
        record.reserve(bytes: length, fields: fieldCount)
        record.bytes.withUnsafeMutableBytes { buffer in
            buffer.baseAddress!.copyMemory(from: base + start, byteCount: length)
        }
        record.length = length
        record.starts.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: starts, count: fieldCount) }
        record.ends.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: ends, count: fieldCount) }
        record.fieldCount = fieldCount
        record.line = currentLine
        try consume(.record(record))
        record.reset()
    }

    /// Whether `bytes` are valid UTF-8 without NUL; classifies them for the fast path in the same
    /// pass over them (`hz_scan`), so that `feed(_:scanned: true, …)` need not look at them again.
    public func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return true }
        if libcsvOnly { return hz_text_is_valid(base, bytes.count) == 1 }
        reserveBlocks(bytes.count)
        return hz_scan(base, bytes.count, delimiter, blocks) == 1
    }

    /// Where the bytes' delimiters, quotes and line ends are, 64 bytes to a block (in C, 32 at a time).
    private func classify(_ base: UnsafePointer<UInt8>, _ count: Int) {
        reserveBlocks(count)
        hz_classify(base, count, delimiter, blocks)
    }

    private func reserveBlocks(_ count: Int) {
        let needed = (count + 63) / 64
        if needed > blockCapacity {
            blocks.deallocate()
            blockCapacity = max(needed, blockCapacity * 2)
            blocks = .allocate(capacity: blockCapacity)
        }
    }

    private func growFieldScratch() {
        let capacity = fieldCapacity * 2
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        fieldStarts = .allocate(capacity: capacity)
        fieldEnds = .allocate(capacity: capacity)
        fieldCapacity = capacity
    }

    /// Feeds one physical line (up to and including LF, CR or CRLF, or to the end of these
    /// bytes) to libcsv; returns where the next line starts.
    private func libcsvLine(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int,
        _ consume: (RecordEvent) throws -> Void
    ) rethrows -> Int {
        var end = start
        var isLineEnd = false
        while end < count {
            let byte = base[end]
            end += 1
            if byte == 0x0A {
                isLineEnd = true
                break
            }
            if byte == 0x0D {
                if end < count && base[end] == 0x0A { end += 1 }
                isLineEnd = true
                break
            }
        }
        if skippingBrokenLine {
            // The rest of a line whose record was already rejected.
            skippingBrokenLine = !isLineEnd
            lastByteWasCR = base[end - 1] == 0x0D
            if isLineEnd { currentLine += 1 }
            return end
        }
        // An LF whose CR ended the previous chunk belongs to the line already counted.
        let isCRLFTail = lastByteWasCR && base[start] == 0x0A
        lastByteWasCR = base[end - 1] == 0x0D
        let segment = UnsafeRawBufferPointer(start: base + start, count: end - start)
        let quotesAreOdd = Self.hasOddQuotes(segment)
        if skippingLongRecord {
            // Quotes pair up inside a record, so it ends at the first line end after an even count.
            openRecordQuoteIsOdd = openRecordQuoteIsOdd != quotesAreOdd
            if isLineEnd && !openRecordQuoteIsOdd { skippingLongRecord = false }
            if isLineEnd && !isCRLFTail { currentLine += 1 }
            return end
        }
        if parser.pstate == 0 {
            openRecordBytes = 0
            openRecordQuoteIsOdd = false
        }
        openRecordBytes += segment.count
        openRecordQuoteIsOdd = openRecordQuoteIsOdd != quotesAreOdd
        if openRecordBytes > Self.maxRecordBytes {
            let first = recordStartLine ?? currentLine
            record.reset()
            csv_free(&parser)
            initialize()
            recordStartLine = nil
            skippingLongRecord = !(isLineEnd && !openRecordQuoteIsOdd)
            try consume(.malformed(MalformedRecord(line: first, errorLine: currentLine, reason: .tooLong)))
            if isLineEnd && !isCRLFTail { currentLine += 1 }
            return end
        }
        let brokenAt = try parseSegment(segment, consume)
        if brokenAt && !isLineEnd { skippingBrokenLine = true }
        if isLineEnd && !isCRLFTail { currentLine += 1 }
        return end
    }

    private static func hasOddQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var odd = false
        for byte in bytes where byte == 0x22 { odd.toggle() }
        return odd
    }

    /// Ends the input: the last record may have no line break after it.
    public func finish(_ consume: (RecordEvent) throws -> Void) rethrows {
        let ok = withUnsafeMutablePointer(to: &self.parser) { parserPointer in
            let context = Unmanaged.passUnretained(self).toOpaque()
            return csv_fini(parserPointer, fieldEnded, recordEnded, context) == 0
        }
        if !ok {
            let start = recordStartLine ?? currentLine
            record.reset()
            recordStartLine = nil
            csv_free(&parser)
            initialize()
            try consume(.malformed(MalformedRecord(line: start, errorLine: currentLine, reason: .unclosedQuote)))
        }
        try drain(consume)
    }

    /// Returns true when the segment broke a record (the rest of its line is dropped).
    private func parseSegment(_ segment: UnsafeRawBufferPointer, _ consume: (RecordEvent) throws -> Void) rethrows
        -> Bool
    {
        if recordStartLine == nil { recordStartLine = currentLine }
        let parsed = withUnsafeMutablePointer(to: &self.parser) { parserPointer in
            let context = Unmanaged.passUnretained(self).toOpaque()
            return csv_parse(parserPointer, segment.baseAddress, segment.count, fieldEnded, recordEnded, context)
        }
        if parsed < segment.count {
            let reason: MalformedRecord.Reason = csv_error(&parser) == CSV_ENOMEM ? .outOfMemory : .strayQuote
            let start = recordStartLine ?? currentLine
            // Drop the broken record and start afresh on the next line.
            record.reset()
            csv_free(&parser)
            initialize()
            recordStartLine = nil
            try drain(consume)
            try consume(.malformed(MalformedRecord(line: start, errorLine: currentLine, reason: reason)))
            return true
        }
        try drain(consume)
        // Between records (libcsv's ROW_NOT_BEGUN): the next record starts on a later line.
        if parser.pstate == 0 { recordStartLine = nil }
        return false
    }

    private func drain(_ consume: (RecordEvent) throws -> Void) rethrows {
        guard !finished.isEmpty else { return }
        let done = finished
        finished.removeAll(keepingCapacity: true)
        for record in done { try consume(.record(record)) }
    }

    fileprivate func appendField(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        record.append(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : length))
    }

    fileprivate func endRecord() {
        record.line = recordStartLine ?? currentLine
        finished.append(record)
        record.reset()
    }
}

private func fieldEnded(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RecordParser>.fromOpaque(context!).takeUnretainedValue().appendField(data, length)
}

private func recordEnded(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RecordParser>.fromOpaque(context!).takeUnretainedValue().endRecord()
}
