import Foundation

/// The report stage's result: the draft self-evaluation report, written as report.html and report.md.
public struct DraftReport: Sendable {
    let title: String
    let document: ReportDocument
    /// The department's narrative file for the next draft: its words so far, prompts elsewhere.
    let narrativeTemplate: String

    /// Drafts the report from a scored and checked consolidation.
    public init(_ department: Consolidation) {
        let draft = SelfEvaluationReport(result: department)
        title = "\(draft.departmentName) 整体支出绩效自评报告（草稿）"
        document = draft.document()
        narrativeTemplate = department.narrative.template(
            goals: draft.goalNames, carried: department.previous?.narrative)
    }
}

/// The draft 部门整体支出绩效自评报告 in the seed report's own shape: every figure from the
/// consolidation, in 万元 as such reports print them, with the findings as its 存在的问题.
struct SelfEvaluationReport {
    let result: Consolidation

    var departmentName: String {
        let main = result.units.first { $0.parentCode.isEmpty } ?? result.units.first
        guard let name = main?.entry.name else { return "本部门" }
        return name.hasSuffix("本级") ? String(name.dropLast(2)) : name
    }

    var yearText: String { result.fiscalYear.map { "\($0)年" } ?? "本" }

    func wan(_ money: Money, _ source: String) -> ReportDocument.Inline {
        .figure(money.wanText, source: "department.json → \(source)（万元）")
    }

    func count(_ value: Int, _ source: String) -> ReportDocument.Inline {
        .figure(String(value), source: "department.json → \(source)")
    }

    var narrative: Narrative { result.narrative }

    /// The department's paragraphs for `section`; where it wrote none this year, last year's
    /// (marked 〔沿用上年，请核对〕); else the standard wording `drafted` for it to keep or change
    /// (marked 〔草拟〕), and a visible prompt saying what belongs there unless the draft says it all.
    func own(_ section: Narrative.Section, _ doc: inout ReportDocument, drafted: [String] = [], prompt: Bool? = nil) {
        if let paragraphs = narrative.text(section) {
            for paragraph in paragraphs { doc.add(.written([.text(paragraph)])) }
            return
        }
        if let carried = result.previous?.narrative.text(section) {
            for paragraph in carried { doc.add(.written([.draft(paragraph, mark: ReportDocument.carriedMark)])) }
            return
        }
        for paragraph in drafted { doc.add(.written([.draft(paragraph, mark: ReportDocument.draftMark)])) }
        if prompt ?? drafted.isEmpty { doc.add(.written([.prompt("【请填写：\(section.prompt)】")])) }
    }

    /// A decimal number's text with its thousands separated (tables and charts; sentences keep the
    /// seed's plain figures).
    static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let whole = digits.prefix { $0.isNumber }
        guard whole.count > 3 else { return text }
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (negative ? "-" : "") + out + digits.dropFirst(whole.count)
    }

    /// The seed report's parts in its order: figures from the consolidation, the department's own
    /// words from its narrative file, a 【请填写】 prompt where neither can say.
    func document() -> ReportDocument {
        var doc = ReportDocument()
        doc.add(.title("\(departmentName)", subtitle: "\(yearText == "本" ? "" : yearText + "度")整体支出绩效自评报告"))
        doc.add(
            .draftNote(
                "草稿：数字来自汇总结果（department.json），金额单位为万元；〔草拟〕处是通用表述，请核改；"
                    + "【请填写】处和叙述文字可直接在本文档中填写后放回数据文件夹，或写在报告叙述文件中（模板见输出文件夹的 narrative.md），重新汇总即进入报告。"))
        own(Narrative.opening, &doc, drafted: [Drafts.opening(departmentName, yearText)])
        basics(&doc)
        budget(&doc)
        goals(&doc)
        selfEvaluationWork(&doc)
        performance(&doc)
        conclusion(&doc)
        problems(&doc)
        signatures(&doc)
        findingsAppendix(&doc)
        return doc
    }

    /// The 分项目标 the indicator sheet names, in its order, each with its heading's title;
    /// indicators it leaves without one are under "" (titled 其他指标) at the end.
    var goalGroups: [(goal: String, title: String, indicators: [Indicator])] {
        var order: [String] = []
        var byGoal: [String: [Indicator]] = [:]
        for indicator in result.indicators {
            if byGoal[indicator.goal] == nil { order.append(indicator.goal) }
            byGoal[indicator.goal, default: []].append(indicator)
        }
        order = order.filter { !$0.isEmpty } + (byGoal[""] == nil ? [] : [""])
        return order.map { ($0, $0.isEmpty ? Narrative.otherIndicators : $0, byGoal[$0]!) }
    }

    /// The goals' names, for the narrative template.
    var goalNames: [String] { goalGroups.map(\.goal).filter { !$0.isEmpty } }

    // MARK: 一、部门基本情况

    func basics(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "一、部门基本情况"))
        doc.add(.heading(2, "（一）部门概况"))
        doc.add(.heading(3, "1、部门职能"))
        own(Narrative.functions, &doc)
        doc.add(.heading(3, "2、机构设置"))
        own(Narrative.character, &doc)
        let names = result.units.map(\.entry.name)
        let submitted = result.units.filter(\.isSubmitted).count
        doc.add(
            .paragraph([
                .text("我单位有\(names.joined(separator: "、"))等"), count(result.units.count, "summary.units"),
                .text("个下属单位，其中"), count(submitted, "summary.units_submitted"), .text("个单位提交了本年度数据。"),
            ]))
        let staff = result.staff
        doc.add(
            .paragraph([
                .text("人员情况：在职人员"), count(staff.active, "totals.staff.active"), .text("人，离休人员"),
                count(staff.retiredVeteran, "totals.staff.retired_veteran"), .text("人，退休人员"),
                count(staff.retired, "totals.staff.retired"), .text("人，合计"), count(staff.total, "totals.staff.total"),
                .text("人。"),
            ]))
        missing("以上人数", of: .staff).map { doc.add($0) }
        let assets = result.assets
        doc.add(.heading(3, "3、资产情况"))
        var assetText: [ReportDocument.Inline] = [
            .text("截至\(yearText)底，我单位共有资产"), wan(assets.total, "totals.assets.total"),
            .text("万元，其中货币资金"), wan(assets.cash, "totals.assets.cash"),
            .text("万元，固定资产原值"), wan(assets.fixedOriginal, "totals.assets.fixed_original"),
            .text("万元，固定资产累计折旧"), wan(assets.accumulatedDepreciation, "totals.assets.accumulated_depreciation"),
            .text("万元，固定资产净值"), wan(assets.fixedNet, "totals.assets.fixed_net"),
            .text("万元，在建工程"), wan(assets.constructionInProgress, "totals.assets.construction_in_progress"), .text("万元"),
        ]
        if assets.intangible != .zero {
            assetText += [.text("，无形资产"), wan(assets.intangible, "totals.assets.intangible"), .text("万元")]
        }
        if assets.other != .zero {
            assetText += [.text("，其他资产"), wan(assets.other, "totals.assets.other"), .text("万元")]
        }
        doc.add(.paragraph(assetText + [.text("。")]))
        missing("以上资产", of: .assets).map { doc.add($0) }
        let parts: [(String, Money)] = [
            ("货币资金", assets.cash), ("固定资产净值", assets.fixedNet), ("在建工程", assets.constructionInProgress),
            ("无形资产", assets.intangible), ("其他资产", assets.other),
        ]
        var chart = BarChart(
            series: [.init(name: "万元", color: "#3d6c9e")],
            rows: parts.filter { $0.1 != .zero }.map {
                BarChart.Row(
                    label: $0.0, values: [($0.1.fen, $0.1.wanText + " 万元（" + percent($0.1, of: assets.total) + "）")])
            })
        chart.divisor = 1_000_000
        chart.shares = true
        doc.add(.chart(chart, title: "资产构成", caption: "图1  资产构成（净值，万元）"))
        own(Narrative.assetManagement, &doc)
    }

    /// A sentence saying which units' figures a total leaves out, and why: a figure is right or
    /// missing, and a missing one is said to be.
    func missing(
        _ what: String, of figure: Finding.RowKey.Figure, why: String = "其报送的表格有相互矛盾或无法读取之处"
    ) -> ReportDocument.Block? {
        let units = result.withheld.filter { $0.key.figure == figure }.map(\.unit)
        guard !units.isEmpty else { return nil }
        var seen: Set<String> = []
        let names = units.filter { seen.insert($0).inserted }.map { code in
            result.units.first { $0.code == code }?.entry.name ?? code
        }
        return .paragraph([
            .text(
                "\(what)不含\(names.joined(separator: "、"))的数字：\(why)（见附件问题清单），无法确定，暂未计入，待核实后补充。"
            )
        ])
    }

    func percent(_ part: Money, of whole: Money) -> String {
        guard whole.fen > 0 else { return "—" }
        return (part.decimal * 100 / whole.decimal).text(1) + "%"
    }

    // MARK: （二）部门收支预决算情况

    func budget(_ doc: inout ReportDocument) {
        doc.add(.heading(2, "（二）部门收支预决算情况"))
        let lead = ["initial": "\(yearText)年初预算：", "adjusted": "\(yearText)预算调整具体为：", "final": "\(yearText)决算："]
        for stage in BudgetStage.allCases {
            let figures = result.budget[stage]
            let income = BudgetItem.allCases.filter {
                ($0.side == .income || $0 == .openingBalance) && !$0.isInternalTransfer && figures[$0] != .zero
            }
            let spending = BudgetItem.allCases.filter {
                ($0.side == .expenditure || $0 == .closingBalance) && !$0.isInternalTransfer && figures[$0] != .zero
            }
            guard !income.isEmpty || !spending.isEmpty else { continue }
            var text: [ReportDocument.Inline] = [.text(lead[stage.key]!)]
            for (index, item) in income.enumerated() {
                text += [
                    .text((index == 0 ? "" : "；") + item.chinese),
                    wan(figures[item], "totals.budget.\(stage.key).\(item.key)"), .text("万元"),
                ]
            }
            text.append(.text("。"))
            for (index, item) in spending.enumerated() {
                text += [
                    .text((index == 0 ? "" : "，") + item.chinese),
                    wan(figures[item], "totals.budget.\(stage.key).\(item.key)"), .text("万元"),
                ]
            }
            text.append(.text("。"))
            doc.add(.paragraph(text))
        }
        missing("以上预决算数", of: .budget).map { doc.add($0) }
        missing("与决算核对的会计账簿支出", of: .expenditure, why: "其账簿有无法归类的支出科目、无法读取的行或重复的导出").map { doc.add($0) }
        let items = BudgetItem.allCases.filter { item in
            !item.isInternalTransfer && BudgetStage.allCases.contains { result.budget[$0][item] != .zero }
        }
        budgetTable(items, &doc)
        changesSinceLastYear(&doc)
        let stageColors = ["#c9d6e3", "#7fa3c8", "#2f5d8a"]
        var chart = BarChart(
            series: BudgetStage.allCases.enumerated().map { .init(name: $1.chinese, color: stageColors[$0]) },
            rows: items.map { item in
                BarChart.Row(
                    label: item.chinese,
                    values: BudgetStage.allCases.map { (result.budget[$0][item].fen, result.budget[$0][item].wanText) })
            })
        chart.divisor = 1_000_000
        add(chart, title: "预算与决算", caption: "图2  各科目年初预算、调整预算与决算（万元）", to: &doc)
        let units = result.units.filter { $0.budget.stages[.final] != nil }
            .sorted { $0.budget[.final].spending > $1.budget[.final].spending }
        if !units.isEmpty {
            var unitChart = BarChart(
                series: [.init(name: "决算支出", color: "#3d6c9e")],
                rows: units.map { unit in
                    BarChart.Row(
                        label: unit.entry.alias.isEmpty ? unit.entry.name : unit.entry.alias,
                        values: [(unit.budget[.final].spending.fen, unit.budget[.final].spending.wanText)])
                })
            unitChart.divisor = 1_000_000
            add(unitChart, title: "各单位决算支出", caption: "图3  各单位决算支出（基本＋项目＋经营支出，万元）", to: &doc)
        }
    }

    /// With last year's result: the units that came or went and the figures that moved past the
    /// thresholds, in one sentence the department's explanations can answer.
    func changesSinceLastYear(_ doc: inout ReportDocument) {
        guard result.previous != nil else { return }
        let names = Dictionary(
            result.units.map { ($0.code, $0.entry.alias.isEmpty ? $0.entry.name : $0.entry.alias) },
            uniquingKeysWith: { a, _ in a })
        var parts: [String] = []
        for finding in result.findings {
            switch finding.detail {
            case .previousLargeChange(let figure, let now, let then):
                parts.append("\(names[finding.unit] ?? finding.unit)\(figure)本年 \(now)、上年 \(then)")
            case .previousUnitNew: parts.append("\(names[finding.unit] ?? finding.unit)为本年新增单位")
            case .previousUnitGone(let code, let name): parts.append("\(name.isEmpty ? code : name)本年不在单位名录中")
            default: continue
            }
        }
        doc.add(
            .paragraph([
                .text(
                    parts.isEmpty
                        ? "与上年决算相比，各单位的决算支出、资产总额和在职人员没有超过说明门槛的变动。"
                        : "与上年决算相比，需要说明原因的变动有：\(parts.joined(separator: "；"))。")
            ]))
    }

    /// 表1: the department's budget by stage; with last year's result, its 决算 and the change.
    func budgetTable(_ items: [BudgetItem], _ doc: inout ReportDocument) {
        let previous = result.previous
        func money(_ value: Money?) -> String { value.map { Self.grouped($0.wanText) } ?? "—" }
        func row(_ name: String, _ figures: (BudgetStageFigures) -> Money, last: Money?) -> [String] {
            let final = figures(result.budget[.final])
            return [name] + BudgetStage.allCases.map { money(figures(result.budget[$0])) }
                + (previous == nil ? [] : [money(last), money(last.map { final - $0 })])
        }
        let lastSpending = previous.flatMap { previous -> Money? in
            let parts = [BudgetItem.basicExpenditure, .projectExpenditure, .businessExpenditure].map {
                previous.finalBudget[$0]
            }
            return parts.contains(where: { $0 == nil }) ? nil : parts.reduce(Money.zero) { $0 + $1! }
        }
        let rows =
            items.map { item in row(item.chinese, { $0[item] }, last: previous?.finalBudget[item] ?? nil) }
            + [
                row("收入合计", \.income, last: previous?.finalIncome),
                row("支出合计（基本＋项目＋经营）", \.spending, last: lastSpending),
            ]
        let header =
            ["科目"] + BudgetStage.allCases.map { "\($0.chinese)（万元）" }
            + (previous == nil ? [] : ["上年决算（万元）", "比上年增减（万元）"])
        doc.add(
            .table(
                header: header, rows: rows, numeric: Set(1..<header.count),
                caption: "表1  部门收支预决算（内部往来已合并抵销）"))
    }

    /// A chart, in parts on scales of their own where a few large bars would leave the rest slivers.
    func add(_ chart: BarChart, title: String, caption: String, to doc: inout ReportDocument) {
        let parts = chart.splitByScale(parts: 3)
        guard parts.count > 1 else { return doc.add(.chart(chart, title: title, caption: caption)) }
        let number = caption.prefix { $0 != " " && $0 != "\u{3000}" }
        let rest = caption.dropFirst(number.count).drop { $0 == " " }
        for (index, part) in parts.enumerated() {
            let which = index == 0 ? "金额较大的\(part.rows.count)项" : "其余\(part.rows.count)项，比例尺不同"
            doc.add(.chart(part, title: "\(title)（\(index + 1)）", caption: "\(number)-\(index + 1)  \(rest)：\(which)"))
        }
    }

    // MARK: （三）绩效目标、指标

    func goals(_ doc: inout ReportDocument) {
        doc.add(.heading(2, "（三）部门整体支出绩效目标、指标"))
        doc.add(.heading(3, "1、整体绩效目标"))
        own(Narrative.overallGoal, &doc)
        doc.add(.heading(3, "2、分项绩效目标、指标"))
        let groups = goalGroups
        guard !groups.isEmpty else {
            doc.add(.paragraph([.prompt("【请提供绩效指标表：汇总数据中没有绩效指标。】")]))
            return
        }
        if groups.count == 1 && groups[0].goal.isEmpty {
            doc.add(.paragraph([.prompt("【请在绩效指标表中加“分项目标”列，写明每个指标所属的分项目标，报告即按目标分组。】")]))
        }
        for (index, group) in groups.enumerated() {
            doc.add(.heading(4, "（\(index + 1)）\(group.title)"))
            if !group.goal.isEmpty {
                doc.add(.paragraph([.strong("绩效目标：")]))
                own(Narrative.goalTarget(group.goal), &doc)
            }
            // 完成率90%, as Chinese is set: no space between a name and its figure.
            let targets = group.indicators.map { indicator in
                "\(indicator.name)\(indicator.target.isEmpty ? "" : indicator.target + indicator.measure)"
            }
            doc.add(.paragraph([.strong("绩效指标："), .text(targets.joined(separator: "；") + "。")]))
        }
    }

    // MARK: 二、自评工作开展情况

    func selfEvaluationWork(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "二、自评工作开展情况"))
        let parts: [(String, Narrative.Section, [String])] = [
            ("（一）自评的组织工作", Narrative.organisation, Drafts.organisation),
            ("（二）绩效自评目的", Narrative.purpose, [Drafts.purpose(yearText)]),
            ("（三）绩效自评内容", Narrative.content, [Drafts.content]), ("（四）自评的方法", Narrative.method, Drafts.method),
            ("（五）绩效自评过程", Narrative.process, [Drafts.process]),
        ]
        for (heading, section, drafted) in parts {
            doc.add(.heading(2, heading))
            own(section, &doc, drafted: drafted)
        }
    }

    // MARK: 三、指标完成情况

    func performance(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "三、部门整体支出绩效目标实现情况及指标分析"))
        doc.add(.heading(2, "（一）总体绩效目标实现情况"))
        own(Narrative.overallResult, &doc)
        doc.add(.heading(2, "（二）分项绩效目标实现情况及指标分析"))
        guard let card = result.scorecard else {
            doc.add(.paragraph([.prompt("【请提供绩效指标表：未评分。】")]))
            return
        }
        var scoredByLine: [String: ScoredIndicator] = [:]
        for scored in card.indicators { scoredByLine[scored.indicator.file + "#\(scored.indicator.line)"] = scored }
        for (index, group) in goalGroups.enumerated() {
            doc.add(.heading(4, "（\(index + 1)）\(group.title)"))
            if !group.goal.isEmpty { own(Narrative.goalResult(group.goal), &doc) }
            let scored = group.indicators.compactMap { scoredByLine[$0.file + "#\($0.line)"] }
            guard !scored.isEmpty else { continue }
            // Target and actual side by side in one format: the places the most precise of either needs.
            let both = Self.column(scored.map(\.target) + scored.map(\.actual)).map(Self.grouped)
            let targets = Array(both.prefix(scored.count))
            let actuals = Array(both.dropFirst(scored.count))
            let weights = Self.column(scored.map(\.weight))
            doc.add(
                .table(
                    header: ["指标名称", "方向", "权重", "目标值", "实际值", "计量单位", "完成率", "得分", "偏差原因"],
                    rows: scored.enumerated().map { row, item in
                        [
                            item.indicator.name, item.direction.chinese, weights[row],
                            targets[row].isEmpty ? item.indicator.target : targets[row],
                            item.band?.chinese ?? (actuals[row].isEmpty ? item.indicator.actual : actuals[row]),
                            item.indicator.measure, item.completion.map { $0.text(1) + "%" } ?? "",
                            item.score.text(card.decimals), item.indicator.deviationReason,
                        ]
                    },
                    numeric: [2, 3, 4, 6, 7],
                    caption: "表\(index + 2)  \(group.title)：指标完成情况与得分"))
        }
        var chart = BarChart(
            series: [.init(name: "权重", color: "#c9d6e3"), .init(name: "得分", color: "#2f5d8a")],
            rows: card.groups.map { group in
                BarChart.Row(
                    label: group.name,
                    values: [
                        (hundredths(group.weight), group.weight.plainText()),
                        (hundredths(group.score), group.score.text(card.decimals)),
                    ])
            })
        chart.divisor = 100
        doc.add(.chart(chart, title: "一级指标得分", caption: "图4  各一级指标得分与权重"))
    }

    /// A column of numbers at one precision: as many decimals as the most precise needs, at most 2.
    static func column(_ values: [Decimal?]) -> [String] {
        let places =
            values.compactMap { $0 }.map { value -> Int in
                let text = value.plainText(2)
                return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
            }.max() ?? 0
        return values.map { $0.map { $0.text(places) } ?? "" }
    }

    func hundredths(_ value: Decimal) -> Int64 {
        Int64((value * 100).rounded(0).description) ?? 0
    }

    // MARK: 四、评价结论

    func conclusion(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "四、评价结论和评价等级"))
        guard let card = result.scorecard else {
            doc.add(.note("（未评分。）"))
            return
        }
        let scheme = Scheme.standard.name == card.schemeName ? Scheme.standard : nil
        if let grades = scheme?.grades {
            let bands = grades.enumerated().map { index, grade -> String in
                if index == 0 { return "得分≥\(grade.minimum.plainText())分为\(grade.name)" }
                if index == grades.count - 1 { return "得分＜\(grades[index - 1].minimum.plainText())分为\(grade.name)" }
                return "\(grade.minimum.plainText())≤得分＜\(grades[index - 1].minimum.plainText())分为\(grade.name)"
            }
            doc.add(
                .paragraph([
                    .text("根据部门职责定位和各项工作履职情况进行综合评价，满分100分，评价等级分为\(grades.count)个：\(bands.joined(separator: "；"))。")
                ]))
        }
        own(Narrative.assessment, &doc, drafted: [Drafts.assessment(yearText)])
        guard let total = card.total, let grade = card.grade else {
            // Never a misleading score: a sheet that could not be scored whole gives no total.
            doc.add(
                .paragraph([
                    .text("本次汇总未能得出自评总分和评价等级（\(Scorecard.unscoredText(card))）。"),
                    .text("请按“存在的问题”中列出的指标改正绩效指标表后重新汇总。"),
                ]))
            return
        }
        doc.add(
            .paragraph([
                .text("我单位\(yearText)度部门整体绩效自评得分"),
                .figure(total.text(card.decimals), source: "department.json → score.total"),
                .text("分，评价等级为“"), .strong(grade), .text("”。"),
            ]))
        let weights = Self.column(card.groups.map(\.weight) + [card.groups.reduce(Decimal(0)) { $0 + $1.weight }])
        doc.add(
            .table(
                header: ["一级指标", "权重", "得分"],
                rows: card.groups.enumerated().map { [$1.name, weights[$0], $1.score.text(card.decimals)] }
                    + [["合计", weights.last!, total.text(card.decimals)]],
                numeric: [1, 2], caption: "评分汇总（\(card.schemeName)）"))
    }

    // MARK: 五、存在的问题

    /// The department's problems and measures. The data checker's findings are not its problems:
    /// they go to the appendix; where one is material, a sentence the officer may keep or delete.
    func problems(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "五、存在的问题及改进措施"))
        doc.add(.heading(2, "（一）存在的主要问题"))
        own(Narrative.problems, &doc)
        let suggestions = Self.suggestions(for: result.findings)
        if !suggestions.isEmpty {
            doc.add(.note("以下是根据数据核对结果建议的表述（见附件），可保留、修改或删除："))
            doc.add(.list(suggestions.map { [.prompt($0)] }))
        }
        doc.add(.heading(2, "（二）针对问题提出具体的改进措施或建议"))
        own(Narrative.measures, &doc, drafted: [Drafts.measures], prompt: true)
    }

    /// A suggested sentence per kind of material finding (an error outside rows and files).
    static func suggestions(for findings: [Finding]) -> [String] {
        let sentences: [(topic: Rule.Topic, sentence: String)] = [
            (.ledger, "部分单位会计账簿与决算报表的支出数不一致，会计核算与决算编报的衔接有待加强。"),
            (.budget, "部分单位预算收支数据不平衡或有误，预算编制和决算编报的准确性有待提高。"),
            (.transfer, "上下级单位之间的补助和上缴收支记录不一致，内部往来的对账有待加强。"),
            (.asset, "部分资产卡片的原值、折旧或净值记录有误，资产基础管理工作有待加强。"),
            (.staff, "人员名单与人数统计不一致，人员信息管理有待加强。"),
            (.unit, "个别下属单位未按要求完整报送数据，数据报送的及时性和完整性有待加强。"),
            (.indicator, "部分绩效指标设置不完整或不规范，绩效目标和指标的设置有待完善。"),
            (.score, "部分绩效指标的完成值、得分或偏差原因填报不完整，绩效自评的规范性有待加强。"),
        ]
        // A score finding is material at any severity, any other only as an error.
        let material = findings.filter { $0.severity == .error || $0.ruleInfo.topic == .score }
        return sentences.filter { entry in material.contains { $0.ruleInfo.topic == entry.topic } }.map {
            "（建议）" + $0.sentence
        }
    }

    // MARK: 评价工作组

    /// A form signed by hand: names are never printed from data.
    func signatures(_ doc: inout ReportDocument) {
        doc.add(.pageBreak)
        doc.add(.heading(1, "评价工作组人员名单及签字"))
        let roles = ["组长"] + Array(repeating: "副组长", count: 2) + Array(repeating: "组成员", count: 6)
        doc.add(.signatureForm(roles: roles, signer: departmentName))
    }

    // MARK: 附件

    func findingsAppendix(_ doc: inout ReportDocument) {
        doc.add(.pageBreak)
        doc.add(.heading(1, "附件：数据核对问题清单"))
        doc.add(.paragraph([.strong("本附件不属于报告正文，不在签署范围之内，报告定稿印发前删除。")]))
        let serious = result.findings.filter { $0.severity != .info }
        guard !serious.isEmpty else {
            doc.add(.paragraph([.text("汇总核对未发现错误或警告。")]))
            return
        }
        let errors = serious.filter { $0.severity == .error }.count
        doc.add(
            .paragraph([
                .text("汇总核对共发现错误"), .figure(String(errors), source: "department.json → summary.errors"),
                .text("条、警告"), .figure(String(serious.count - errors), source: "department.json → summary.warnings"),
                .text("条，供审核人员在报告定稿前逐条处理："),
            ]))
        let names = Dictionary(
            result.units.map { ($0.code, $0.entry.alias.isEmpty ? $0.entry.name : $0.entry.alias) },
            uniquingKeysWith: { a, _ in a })
        doc.add(
            .table(
                header: ["严重程度", "单位", "问题", "位置"],
                rows: serious.map { finding in
                    [
                        finding.severity.chinese,
                        finding.unit.isEmpty ? "" : "\(finding.unit) \(names[finding.unit] ?? "")", finding.message,
                        [finding.file, finding.line.map { "第 \($0) 行" } ?? ""].filter { !$0.isEmpty }.joined(
                            separator: " "),
                    ]
                },
                numeric: [], caption: "数据核对问题清单（按严重程度、单位、文件、行号排列）"))
    }
}

/// The standard wording of a 部门整体支出绩效自评报告 (after the seed's), drafted where the
/// department has not yet written its own: generic, visibly a draft, the department's to change.
enum Drafts {
    static func opening(_ department: String, _ year: String) -> String {
        "按照预算绩效管理有关文件要求，遵循“科学性、规范性、客观性和公正性”的原则，对\(department)（以下简称“我单位”）"
            + "\(year == "本" ? "本年度" : year)部门整体支出情况实施了绩效自评价。根据我单位提供的相关材料，采用定性分析与定量分析相结合的方法，"
            + "从总体绩效目标实现情况、分项绩效指标完成情况、专项资金使用及项目效益等方面进行了综合分析，最终形成了本报告。"
    }

    static let organisation = [
        "为推进本年度预算绩效评价工作，我单位抽调人员成立绩效评价工作组（名单见文末）。",
        "按照通知要求，评价工作组制定自评工作方案，明确评价内容、评价程序及时间安排。组织相关人员召开专题会议，"
            + "传达自评价工作要求和部署各项工作安排。全面收集评价所需基础信息资料并对资料进行分类整理、审查和分析。",
    ]

    static func purpose(_ year: String) -> String {
        "本次绩效自评将结合我单位\(year == "本" ? "本年" : year)度部门整体支出实际情况，运用科学、规范、合理的评价方法，全面、真实、客观地"
            + "对我单位年度财政拨款资金支出情况、相关制度健全性、项目完成情况及部门履职效果等内容进行综合评价，"
            + "全面反映财政资金使用成效和部门职能的实现程度，针对评价过程中发现的问题提出意见建议，为以后年度的预算管理和资金安排提供参考。"
    }

    static let content =
        "本次部门整体支出绩效自评的主要内容包括：一是绩效目标和预算编制情况；二是部门预决算收支情况；三是部门年度总体绩效目标完成情况；"
        + "四是部门年度绩效指标完成情况，包括部门履职投入、履职过程、履职产出及履职效果等。"

    static let method = [
        "1、科学公正原则。此次绩效自评运用科学合理的方法，按照规范的程序，对部门整体预算资金使用绩效进行客观、公正的反映。",
        "2、统筹兼顾原则。单位自评、部门自评和财政评价职责明确，各有侧重，相互衔接，绩效自评结果上报财政部门作为财政评价的参考依据。",
        "3、激励约束原则。绩效自评结果与预算安排、政策调整、改进管理实质性挂钩，体现奖优罚劣和激励相容导向，有效安排、低效压减、无效问责。",
        "4、公开透明原则。绩效自评结果依法依规公开，自觉接受社会监督。",
    ]

    static let process =
        "本次绩效自评将资金使用的产出及效果与年初指标值相比较，逐项分析指标完成情况；对未完成或完成值高于指标值较多的指标，"
        + "分析其形成原因，针对评价过程中发现的问题提出意见建议，为以后年度的预算管理和资金安排提供参考。"

    static func assessment(_ year: String) -> String {
        "经过整体评价，我单位\(year == "本" ? "本年" : year)度按照年初确定的工作计划和绩效目标履行部门职责，"
            + "各项工作任务按计划推进，部门整体支出绩效目标总体实现。"
    }

    static let measures = "针对上述问题，我单位将从以下几个方面加以改进："
}
