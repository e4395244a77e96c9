import Foundation
import Testing

@testable import HuizongCore

/// Rows that are neither data nor totals, as exports print them: a 栏次 row under a 基本数字表's
/// header, a printed voucher's 记账： 审核： 出纳： 制单： line. Read past, never as a figure.
@Suite struct NonDataRowsTests {
    static func read(_ name: String, _ text: String) throws -> FileResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nondata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        // Excel's CSV UTF-8: a byte-order mark, CRLF.
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)))
        return InputFileReader.read(path: path, displayPath: name)
    }

    @Test func aStaffCountTablesColumnNumbersAreNotAUnitsFigures() throws {
        // Without a unit column the rows are the file's unit's: a 栏次 row read as data would make
        // that unit 2 在职, 3 离休, 4 退休 — a wrong figure that looks right.
        let result = try Self.read(
            "012003_基本数字表.csv",
            "单位名称,编制人数,在职人数,离休人数,退休人数\r\n栏次,1,2,3,4\r\n石家庄市土地利用规划院,40,38,0,12\r\n")
        #expect(result.input.kind == "staff_counts")
        #expect(result.input.rows == 1 && result.input.rejected == 0, "\(result.findings)")
        #expect(result.inspection.nonDataRows == [2])
        guard case .staffCounts(let counts) = result.contents else {
            Issue.record("not read as headcounts")
            return
        }
        #expect(counts.map(\.counts.active) == [38] && counts.map(\.counts.retired) == [12])
    }

    @Test func aPrintedVouchersSignatureLineIsNotARowOfTheBooks() throws {
        // 金蝶 as its 凭证 export prints them: codes with dots, a 合计 row, then who kept and checked
        // the books (a name, never read).
        let header = "日期,凭证字,凭证号,附件数,分录序号,摘要,科目代码,科目名称,借方金额,贷方金额,客户,供应商,职员,项目,部门\r\n"
        let lines = [
            "2022-03-15,记,12,1,1,支付办公用品,7201.01.01.01,基本支出,1200.00,,,,,,",
            "2022-03-15,记,12,1,2,支付办公用品,8201.01.01,资金结存,,1200.00,,,,,",
            "合计,,,,,,,,1200.00,1200.00,,,,,",
            "记账：李四,审核：王五,出纳：,制单：张三,,,,,,,,,,,",
        ]
        let result = try Self.read("012004_凭证.csv", header + lines.joined(separator: "\r\n") + "\r\n")
        #expect(result.input.kind == "journal")
        #expect(result.input.rows == 2 && result.input.rejected == 0, "\(result.findings)")
        #expect(!result.findings.contains { $0.severity == .error }, "\(result.findings)")
        #expect(result.inspection.totalRows == [4] && result.inspection.nonDataRows == [5])
    }

    @Test func aLabelOnlyBeginsTheCellOrStandsAlone() throws {
        // 审核意见 is not 审核：: a row whose first cell only begins with a label's characters is data.
        let result = try Self.read(
            "budget.csv", "单位编码,阶段,科目,金额(元)\r\n012001,决算,基本支出,100.00\r\n审核意见,决算,项目支出,5.00\r\n")
        #expect(result.input.rows == 2 && result.input.rejected == 1)
        #expect(result.inspection.nonDataRows.isEmpty)
    }
}
