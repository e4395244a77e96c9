import CFreeXL
import Foundation
import Testing
import ZIPFoundation

@testable import HuizongCore

/// What the .xls child sends back (BIFFWorkbook) is read with every length checked: a short,
/// disordered or inflated stream is the file's problem, never a crash or a guess.
@Suite struct BIFFStreamTests {
    static func sheet(_ name: String) -> [UInt8] {
        [UInt8(ascii: "S")] + withUnsafeBytes(of: UInt32(name.utf8.count)) { Array($0) } + Array(name.utf8)
    }

    static func cell(row: UInt32, column: UInt16, text: String) -> [UInt8] {
        [UInt8(ascii: "C")] + withUnsafeBytes(of: row) { Array($0) } + withUnsafeBytes(of: column) { Array($0) }
            + [UInt8(FREEXL_CELL_TEXT)] + withUnsafeBytes(of: UInt32(text.utf8.count)) { Array($0) } + Array(text.utf8)
    }

    static func sheets(_ bytes: [UInt8]) throws(XLSXWorkbook.Problem) -> [MemorySheet] {
        try bytes.withUnsafeBufferPointer { buffer throws(XLSXWorkbook.Problem) in try BIFFWorkbook.sheets(buffer) }
    }

    @Test func aWholeStreamIsItsSheets() throws {
        let stream =
            Self.sheet("支出") + Self.cell(row: 0, column: 0, text: "单位编码") + Self.cell(row: 0, column: 2, text: "金额")
            + Self.cell(row: 3, column: 1, text: "x") + [UInt8(ascii: "E")]
        let sheets = try Self.sheets(stream)
        #expect(sheets.map(\.name) == ["支出"])
        #expect(sheets[0].rows.map(\.number) == [1, 4])
        #expect(sheets[0].rows.map(\.cells) == [["单位编码", "", "金额"], ["", "x"]])
    }

    @Test func aDamagedStreamIsAProblem() {
        let whole = Self.sheet("表") + Self.cell(row: 0, column: 1, text: "a") + [UInt8(ascii: "E")]
        for cut in 1..<whole.count - 1 {
            #expect(throws: XLSXWorkbook.Problem.self, "cut at \(cut)") { try Self.sheets(Array(whole.prefix(cut))) }
        }
        let backwards =
            Self.sheet("表") + Self.cell(row: 0, column: 3, text: "a") + Self.cell(row: 0, column: 1, text: "b")
        #expect(throws: XLSXWorkbook.Problem.self) { try Self.sheets(backwards + [UInt8(ascii: "E")]) }
        let lying = Self.sheet("表") + [UInt8(ascii: "C")] + Array(repeating: 0xFF, count: 11) + [UInt8(ascii: "E")]
        #expect(throws: XLSXWorkbook.Problem.self) { try Self.sheets(lying) }
    }

    /// A sheet the library cannot open, cells it cannot read and sheets past the 255 read are
    /// named, so the reader sets them aside with a finding, never in silence.
    @Test func whatTheLibraryCannotReadIsNamed() throws {
        let stream =
            Self.sheet("好") + Self.cell(row: 0, column: 0, text: "a") + [UInt8(ascii: "K")]
            + Self.sheet("坏表").dropFirst() + Self.sheet("半")
            + Self.cell(row: 0, column: 0, text: "b") + [UInt8(ascii: "F")]
            + withUnsafeBytes(of: UInt32(3)) { Array($0) }
            + [UInt8(ascii: "M")] + withUnsafeBytes(of: UInt32(4)) { Array($0) } + [UInt8(ascii: "E")]
        let sheets = try Self.sheets(stream)
        #expect(sheets.map(\.name) == ["好", "坏表", "半", "第 256 张起的 4 张表"])
        #expect(sheets.map { $0.unreadable != nil } == [false, true, true, true])
        #expect(sheets[2].unreadable?.contains("3 个格子") == true)
    }

    /// One far cell in each of many rows would pad the held sheet with billions of blanks.
    @Test func blanksBeforeFarCellsAreBounded() {
        var stream = Self.sheet("表")
        for row in 0..<UInt32(2_000) { stream += Self.cell(row: row, column: 16_000, text: "x") }
        stream.append(UInt8(ascii: "E"))
        #expect(throws: XLSXWorkbook.Problem.self) { try Self.sheets(stream) }
        let far = Self.sheet("表") + Self.cell(row: 0, column: 20_000, text: "x") + [UInt8(ascii: "E")]
        #expect(throws: XLSXWorkbook.Problem.self) { try Self.sheets(far) }
    }
}

/// Sheets held whole (HTML, SpreadsheetML) stay within Excel's rows and columns and a bound on the
/// blank cells put to place the others, and an .xlsx may not point two sheets at one part: a
/// small file cannot make unbounded work or memory (each case was found by review).
@Suite struct HeldSheetBoundsTests {
    static func xml(_ rows: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="人员"><Table>\(rows)</Table></Worksheet></Workbook>
            """.utf8)
    }

    @Test(arguments: [
        "<Row><Cell ss:Index=\"-9223372036854775808\"><Data ss:Type=\"String\">x</Data></Cell></Row>",
        "<Row ss:Index=\"9223372036854775807\"><Cell/></Row><Row><Cell/></Row>",
        "<Row><Cell ss:Index=\"1099511627776\"><Data ss:Type=\"String\">x</Data></Cell></Row>",
        "<Row><Cell ss:Index=\"20000000\"><Data ss:Type=\"String\">x</Data></Cell></Row>",
        "<Row><Cell ss:MergeAcross=\"9223372036854775807\"/></Row>",
        String(repeating: "<Row><Cell ss:Index=\"16000\"><Data ss:Type=\"String\">x</Data></Cell></Row>", count: 600),
    ])
    func aSpreadsheetMLIndexPastExcelsRangeSetsTheFileAside(rows: String) {
        #expect(throws: XLSXWorkbook.Problem.self) { try OtherWorkbooks.spreadsheetML(Self.xml(rows)) }
    }

    @Test func aSpreadsheetMLIndexWithinRangeIsRead() throws {
        let rows =
            "<Row ss:Index=\"3\"><Cell ss:Index=\"2\"><Data ss:Type=\"String\">甲</Data></Cell></Row>"
            + "<Row><Data ss:Type=\"String\">没有格子</Data><Cell ss:MergeAcross=\"1\"/><Cell><Data ss:Type=\"String\">乙</Data></Cell></Row>"
        let sheets = try OtherWorkbooks.spreadsheetML(Self.xml(rows))
        #expect(sheets.first?.rows.map(\.number) == [3, 4])
        #expect(sheets.first?.rows.map(\.cells) == [["", "甲"], ["", "", "乙"]])
    }

    @Test func htmlColumnsAndBlanksAreBounded() throws {
        let wide = "<table><tr>" + String(repeating: "<td colspan=256></td>", count: 100) + "<td>x</td></tr></table>"
        #expect(throws: XLSXWorkbook.Problem.self) { try OtherWorkbooks.html(Array(wide.utf8)) }
        let row = "<tr>" + String(repeating: "<td colspan=200></td>", count: 60) + "<td>x</td></tr>"
        let many = "<table>" + String(repeating: row, count: 1_000) + "</table>"
        #expect(throws: XLSXWorkbook.Problem.self) { try OtherWorkbooks.html(Array(many.utf8)) }
        let fine = "<table><tr><td colspan=3>标题</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>"
        #expect(try OtherWorkbooks.html(Array(fine.utf8)).first?.rows.map(\.cells) == [["标题"], ["a", "b", "c"]])
    }

    @Test func twoSheetsNamingOnePartSetTheWorkbookAside() throws {
        let sheet = WorkbookReadingTests.ledgerXML
        let base = try WorkbookReadingTests.handMade(sheetXML: sheet)
        #expect(throws: Never.self) { try XLSXWorkbook(Array(base)) }
        // The same workbook whose three sheets all point at sheet1.xml.
        let archive = try ZIPFoundation.Archive(data: base, accessMode: .read)
        let shared = try ZIPFoundation.Archive(accessMode: .create)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            if entry.path == "xl/_rels/workbook.xml.rels" {
                data = Data(
                    String(decoding: data, as: UTF8.self)
                        .replacingOccurrences(of: "/xl/worksheets/sheet2.xml", with: "worksheets/sheet1.xml")
                        .replacingOccurrences(of: "worksheets/sheet3.xml", with: "worksheets/sheet1.xml").utf8)
            }
            try shared.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        #expect(throws: XLSXWorkbook.Problem.self) { try XLSXWorkbook(Array(shared.data!)) }
    }
}
