import CFreeXL
import Foundation
import Testing

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
