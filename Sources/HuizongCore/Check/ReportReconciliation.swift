import Foundation

/// Reconciles the figures a department writes in its report (报告数) with the consolidated
/// data, and when one differs, looks for why: a total under a part's label, or a total
/// smaller than one of its parts.
struct ReportReconciliation {
    /// A figure Huizong computes, by the names a report may give it.
    struct Computed {
        var label: String
        var names: [String]
        var value: Quantity
        var group: String
        /// Labels of the figures this one is the total of.
        var parts: [String] = []
        /// Which side of a budget it is on; a sum that explains a figure stays on its side.
        var side: BudgetSide? = nil
    }

    enum Quantity: Equatable {
        case money(Money)
        case count(Int)
        case points(Decimal)
        /// Not computed (the score, without an indicator sheet): recognised, not reconciled.
        case notComputed

        var isZero: Bool { self == .money(.zero) || self == .count(0) || self == .points(0) }

        func text(_ unit: MoneyUnit) -> String {
            switch self {
            case .money(let amount): unit == .wan ? "\(amount.wanText) 万元" : "\(amount.yuanText) 元"
            case .count(let count): "\(count) 人"
            case .points(let points): "\(points.text(2)) 分"
            case .notComputed: ""
            }
        }
    }

    let result: Consolidation
    let catalogue: [Computed]

    init(_ result: Consolidation) {
        self.result = result
        let assets = result.assets
        let staff = result.staff
        // A total some unit's share of is left out is not reconciled: it would differ for that alone.
        let short = result.missingFromTotals
        var figures: [Computed] = [
            Computed(
                label: "资产总额", names: ["资产总额", "资产合计", "总资产"], value: .money(assets.total), group: "assets",
                parts: ["货币资金", "固定资产净值", "在建工程", "无形资产", "其他资产"]),
            Computed(label: "货币资金", names: ["货币资金"], value: .money(assets.cash), group: "assets"),
            Computed(
                label: "固定资产原值", names: ["固定资产原值", "原值"], value: .money(assets.fixedOriginal), group: "assets",
                parts: ["固定资产累计折旧", "固定资产净值"]),
            Computed(
                label: "固定资产累计折旧", names: ["固定资产累计折旧", "累计折旧"], value: .money(assets.accumulatedDepreciation),
                group: "assets"),
            Computed(label: "固定资产净值", names: ["固定资产净值", "净值"], value: .money(assets.fixedNet), group: "assets"),
            Computed(label: "在建工程", names: ["在建工程"], value: .money(assets.constructionInProgress), group: "assets"),
            Computed(label: "无形资产", names: ["无形资产"], value: .money(assets.intangible), group: "assets"),
            Computed(label: "其他资产", names: ["其他资产"], value: .money(assets.other), group: "assets"),
            Computed(label: "在职人员", names: ["在职人员", "在职"], value: .count(staff.active), group: "staff"),
            Computed(label: "离休人员", names: ["离休人员", "离休"], value: .count(staff.retiredVeteran), group: "staff"),
            Computed(label: "退休人员", names: ["退休人员", "退休"], value: .count(staff.retired), group: "staff"),
            Computed(
                label: "人员总数", names: ["人员总数", "人员合计", "总人数", "职工总数"], value: .count(staff.total), group: "staff",
                parts: ["在职人员", "离休人员", "退休人员"]),
            Computed(
                label: "自评得分", names: ["自评得分", "得分", "总得分"],
                value: result.scorecard?.total.map { .points($0) } ?? .notComputed, group: "score"),
        ]
        for index in figures.indices
        where (figures[index].group == "assets" && short.assets) || (figures[index].group == "staff" && short.staff) {
            figures[index].value = .notComputed
        }
        for stage in BudgetStage.allCases {
            let stageFigures = result.budget[stage]
            let items = BudgetItem.allCases.filter { !$0.isInternalTransfer }
            for item in items {
                let names = ([item.chinese] + item.aliases).flatMap {
                    ["\(stage.chinese)\($0)", "\(stage.chinese)\($0)数"]
                }
                figures.append(
                    Computed(
                        label: "\(stage.chinese)-\(item.chinese)", names: names,
                        value: short.budget(stage, item) ? .notComputed : .money(stageFigures[item]), group: stage.key,
                        side: item.side))
            }
            let incomeParts = items.filter { $0.side == .income }.map { "\(stage.chinese)-\($0.chinese)" }
            let spendingParts = [BudgetItem.basicExpenditure, .projectExpenditure, .businessExpenditure].map {
                "\(stage.chinese)-\($0.chinese)"
            }
            figures.append(
                Computed(
                    label: "\(stage.chinese)收入合计", names: ["\(stage.chinese)收入合计", "\(stage.chinese)总收入"],
                    value: short.budgetTotal(stage, side: .income) ? .notComputed : .money(stageFigures.income),
                    group: stage.key, parts: incomeParts, side: .income))
            figures.append(
                Computed(
                    label: "\(stage.chinese)支出合计",
                    names: ["\(stage.chinese)支出合计", "\(stage.chinese)总支出", "\(stage.chinese)支出"],
                    value: short.budgetTotal(stage, side: .expenditure) ? .notComputed : .money(stageFigures.spending),
                    group: stage.key, parts: spendingParts, side: .expenditure))
        }
        catalogue = figures
    }

    /// Names are compared without spaces, dashes, underscores or colons.
    static func key(_ name: String) -> String {
        normalizeLabel(name).filter { !"-—_·:".contains($0) }
    }

    func computed(named name: String) -> Computed? {
        let wanted = Self.key(name)
        return catalogue.first { $0.names.contains { Self.key($0) == wanted } }
    }

    func findings() -> [Finding] {
        var reported: [String: (value: Quantity, text: String)] = [:]
        var findings: [Finding] = []
        var parsed: [(figure: ReportFigure, computed: Computed, value: Quantity, tolerance: Decimal, unit: MoneyUnit)] =
            []
        for figure in result.reportFigures {
            func finding(_ detail: Finding.Detail) {
                findings.append(Finding(detail, file: figure.file, line: figure.line))
            }
            guard let computed = computed(named: figure.figure) else {
                finding(.reportUnknownFigure(figure: figure.figure))
                continue
            }
            if computed.value == .notComputed {
                finding(.reportNotReconciled(figure: figure.figure, value: figure.value))
                continue
            }
            guard let (value, tolerance, unit) = Self.parse(figure, as: computed.value) else {
                finding(
                    .reportBadValue(
                        figure: figure.figure, value: figure.value, measure: figure.measure,
                        tooLarge: Self.isTooLarge(figure)))
                continue
            }
            reported[computed.label] = (value, figure.value)
            parsed.append((figure, computed, value, tolerance, unit))
        }
        for (figure, computed, value, tolerance, unit) in parsed {
            guard !Self.matches(value, computed.value, tolerance: tolerance) else { continue }
            let hint =
                Self.unitsConfused(value, computed.value, tolerance: tolerance)
                ?? partExceeded(computed, reported: value, reported)
                ?? explainedBySum(computed, value: value, tolerance: tolerance, unit: unit)
            let detail = Finding.Detail.reportMismatch(
                figure: figure.figure, reported: value.text(unit), computed: computed.value.text(unit),
                difference: Self.difference(value, computed.value).text(unit), hint: hint)
            findings.append(Finding(detail, file: figure.file, line: figure.line))
        }
        return findings
    }

    /// Reads a reported value in its measure; money without a measure is 万元, as reports print it.
    /// The tolerance (in 分 for money, in points for scores) is half the last digit printed:
    /// 176432.02 万元 matches anything that rounds to it.
    static func parse(_ figure: ReportFigure, as kind: Quantity) -> (Quantity, Decimal, MoneyUnit)? {
        let measure = normalizeLabel(figure.measure)
        let decimals = normalizeLabel(figure.value).split(separator: ".").dropFirst().first?.count ?? 0
        let halfLastDigit = Decimal(sign: .plus, exponent: -decimals, significand: 5) / 10
        switch kind {
        case .count:
            guard ["", "人", "名"].contains(measure), let count = Int(normalizeLabel(figure.value)), count >= 0 else {
                return nil
            }
            return (.count(count), 0, .wan)
        case .money:
            let unit: MoneyUnit
            switch measure {
            case "", "万元": unit = .wan
            case "元": unit = .yuan
            default: return nil
            }
            guard case .success(let amount) = Money.parse(figure.value, unit: unit) else { return nil }
            return (.money(amount), halfLastDigit * Decimal(unit.fenPerUnit), unit)
        case .points:
            guard ["", "分"].contains(measure), let points = parseDecimal(figure.value) else { return nil }
            return (.points(points), halfLastDigit, .wan)
        case .notComputed:
            return nil
        }
    }

    /// A money figure too large to be an amount at all, in the measure it names.
    static func isTooLarge(_ figure: ReportFigure) -> Bool {
        let unit: MoneyUnit = normalizeLabel(figure.measure) == "元" ? .yuan : .wan
        return Money.parse(figure.value, unit: unit) == .failure(.tooLarge)
    }

    /// A reported amount that is exactly 10,000 times the data's, or a 10,000th: 元 and 万元 mixed up.
    static func unitsConfused(_ reported: Quantity, _ computed: Quantity, tolerance: Decimal) -> Finding.ReportHint? {
        guard case .money(let r) = reported, case .money(let c) = computed, c != .zero, r != .zero else { return nil }
        let (rd, cd) = (r.decimal, c.decimal)
        // The tolerance is the printed figure's; a 10,000th of it, and a 分 for the rounding.
        if abs(rd / 10_000 - cd) <= tolerance / 10_000 + 1 {
            return .unitsConfused(reportedIsLarger: true)
        }
        if abs(rd * 10_000 - cd) <= tolerance * 10_000 { return .unitsConfused(reportedIsLarger: false) }
        return nil
    }

    static func matches(_ a: Quantity, _ b: Quantity, tolerance: Decimal) -> Bool {
        switch (a, b) {
        case (.money(let x), .money(let y)): (x - y).magnitude.decimal <= tolerance
        case (.count(let x), .count(let y)): x == y
        case (.points(let x), .points(let y)): abs(x - y) <= tolerance
        default: false
        }
    }

    static func difference(_ a: Quantity, _ b: Quantity) -> Quantity {
        switch (a, b) {
        case (.money(let x), .money(let y)): .money(x - y)
        case (.count(let x), .count(let y)): .count(x - y)
        case (.points(let x), .points(let y)): .points(x - y)
        default: .notComputed
        }
    }

    static func sum(_ values: [Quantity]) -> Quantity {
        values.dropFirst().reduce(values[0]) { total, next in
            switch (total, next) {
            case (.money(let x), .money(let y)): x.adding(y).map(Quantity.money) ?? .notComputed
            case (.count(let x), .count(let y)): .count(x + y)
            case (.points(let x), .points(let y)): .points(x + y)
            default: .notComputed
            }
        }
    }

    func figure(_ label: String) -> Computed? { catalogue.first { $0.label == label } }

    /// A total reported smaller than one of its parts (reported, else computed).
    func partExceeded(
        _ whole: Computed, reported value: Quantity, _ reported: [String: (value: Quantity, text: String)]
    ) -> Finding.ReportHint? {
        for label in whole.parts {
            guard let part = figure(label) else { continue }
            let partValue = reported[label]?.value ?? part.value
            let smaller: Bool
            switch (value, partValue) {
            case (.money(let w), .money(let p)): smaller = w < p
            case (.count(let w), .count(let p)): smaller = w < p
            default: smaller = false
            }
            if smaller {
                return .smallerThanPart(
                    part: label, value: partValue.text(.wan), partIsReported: reported[label] != nil)
            }
        }
        return nil
    }

    /// A reported value that equals the sum of other computed figures of its group: most often
    /// a total written under a part's label.
    func explainedBySum(_ figure: Computed, value: Quantity, tolerance: Decimal, unit: MoneyUnit) -> Finding.ReportHint?
    {
        let candidates = catalogue.filter {
            $0.group == figure.group && $0.side == figure.side && !$0.value.isZero && $0.value != .notComputed
        }
        func describe(_ chosen: [Computed]) -> String {
            chosen.map { item in
                let parts = item.parts.compactMap { self.figure($0) }.filter { !$0.value.isZero }
                let expanded =
                    parts.isEmpty
                    ? "" : "（" + parts.map { "\($0.label) \($0.value.text(unit))" }.joined(separator: " + ") + "）"
                return "\(item.label) \(item.value.text(unit))\(expanded)"
            }.joined(separator: " + ")
        }
        for size in 1...3 {
            for chosen in combinations(candidates, size) {
                if size == 1 && chosen[0].label == figure.label { continue }
                if Self.matches(value, Self.sum(chosen.map(\.value)), tolerance: tolerance) {
                    return .equalsSum(of: describe(chosen), label: figure.label)
                }
            }
        }
        return nil
    }
}

/// Every choice of `size` elements, in order.
func combinations<T>(_ items: [T], _ size: Int) -> [[T]] {
    guard size > 0 else { return [[]] }
    guard items.count >= size else { return [] }
    var result: [[T]] = []
    for (index, item) in items.enumerated() {
        for rest in combinations(Array(items[(index + 1)...]), size - 1) {
            result.append([item] + rest)
        }
    }
    return result
}
