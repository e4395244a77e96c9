import Foundation
import Testing

@testable import HuizongCore

/// One ledger written the ways real software writes it must read the same every way.
@Suite struct ReadingShapesTests {
    static let shapes: [(file: String, encoding: String, delimiter: UInt8)] = [
        ("excel-gb18030-preamble-total.csv", "gb18030", 0x2C),
        ("excel-utf8-bom.csv", "utf-8-bom", 0x2C),
        ("libreoffice-utf8-lf.csv", "utf-8", 0x2C),
        ("excel-unicode-text-utf16le-tab.csv", "utf-16le", 0x09),
        ("accounting-utf16be.csv", "utf-16be", 0x2C),
        ("semicolon-english.csv", "utf-8-bom", 0x3B),
        ("wps-cr-fullwidth-header.csv", "utf-8-bom", 0x2C),
    ]

    static func read(_ name: String) -> FileResult {
        let path = fixtures.appendingPathComponent("shapes/\(name)").path
        return InputFileReader.read(path: path, displayPath: name, options: ReadingOptions(keepRows: true))
    }

    @Test(arguments: shapes.map(\.file))
    func everyShapeGivesTheSameRecordsAndTotal(file: String) throws {
        let shape = Self.shapes.first { $0.file == file }!
        let result = Self.read(file)
        #expect(result.input.kind == "expenditure")
        #expect(result.input.encoding == shape.encoding)
        #expect(result.inspection.delimiter == shape.delimiter)
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(result.input.rows == 5 && result.input.accepted == 5)

        let reference = Self.read("libreoffice-utf8-lf.csv")
        // Values equal across encodings; the embedded line break keeps the file's own line end.
        let values = { (r: FileResult) in
            r.rowsForInspection!.map { $0.map { $0.1.replacing("\r\n", with: "\n").replacing("\r", with: "\n") } }
        }
        #expect(values(result) == values(reference))

        guard case .expenditure(let ledgers) = result.contents else {
            Issue.record("not a ledger")
            return
        }
        let ledger = try #require(ledgers["012001"])
        #expect(ledger.rows == 5)
        #expect(ledger.total == Money(fen: 112_324_403))
        #expect(ledger.byType[.basic] == Money(fen: 12_324_398))
        #expect(ledger.bySource[.publicServiceRevenue] == Money(fen: 5))
    }

    @Test func preambleAndTotalRowAreNotData() {
        let result = Self.read("excel-gb18030-preamble-total.csv")
        #expect(result.inspection.preamble == ["2022年支出明细账", "编制单位：石家庄市自然资源和规划局 单位：元"])
        #expect(result.inspection.headerLine == 4)
        #expect(result.inspection.totalRows == [11], "the 5th voucher spans lines 9–10")
    }

    @Test func recordsKeepTheirLineNumbersAcrossEmbeddedLineBreaks() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write(
            "l.csv",
            "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n"
                + "012001,2022-01-01,1,一般公共预算,基本支出,\"two\r\nlines\",1.00\r\n"
                + "012001,2022-01-01,2,一般公共预算,基本支出,x,1.234\r\n")
        let result = InputFileReader.read(path: path, displayPath: "l.csv")
        #expect(result.findings.map(\.line) == [4])
        #expect(result.findings.first?.rule == "row.amount")
    }
}
