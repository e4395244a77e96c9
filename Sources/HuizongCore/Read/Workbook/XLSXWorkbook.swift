import CSVReading
import CXMLStream
import Foundation

/// An .xlsx workbook held in memory as its compressed bytes: its sheets, shared strings and
/// date styles read up front, each sheet's rows streamed from its part when asked for.
/// Inflation is bounded on the bytes actually taken and made, never on the sizes the ZIP
/// directory declares: a part may grow to `maxPartBytes`, and beyond `ratioFloor` only to
/// `maxRatio` times the compressed bytes it has taken so far; all the parts together (each
/// counted once, however often it is read) only to `maxRatio` times the whole file. A zip bomb
/// stops there, as a finding.
final class XLSXWorkbook {
    static let maxPartBytes = 1 << 30
    static let maxRatio = 200
    static let ratioFloor = 16 << 20
    /// Shared strings are held whole: their part may inflate to this much.
    static let maxSharedStringBytes = 256 << 20
    /// Inflated bytes handed to the XML parser at a time: large enough that per-chunk costs vanish.
    static let chunkBytes = 256 << 10

    struct Sheet {
        var name: String
        var part: String
        var isHidden: Bool
    }

    enum Problem: Error {
        /// Not a ZIP, or one without a workbook inside.
        case notAWorkbook(String)
        /// A part that is not well-formed XML.
        case malformed(part: String, line: Int, reason: String)
        /// A part that inflates past the limits.
        case tooLarge(part: String, limit: Int)
        /// A part whose CRC-32 (or size) differs from the one recorded: damaged in copying.
        case damaged(part: String)
        /// Two ZIP entries of one name: which one is the part is anyone's guess.
        case duplicatePart(String)
    }

    private let archive: ZIPParts
    let sheets: [Sheet]
    let sharedStrings: SharedStrings
    let dateStyles: Set<Int>
    let uses1904: Bool

    init(_ bytes: [UInt8]) throws(Problem) {
        do {
            archive = try ZIPParts(bytes)
        } catch {
            switch error {
            case .notAZIP(let reason): throw .notAWorkbook(reason)
            case .duplicate(let name): throw .duplicatePart(name)
            }
        }
        guard archive["xl/workbook.xml"] != nil else { throw .notAWorkbook("其中没有 xl/workbook.xml") }
        // xl/workbook.xml: the sheets in order, their states, the date system.
        var found: [(name: String, id: String, hidden: Bool)] = []
        var date1904 = false
        try archive.parse("xl/workbook.xml", limit: Self.maxPartBytes) { stream in
            stream.onStart = { element in
                switch element.name {
                case "sheet":
                    let state = element["state"] ?? "visible"
                    found.append((element["name"] ?? "", element["id"] ?? "", state != "visible"))
                case "workbookPr":
                    let value = element["date1904"] ?? ""
                    date1904 = value == "1" || value == "true"
                default: break
                }
            }
        }
        var targets: [String: String] = [:]
        try archive.parse("xl/_rels/workbook.xml.rels", limit: Self.maxPartBytes) { stream in
            stream.onStart = { element in
                if element.name == "Relationship", let id = element["Id"] {
                    targets[id] = element["Target"] ?? ""
                }
            }
        }
        sheets = found.compactMap { sheet in
            guard let target = targets[sheet.id] else { return nil }
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return Sheet(name: sheet.name, part: part, isHidden: sheet.hidden)
        }
        // Excel gives every sheet its own part: sheets sharing one would read it again for each, and
        // count its rows again.
        var named: [String: String] = [:]
        for sheet in sheets {
            if let first = named[sheet.part] {
                throw .notAWorkbook("两张表（\(first)、\(sheet.name)）指向同一个部件 \(sheet.part)，工作簿可能被改过")
            }
            named[sheet.part] = sheet.name
        }
        uses1904 = date1904
        sharedStrings = try Self.readSharedStrings(archive)
        dateStyles = try Self.readDateStyles(archive)
    }

    /// The shared string table, held as one run of UTF-8 bytes: a cell's text is copied from it
    /// without a string per entry (a table may hold millions).
    struct SharedStrings {
        var bytes: [UInt8] = []
        /// Where each entry ends in `bytes`; it starts where the one before ends.
        var ends: [UInt32] = []

        var count: Int { ends.count }
    }

    /// xl/sharedStrings.xml: each `si`'s text runs joined, phonetic runs (`rPh`) left out.
    private static func readSharedStrings(_ archive: ZIPParts) throws(Problem) -> SharedStrings {
        var strings = SharedStrings()
        var inText = false
        var inPhonetic = false
        try archive.parse("xl/sharedStrings.xml", limit: Self.maxSharedStringBytes, optional: true) { stream in
            stream.onStart = { element in
                switch element.name {
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                default: break
                }
            }
            stream.onText = { bytes in if inText { strings.bytes.append(contentsOf: bytes) } }
            stream.onEnd = { name in
                switch name {
                case "t": inText = false
                case "rPh": inPhonetic = false
                // The part is at most `maxSharedStringBytes`, so an end fits in 32 bits.
                case "si": strings.ends.append(UInt32(strings.bytes.count))
                default: break
                }
            }
        }
        return strings
    }

    /// xl/styles.xml: which cell formats (`cellXfs` positions) show dates.
    private static func readDateStyles(_ archive: ZIPParts) throws(Problem) -> Set<Int> {
        var codes: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        try archive.parse("xl/styles.xml", limit: Self.maxPartBytes, optional: true) { stream in
            stream.onStart = { element in
                switch element.name {
                case "numFmt":
                    if let id = Int(element["numFmtId"] ?? "") {
                        codes[id] = element["formatCode"]
                    }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats: formats.append(Int(element["numFmtId"] ?? "") ?? 0)
                default: break
                }
            }
            stream.onEnd = { name in if name == "cellXfs" { inCellFormats = false } }
        }
        return Set(formats.indices.filter { CellValue.isDateFormat(id: formats[$0], code: codes[formats[$0]]) })
    }

    /// Streams the rows of `sheet` as records: each on its row number (as Excel shows it), each
    /// cell's text at its column, at least `width` fields. Blank cells count for nothing, so a
    /// styled but empty cell far to the right adds no fields. The record is reused for the next
    /// row: a consumer that keeps it keeps a copy. `body` may throw to stop early. A row's cells
    /// past Excel's 16,384 columns are not read: `ignored` counts them.
    func forEachRow(
        of sheet: Sheet, width: Int = 0, ignored: IgnoredCells? = nil, _ body: (Record) throws -> Void
    ) throws {
        // The parser's callbacks are stored closures; `body` outlives none of them.
        try withoutActuallyEscaping(body) { body in
            try sharedStrings.bytes.withUnsafeBufferPointer { stringBytes in
                try sharedStrings.ends.withUnsafeBufferPointer { stringEnds in
                    let text = CellText(
                        strings: stringBytes, stringEnds: stringEnds, dateStyles: dateStyles, uses1904: uses1904)
                    try streamRows(of: sheet, width: width, text: text, ignored: ignored, body)
                }
            }
        }
    }

    private func streamRows(
        of sheet: Sheet, width: Int, text: CellText, ignored: IgnoredCells?, _ body: @escaping (Record) throws -> Void
    ) throws {
        var stopped: (any Error)?
        var record = Record(line: 0)
        let stream = SheetStream()
        stream.onRow = { number, cells, past in
            guard stopped == nil else { return }
            if past > 0 { ignored?.add(row: number, cells: past) }
            record.restart(line: number)
            // Excel writes a row's cells left to right; anything else is put in order, the last
            // of a repeated column winning.
            let inOrder = zip(cells, cells.dropFirst()).allSatisfy { $0.column < $1.column }
            let ordered =
                inOrder
                ? cells
                : Dictionary(cells.map { ($0.column, $0) }, uniquingKeysWith: { $1 }).values.sorted {
                    $0.column < $1.column
                }
            for cell in ordered {
                text.withText(of: cell) { bytes in
                    guard !bytes.isEmpty else { return }
                    while record.count < cell.column { record.append(UnsafeRawBufferPointer(start: nil, count: 0)) }
                    record.append(UnsafeRawBufferPointer(bytes))
                }
            }
            // A row with no text stays empty: blank all the same, and a formatted sheet has a million.
            while record.count > 0 && record.count < width {
                record.append(UnsafeRawBufferPointer(start: nil, count: 0))
            }
            do { try body(record) } catch { stopped = error }
        }
        let isStopped = { stopped != nil }
        do {
            try archive.inflate(sheet.part, limit: Self.maxPartBytes, shouldStop: isStopped, into: stream)
        } catch {
            if let stopped { throw stopped }
            throw error
        }
        if let stopped { throw stopped }
    }

    /// What a cell shows, as the text Huizong reads: shared strings looked up, booleans as
    /// TRUE/FALSE, error values as written (`#DIV/0!`, which no rule accepts as an amount),
    /// numbers exactly (`CellValue.number`) and dates as dates.
    struct CellText {
        let strings: UnsafeBufferPointer<UInt8>
        let stringEnds: UnsafeBufferPointer<UInt32>
        let dateStyles: Set<Int>
        let uses1904: Bool

        func withText(of cell: SheetStream.Cell, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            let raw = cell.value
            switch cell.type {
            case UInt8(ascii: "s"):
                guard let index = Self.integer(raw), index < stringEnds.count else {
                    return body(.init(start: nil, count: 0))
                }
                let start = index == 0 ? 0 : Int(stringEnds[index - 1])
                body(UnsafeBufferPointer(rebasing: strings[start..<Int(stringEnds[index])]))
            case UInt8(ascii: "b"):
                var text = raw.count == 1 && raw[0] == UInt8(ascii: "1") ? "TRUE" : "FALSE"
                text.withUTF8(body)
            case UInt8(ascii: "e"), UInt8(ascii: "S"), UInt8(ascii: "i"):
                body(raw)
            default:
                if raw.isEmpty { return body(raw) }
                if !dateStyles.contains(cell.style), let length = CellValue.plainDecimalLength(raw) {
                    return body(UnsafeBufferPointer(rebasing: raw[..<length]))
                }
                let stored = String(decoding: raw, as: UTF8.self)
                var text =
                    (dateStyles.contains(cell.style) ? CellValue.date(stored, uses1904: uses1904) : nil)
                    ?? CellValue.number(stored) ?? stored
                text.withUTF8(body)
            }
        }

        /// A shared string's index: plain digits, at most nine of them.
        private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
            var value = 0
            for byte in bytes {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }
}
