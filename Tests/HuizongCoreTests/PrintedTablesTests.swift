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
        let result = try Self.one(
            "资产.csv",
            "单位编码,资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\n合计,,,,\(stated),500.00\r\n"
                + "012002,A1,房屋,固定资产,1000.00,400.00\r\n012002,A2,电脑,固定资产,500.00,100.00\r\n")
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

    /// Consolidates one table of 012002's (UTF-8 text as given) with the registry.
    static func one(_ file: String, _ text: String) throws -> Consolidation {
        try consolidate(["单位名录.csv": registry + "012003,规划院,012001\r\n", file: text])
    }

    /// The same figure for two years or moments side by side: this year's is the figure, last
    /// year's is not read; headed twice alike with nothing to tell them apart, neither is.
    @Test func aFigureHeadedForTwoYearsIsThisYearsOrNone() throws {
        let years = try Self.one(
            "012002_执法支队/基本数字表.csv",
            "2022年基本数字表\r\n项目,上年数,,,\"本年\n数\",,\r\n,在职人数,离休人数,退休人数,在职人数,离休人数,退休人数\r\n"
                + "合计,34,3,11,30,2,12\r\n")
        #expect(years.unit("012002").staff == Self.printed, "本年数, the line break in its cell notwithstanding")
        let turned = try Self.one(
            "012002_执法支队/人员情况.csv", "项目,上年数,本年数\r\n编制数,40,40\r\n在职人数,29,30\r\n离休,2,2\r\n退休,11,12\r\n")
        #expect(turned.unit("012002").staff == Self.printed)
        let cards = try Self.one(
            "012003_规划院/卡片.csv",
            "卡片编号,资产名称,资产分类代码,价值,,累计折旧,\r\n,,,期初,期末,期初,期末\r\nK1,服务器,A02010105,1.00,100.00,0.00,40.00\r\n")
        #expect(cards.unit("012003").assets.fixedOriginal == Money(fen: 10_000))
        #expect(cards.unit("012003").assets.accumulatedDepreciation == Money(fen: 4_000))
        let alike = try Self.one(
            "012002_执法支队/基本数字表.csv", "项目,在职人数,退休人数,在职人数,退休人数\r\n合计,28,11,30,12\r\n")
        #expect(alike.unit("012002").staff == StaffTotals(), "never the first of two alike")
        let twice = try #require(alike.findings("file.unrecognised").first)
        #expect(twice.message.contains("“在职人数”出现在第 2、4 列"), "\(twice.message)")
    }

    /// A unit's figure one of whose rows was rejected is missing, not short: blank, named.
    @Test func aRejectedRowLeavesItsUnitsFigureOut() throws {
        let staff = try Self.one("012002_执法支队/基本数字表.csv", "编制人数,在职人数,退休人数\r\n40,30.5,12\r\n")
        #expect(staff.unit("012002").isSubmitted, "it sent its counts, one of them unreadable")
        #expect(staff.withheld.map(\.unit) == ["012002"] && staff.findings("row.headcount").first?.unit == "012002")
        let cards = try Self.one(
            "012003_规划院/卡片.csv",
            "卡片编号,资产名称,资产分类代码,价值(元),累计折旧(元)\r\nK1,电脑,A02010105 台式计算机,100.00,40.00\r\nK2,某物,A09000000,5.00,0.00\r\n")
        #expect(cards.unit("012003").assets == AssetTotals(), "not the 100.00 of the card that was read")
        #expect(cards.withheld.first?.key == .asset(id: "") && cards.findings("row.vocabulary").first?.line == 3)
        #expect(cards.assets.fixedOriginal == .zero, "nor in the department's total")
    }

    /// Counts printed as numbers (`42.00`), a dash where a figure does not apply, a group's own
    /// row among units, 全额拨款事业单位 under 事业单位 unnumbered, 本页小计 rows: all as printed.
    @Test func countsAndRowsAsFormsPrintThem() throws {
        let printed = try Self.one(
            "012002_执法支队/基本数字表.csv",
            "项目,编制人数,在职人数,其中：经费自理人数,离休人数,退休人数\r\n合计,42.00,30.00,5,2,12\r\n"
                + "行政单位,12,10,—,1,3\r\n事业单位,30,20,5,1,9\r\n全额拨款事业单位,22,15,—,1,6\r\n差额拨款事业单位,8,5,5,,3\r\n")
        #expect(printed.unit("012002").staff == Self.printed && printed.withheld.isEmpty)
        #expect(printed.findings.filter { $0.severity == .error && $0.rule != "unit.not_submitted" }.isEmpty)
        let grouped = try Self.one(
            "基本数字表.csv",
            "单位编码,单位名称,在职人数,离休人数,退休人数\r\n,合计,40,2,15\r\n,一、行政单位,30,2,12\r\n012002,执法支队,30,2,12\r\n"
                + ",二、事业单位,10,0,3\r\n012003,规划院,10,0,3\r\n")
        #expect(grouped.unit("012002").staff == Self.printed && grouped.unit("012003").staff.active == 10)
        #expect(grouped.findings("row.missing_value").isEmpty && grouped.inputs.last?.rejected == 0)
        let pages = try Self.one(
            "012003_规划院/卡片.csv",
            "卡片编号,资产名称,资产分类代码,价值(元),累计折旧(元)\r\nK1,办公用房,2010100,100.00,40.00\r\nK2,电脑,3010102,5.00,1.00\r\n"
                + "本页小计,,,105.00,41.00\r\n合计,,,105.00,41.00\r\n")
        #expect(pages.unit("012003").assets.fixedOriginal == Money(fen: 10_500))
        #expect(pages.findings.filter { $0.severity == .error && $0.rule != "unit.not_submitted" }.isEmpty)
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
