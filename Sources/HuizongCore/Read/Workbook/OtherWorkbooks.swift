import CSVReading
import CXMLStream
import Foundation

/// A sheet read whole into memory: an old .xls, an HTML table, a SpreadsheetML worksheet.
struct MemorySheet {
    /// Excel's rows and columns: no sheet of a real export goes past them.
    static let maxRows = 1_048_576
    static let maxColumns = Int(HZ_MAX_COLUMNS)
    /// Blank cells held to place cells at their columns (16 bytes each): a whole sheet is held.
    static let maxBlankCells = 8_000_000
    /// A sheet that would pass those: made by hand or damaged, never read by guessing.
    static let tooWide = XLSXWorkbook.Problem.notAWorkbook("表格超出 Excel 的行列范围（1,048,576 行、16,384 列），或空白格子过多，可能已损坏")

    var name: String
    var isHidden = false
    /// Why the sheet cannot be read with certainty (the .xls library could not open it, or some of
    /// its cells): then it is set aside with a finding, never read in part.
    var unreadable: String?
    /// Each row's number (as the sheet shows it) and its cells from column A.
    var rows: [(number: Int, cells: [String])] = []
}

struct MemorySheetSource: SheetSource {
    let sheet: MemorySheet
    let place: String
    var width = 0

    func record(_ row: (number: Int, cells: [String])) -> Record {
        Record(line: row.number, fields: row.cells + Array(repeating: "", count: max(0, width - row.cells.count)))
    }

    func leadingRecords(lines: Int) -> [Record] {
        sheet.rows.prefix { $0.number <= lines }.map(record).filter { !$0.isBlank }
    }

    func forEachRecord(fast: (RecordFields, Int) throws -> Bool, _ consume: (RecordEvent) throws -> Void) throws
        -> CSVFile.ReadSummary
    {
        for row in sheet.rows { try consume(.record(record(row))) }
        return CSVFile.ReadSummary(sha256: "", byteCount: 0)
    }

    func isEmpty() throws(XLSXWorkbook.Problem) -> Bool {
        !sheet.rows.contains { $0.cells.contains { !$0.trimmingSpaces().isEmpty } }
    }
}

/// What a file named like a workbook really is, from its first bytes.
enum WorkbookShape: String {
    /// What `inputs[].encoding` says of the file.
    case xlsx
    case biff = "xls"
    case html
    case spreadsheetML = "spreadsheetml"
    case text

    static func of(_ prefix: [UInt8]) -> WorkbookShape {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .biff }
        // The markers are ASCII: fold ASCII case only (a String's lowercasing of 4 KiB of Chinese
        // took a millisecond a file).
        let head = prefix.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func has(_ marker: String) -> Bool {
            let needle = Array(marker.utf8)
            guard head.count >= needle.count else { return false }
            return (0...head.count - needle.count).contains { start in
                head[start] == needle[0] && head[start..<start + needle.count].elementsEqual(needle)
            }
        }
        if has("urn:schemas-microsoft-com:office:spreadsheet") && has("<workbook") { return .spreadsheetML }
        if has("<table") || has("<html") || has("<!doctype html") { return .html }
        return .text
    }
}

enum OtherWorkbooks {
    /// The tables of an HTML page, each a sheet, as a browser shows them: rows from a table's own
    /// `tr`s, cells from their `td`/`th` (a cell spanning columns or rows leaves the spanned ones
    /// blank, as a merged range does: the cells after it in the rows below keep their columns). A table that holds another table is layout: the tables inside it are
    /// the sheets, each innermost table one. The page's encoding is read from its bytes as a CSV's
    /// is (web systems write GBK as often as UTF-8, with or without a meta charset, which is ignored).
    static func html(_ bytes: [UInt8]) throws(XLSXWorkbook.Problem) -> [MemorySheet] {
        guard let text = TextEncoding.utf8Text(of: bytes)?.utf8 else {
            throw .notAWorkbook("网页表格的编码无法识别（不是 UTF-8、UTF-16 或 GB18030），或含空字符")
        }
        var sheets: [MemorySheet] = []
        // The open tables, innermost last: each gathers its own rows.
        var open: [HTMLTable] = []
        var blanks = 0
        var tooWide = false
        func close() {
            guard let table = open.popLast(), !table.holdsTable else { return }
            sheets.append(MemorySheet(name: "表\(sheets.count + 1)", rows: table.rows))
        }
        let stream = XMLStream(html: true)
        stream.onStart = { element in
            switch element.name {
            case "table":
                if !open.isEmpty { open[open.count - 1].holdsTable = true }
                open.append(HTMLTable())
            case "tr" where !open.isEmpty: open[open.count - 1].row = []
            case "td", "th":
                guard !open.isEmpty, open[open.count - 1].row != nil else { return }
                open[open.count - 1].cell = []
                open[open.count - 1].span = max(1, min(Int(element["colspan"] ?? "") ?? 1, 256))
                open[open.count - 1].rowSpan = max(1, min(Int(element["rowspan"] ?? "") ?? 1, 65_536))
            case "br" where !open.isEmpty: open[open.count - 1].cell?.append(0x0A)
            default: break
            }
        }
        stream.onText = { bytes in if !open.isEmpty { open[open.count - 1].cell?.append(contentsOf: bytes) } }
        stream.onEnd = { name in
            guard !open.isEmpty else { return }
            switch name {
            case "td", "th": if !open[open.count - 1].endCell(blanks: &blanks) { tooWide = true }
            case "tr": open[open.count - 1].endRow()
            case "table": close()
            default: break
            }
        }
        do throws(XMLStream.Problem) {
            try feedAll(text, stream)
            try stream.finish()
        } catch {
            throw .malformed(part: "HTML", line: error.line, reason: error.reason)
        }
        while !open.isEmpty { close() }  // tables left open at the end of the page
        if tooWide { throw MemorySheet.tooWide }
        return sheets
    }

    /// One HTML table being read: its rows so far, the row and cell open in it.
    private struct HTMLTable {
        var rows: [(number: Int, cells: [String])] = []
        var row: [String]?
        var cell: [UInt8]?
        var span = 1
        var rowSpan = 1
        /// Columns a cell of a row above reaches down into (`rowspan`): column → the last row it covers.
        var covered: [Int: Int] = [:]
        /// Whether a table sits inside it: then it is layout, not data.
        var holdsTable = false

        /// Ends the cell; false when the row would pass Excel's columns or the page its blank cells.
        mutating func endCell(blanks: inout Int) -> Bool {
            guard let text = cell else { return true }
            cell = nil
            skipCovered()
            let column = row?.count ?? 0
            guard column + span <= MemorySheet.maxColumns else { return false }
            blanks += span * rowSpan - 1
            guard blanks <= MemorySheet.maxBlankCells else { return false }
            row?.append(String(decoding: text, as: UTF8.self).trimmingSpaces())
            row? += Array(repeating: "", count: span - 1)
            if rowSpan > 1 {
                for spanned in column..<column + span { covered[spanned] = rows.count + rowSpan - 1 }
            }
            return true
        }

        /// Blank cells where a cell of a row above reaches down into this one.
        private mutating func skipCovered() {
            while let column = row?.count, covered[column] != nil { row?.append("") }
        }

        mutating func endRow() {
            guard row != nil else { return }
            // Covers that end here are done (covered columns after the row's last cell are blank,
            // and trailing blanks are trimmed). A cover was paid for in blank cells when placed,
            // so this stays within `MemorySheet.maxBlankCells` in all.
            if !covered.isEmpty { covered = covered.filter { $0.value > rows.count } }
            guard var cells = row else { return }
            while cells.last?.isEmpty == true { cells.removeLast() }
            rows.append((rows.count + 1, cells))
            row = nil
        }
    }

    /// SpreadsheetML 2003 (Excel's "XML 表格"): `Worksheet`, `Row` (`ss:Index`), `Cell`
    /// (`ss:Index`, `ss:MergeAcross`), `Data` (`ss:Type`).
    static func spreadsheetML(_ bytes: [UInt8]) throws(XLSXWorkbook.Problem) -> [MemorySheet] {
        var sheets: [MemorySheet] = []
        var number = 0
        var cells: [String] = []
        var data: [UInt8]?
        var type = ""
        var merge = 0
        var blanks = 0
        var outOfRange = false
        let stream = XMLStream()
        stream.onStart = { element in
            guard !outOfRange else { return }  // the file is set aside: nothing more is held
            switch element.name {
            case "Worksheet": sheets.append(MemorySheet(name: element["Name"] ?? "Sheet\(sheets.count + 1)"))
            case "Row":
                // Within Excel's rows and columns: an index past them would hold a sheet of blanks.
                let index = element["Index"].map { Int($0) ?? 0 } ?? number + 1
                guard (1...MemorySheet.maxRows).contains(index) else {
                    outOfRange = true
                    return
                }
                number = index
                cells = []
            case "Cell":
                let index = element["Index"].map { Int($0) ?? 0 } ?? cells.count + 1
                let across = Int(element["MergeAcross"] ?? "") ?? 0
                guard index > cells.count, index <= MemorySheet.maxColumns,
                    (0...MemorySheet.maxColumns).contains(across),
                    index + across <= MemorySheet.maxColumns
                else {
                    outOfRange = true
                    return
                }
                merge = across
                blanks += index - 1 - cells.count + merge
                guard blanks <= MemorySheet.maxBlankCells else {
                    outOfRange = true
                    return
                }
                cells += Array(repeating: "", count: index - 1 - cells.count)
                cells.append("")
            case "Data":
                data = []
                type = element["Type"] ?? "String"
            default: break
            }
        }
        stream.onText = { bytes in data?.append(contentsOf: bytes) }
        stream.onEnd = { name in
            guard !outOfRange else { return }
            switch name {
            case "Data":
                // A Data outside any Cell (hand-made XML) has no cell to fill.
                guard !cells.isEmpty else {
                    data = nil
                    return
                }
                let text = String(decoding: data ?? [], as: UTF8.self)
                switch type {
                case "Number": cells[cells.count - 1] = CellValue.number(text) ?? text
                case "DateTime":
                    cells[cells.count - 1] = text.hasSuffix("T00:00:00.000") ? String(text.prefix(10)) : text
                default: cells[cells.count - 1] = text
                }
                data = nil
            case "Cell":
                cells += Array(repeating: "", count: merge)
                merge = 0
            case "Row":
                guard !sheets.isEmpty else { return }
                while cells.last?.isEmpty == true { cells.removeLast() }
                sheets[sheets.count - 1].rows.append((number, cells))
            default: break
            }
        }
        do throws(XMLStream.Problem) {
            try feedAll(bytes, stream)
            try stream.finish()
        } catch {
            throw .malformed(part: "XML", line: error.line, reason: error.reason)
        }
        if outOfRange { throw MemorySheet.tooWide }
        return sheets
    }

    /// Feeds a whole document to a parser (HTML and SpreadsheetML files are read whole).
    static func feedAll(_ bytes: [UInt8], _ stream: XMLStream) throws(XMLStream.Problem) {
        var problem: XMLStream.Problem?
        bytes.withUnsafeBytes { raw in
            do throws(XMLStream.Problem) { try stream.feed(raw) } catch { problem = error }
        }
        if let problem { throw problem }
    }
}
