import CSVReading
import Testing

@testable import HuizongCore

/// The rule catalog and the message catalog: one entry per rule, every text from typed details.
@Suite struct CatalogTests {
    @Test func everyRuleHasAStableIdAMeaningAndAnAction() {
        let ids = Rule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in Rule.all {
            #expect(rule.id.wholeMatch(of: /[a-z_]+\.[a-z_]+/) != nil, "\(rule.id)")
            #expect(!rule.meaning.isEmpty && !rule.action.isEmpty, "\(rule.id)")
            // Table cells of docs/rules.md: a bar or a line break would break the row.
            #expect(!(rule.meaning + rule.action).contains { $0 == "|" || $0.isNewline }, "\(rule.id)")
        }
    }

    /// Behaviour goes by a rule's topic, the one its id's first part names; every topic has a rule.
    @Test func everyRuleHasTheTopicItsIdNames() {
        for rule in Rule.all {
            #expect(rule.id.hasPrefix(rule.topic.rawValue + "."), "\(rule.id)")
        }
        #expect(Set(Rule.all.map(\.topic)) == Set(Rule.Topic.allCases))
    }

    /// The report suggests a sentence per topic with an error, and for any score finding.
    @Test func theReportSuggestsASentencePerTopic() {
        let findings = [
            Finding(.ledgerNoFinalAccounts(name: "支队")), Finding(.scoreNoIndicators),
            Finding(.assetNegative(assetID: "A1", original: Money(fen: -1), depreciation: Money(fen: 0))),
            Finding(.rowDate(value: "2022-13-01")),
        ]
        #expect(
            SelfEvaluationReport.suggestions(for: findings) == [
                "（建议）部分资产卡片的原值、折旧或净值记录有误，资产基础管理工作有待加强。",
                "（建议）部分绩效指标的完成值、得分或偏差原因填报不完整，绩效自评的规范性有待加强。",
            ])
    }

    /// A finding takes its rule's severity unless told otherwise, and its text only when asked.
    @Test func aFindingIsItsRuleAndItsDetails() {
        let finding = Finding(
            .rowAmount(header: "金额(元)", value: "1.234", .tooManyDecimals(allowed: 2, unit: .yuan)),
            unit: "012001", file: "l.csv", line: 7)
        #expect(finding.rule == "row.amount" && finding.severity == .error)
        #expect(finding.message == "“金额(元)”的值“1.234”小数位超过 2 位（以元计只能精确到分）；请核对原始数据，不要四舍五入后再报。该行未计入。")
        #expect(Rule.all.contains(finding.detail.rule))
        #expect(Finding(.fileSystem).severity == .info)
        #expect(Finding(.fileSystem, severity: .warning).severity == .warning)
    }

    /// Every finding a real run produces names a rule of the catalog (the sample's slips included).
    @Test func theSampleFindsOnlyCatalogRules() throws {
        let sample = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/2022").path
        let files = ConcurrentReader.read(try DropFolder(root: sample), jobs: 2)
        let result = try ConsolidateJob.evaluate(files, fiscalYear: 2022)
        #expect(!result.findings.isEmpty)
        for finding in result.findings {
            #expect(Rule.all.contains(finding.detail.rule), "\(finding.rule)")
            #expect(!finding.message.isEmpty)
        }
    }
}
