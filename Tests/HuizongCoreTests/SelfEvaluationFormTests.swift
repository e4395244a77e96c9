import Foundation
import Testing

@testable import HuizongCore

/// The 部门整体支出绩效自评表 as provincial performance systems export it, saved as CSV: it scores
/// the sample exactly as the hand-made indicator sheet does.
@Suite struct SelfEvaluationFormTests {
    static let sample = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/2022")
    static let forms = fixtures.appendingPathComponent("self-evaluation")

    /// The sample with its 绩效指标.csv replaced by `sheet` (bytes as exported).
    func consolidate(sheet: [UInt8]) throws -> Consolidation {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let copy = (folder.path as NSString).appendingPathComponent("2022")
        try FileManager.default.copyItem(atPath: Self.sample.path, toPath: copy)
        try Data(sheet).write(to: URL(fileURLWithPath: copy + "/绩效指标.csv"))
        return try ConsolidateJob.evaluate(ConcurrentReader.read(try DropFolder(root: copy), jobs: 2), fiscalYear: 2022)
    }

    func form(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.forms.appendingPathComponent(name)))
    }

    @Test(arguments: ["hebei-gb18030.csv", "sichuan-utf8.csv"])
    func anExportedFormScoresTheSampleAsTheHandMadeSheetDoes(name: String) throws {
        let handMade = try consolidate(
            sheet: Array(try Data(contentsOf: Self.sample.appendingPathComponent("绩效指标.csv"))))
        let exported = try consolidate(sheet: try form(name))
        let card = try #require(exported.scorecard)
        #expect(card.status == .scored && card.total == Decimal(string: "98.34") && card.grade == "优秀")
        #expect(card.total == handMade.scorecard?.total)
        #expect(card.indicators.map(\.score) == handMade.scorecard?.indicators.map(\.score))
        #expect(exported.findings.map(\.rule) == handMade.findings.map(\.rule), "the same slips, nothing more")

        // The funds block is the 预算执行率 indicator: its weight from 分值, its actual from the data.
        let execution = card.indicators[0]
        #expect(execution.indicator.name == "预算执行率" && execution.weight == 10 && execution.indicator.id.hasPrefix("R"))
        #expect(execution.actual == handMade.scorecard?.indicators[0].actual)
        #expect(exported.fundsBlocks.count == 1 && exported.findings("funds.mismatch").isEmpty)

        // Merged cells repeat the group above; the target's operator and unit say direction and measure.
        let byName = Dictionary(uniqueKeysWithValues: card.indicators.map { ($0.indicator.name, $0) })
        let merged = try #require(byName["各专项规划编制完成率"])
        #expect(merged.indicator.level1 == "产出指标" && merged.indicator.level2 == "数量指标")
        #expect(byName["国土变更调查成果数据率"]?.indicator.level2 == "质量指标")
        let deadline = try #require(byName["不动产登记办结时限"])
        #expect(deadline.direction == .lower && deadline.indicator.measure == "个工作日" && deadline.target == 5)
        #expect(byName["国土变更调查成果数据率"]?.direction == .equal)
        #expect(byName["批准建设及供地宗地数据分析"]?.target == 8700)
        #expect(card.groups.map(\.name) == ["预算执行", "产出", "效益", "满意度"])
    }

    @Test func aFundsBlockThatDiffersFromTheDataIsAFinding() throws {
        var text = String(decoding: try form("sichuan-utf8.csv"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "年度资金总额,984574.84,183681.01,153231.51", with: "年度资金总额,984574.84,183000.00,153231.51")
        let result = try consolidate(sheet: Array(text.utf8))
        let finding = try #require(result.findings("funds.mismatch").first)
        #expect(result.findings("funds.mismatch").count == 1)
        #expect(finding.file == "绩效指标.csv" && finding.line == 5 && finding.severity == .error)
        #expect(finding.message.contains("“全年预算数”写 183000.00 万元，汇总数据（调整预算支出）为 183681.01 万元，相差 -681.01 万元"))
        #expect(result.scorecard?.total == Decimal(string: "98.34"), "the execution rate is still the data's")
    }

    @Test func targetsAsFormsWriteThem() {
        let cases: [(String, MeasuredValue.Comparison?, String?, String)] = [
            ("≥95%", .atLeast, "95", "%"), ("≤90万元", .atMost, "90", "万元"), ("＞3", .atLeast, "3", ""),
            ("=100%", .equal, "100", "%"), ("≥266米", .atLeast, "266", "米"), (">=1,234.5吨", .atLeast, "1234.5", "吨"),
            ("12", nil, "12", ""), ("显著提升", nil, nil, "显著提升"), ("＜＝5", .atMost, "5", ""),
        ]
        for (cell, comparison, number, unit) in cases {
            let value = MeasuredValue(cell)
            #expect(value.comparison == comparison, "\(cell)")
            #expect(value.number == number.flatMap { Decimal(string: $0) }, "\(cell)")
            #expect(value.unit == unit, "\(cell)")
        }
        #expect(MeasuredValue("≤5个工作日").impliedDirection == .lower)
        #expect(MeasuredValue("显著提升").impliedDirection == .qualitative)
        #expect(Direction.match("≥") == .higher && Direction.match("≤") == .lower && Direction.match("=") == .equal)
        #expect(Direction.match("反向指标") == .lower)
    }

    @Test func qualitativeActualsAsFormsWriteThem() {
        #expect(Band.implied(actual: "达成预期指标", target: "显著提升") == .achieved)
        #expect(Band.implied(actual: "显著提升", target: "显著提升") == .achieved)
        #expect(Band.implied(actual: "基本达成", target: "显著提升") == .partlyAchieved)
        #expect(Band.implied(actual: "未完成", target: "显著提升") == .notAchieved)
        #expect(Band.implied(actual: "未达到预期", target: "达到预期") == .notAchieved)
        #expect(Band.implied(actual: "大致达成", target: "显著提升") == nil, "not guessed")
    }
}
