import CSVReading
import Foundation
import ZIPFoundation

/// An .xlsx workbook held in memory as its compressed bytes: its sheets, shared strings and
/// date styles read up front, each sheet's rows streamed from its part when asked for.
/// Inflation is bounded: a part may grow to `maxPartBytes`, and beyond `maxRatio` times its
/// compressed size only up to `ratioFloor` (a zip bomb stops there, as a finding).
final class XLSXWorkbook {
    static let maxPartBytes = 1 << 30
    static let maxRatio = 200
    static let ratioFloor = 16 << 20
    /// Shared strings are held whole: their part may inflate to this much.
    static let maxSharedStringBytes = 256 << 20

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
    }

    private let archive: Archive
    let sheets: [Sheet]
    let sharedStrings: [String]
    let dateStyles: Set<Int>
    let uses1904: Bool

    init(_ bytes: Data) throws(Problem) {
        do {
            archive = try Archive(data: bytes, accessMode: .read)
        } catch {
            throw .notAWorkbook("不是完整的 ZIP 文件")
        }
        guard archive["xl/workbook.xml"] != nil else { throw .notAWorkbook("其中没有 xl/workbook.xml") }
        // xl/workbook.xml: the sheets in order, their states, the date system.
        var found: [(name: String, id: String, hidden: Bool)] = []
        var date1904 = false
        try Self.parse(archive, "xl/workbook.xml", limit: Self.maxPartBytes) { stream in
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
        try Self.parse(archive, "xl/_rels/workbook.xml.rels", limit: Self.maxPartBytes) { stream in
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
        uses1904 = date1904
        sharedStrings = try Self.sharedStrings(archive)
        dateStyles = try Self.dateStyles(archive)
    }

    /// Streams one part through an `XMLStream` set up by `configure`.
    /// - Parameter shouldStop: asked after each chunk; true ends the part early, without a problem.
    static func parse(
        _ archive: Archive, _ part: String, limit: Int, optional: Bool = false, shouldStop: () -> Bool = { false },
        _ configure: (XMLStream) -> Void
    ) throws(Problem) {
        let stream = XMLStream()
        configure(stream)
        try inflate(archive, part, limit: limit, optional: optional, shouldStop: shouldStop, into: stream)
    }

    /// Inflates one part into `stream`, within the limits.
    static func inflate(
        _ archive: Archive, _ part: String, limit: Int, optional: Bool = false, shouldStop: () -> Bool = { false },
        into stream: some PartParser
    ) throws(Problem) {
        guard let entry = archive[part] else {
            if optional { return }
            throw .notAWorkbook("其中没有 \(part)")
        }
        let allowed = min(limit, max(Self.ratioFloor, Int(clamping: entry.compressedSize) * Self.maxRatio))
        var inflated = 0
        var failure: Problem?
        var stoppedEarly = false
        do {
            _ = try archive.extract(
                entry, skipCRC32: false,
                consumer: { chunk in
                    inflated += chunk.count
                    if inflated > allowed {
                        failure = .tooLarge(part: part, limit: allowed)
                        throw CocoaError(.fileReadTooLarge)
                    }
                    let problem: XMLStream.Problem? = chunk.withUnsafeBytes { raw in
                        do throws(XMLStream.Problem) {
                            try stream.feed(raw)
                            return nil
                        } catch {
                            return error
                        }
                    }
                    if let problem {
                        failure = .malformed(part: part, line: problem.line, reason: problem.reason)
                        throw CocoaError(.fileReadCorruptFile)
                    }
                    if shouldStop() {
                        stoppedEarly = true
                        throw CocoaError(.userCancelled)
                    }
                })
            try stream.finish()
        } catch let problem as XMLStream.Problem {
            throw .malformed(part: part, line: problem.line, reason: problem.reason)
        } catch {
            if stoppedEarly { return }
            throw failure ?? .malformed(part: part, line: 0, reason: "\(error)")
        }
    }

    /// xl/sharedStrings.xml: each `si`'s text runs joined, phonetic runs (`rPh`) left out.
    static func sharedStrings(_ archive: Archive) throws(Problem) -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var inPhonetic = false
        try parse(archive, "xl/sharedStrings.xml", limit: maxSharedStringBytes, optional: true) { stream in
            stream.onStart = { element in
                switch element.name {
                case "si": current.removeAll(keepingCapacity: true)
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                default: break
                }
            }
            stream.onText = { bytes in if inText { current.append(contentsOf: bytes) } }
            stream.onEnd = { name in
                switch name {
                case "t": inText = false
                case "rPh": inPhonetic = false
                case "si": strings.append(String(decoding: current, as: UTF8.self))
                default: break
                }
            }
        }
        return strings
    }

    /// xl/styles.xml: which cell formats (`cellXfs` positions) show dates.
    static func dateStyles(_ archive: Archive) throws(Problem) -> Set<Int> {
        var codes: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        try parse(archive, "xl/styles.xml", limit: maxPartBytes, optional: true) { stream in
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

    /// A cell's text and whether it was an error value (`#DIV/0!`).
    struct Cell {
        var column: Int
        var text: String
        var isError = false
    }

    /// Streams the rows of `sheet`: each row's number (1-based, as Excel shows it) and its cells.
    /// `body` may throw to stop early.
    func forEachRow(of sheet: Sheet, _ body: (Int, [Cell]) throws -> Void) throws {
        // The parser's callbacks are stored closures; `body` outlives none of them.
        try withoutActuallyEscaping(body) { body in try streamRows(of: sheet, body) }
    }

    private func streamRows(of sheet: Sheet, _ body: @escaping (Int, [Cell]) throws -> Void) throws {
        var stopped: (any Error)?
        let strings = sharedStrings
        let dates = dateStyles
        let system1904 = uses1904
        var row: [Cell] = []
        let stream = SheetStream()
        stream.onRow = { number, cells in
            guard stopped == nil else { return }
            row.removeAll(keepingCapacity: true)
            for cell in cells {
                let raw = String(decoding: cell.value, as: UTF8.self)
                var read = Cell(column: cell.column, text: raw)
                switch cell.type {
                case UInt8(ascii: "s"): read.text = Int(raw).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
                case UInt8(ascii: "b"): read.text = raw == "1" ? "TRUE" : "FALSE"
                case UInt8(ascii: "e"): read.isError = true
                case UInt8(ascii: "S"), UInt8(ascii: "i"): break
                default:
                    if raw.isEmpty { break }
                    read.text =
                        (dates.contains(cell.style) ? CellValue.date(raw, uses1904: system1904) : nil)
                        ?? CellValue.number(raw) ?? raw
                }
                if !read.text.isEmpty || read.isError { row.append(read) }
            }
            do { try body(number, row) } catch { stopped = error }
        }
        let isStopped = { stopped != nil }
        do {
            try Self.inflate(archive, sheet.part, limit: Self.maxPartBytes, shouldStop: isStopped, into: stream)
        } catch {
            if let stopped { throw stopped }
            throw error
        }
        if let stopped { throw stopped }
    }
}
