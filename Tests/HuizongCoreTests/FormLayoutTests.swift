import Foundation
import Testing

@testable import HuizongCore

/// 决算 forms as the 决算 software exports them, read by the layouts in `Layouts/`.
@Suite struct FormLayoutTests {
    static let forms = fixtures.appendingPathComponent("forms")
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,石家庄市自然资源和规划局本级,\r\n012017,石家庄市规划馆,012001\r\n"

    static func read(_ name: String) -> FileResult {
        InputFileReader.read(path: forms.appendingPathComponent(name).path, displayPath: name)
    }

    static func figures(_ result: FileResult) -> [BudgetItem: Money] {
        guard case .budget(let lines) = result.contents else { return [:] }
        return Dictionary(lines.map { ($0.item, $0.amount) }, uniquingKeysWith: +)
    }

    static let income: [BudgetItem: Money] = [
        .generalBudget: Money(fen: 123_456_789), .governmentFund: Money(fen: 50_000_000),
        .grantFromParent: Money(fen: 2_000_000), .otherIncome: Money(fen: 100_050),
        .openingBalance: Money(fen: 10_000_000), .closingBalance: Money(fen: 5_000_000),
    ]

    /// The 2022 01表 (two sides, four header rows, GB18030, `—` where nothing applies) and its
    /// 2018 predecessor (the right side by 基本/项目 支出) give the same income figures.
    @Test func theTwoSidedSummaryTable() throws {
        let form = Self.read("决算01表-2022.csv")
        #expect(form.findings.isEmpty, "\(form.findings.map(\.message))")
        #expect(form.input.kind == "budget" && form.input.layout == "部门决算 财决01表 收入支出决算总表（2022 年表样）")
        #expect(Self.figures(form) == Self.income)
        #expect(form.statedUnit == "石家庄市规划馆")
        #expect(form.input.rows == 6 && form.input.rejected == 0)
        let old = Self.read("决算01表-2018.csv")
        #expect(old.findings.isEmpty, "\(old.findings.map(\.message))")
        #expect(old.input.layout == "部门决算 财决01表 收入支出决算总表（2018 年表样）", "the layout that knows every label")
        var expected = Self.income
        expected[.basicExpenditure] = Money(fen: 120_000_000)
        expected[.projectExpenditure] = Money(fen: 60_556_839)
        #expect(Self.figures(old) == expected)
    }

    @Test func theTotalRowOfTheExpenditureTable() throws {
        let form = Self.read("决算04表-2022.csv")
        #expect(form.findings.isEmpty, "\(form.findings.map(\.message))")
        #expect(
            Self.figures(form) == [
                .basicExpenditure: Money(fen: 120_000_000), .projectExpenditure: Money(fen: 60_556_839),
            ])
    }

    /// A row the layout does not know is one finding naming it, its line and its figure.
    @Test func anUnknownLabelIsNamed() throws {
        let form = Self.read("决算01表-多一行.csv")
        #expect(form.findings.map(\.rule) == ["form.unknown_label"])
        let finding = form.findings[0]
        #expect(finding.line == 15 && finding.file == "决算01表-多一行.csv" && finding.severity == .error)
        #expect(finding.message.contains("没有“九、专项收入”这一行（本行数值 3,000.00 未计入）"))
        #expect(form.input.rows == 7 && form.input.rejected == 1)
    }

    /// The unit's 决算 workbook as it came out of the software, named after the unit, with its
    /// sheets: the unit comes from the file name, the figures from both forms.
    @Test func aUnitsWorkbookConsolidates() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        try FileManager.default.copyItem(
            atPath: Self.forms.appendingPathComponent("石家庄市规划馆.xlsx").path, toPath: folder.path + "/石家庄市规划馆.xlsx")
        let result = try consolidate(folder)
        let final = result.unit("012017").budget[.final]
        #expect(final[.generalBudget] == Money(fen: 123_456_789) && final[.basicExpenditure] == Money(fen: 120_000_000))
        #expect(final[.closingBalance] == Money(fen: 5_000_000))
        let sheets = result.inputs.filter { $0.path.hasPrefix("石家庄市规划馆.xlsx［") }
        #expect(sheets.map(\.layout).allSatisfy { $0.hasPrefix("部门决算") } && sheets.count == 2)
        #expect(
            sheets.allSatisfy { $0.unit == "012017" && $0.unitSource == "preamble" || $0.unitSource == "file_name" })
        // Read cleanly; the one thing said of the unit is that its ledger is missing.
        #expect(
            result.findings.filter { $0.file.hasPrefix("石家庄市规划馆") }.map(\.rule) == ["ledger.missing"],
            "\(result.findings.map(\.message))")
        // The form balances: income 1,755,568.39 + 年初 100,000 = spending 1,805,568.39 + 年末 50,000.
        #expect(result.findings("budget.unbalanced").filter { $0.unit == "012017" }.isEmpty)
    }

    /// The shipped layouts are the files in `Layouts/`, byte for byte, and each one parses.
    @Test func theShippedLayoutsAreTheFiles() throws {
        let folder = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Layouts")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted(by: bytewise)
        #expect(ShippedLayouts.files.map(\.name) == names)
        for (name, json) in ShippedLayouts.files {
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(file == json + "\n", "\(name): run Scripts/embed-data.py")
        }
        #expect(FormLayout.shipped.count == names.count)
        #expect(throws: FormLayout.Invalid.self) {
            try FormLayout.parse(
                Data(#"{"schema":"huizong.layout/1","name":"x","stage":"决算","sides":[]}"#.utf8), path: "x")
        }
    }
}

/// What a reviewer checks across a unit's forms: the same total on two forms agrees.
@Suite struct FormTotalsTests {
    static func folder(with forms: [String]) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("单位名录.csv", FormLayoutTests.registry)
        for form in forms {
            try FileManager.default.copyItem(
                atPath: FormLayoutTests.forms.appendingPathComponent(form).path, toPath: folder.path + "/" + form)
        }
        return folder
    }

    @Test func formsThatAgreeSayNothing() throws {
        let folder = try Self.folder(with: ["决算01表-决算数.csv", "决算03表-2022.csv", "决算04表-2022.csv", "决算05表-2022.csv"])
        defer { folder.remove() }
        let result = try consolidate(folder)
        #expect(result.findings.filter { $0.rule.hasPrefix("form.") }.isEmpty, "\(result.findings.map(\.message))")
        let final = result.unit("012017").budget[.final]
        #expect(final[.generalBudget] == Money(fen: 123_456_789), "决算数 is the 金额 column too")
        #expect(final[.basicExpenditure] == Money(fen: 120_000_000), "counted once, from the 04表")
        #expect(result.inputs.filter { !$0.layout.isEmpty }.count == 4)
    }

    @Test func a04TableThatDisagreesWithThe01And05IsNamed() throws {
        let folder = try Self.folder(with: ["决算01表-2022.csv", "决算04表-不一致.csv", "决算05表-2022.csv"])
        defer { folder.remove() }
        let result = try consolidate(folder)
        let differ = result.findings("form.totals_differ")
        #expect(differ.count == 2, "\(differ.map(\.message))")
        let spending = try #require(differ.first { $0.message.contains("“本年支出合计”") })
        #expect(spending.unit == "012017" && spending.severity == .error)
        #expect(spending.message.contains("1805668.39 元") && spending.message.contains("1805568.39 元"))
        #expect(differ.contains { $0.message.contains("“基本支出”") && $0.message.contains("相差 -100.00 元") })
    }
}

/// The balance sheet states what no card holds; where cards hold it too, they must agree.
@Suite struct BalanceSheetTests {
    @Test func cashFromTheSheetFixedAssetsFromTheCards() throws {
        let folder = try FormTotalsTests.folder(with: ["资产负债简表-2022.csv", "决算05-1表-2022.csv", "决算04表-2022.csv"])
        defer { folder.remove() }
        folder.write(
            "石家庄市规划馆/卡片.csv",
            "卡片编号,资产名称,固定资产分类代码,价值(元),累计折旧(元)\r\nZ1,办公楼,2010100,1000000.00,400000.00\r\n"
                + "Z2,车辆,3020100,86500.00,32500.00\r\n")
        let result = try consolidate(folder)
        let assets = result.unit("012017").assets
        #expect(assets.cash == Money(fen: 300_000_000) && assets.constructionInProgress == Money(fen: 5_000_000))
        #expect(assets.fixedOriginal == Money(fen: 108_650_000), "from the cards")
        let differs = try #require(result.findings("asset.statement_differs").first)
        #expect(differs.message.contains("“固定资产累计折旧”432600.00 元，与资产卡片合计 432500.00 元不等"))
        #expect(result.findings.filter { $0.rule.hasPrefix("form.") }.isEmpty, "05-1表's 合计 is 04表's 基本支出")
        let inputs = Dictionary(uniqueKeysWithValues: result.inputs.map { ($0.path, $0) })
        #expect(inputs["决算05-1表-2022.csv"]?.layout == "部门决算 财决05-1表 基本支出决算明细表（2022 年表样）")
        #expect(inputs["资产负债简表-2022.csv"]?.kind == "assets")
    }

    /// A department adds its province's variant as a file: a row the shipped layout does not
    /// know becomes a figure.
    @Test func aDepartmentsOwnLayout() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var layout = try String(
            contentsOf: fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Layouts/决算2022-01-收入支出决算总表.json"), encoding: .utf8)
        layout = layout.replacingOccurrences(of: "（2022 年表样）", with: "（某省 2022 年表样）")
            .replacingOccurrences(of: #""八、其他收入""#, with: #""其他收入""#)
            .replacingOccurrences(of: #""其他收入": "其他收入","#, with: #""其他收入": "其他收入", "专项收入": "其他收入","#)
        folder.write("layouts/某省01表.json", layout)
        let loaded = try FormLayout.load(folder: folder.path + "/layouts")
        #expect(loaded.count == 1 && loaded[0].name.contains("某省"))
        let form = InputFileReader.read(
            path: FormLayoutTests.forms.appendingPathComponent("决算01表-多一行.csv").path, displayPath: "多一行.csv",
            options: ReadingOptions(layouts: FormLayout.shipped + loaded))
        #expect(form.findings.isEmpty, "\(form.findings.map(\.message))")
        #expect(form.input.layout.contains("某省"), "the layout that knows every row")
        #expect(FormLayoutTests.figures(form)[.otherIncome] == Money(fen: 400_050))
        folder.write(
            "bad/x.json",
            #"{"schema":"huizong.layout/1","name":"x","titles":["x"],"stage":"决算","sides":[{"label":"项目","amount":"金额","items":{"甲":"乙"}}]}"#
        )
        #expect(throws: FormLayout.Invalid.self) { try FormLayout.load(folder: folder.path + "/bad") }
    }
}
