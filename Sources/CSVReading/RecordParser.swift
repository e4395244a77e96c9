import CLibCSV

/// One CSV record as libcsv returned it, with the physical line it starts on.
///
/// The fields live in one byte buffer; the parser reuses it for the next record, so a
/// consumer that keeps a record keeps a copy.
public struct Record: Sendable {
    /// 1-based line of the file on which the record starts (what a text editor shows).
    public internal(set) var line: Int = 0
    var bytes: [UInt8] = []
    var ends: [Int] = []

    public init(line: Int, fields: [String]) {
        self.line = line
        for field in fields { append(field.utf8) }
    }

    init() {}

    public var count: Int { ends.count }

    /// The raw UTF-8 bytes of field `index`.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes[start..<ends[index]]
    }

    /// Field `index` as text.
    public subscript(index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    public var fields: [String] { (0..<count).map { self[$0] } }

    /// True when every field is empty or spaces (`,,,` is how spreadsheets write a blank row).
    public var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    mutating func append<Bytes: Collection<UInt8>>(_ field: Bytes) {
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}

/// What the parser hands its consumer: a record, or a stretch of input it could not read.
public enum RecordEvent {
    case record(Record)
    case malformed(MalformedRecord)
}

/// A record libcsv (strict mode) refused, with the lines it spans.
public struct MalformedRecord: Error, Sendable, Equatable {
    public var line: Int
    public var errorLine: Int
    public var reason: Reason

    public enum Reason: Sendable, Equatable {
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote
        /// A quoted field still open at the end of the file.
        case unclosedQuote
        /// libcsv could not grow its buffer.
        case outOfMemory
    }

    public var message: String {
        switch reason {
        case .strayQuote:
            "第 \(errorLine) 行有多余的英文引号（引号不在字段开头，或引号后紧跟其他字符）。请在 Excel/WPS 中打开后重新另存为 CSV，或把该字段整体用引号括起、内部引号写成两个 \"\"。"
        case .unclosedQuote:
            "从第 \(line) 行开始的引号直到文件结尾都没有闭合。请检查该行是否缺少一个英文引号。"
        case .outOfMemory:
            "第 \(line) 行的字段过大，无法读入内存。"
        }
    }
}

/// The libcsv parser in strict mode, fed line by line so that every record and every
/// error carries an exact line number, and a malformed record costs only its own lines.
///
/// One parser per file; not shared between threads.
public final class RecordParser {
    private var parser = csv_parser()
    private let delimiter: UInt8
    private var record = Record()
    private var finished: [Record] = []
    private var currentLine = 1
    private var recordStartLine: Int?
    private var lastByteWasCR = false
    private var skippingBrokenLine = false

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
        initialize()
    }

    deinit {
        csv_free(&parser)
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

    /// Parses `bytes` (UTF-8, the continuation of what was fed before) and hands each finished
    /// record or malformed stretch to `consume` in order.
    public func feed(_ bytes: ArraySlice<UInt8>, _ consume: (RecordEvent) throws -> Void) rethrows {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            // One physical line at a time: up to and including LF, CR or CRLF.
            var end = start
            var isLineEnd = false
            while end < bytes.endIndex {
                let byte = bytes[end]
                end += 1
                if byte == 0x0A { isLineEnd = true; break }
                if byte == 0x0D {
                    if end < bytes.endIndex && bytes[end] == 0x0A { end += 1 }
                    isLineEnd = true
                    break
                }
            }
            if skippingBrokenLine {
                // The rest of a line whose record was already rejected.
                skippingBrokenLine = !isLineEnd
                lastByteWasCR = bytes[end - 1] == 0x0D
                if isLineEnd { currentLine += 1 }
                start = end
                continue
            }
            // An LF whose CR ended the previous chunk belongs to the line already counted.
            let isCRLFTail = lastByteWasCR && bytes[start] == 0x0A
            lastByteWasCR = bytes[end - 1] == 0x0D
            let brokenAt = try parseSegment(bytes[start..<end], consume)
            if brokenAt && !isLineEnd { skippingBrokenLine = true }
            if isLineEnd && !isCRLFTail { currentLine += 1 }
            start = end
        }
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
    private func parseSegment(_ segment: ArraySlice<UInt8>, _ consume: (RecordEvent) throws -> Void) rethrows -> Bool {
        if recordStartLine == nil { recordStartLine = currentLine }
        let parsed = segment.withUnsafeBytes { raw in
            withUnsafeMutablePointer(to: &self.parser) { parserPointer in
                let context = Unmanaged.passUnretained(self).toOpaque()
                return csv_parse(parserPointer, raw.baseAddress, raw.count, fieldEnded, recordEnded, context)
            }
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
        if let pointer {
            record.append(UnsafeRawBufferPointer(start: pointer, count: length))
        } else {
            record.append(EmptyCollection<UInt8>())
        }
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
