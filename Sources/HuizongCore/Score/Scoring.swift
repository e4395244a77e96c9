import Foundation

/// 方向 of an indicator.
public enum Direction: String, Sendable, CaseIterable {
    case higher, lower, equal, qualitative
    case notApplicable = "not_applicable"

    public var chinese: String {
        switch self {
        case .higher: "正向"
        case .lower: "反向"
        case .equal: "等于"
        case .qualitative: "定性"
        case .notApplicable: "不适用"
        }
    }

    static func match(_ text: String) -> Direction? {
        let key = normalizeLabel(text).lowercased()
        if let direction = allCases.first(where: { $0.chinese == key || $0.chinese + "指标" == key || $0.rawValue == key }
        ) {
            return direction
        }
        if key == "n/a" { return .notApplicable }
        // 指标性质 as some provinces' forms write it: the comparison itself.
        guard let comparison = MeasuredValue.comparisons.first(where: { $0.0 == key })?.1 else { return nil }
        return MeasuredValue.direction(comparison, isNumber: true)
    }
}

/// The three bands of a qualitative indicator.
public enum Band: String, Sendable, CaseIterable {
    case achieved
    case partlyAchieved = "partly_achieved"
    case notAchieved = "not_achieved"

    public var chinese: String {
        switch self {
        case .achieved: "达成"
        case .partlyAchieved: "部分达成"
        case .notAchieved: "未达成"
        }
    }

    static func match(_ text: String) -> Band? {
        let key = normalizeLabel(text).lowercased()
        return allCases.first { $0.chinese == key || $0.rawValue == key }
    }

    /// An actual as exported forms write it: `达成预期指标`, `已完成`, `基本达成`, `未完成`, or the
    /// target's own words (`显著提升` for a target of `显著提升`: achieved). Negations are looked for
    /// first; anything else (`大致达成`) is not guessed.
    static func implied(actual: String, target: String) -> Band? {
        let text = normalizeLabel(actual)
        guard !text.isEmpty else { return nil }
        if ["未达成", "未完成", "未达到", "没有达到"].contains(where: text.contains) { return .notAchieved }
        if ["部分达成", "基本达成", "部分完成", "基本完成", "部分达到", "基本达到"].contains(where: text.contains) {
            return .partlyAchieved
        }
        let achieved = ["达成", "完成", "达到", "已达成", "已完成", "已达到", "全部完成", "全部达成"]
        if achieved.contains(where: text.hasPrefix) || text == normalizeLabel(target) { return .achieved }
        return nil
    }

    /// [low, high] as fractions of the weight; `highIsOpen` when the top is excluded.
    var range: (low: Decimal, high: Decimal, highIsOpen: Bool) {
        switch self {
        case .achieved: (Decimal(string: "0.8")!, 1, false)
        case .partlyAchieved: (Decimal(string: "0.6")!, Decimal(string: "0.8")!, true)
        case .notAchieved: (0, Decimal(string: "0.6")!, true)
        }
    }
}

/// One indicator with every step of its score shown.
public struct ScoredIndicator: Sendable {
    public var indicator: Indicator
    public var direction: Direction
    /// The weight used: as stated, or rescaled when an indicator is not applicable.
    public var weight: Decimal
    public var target: Decimal?
    public var actual: Decimal?
    public var band: Band?
    /// actual ÷ target, in percent.
    public var completion: Decimal?
    public var score: Decimal
    public var flags: [String]
}

/// A first-level group's weight and subtotal.
public struct GroupScore: Sendable {
    public var name: String
    public var weight: Decimal
    public var score: Decimal
}

/// Whether the sheet gave a score that can be printed.
public enum ScoreStatus: String, Sendable {
    /// Every indicator scored, the weights as the scheme wants them: a total and a grade.
    case scored
    /// Some indicators could not be scored, or the weights do not fit: no total, no grade.
    case incomplete
    /// No indicator could be scored.
    case notScored = "not_scored"
}

/// The 100-point self-evaluation: every indicator, the subtotals, the total and the grade.
public struct Scorecard: Sendable {
    public var schemeName: String
    public var decimals: Int
    public var indicators: [ScoredIndicator]
    /// Indicators marked 不适用: left out, the rest rescaled.
    public var notApplicable: [Indicator]
    public var groups: [GroupScore]
    public var status: ScoreStatus
    /// The ids of the indicators that were left out or could not be scored.
    public var leftOut: [String]
    /// Whether the weights total and group weights fit the scheme.
    public var weightsFit: Bool
    /// The total and the grade, only when `status` is `scored`: never a misleading figure.
    public var total: Decimal?
    public var grade: String?
}

/// Figures computed from the consolidation that an indicator can name in 数据来源.
/// Rates are in percent; money in 万元; headcounts as counts.
package struct SourceFigures {
    package var values: [String: Decimal] = [:]
    /// Sources whose total leaves out some unit's figure: no value, and the indicator says why.
    package var incomplete: Set<String> = []

    package init(_ result: Consolidation) {
        let initial = result.budget[.initial]
        let adjusted = result.budget[.adjusted]
        let final = result.budget[.final]
        func wan(_ money: Money) -> Decimal { money.decimal / 1_000_000 }
        func percent(_ part: Money, _ whole: Money) -> Decimal? {
            whole == .zero ? nil : part.decimal * 100 / whole.decimal
        }
        values["budget_execution_rate"] = percent(final.spending, adjusted.spending)
        values["project_execution_rate"] = percent(final[.projectExpenditure], adjusted[.projectExpenditure])
        values["carryover_rate"] = percent(final[.closingBalance], adjusted.spending)
        values["budget_adjustment_rate"] = percent((adjusted.spending - initial.spending).magnitude, initial.spending)
        values["final_expenditure"] = wan(final.spending)
        values["staff_active"] = Decimal(result.staff.active)
        values["staff_retired_veteran"] = Decimal(result.staff.retiredVeteran)
        values["staff_retired"] = Decimal(result.staff.retired)
        values["staff_total"] = Decimal(result.staff.total)
        values["assets_total"] = wan(result.assets.total)
        values["assets_cash"] = wan(result.assets.cash)
        values["assets_fixed_original"] = wan(result.assets.fixedOriginal)
        values["assets_fixed_net"] = wan(result.assets.fixedNet)
        // A total some unit's share of is left out is no figure to score by: the indicator is unscored.
        let short = result.missingFromTotals
        for name in Self.names where values[name] != nil {
            let isShort =
                name.hasPrefix("staff_")
                ? short.staff : name.hasPrefix("assets_") ? short.assets : !short.budget.isEmpty
            if isShort {
                values[name] = nil
                incomplete.insert(name)
            }
        }
    }

    package static let names = [
        "budget_execution_rate", "project_execution_rate", "carryover_rate", "budget_adjustment_rate",
        "staff_active", "staff_retired_veteran", "staff_retired", "staff_total", "assets_total",
        "assets_cash", "assets_fixed_original", "assets_fixed_net", "final_expenditure",
    ]

    /// Each figure's name for people (the workbook's 数据来源): never the key a program matches on.
    package static let labels: [String: String] = [
        "budget_execution_rate": "预算执行率（%）", "project_execution_rate": "项目支出执行率（%）",
        "carryover_rate": "结转结余率（%）", "budget_adjustment_rate": "预算调整率（%）",
        "staff_active": "在职人数", "staff_retired_veteran": "离休人数", "staff_retired": "退休人数",
        "staff_total": "人员合计", "assets_total": "资产总额（万元）", "assets_cash": "货币资金（万元）",
        "assets_fixed_original": "固定资产原值（万元）", "assets_fixed_net": "固定资产净值（万元）",
        "final_expenditure": "决算支出（万元）",
    ]

    /// What an indicator's 数据来源 names, for people: 汇总计算的预算执行率（%）, or why it names nothing.
    package static func label(_ source: String) -> String {
        let key = normalizeLabel(source).lowercased()
        guard !key.isEmpty else { return "" }
        guard let label = labels[key] else { return "不是汇总能计算的数：\(source)" }
        return "汇总计算：" + label
    }
}

/// Scores an indicator sheet under a scheme, the way the national form does.
package struct Scorer {
    package let scheme: Scheme

    package init(scheme: Scheme) {
        self.scheme = scheme
    }

    package func score(_ indicators: [Indicator], figures: SourceFigures, printedWeights: [PrintedWeight] = [])
        -> (Scorecard?, [Finding])
    {
        var findings: [Finding] = []
        func finding(_ indicator: Indicator, _ problem: Finding.IndicatorProblem) {
            findings.append(
                Finding(
                    .indicator(id: indicator.id, name: indicator.name, problem), file: indicator.file,
                    line: indicator.line))
        }
        guard !indicators.isEmpty else {
            return (nil, [Finding(.scoreNoIndicators)])
        }

        // The sheet: unique ids, known groups and directions, positive weights.
        var seen: [String: Int] = [:]
        var valid: [(indicator: Indicator, direction: Direction, weight: Decimal)] = []
        var leftOut: [String] = []
        for indicator in indicators {
            if let line = seen[indicator.id] {
                finding(indicator, .duplicateID(firstLine: line))
                leftOut.append(indicator.id)
                continue
            }
            seen[indicator.id] = indicator.line
            guard let direction = Direction.match(indicator.direction) else {
                finding(indicator, .badDirection(indicator.direction))
                leftOut.append(indicator.id)
                continue
            }
            guard let weight = parseDecimal(indicator.weight), weight > 0 else {
                finding(indicator, .badWeight(indicator.weight))
                leftOut.append(indicator.id)
                continue
            }
            guard scheme.group(named: indicator.level1) != nil else {
                finding(indicator, .unknownGroup(indicator.level1, groups: scheme.groups.map(\.name)))
                leftOut.append(indicator.id)
                continue
            }
            valid.append((indicator, direction, weight))
        }

        // Weights as designed (not-applicable ones included) must fit the scheme.
        let statedTotal = valid.reduce(Decimal(0)) { $0 + $1.weight }
        var weightsFit = statedTotal == scheme.total
        if statedTotal != scheme.total {
            findings.append(
                Finding(
                    .indicatorWeightsTotal(stated: statedTotal.plainText(), required: scheme.total.plainText()),
                    file: indicators[0].file))
        }
        for group in scheme.groups {
            let sum = valid.filter { scheme.group(named: $0.indicator.level1) == group }.reduce(Decimal(0)) {
                $0 + $1.weight
            }
            if sum != group.weight {
                // A scheme with free group weights takes the sheet's, as long as they add up to the total.
                let allowed = scheme.groupWeights == .free
                if !allowed { weightsFit = false }
                findings.append(
                    Finding(
                        .indicatorGroupWeight(
                            group: group.name, stated: sum.plainText(), required: group.weight.plainText()),
                        file: indicators[0].file, severity: allowed ? .warning : nil))
            }
        }

        findings += check(printedWeights, against: valid.map { ($0.indicator, $0.weight) })

        // Not applicable: dropped, the rest rescaled to the scheme's total.
        let applicable = valid.filter { $0.direction != .notApplicable }
        let notApplicable = valid.filter { $0.direction == .notApplicable }.map(\.indicator)
        let applicableTotal = applicable.reduce(Decimal(0)) { $0 + $1.weight }
        let factor = notApplicable.isEmpty || applicableTotal == 0 ? Decimal(1) : scheme.total / applicableTotal

        var scored: [ScoredIndicator] = []
        for (indicator, direction, statedWeight) in applicable {
            let weight = statedWeight * factor
            var result = ScoredIndicator(
                indicator: indicator, direction: direction, weight: weight, score: 0,
                flags: factor == 1 ? [] : ["rescaled"])
            if direction == .qualitative {
                scoreQualitative(&result, finding: { finding(indicator, $0) })
            } else {
                scoreQuantitative(&result, figures: figures, finding: { finding(indicator, $0) })
            }
            result.score = min(result.score, weight).rounded(scheme.decimals)
            if result.score < weight.rounded(scheme.decimals) {
                result.flags.append("below_full")
                if normalizeLabel(indicator.deviationReason).isEmpty && needsReason(result) {
                    result.flags.append("missing_reason")
                    finding(
                        indicator, .missingReason(score: result.score.text(scheme.decimals), weight: weight.plainText())
                    )
                }
            }
            scored.append(result)
        }

        let groups = scheme.groups.map { group in
            let members = scored.filter { scheme.group(named: $0.indicator.level1) == group }
            return GroupScore(
                name: group.name, weight: members.reduce(Decimal(0)) { $0 + $1.weight },
                score: members.reduce(Decimal(0)) { $0 + $1.score })
        }
        leftOut += scored.filter { $0.flags.contains("unscored") }.map(\.indicator.id)
        let status: ScoreStatus =
            scored.allSatisfy({ $0.flags.contains("unscored") })
            ? .notScored
            : leftOut.isEmpty && weightsFit ? .scored : .incomplete
        let total = scored.reduce(Decimal(0)) { $0 + $1.score }
        return (
            Scorecard(
                schemeName: scheme.name, decimals: scheme.decimals, indicators: scored, notApplicable: notApplicable,
                groups: groups, status: status, leftOut: leftOut, weightsFit: weightsFit,
                total: status == .scored ? total : nil, grade: status == .scored ? scheme.grade(for: total) : nil),
            findings
        )
    }

    /// The weights printed in 一级指标 cells against the scheme's (scoring goes by the scheme's); with
    /// free group weights, against the weights of the group's rows in the same file.
    func check(_ printed: [PrintedWeight], against rows: [(indicator: Indicator, weight: Decimal)]) -> [Finding] {
        printed.compactMap { printed in
            guard let group = scheme.group(named: printed.group) else { return nil }
            let free = scheme.groupWeights == .free
            let expected =
                free
                ? rows.filter { $0.indicator.file == printed.file && scheme.group(named: $0.indicator.level1) == group }
                    .reduce(Decimal(0)) { $0 + $1.weight } : group.weight
            guard printed.weight != expected else { return nil }
            return Finding(
                .indicatorPrintedWeight(
                    group: printed.group, printed: printed.weight.plainText(), expected: expected.plainText(),
                    free: free),
                file: printed.file, line: printed.line)
        }
    }

    /// Below full, a reason is asked for; with `reason_below_completion`, only below that completion.
    func needsReason(_ result: ScoredIndicator) -> Bool {
        guard let threshold = scheme.reasonBelowCompletion else { return true }
        let completion = result.completion ?? (result.weight > 0 ? result.score * 100 / result.weight : 0)
        return completion < threshold
    }

    func scoreQuantitative(
        _ result: inout ScoredIndicator, figures: SourceFigures,
        finding: (Finding.IndicatorProblem) -> Void
    ) {
        let indicator = result.indicator
        // The number of `≥95%`, `≤90万元`, `266米`: the comparison and the unit were read with the row.
        guard let target = MeasuredValue(indicator.target).number, target >= 0 else {
            finding(.badTarget(indicator.target))
            result.flags.append("unscored")
            return
        }
        result.target = target
        var actual: Decimal
        let source = normalizeLabel(indicator.source).lowercased()
        if !source.isEmpty {
            guard let value = figures.values[source] else {
                if figures.incomplete.contains(source) {
                    finding(.sourceIncomplete(indicator.source))
                    result.flags.append("unscored")
                    return
                }
                finding(.unknownSource(indicator.source, available: SourceFigures.names))
                result.flags.append("unscored")
                return
            }
            actual = value
        } else {
            guard let value = MeasuredValue(indicator.actual).number else {
                finding(.badActual(indicator.actual))
                result.flags.append("unscored")
                return
            }
            actual = value
        }
        result.actual = actual
        if actual < 0 {
            result.flags.append("negative_actual")
            actual = 0
        }
        let w = result.weight
        let t = target
        let a = actual
        if t > 0 { result.completion = a * 100 / t }
        var raw: Decimal
        switch result.direction {
        case .higher, .equal:
            raw = t == 0 ? (result.direction == .equal ? (a <= 0 ? w : 0) : w) : (a >= t ? w : w * a / t)
        case .lower:
            if t == 0 {
                raw = a <= 0 ? w : 0
            } else if a <= t {
                raw = w
            } else {
                switch scheme.reverseFormula {
                case .linear: raw = a >= 2 * t ? 0 : w * (1 - (a - t) / t)
                case .targetOverActual: raw = w * t / a
                }
            }
        case .qualitative, .notApplicable:
            raw = 0
        }
        result.score = raw
        if result.direction == .higher, t > 0, a >= scheme.overTargetRatio * t {
            result.flags.append("target_too_low")
            finding(
                .targetTooLow(actual: a.plainText(), target: t.plainText(), ratio: scheme.overTargetRatio.plainText()))
        }
        let manual = normalizeLabel(indicator.manualScore)
        if !manual.isEmpty, let stated = parseDecimal(manual),
            stated.rounded(scheme.decimals) != min(raw, w).rounded(scheme.decimals)
        {
            finding(.manualDiffers(stated: stated.plainText(), computed: min(raw, w).text(scheme.decimals)))
        }
    }

    func scoreQualitative(_ result: inout ScoredIndicator, finding: (Finding.IndicatorProblem) -> Void) {
        let indicator = result.indicator
        guard
            let band = Band.match(indicator.actual) ?? Band.implied(actual: indicator.actual, target: indicator.target)
        else {
            finding(.badBand(indicator.actual))
            result.flags.append("unscored")
            return
        }
        result.band = band
        let w = result.weight
        let (lowFraction, highFraction, highIsOpen) = band.range
        let low = (w * lowFraction).rounded(scheme.decimals)
        let step = Decimal(sign: .plus, exponent: -scheme.decimals, significand: 1)
        let high = highIsOpen ? (w * highFraction).rounded(scheme.decimals) - step : w
        guard let manual = parseDecimal(indicator.manualScore) else {
            if band == .achieved {
                result.score = w
            } else {
                result.score = low
                result.flags.append("manual_score_missing")
                finding(
                    .manualScoreMissing(band: band, low: low.text(scheme.decimals), high: high.text(scheme.decimals)))
            }
            return
        }
        let inside = manual >= low && manual <= high
        if !inside {
            result.flags.append("manual_out_of_band")
            finding(
                .manualOutOfBand(
                    score: manual.plainText(), band: band, low: low.text(scheme.decimals),
                    high: high.text(scheme.decimals)))
        }
        result.score = max(low, min(high, manual))
    }
}
