import Foundation
import Testing

@testable import HuizongCore

/// A figure left out stays out everywhere: not 0 in a unit's row, not a short total scored or
/// checked as if complete, not a later row's "earlier value".
@Suite struct MissingFiguresTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"

    static func consolidated(_ files: [String: String]) throws -> Consolidation {
        try consolidate(files.merging(["单位名录.csv": registry]) { file, _ in file })
    }

    /// 012002's parts disagree with its 合计: an indicator scored by 在职人数, and the report's
    /// 在职人员, are not measured against 012001's count alone.
    @Test func aShortTotalIsNeitherScoredNorReconciled() throws {
        let result = try Self.consolidated([
            "012001_某局本级/基本数字表.csv": "在职人数,退休人数\r\n20,3\r\n",
            "012002_执法支队/基本数字表.csv": "项目,在职人数,退休人数\r\n合计,10,2\r\n行政单位,4,1\r\n事业单位,5,1\r\n",
            "绩效指标.csv": "指标编码,一级指标,二级指标,指标名称,权重,方向,目标值,计量单位,数据来源\r\n"
                + "C01,产出,数量指标,在职人数,100,正向,30,人,staff_active\r\n",
            "报告数.csv": "项目,数值,计量单位\r\n在职人员,30,人\r\n",
        ])
        #expect(result.withheld.map(\.unit) == ["012002"] && result.staff.active == 20)
        let source = try #require(result.findings("indicator.source_incomplete").first)
        #expect(source.message.contains("staff_active") && source.severity == .warning)
        #expect(result.scorecard?.total == nil, "no total from a short count")
        #expect(result.findings("report.mismatch").isEmpty)
        #expect(result.findings("report.not_reconciled").map(\.line) == [2])
    }

    /// A unit's figure left out for its own doubt, then another table of it: that row is named
    /// as about a figure already missing, not compared with a 0 it never stated.
    @Test func aRowAboutAFigureAlreadyMissingSaysSo() throws {
        let result = try Self.consolidated([
            "012002_执法支队/a.csv": "项目,在职人数,退休人数\r\n合计,10,2\r\n行政单位,4,1\r\n事业单位,5,1\r\n",
            "b.csv": "单位编码,在职人数,退休人数\r\n012002,0,0\r\n",
        ])
        let later = try #require(result.findings("row.duplicate_key").first)
        #expect(later.file == "b.csv" && later.message.contains("已因012002_执法支队/a.csv 第 2 行的问题未计入汇总"))
        #expect(result.findings("row.duplicate_same").isEmpty)
        #expect(result.withheld.first?.places.count == 2)
    }

    /// A unit's own row with 在职 blank is no count of 0; the department's 合计 under a table of
    /// units by type is no unit's row; 在岗 more than 在职 says so.
    @Test func blankTotalAndBoundRows() throws {
        let blank = try Self.consolidated(["012002_执法支队/人数.csv": "单位名称,在职人数,退休人数\r\n执法支队,,3\r\n"])
        #expect(blank.withheld.map(\.unit) == ["012002"] && blank.unit("012002").staff == StaffTotals())
        let typed = try Self.consolidated([
            "人数.csv": "单位编码,单位名称,单位类型,在职人数\r\n012001,某局本级,行政单位,20\r\n012002,执法支队,事业单位,7\r\n合计,,,27\r\n"
        ])
        #expect(typed.unit("012001").staff.active == 20 && typed.unit("012002").staff.active == 7)
        #expect(typed.findings.filter { $0.severity == .error }.isEmpty, "\(typed.findings.map(\.message))")
        let bound = try Self.consolidated([
            "人数.csv": "单位编码,在职人数,在岗人数\r\n012001,20,22\r\n012002,7,7\r\n"
        ])
        let formula = try #require(bound.findings("row.staff_formula").first)
        #expect(formula.message.hasPrefix("“在岗人数” 22 人，多于“在职人数” 20 人"))
    }

    /// Two headings of one figure: this year's of two years even with a unit in brackets; two
    /// spellings side by side, never the first; a code `001` under the header is a unit's row.
    @Test func twoHeadingsOfOneFigure() throws {
        let years = try Self.consolidated([
            "012002_执法支队/人数.csv": "项目,上年数,本年数\r\n,在职人数,在职人数（人）\r\n合计,9,10\r\n"
        ])
        #expect(years.unit("012002").staff.active == 10)
        let spellings = try Self.consolidated(["012002_执法支队/人数.csv": "在职人员,在职人数\r\n9,10\r\n"])
        #expect(spellings.unit("012002").staff.active == 0 && spellings.findings("file.unrecognised").count == 1)
        #expect(!HeaderBand.isNumbering(["001", "2", "3", "4"]))
        // A turned table whose 合计 is printed a row above its 其中 categories is not read as if
        // 参公单位 were the whole.
        let turned = try Self.consolidated([
            "012002_执法支队/人员情况.csv": "项目,合计,其中\r\n,,参公单位\r\n编制数,50,5\r\n在职人数,45,5\r\n"
        ])
        #expect(turned.unit("012002").staff.active != 5)
    }
}
