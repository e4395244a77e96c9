import Foundation
import Testing

@testable import HuizongCore

/// Tables as the units' systems print them (`Fixtures/staff/make-staff.py`): a header over several
/// rows with merged cells, a 栏次 row, rows by 编制 type, a 审核公式 line, a table turned on its
/// side; and the traps, which must leave a figure out, never give a wrong one.
@Suite struct PrintedTablesTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"
    static let printed = StaffTotals(active: 30, retiredVeteran: 2, retired: 12)

    /// Copies fixtures into a fresh folder with the registry, at the given relative paths.
    static func folder(_ files: [(fixture: String, at: String)]) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("单位名录.csv", registry)
        for (fixture, at) in files {
            let bytes = try Data(contentsOf: fixtures.appendingPathComponent("staff/" + fixture))
            folder.write(at, bytes: Array(bytes))
        }
        return folder
    }

    @Test(arguments: [
        "基本数字表-三行表头.xlsx", "基本数字表-三行表头-gb18030.csv", "基本数字表-网页.xls", "人员情况-转置-gb18030.csv",
        "人员情况-转置.xlsx",
    ])
    func aPrintedStaffTableGivesTheUnitsFigureFromIts合计(file: String) throws {
        let folder = try Self.folder([(file, "012002_执法支队/" + file)])
        defer { folder.remove() }
        let result = try consolidate(folder)
        #expect(result.unit("012002").staff == Self.printed)
        #expect(result.withheld.isEmpty)
        // A workbook's table is its sheet's input (`file［sheet］`), a CSV's the file's.
        let input = try #require(
            result.inputs.first { $0.path.hasPrefix("012002_执法支队/" + file) && $0.kind != "workbook" })
        #expect(input.kind == "staff_counts" && input.rows == 4 && input.rejected == 0)
        let troubles = result.findings.filter { $0.file.hasPrefix("012002_执法支队/" + file) && $0.severity != .info }
        #expect(troubles.isEmpty, "\(troubles.map(\.message))")
    }

    /// The three header rows are read as paths, the 栏次 row under them is no row of data.
    @Test func aHeaderOverThreeRowsIsReadAsPaths() throws {
        let rows = [
            ["项目", "编制人数", "年末实有人数", "", "", "", "", "", ""],
            ["", "", "合计", "在职人员", "", "", "离休人员", "退休人员", "遗属人员"],
            ["", "", "", "小计", "其中：公共预算财政拨款开支人数", "经费自理人数", "", "", ""],
        ]
        let paths = HeaderBand.paths(rows)
        #expect(HeaderBand.display(paths[3]) == "年末实有人数 › 在职人员 › 小计")
        #expect(HeaderBand.label(paths[3]) == "在职人员", "a 小计 is its parent's figure")
        #expect(HeaderBand.label(paths[4]) == "公共预算财政拨款开支人数")
        #expect(HeaderBand.label(paths[6]) == "离休人员" && HeaderBand.label(paths[1]) == "编制人数")
        #expect(HeaderBand.isNumbering(["栏次", "1", "2", "3"]) && HeaderBand.isNumbering(["", "甲", "乙", "1", "2"]))
        #expect(HeaderBand.isNumbering(["1", "2", "3", "4", "5"]))
        #expect(!HeaderBand.isNumbering(["5", "6", "7"]), "a unit's own small counts, unlabelled, are data")
        #expect(!HeaderBand.isNumbering(["012002", "30", "2", "12"]) && !HeaderBand.isNumbering(["合计", "1", "2"]))
        #expect(plainLabel("指标1：产出数量") == "产出数量" && plainLabel("一、行政单位") == "行政单位")
        let units = try #require(TableLayout.recognise(["单位编码", "在职人数（人）", "退休人数(人)"]))
        #expect(units.kind == .staffCounts && units.index["retired"] == 2, "a count's unit in brackets is decoration")
        #expect(plainLabel("其中：公共预算\n财政拨款开支人数") == "公共预算财政拨款开支人数")
    }

    @Test func aNumberingRowWithoutIts栏次LabelIsNoUnitsRow() throws {
        let folder = try Self.folder([("陷阱-编号行.csv", "基本数字表.csv")])
        defer { folder.remove() }
        let result = try consolidate(folder)
        #expect(result.unit("012002").staff == Self.printed)
        let errors = result.findings.filter { $0.severity == .error && $0.rule != "unit.not_submitted" }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        #expect(result.inputs.first { $0.path == "基本数字表.csv" }?.rejected == 0)
    }

    /// A 合计 printed above its rows is checked against the rows below it, not against nothing.
    @Test(arguments: [("1500.00", false), ("1600.00", true)])
    func a合计PrintedFirstIsCheckedAgainstTheRowsBelow(stated: String, differs: Bool) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "资产.csv",
            "单位编码,资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\n合计,,,,\(stated),500.00\r\n"
                + "012002,A1,房屋,固定资产,1000.00,400.00\r\n012002,A2,电脑,固定资产,500.00,100.00\r\n")
        let result = try consolidate(folder)
        #expect(result.unit("012002").assets.fixedOriginal == Money(fen: 150_000), "the rows are the figure")
        let mismatch = result.findings("total_row.mismatch")
        #expect(mismatch.map(\.line) == (differs ? [2] : []))
        #expect(mismatch.allSatisfy { $0.message.contains("明细之和为 1500.00 元") })
    }

    /// Each trap leaves 012002's headcounts out with a finding naming the file: never a number.
    @Test(arguments: [
        ("陷阱-合计与分项不符.csv", "staff.counts_withheld", "与各类单位之和 46 人不等"),
        ("陷阱-无合计.csv", "staff.counts_withheld", "合计"),
        ("陷阱-审核公式不符.csv", "row.staff_formula", "经费自理人数"),
    ])
    func aTrapLeavesTheFigureOut(file: String, rule: String, says: String) throws {
        let folder = try Self.folder([(file, "012002_执法支队/基本数字表.csv")])
        defer { folder.remove() }
        let result = try consolidate(folder)
        #expect(result.unit("012002").staff == StaffTotals(), "no figure rather than a wrong one")
        let finding = try #require(result.findings(rule).first, "\(result.findings.map(\.message))")
        #expect(finding.file == "012002_执法支队/基本数字表.csv" && finding.line != nil)
        #expect(finding.message.contains(says), "\(finding.message)")
        #expect(result.withheld.map(\.unit) == ["012002"])
        #expect(result.withheld.first?.key == .headcounts)
    }

    /// The unit's 基本数字表 twice, the copy edited: neither is chosen, both are named.
    @Test func twoTablesOfOneUnitThatDisagreeGiveNoFigure() throws {
        let folder = try Self.folder([
            ("基本数字表-三行表头.xlsx", "012002_执法支队/基本数字表.xlsx")
        ])
        defer { folder.remove() }
        // The second table says 在职 31: it disagrees with the workbook's 30.
        let csv = "单位编码,单位名称,编制人数,在职人数,离休人数,退休人数\r\n012002,执法支队,40,31,2,12\r\n"
        folder.write("012002_执法支队/人数.csv", csv)
        let result = try consolidate(folder)
        #expect(result.unit("012002").staff == StaffTotals())
        let duplicate = try #require(result.findings("row.duplicate_key").first)
        #expect(duplicate.file == "012002_执法支队/基本数字表.xlsx［基本数字表］" && duplicate.line == 7)
        #expect(duplicate.message.contains("人数.csv 第 2 行") && duplicate.message.contains("两行都未计入"))
        let missing = try #require(result.withheld.first)
        #expect(
            missing.unit == "012002"
                && missing.places.compactMap(\.file).sorted() == [
                    "012002_执法支队/人数.csv", "012002_执法支队/基本数字表.xlsx［基本数字表］",
                ])
    }
}
