import Foundation
import Testing

@testable import HuizongCore

/// Every check: a case that triggers it and one that must not.
@Suite struct CheckTests {
    static let assets = "单位编码,资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\n"
    static let budget = "单位编码,阶段,科目,金额(万元)\r\n"
    static let ledger = "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
    static let staff = "单位编码,人员编号,人员类别\r\n"
    static let figures = "项目,数值,计量单位\r\n"

    /// A folder with the registry and the given files, consolidated.
    func run(_ files: [String: String], fiscalYear: Int? = nil) throws -> Consolidation {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        for (name, text) in files { folder.write(name, text) }
        let read = ConcurrentReader.read(try DropFolder(root: folder.path), jobs: 2)
        return try ConsolidateJob.evaluate(read, fiscalYear: fiscalYear)
    }

    func rules(_ result: Consolidation) -> [String] { result.findings.map(\.rule) }

    // MARK: Within a table

    @Test func depreciationLargerThanOriginal() throws {
        let bad = try run([
            "a.csv": Self.assets + "012001,A1,车,固定资产,100.00,100.01\r\n012001,A2,车,固定资产,100.00,100.00\r\n"
        ])
        let finding = try #require(bad.findings("asset.depreciation_exceeds_original").first)
        #expect(bad.findings("asset.depreciation_exceeds_original").count == 1)
        #expect(finding.line == 2 && finding.message.contains("多 0.01 元"))
        #expect(bad.unit("012001").assets.cards == 2, "the card still counts")
    }

    @Test func negativeAssetAndBudgetValues() throws {
        let bad = try run([
            "a.csv": Self.assets + "012001,A1,车,固定资产,-5.00,0\r\n",
            "b.csv": Self.budget + "012002,决算,其他收入,-1.00\r\n012002,决算,基本支出,0\r\n",
        ])
        #expect(bad.findings("asset.negative").map(\.line) == [2])
        #expect(bad.findings("budget.negative").map(\.line) == [2])
        let good = try run([
            "a.csv": Self.assets + "012001,A1,车,固定资产,5.00,0\r\n",
            "b.csv": Self.budget + "012002,决算,其他收入,0\r\n",
        ])
        #expect(good.findings("asset.negative").isEmpty && good.findings("budget.negative").isEmpty)
    }

    @Test func ledgerDatesOutsideTheFiscalYear() throws {
        let files = [
            "l.csv": Self.ledger + "012001,2022-01-01,1,一般公共预算,基本支出,1.00\r\n012001,2021/12/31,2,一般公共预算,基本支出,1.00\r\n"
                + "012001,2023-01-02,3,一般公共预算,基本支出,1.00\r\n012001,2021-12-30,4,一般公共预算,基本支出,1.00\r\n"
        ]
        let result = try run(files, fiscalYear: 2022)
        let outside = result.findings("ledger.date_outside_year")
        #expect(outside.map(\.line) == [3, 4])
        #expect(outside[0].message.contains("2 行") && outside[0].message.contains("2021 年"))
        #expect(result.ledger.rows == 4, "the rows still count")
        // Without a stated year, the year most rows carry is the fiscal year.
        let inferred = try run(["l.csv": Self.ledger + "012001,2022-01-01,1,一般公共预算,基本支出,1.00\r\n"])
        #expect(inferred.fiscalYear == 2022 && inferred.findings("ledger.date_outside_year").isEmpty)
    }

    @Test func aRepeatedRowWithTheSameValuesIsCountedOnce() throws {
        let result = try run([
            "a.csv": Self.staff + "012001,P1,在职\r\n", "b.csv": Self.staff + "012001,P1,在职\r\n012001,P2,退休\r\n",
        ])
        #expect(result.findings("row.duplicate_same").map(\.file) == ["b.csv"])
        #expect(result.findings("row.duplicate_key").isEmpty)
        #expect(result.staff.total == 2)
        let conflicting = try run(["a.csv": Self.staff + "012001,P1,在职\r\n", "b.csv": Self.staff + "012001,P1,退休\r\n"])
        #expect(conflicting.findings("row.duplicate_key").first?.message.contains("前者为 在职") == true)
    }

    // MARK: Balance

    @Test func aStageThatDoesNotBalance() throws {
        let unbalanced = try run([
            "b.csv": Self.budget + "012001,决算,一般公共预算,100.00\r\n012001,决算,年初结转和结余,5.00\r\n"
                + "012001,决算,基本支出,90.00\r\n012001,决算,年末结转和结余,14.98\r\n"
        ])
        let finding = try #require(unbalanced.findings("budget.unbalanced").first)
        #expect(finding.unit == "012001" && finding.file == "b.csv" && finding.line == 2)
        #expect(
            finding.message.contains("= 105.00 万元") && finding.message.contains("= 104.98 万元")
                && finding.message.contains("相差 0.02 万元"))
        // 0.01 万元 is 万元 rounding, within the tolerance.
        let rounded = try run([
            "b.csv": Self.budget + "012001,决算,一般公共预算,100.00\r\n012001,决算,年初结转和结余,5.00\r\n"
                + "012001,决算,基本支出,90.00\r\n012001,决算,年末结转和结余,14.99\r\n"
        ])
        #expect(rounded.findings("budget.unbalanced").isEmpty)
    }

    @Test func transfersCountOnBothSidesOfTheBalance() throws {
        let result = try run([
            "b.csv": Self.budget
                + "012001,调整预算,一般公共预算,100.00\r\n012001,调整预算,对附属单位补助支出,30.00\r\n012001,调整预算,基本支出,70.00\r\n"
                + "012002,调整预算,上级补助收入,30.00\r\n012002,调整预算,项目支出,30.00\r\n"
        ])
        #expect(result.findings("budget.unbalanced").isEmpty)
        #expect(result.findings("transfer.mismatch").isEmpty)
    }

    // MARK: Between tables

    @Test func ledgerAgainstFinalAccounts() throws {
        let budget = Self.budget + "012001,决算,一般公共预算,1.00\r\n012001,决算,基本支出,1.00\r\n"
        let matching = try run([
            "b.csv": budget,
            "l.csv": Self.ledger
                + "012001,2022-01-01,1,一般公共预算,基本支出,6000.00\r\n012001,2022-01-02,2,一般公共预算,基本支出,4000.00\r\n",
        ])
        #expect(rules(matching).filter { $0.hasPrefix("ledger.") }.isEmpty)
        let short = try run([
            "b.csv": budget,
            "l.csv": Self.ledger
                + "012001,2022-01-01,1,一般公共预算,基本支出,8000.00\r\n012001,2022-01-02,2,一般公共预算,项目支出,300.00\r\n",
        ])
        let mismatches = short.findings("ledger.final_mismatch")
        #expect(mismatches.count == 2, "基本支出 short, 项目支出 not in the final accounts")
        let basic = try #require(mismatches.first { $0.message.contains("基本支出") })
        #expect(basic.message.contains("合计 8000.00 元，决算表为 10000.00 元，相差 -2000.00 元"))
        #expect(basic.file == "b.csv" && basic.line == 3)
        // 100 元 (0.01 万元) apart is within the tolerance.
        let rounding = try run(["b.csv": budget, "l.csv": Self.ledger + "012001,2022-01-01,1,一般公共预算,基本支出,9900.00\r\n"])
        #expect(rounding.findings("ledger.final_mismatch").isEmpty)
    }

    @Test func ledgersAndFinalAccountsWithoutTheirCounterpart() throws {
        let result = try run([
            "b.csv": Self.budget + "012001,决算,基本支出,1.00\r\n012002,年初预算,基本支出,1.00\r\n",
            "l.csv": Self.ledger + "012003,2022-01-01,1,一般公共预算,基本支出,1.00\r\n",
        ])
        #expect(result.findings("ledger.missing").map(\.unit) == ["012001"])
        #expect(result.findings("ledger.no_final_accounts").map(\.unit) == ["012003"])
    }

    @Test func unitsThatSentOnlySomeTables() throws {
        let result = try run(["s.csv": Self.staff + "012001,P1,在职\r\n"])
        let finding = try #require(result.findings("unit.incomplete").first)
        #expect(finding.unit == "012001" && finding.message.contains("只提交了人员，没有资产、预决算收支、支出明细"))
        #expect(result.findings("unit.incomplete").count == 1, "units that sent nothing are not_submitted instead")
    }

    // MARK: Against the report

    static let reportData = [
        "a.csv": assets + "012001,A1,存款,货币资金,1000000.00,\r\n012001,A2,房,固定资产,500000.00,200000.00\r\n",
        "s.csv": staff + "012001,P1,在职\r\n012001,P2,在职\r\n012002,P3,退休\r\n",
        "b.csv": budget + "012001,决算,一般公共预算,60.00\r\n012001,决算,基本支出,20.00\r\n012001,决算,项目支出,40.00\r\n",
    ]

    func report(_ rows: String) throws -> Consolidation {
        var files = Self.reportData
        files["r.csv"] = Self.figures + rows
        return try run(files)
    }

    @Test func reportedFiguresThatMatchAtTheirPrecision() throws {
        let result = try report(
            "货币资金,100,万元\r\n固定资产 净值,30.00,\r\n资产总额,1300000.00,元\r\n在职人员,2,人\r\n人员总数,3,\r\n"
                + "决算-基本支出,20,万元\r\n决算支出合计,60.00,万元\r\n决算 一般公共预算,60.0,万元\r\n决算-一般公共预算,600000,元\r\n")
        #expect(result.findings.filter { $0.rule.hasPrefix("report.") }.isEmpty, "\(result.findings)")
    }

    @Test func aReportedFigureThatDiffers() throws {
        let result = try report("货币资金,100.01,万元\r\n")
        let finding = try #require(result.findings("report.mismatch").first)
        #expect(finding.file == "r.csv" && finding.line == 2)
        #expect(finding.message.contains("100.01 万元，汇总数据为 100.00 万元，相差 0.01 万元"))
    }

    @Test func aTotalUnderAPartsLabelIsExplained() throws {
        let result = try report("决算-经营支出,60.00,万元\r\n在职人员,3,人\r\n")
        let messages = result.findings("report.mismatch").map(\.message)
        #expect(messages.count == 2)
        #expect(messages[0].contains("正好等于 决算支出合计 60.00 万元（决算-基本支出 20.00 万元 + 决算-项目支出 40.00 万元）"))
        #expect(messages[1].contains("正好等于 人员总数 3 人（在职人员 2 人 + 退休人员 1 人）"))
    }

    @Test func aTotalSmallerThanItsPart() throws {
        let result = try report("资产总额,90.00,万元\r\n货币资金,100.00,万元\r\n")
        let finding = try #require(result.findings("report.mismatch").first)
        #expect(finding.message.contains("比其中一项“货币资金”（报告中为 100.00 万元）还小"))
        #expect(result.findings("report.mismatch").count == 1, "货币资金 itself matches")
    }

    @Test func unknownNamesAndUnreadableValuesAreWarnings() throws {
        let result = try report("办公面积,1200,平方米\r\n货币资金,一百万,万元\r\n在职人员,2.5,人\r\n自评得分,99.44,分\r\n")
        #expect(
            rules(result).filter { $0.hasPrefix("report.") } == [
                "report.unknown_figure", "report.bad_value", "report.bad_value", "report.not_reconciled",
            ])
        #expect(result.findings.filter { $0.rule.hasPrefix("report.") && $0.severity == .error }.isEmpty)
    }

    /// 元 written where 万元 was meant, and the reverse; a figure too large to be money; 决算支出.
    @Test func unitsMixedUpTooLargeAndTheContractsOwnName() throws {
        let result = try report(
            "货币资金,1000000,万元\r\n资产总额,130,元\r\n固定资产原值,99999999999999999,万元\r\n决算支出,60.00,万元\r\n")
        let mismatches = result.findings("report.mismatch").map(\.message)
        #expect(mismatches.count == 2, "决算支出 is 决算支出合计, and matches")
        #expect(mismatches[0].contains("报告的数正好是汇总数据的 1 万倍——是否把元和万元弄混了？"))
        #expect(mismatches[1].contains("报告的数正好是汇总数据的万分之一——是否把元和万元弄混了？"))
        let tooLarge = try #require(result.findings("report.bad_value").first)
        #expect(tooLarge.message.contains("过大（超过 10 万亿元）") && !tooLarge.message.contains("无法读取"))
    }

    @Test func aFigurePrintedMoreExactlyMustMatchMoreExactly() throws {
        let result = try report("决算-一般公共预算,60.004,万元\r\n")
        #expect(result.findings("report.mismatch").first?.message.contains("相差 0.004 万元") == true)
    }
}
