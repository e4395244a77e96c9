import Foundation
import Testing

@testable import HuizongCore

/// The national form's rules, with worked numbers.
@Suite struct ScoringTests {
    static let oneGroup = Scheme(
        name: "test", total: 100, groups: [.init(name: "产出", weight: 100)],
        grades: Scheme.standard.grades, decimals: 2, reverseFormula: .linear,
        overTargetRatio: Decimal(string: "1.2")!)

    static func indicator(
        _ id: String = "C1", group: String = "产出", weight: String = "10", direction: String = "正向",
        target: String = "100", actual: String = "", source: String = "", manual: String = "",
        reason: String = ""
    ) -> Indicator {
        Indicator(
            id: id, level1: group, level2: "", name: "指标\(id)", weight: weight, direction: direction, target: target,
            actual: actual, measure: "", source: source, manualScore: manual, deviationReason: reason, line: 2,
            file: "指标.csv")
    }

    /// Scores one indicator (with filler so weights add up) and returns its result and the findings about it.
    func score(_ indicator: Indicator, scheme: Scheme = oneGroup, figures: [String: Decimal] = [:]) -> (
        ScoredIndicator, [Finding]
    ) {
        let weight = parseDecimal(indicator.weight) ?? 0
        let filler = Self.indicator("F", weight: (100 - weight).plainText(), target: "1", actual: "1")
        var sources = SourceFigures(Consolidation())
        for (key, value) in figures { sources.values[key] = value }
        let (card, findings) = Scorer(scheme: scheme).score([indicator, filler], figures: sources)
        return (
            card!.indicators.first { $0.indicator.id == indicator.id }!,
            findings.filter { $0.message.contains("指标\(indicator.id)") }
        )
    }

    func points(_ indicator: Indicator, scheme: Scheme = oneGroup) -> String {
        score(indicator, scheme: scheme).0.score.text(2)
    }

    @Test func higherIsBetter() {
        #expect(points(Self.indicator(actual: "100", reason: "")) == "10.00", "a = t")
        #expect(points(Self.indicator(actual: "150")) == "10.00", "never above the weight")
        #expect(points(Self.indicator(actual: "99.9", reason: "r")) == "9.99", "just under t")
        #expect(points(Self.indicator(actual: "99.95", reason: "r")) == "10.00", "9.995 rounds half-up")
        #expect(points(Self.indicator(actual: "99.94", reason: "r")) == "9.99", "9.994 rounds down")
        #expect(points(Self.indicator(actual: "-5", reason: "r")) == "0.00", "a negative actual counts as 0")
        #expect(points(Self.indicator(weight: "7", actual: "1", reason: "r")) == "0.07")
        #expect(
            points(Self.indicator(weight: "3", target: "8", actual: "5", reason: "r")) == "1.88",
            "3 × 5/8 = 1.875 → 1.88")
    }

    @Test func lowerIsBetter() {
        let reverse = { (actual: String) in Self.indicator(direction: "反向", target: "5", actual: actual, reason: "r") }
        #expect(points(reverse("4")) == "10.00")
        #expect(points(reverse("5")) == "10.00", "at t")
        #expect(points(reverse("7.5")) == "5.00", "halfway to 2t: 10 × (1 − 2.5/5)")
        #expect(points(reverse("6")) == "8.00")
        #expect(points(reverse("9.99")) == "0.02")
        #expect(points(reverse("10")) == "0.00", "at 2t")
        #expect(points(reverse("12")) == "0.00")
        var provinces = Self.oneGroup
        provinces.reverseFormula = .targetOverActual
        #expect(points(reverse("8"), scheme: provinces) == "6.25", "10 × 5/8")
        #expect(points(reverse("5"), scheme: provinces) == "10.00")
    }

    @Test func equalTo() {
        #expect(points(Self.indicator(direction: "等于", target: "0", actual: "0")) == "10.00")
        #expect(points(Self.indicator(direction: "等于", target: "0", actual: "-3")) == "10.00")
        #expect(points(Self.indicator(direction: "等于", target: "0", actual: "1", reason: "r")) == "0.00")
        #expect(points(Self.indicator(direction: "equal", target: "50", actual: "25", reason: "r")) == "5.00")
    }

    @Test func qualitativeBands() {
        let band = { (actual: String, manual: String) in
            Self.indicator(direction: "定性", target: "", actual: actual, manual: manual, reason: "r")
        }
        #expect(points(band("达成", "")) == "10.00")
        #expect(points(band("达成", "8")) == "8.00")
        #expect(points(band("部分达成", "7")) == "7.00")
        #expect(points(band("未达成", "5.99")) == "5.99")
        let (outside, findings) = score(band("部分达成", "8"))
        #expect(outside.score == Decimal(string: "7.99"), "0.8w is not in [0.6w, 0.8w)")
        #expect(outside.flags.contains("manual_out_of_band"))
        #expect(findings.map(\.rule) == ["score.manual_out_of_band"])
        #expect(findings[0].severity == .error && findings[0].message.contains("[6.00, 7.99]"))
        let (tooLow, _) = score(band("达成", "7.9"))
        #expect(tooLow.score == 8)
        let (missing, missingFindings) = score(band("部分达成", ""))
        #expect(missing.score == 6 && missingFindings.map(\.rule) == ["score.manual_score_missing"])
        #expect(score(band("大致达成", "")).1.map(\.rule) == ["indicator.bad_band"])
    }

    @Test func flagsAndReasons() {
        let (high, findings) = score(Self.indicator(actual: "120"))
        #expect(high.flags == ["target_too_low"] && findings.map(\.rule) == ["score.target_too_low"])
        #expect(score(Self.indicator(actual: "119.99")).0.flags.isEmpty)
        let (short, reasonFindings) = score(Self.indicator(actual: "90"))
        #expect(short.flags == ["below_full", "missing_reason"])
        #expect(reasonFindings.map(\.rule) == ["score.missing_reason"])
        #expect(score(Self.indicator(actual: "90", reason: "进度滞后")).1.isEmpty)
        let (_, manual) = score(Self.indicator(actual: "90", manual: "10", reason: "r"))
        #expect(manual.map(\.rule) == ["score.manual_differs"])
    }

    @Test func gradeBoundariesAreInclusive() {
        let scheme = Scheme.standard
        #expect(scheme.grade(for: 85) == "优秀")
        #expect(scheme.grade(for: Decimal(string: "84.99")!) == "良好")
        #expect(scheme.grade(for: 75) == "良好")
        #expect(scheme.grade(for: Decimal(string: "74.99")!) == "一般")
        #expect(scheme.grade(for: 60) == "一般")
        #expect(scheme.grade(for: Decimal(string: "59.99")!) == "较差")
        #expect(scheme.grade(for: 0) == "较差")
    }

    @Test func notApplicableIndicatorsAreDroppedAndTheRestRescaled() throws {
        let sheet = [
            Self.indicator("A", weight: "50", direction: "不适用"),
            Self.indicator("B", weight: "25", actual: "100"),
            Self.indicator("C", weight: "25", actual: "50", reason: "进度"),
        ]
        let (card, findings) = Scorer(scheme: Self.oneGroup).score(sheet, figures: SourceFigures(Consolidation()))
        let result = try #require(card)
        #expect(findings.isEmpty)
        #expect(result.notApplicable.map(\.id) == ["A"])
        #expect(result.indicators.map(\.weight) == [50, 50])
        #expect(result.indicators.map { $0.score.text(2) } == ["50.00", "25.00"])
        #expect(result.total == 75 && result.grade == "良好")
        #expect(result.groups.map(\.score) == [75])
    }

    @Test func theSheetIsValidated() throws {
        let sheet = [
            Self.indicator("A", weight: "40", actual: "100"), Self.indicator("A", weight: "10", actual: "100"),
            Self.indicator("B", weight: "0", actual: "1"), Self.indicator("C", weight: "10", direction: "越大越好"),
            Self.indicator("D", group: "其他", weight: "10"), Self.indicator("E", weight: "40", target: "多", actual: "1"),
            Self.indicator("G", weight: "5", source: "no_such_figure"),
        ]
        let (_, findings) = Scorer(scheme: Self.oneGroup).score(sheet, figures: SourceFigures(Consolidation()))
        #expect(
            findings.map(\.rule) == [
                "indicator.duplicate_id", "indicator.bad_weight", "indicator.bad_direction",
                "indicator.unknown_group", "indicator.weights_total", "indicator.group_weight",
                "indicator.bad_target", "score.missing_reason", "indicator.unknown_source", "score.missing_reason",
            ])
        #expect(findings[4].message.contains("之和为 85"))
    }

    /// 一级指标 as the provincial systems spell them are the scheme's groups.
    @Test func theNationalSpellingsOfTheGroups() {
        let scheme = Scheme.standard
        for (spelling, group) in [
            ("产出指标", "产出"), ("效益指标", "效益"), ("服务对象满意度指标", "满意度"), ("满意度指标", "满意度"),
            ("预算执行率", "预算执行"), ("预算资金执行率", "预算执行"), (" 产出 ", "产出"), ("产 出 指 标", "产出"),
        ] {
            #expect(scheme.group(named: spelling)?.name == group, "\(spelling)")
        }
        #expect(scheme.group(named: "产出效益") == nil)
    }

    /// The national form's rules as scheme options, with worked numbers.
    @Test func theNationalFormsOptions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let national = try Scheme.load(path: root.appendingPathComponent("Schemes/national-90-80-60.json").path)
        #expect(national.reverseFormula == .targetOverActual)
        var oneGroup = Self.oneGroup
        oneGroup.reverseFormula = national.reverseFormula
        // 反向 = A/B × 分值: target 5, actual 8, weight 10 → 10 × 5/8 = 6.25.
        #expect(
            points(Self.indicator(direction: "反向", target: "5", actual: "8", reason: "r"), scheme: oneGroup) == "6.25")
        #expect(points(Self.indicator(direction: "反向", target: "5", actual: "4"), scheme: oneGroup) == "10.00")

        // A reason only below 90 % completion (Sichuan's form), not merely below full.
        var sichuan = Self.oneGroup
        sichuan.reasonBelowCompletion = 90
        #expect(score(Self.indicator(actual: "95"), scheme: sichuan).1.isEmpty, "95 %: no reason needed")
        #expect(score(Self.indicator(actual: "85"), scheme: sichuan).1.map(\.rule) == ["score.missing_reason"])
        #expect(score(Self.indicator(actual: "95"), scheme: Self.oneGroup).1.map(\.rule) == ["score.missing_reason"])

        // 中江县's 产出 70 / 效益 30 against a 50 / 50 scheme: an error, or a warning where the scheme allows it.
        var twoGroups = Scheme(
            name: "t", total: 100, groups: [.init(name: "产出", weight: 50), .init(name: "效益", weight: 50)],
            grades: Scheme.standard.grades, decimals: 2, reverseFormula: .linear, overTargetRatio: 2)
        let sheet = [
            Self.indicator("A", group: "产出", weight: "70", actual: "100"),
            Self.indicator("B", group: "效益", weight: "30", actual: "100"),
        ]
        let (fixed, fixedFindings) = Scorer(scheme: twoGroups).score(sheet, figures: SourceFigures(Consolidation()))
        #expect(fixed?.status == .incomplete && fixed?.total == nil)
        #expect(fixedFindings.map(\.severity) == [.error, .error])
        twoGroups.groupWeights = .free
        let (free, freeFindings) = Scorer(scheme: twoGroups).score(sheet, figures: SourceFigures(Consolidation()))
        #expect(free?.status == .scored && free?.total == 100)
        #expect(freeFindings.map(\.rule) == ["indicator.group_weight", "indicator.group_weight"])
        #expect(freeFindings.allSatisfy { $0.severity == .warning })
        #expect(free?.groups.map(\.weight) == [70, 30])
    }

    /// A sheet that cannot be scored whole prints no total and no grade anywhere: it says why.
    @Test func neverAMisleadingScore() throws {
        // Everything fine but one indicator in a group the scheme does not know: incomplete.
        let partly = [
            Self.indicator("A", weight: "90", actual: "100"), Self.indicator("B", group: "其他", weight: "10"),
        ]
        let (incomplete, _) = Scorer(scheme: Self.oneGroup).score(partly, figures: SourceFigures(Consolidation()))
        let card = try #require(incomplete)
        #expect(card.status == .incomplete && card.total == nil && card.grade == nil)
        #expect(card.leftOut == ["B"] && !card.weightsFit)
        #expect(Scorecard.unscoredText(card) == "1 个指标未能评分：B；指标权重与评分方案不符")

        // Nothing scorable: not scored.
        let (none, _) = Scorer(scheme: Self.oneGroup).score(
            [Self.indicator("C", group: "产出指标X", weight: "100")], figures: SourceFigures(Consolidation()))
        #expect(none?.status == .notScored && none?.total == nil)

        // The outputs and the report say so in words, and print no figure that looks like a score.
        var consolidation = Consolidation()
        consolidation.scorecard = card
        let outputs = OutputFiles(consolidation, report: DraftReport(consolidation))
        let csv = String(decoding: outputs.scoreCSV(), as: UTF8.self)
        // score.csv holds the indicators only; the total and grade (here none) are department.json's.
        #expect(!csv.contains("总分") && !csv.contains("等级,") && csv.contains("\r\nA,"))
        let json = outputs.departmentJSON().serialized()
        #expect(json.contains("\"status\": \"incomplete\""))
        #expect(json.contains("\"total\": null") && json.contains("\"grade\": null"))
        #expect(json.contains("\"left_out\": [\n      \"B\"\n    ]"))
        let report = String(decoding: try outputs.render().first { $0.name == "report.md" }!.bytes, as: UTF8.self)
        #expect(report.contains("未能得出自评总分和评价等级"))
        #expect(!report.contains("评价等级为"))
        #expect(consolidation.summaryLine.contains("自评未评分（1 个指标未能评分：B；指标权重与评分方案不符）"))
    }

    @Test func actualsFromTheData() throws {
        var consolidation = Consolidation()
        consolidation.budget[.adjusted][.basicExpenditure] = Money(fen: 3_000_000)
        consolidation.budget[.adjusted][.projectExpenditure] = Money(fen: 1_000_000)
        consolidation.budget[.final][.basicExpenditure] = Money(fen: 2_900_000)
        consolidation.budget[.final][.projectExpenditure] = Money(fen: 500_000)
        consolidation.budget[.final][.closingBalance] = Money(fen: 400_000)
        consolidation.budget[.initial][.basicExpenditure] = Money(fen: 5_000_000)
        let figures = SourceFigures(consolidation)
        #expect(figures.values["budget_execution_rate"] == 85)
        #expect(figures.values["project_execution_rate"] == 50)
        #expect(figures.values["carryover_rate"] == 10)
        #expect(figures.values["budget_adjustment_rate"] == 20)
        let (card, _) = Scorer(scheme: Self.oneGroup).score(
            [Self.indicator("Z", weight: "100", target: "100", source: "budget_execution_rate", reason: "r")],
            figures: figures)
        #expect(card?.indicators.first?.actual == 85)
        #expect(card?.total == 85 && card?.grade == "优秀")
    }

    @Test func schemesAreFilesAndTheDefaultIsTheShippedOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("Schemes/default.json"), encoding: .utf8)
        #expect(shipped == Scheme.defaultJSON + "\n" || shipped == Scheme.defaultJSON)
        let national = try Scheme.load(path: root.appendingPathComponent("Schemes/national-90-80-60.json").path)
        #expect(national.grade(for: 89) == "良" && national.grade(for: 90) == "优" && national.grade(for: 85) == "良")
        #expect(national.groups == Scheme.standard.groups)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let broken = folder.write("s.json", "{\"schema\": \"huizong.scheme/1\"}")
        #expect(throws: Scheme.LoadError.self) { try Scheme.load(path: broken) }
    }
}
