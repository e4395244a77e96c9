import Foundation

/// The report stage's result: the draft self-evaluation report, written as report.html and report.md.
public struct DraftReport: Sendable {
    let title: String
    let document: ReportDocument

    /// Drafts the report from a scored and checked consolidation.
    public init(_ department: Consolidation) {
        let draft = SelfEvaluationReport(result: department)
        title = "\(draft.departmentName) 整体支出绩效自评报告（草稿）"
        document = draft.document()
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

    func document() -> ReportDocument {
        var doc = ReportDocument()
        doc.add(.title("\(departmentName)", subtitle: "\(yearText == "本" ? "" : yearText + "度")整体支出绩效自评报告（草稿，由汇总数据生成）"))
        doc.add(.note("本稿中的数字均来自汇总结果（department.json），把鼠标停在数字上可看到其出处；金额单位为万元。叙述性段落请财务科补充修改。"))
        basics(&doc)
        budget(&doc)
        goals(&doc)
        doc.add(.heading(1, "二、自评工作开展情况"))
        doc.add(.note("（本部分写自评的组织、目的、内容、方法和过程，请根据实际情况填写。）"))
        performance(&doc)
        conclusion(&doc)
        problems(&doc)
        return doc
    }

    // MARK: 一、部门基本情况

    func basics(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "一、部门基本情况"))
        doc.add(.heading(2, "（一）部门概况"))
        doc.add(.heading(3, "1、部门职能"))
        doc.add(.note("（请填写部门职能。）"))
        doc.add(.heading(3, "2、机构设置"))
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
        let parts: [(String, Money)] = [
            ("货币资金", assets.cash), ("固定资产净值", assets.fixedNet), ("在建工程", assets.constructionInProgress),
            ("无形资产", assets.intangible), ("其他资产", assets.other),
        ]
        let chart = BarChart(
            series: [.init(name: "万元", color: "#3d6c9e")],
            rows: parts.filter { $0.1 != .zero }.map {
                BarChart.Row(
                    label: $0.0, values: [($0.1.fen, $0.1.wanText + " 万元（" + percent($0.1, of: assets.total) + "）")])
            })
        doc.add(.chart(svg: chart.svg(title: "资产构成"), caption: "图1  资产构成（净值，万元）"))
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
        let items = BudgetItem.allCases.filter { item in
            !item.isInternalTransfer && BudgetStage.allCases.contains { result.budget[$0][item] != .zero }
        }
        doc.add(
            .table(
                header: ["科目"] + BudgetStage.allCases.map { "\($0.chinese)（万元）" },
                rows: items.map { item in [item.chinese] + BudgetStage.allCases.map { result.budget[$0][item].wanText }
                }
                    + [
                        ["收入合计"] + BudgetStage.allCases.map { result.budget[$0].income.wanText },
                        ["支出合计（基本＋项目＋经营）"] + BudgetStage.allCases.map { result.budget[$0].spending.wanText },
                    ],
                numeric: [1, 2, 3], caption: "表1  部门收支预决算（内部往来已合并抵销）"))
        let stageColors = ["#c9d6e3", "#7fa3c8", "#2f5d8a"]
        let chart = BarChart(
            series: BudgetStage.allCases.enumerated().map { .init(name: $1.chinese, color: stageColors[$0]) },
            rows: items.map { item in
                BarChart.Row(
                    label: item.chinese,
                    values: BudgetStage.allCases.map { (result.budget[$0][item].fen, result.budget[$0][item].wanText) })
            })
        doc.add(.chart(svg: chart.svg(title: "预算与决算"), caption: "图2  各科目年初预算、调整预算与决算（万元）"))
        let units = result.units.filter { $0.budget.stages[.final] != nil }
            .sorted { $0.budget[.final].spending > $1.budget[.final].spending }
        if !units.isEmpty {
            let unitChart = BarChart(
                series: [.init(name: "决算支出", color: "#3d6c9e")],
                rows: units.map { unit in
                    BarChart.Row(
                        label: unit.entry.alias.isEmpty ? unit.entry.name : unit.entry.alias,
                        values: [(unit.budget[.final].spending.fen, unit.budget[.final].spending.wanText)])
                })
            doc.add(.chart(svg: unitChart.svg(title: "各单位决算支出"), caption: "图3  各单位决算支出（基本＋项目＋经营支出，万元）"))
        }
    }

    // MARK: （三）绩效目标、指标

    func goals(_ doc: inout ReportDocument) {
        doc.add(.heading(2, "（三）部门整体支出绩效目标、指标"))
        guard !result.indicators.isEmpty else {
            doc.add(.note("（未提供绩效指标表。）"))
            return
        }
        doc.add(
            .table(
                header: ["编码", "一级指标", "二级指标", "指标名称", "目标值", "计量单位"],
                rows: result.indicators.map { [$0.id, $0.level1, $0.level2, $0.name, $0.target, $0.measure] },
                numeric: [4], caption: "表2  绩效指标"))
    }

    // MARK: 三、指标完成情况

    func performance(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "三、部门整体支出绩效目标实现情况及指标分析"))
        guard let card = result.scorecard else {
            doc.add(.note("（未提供绩效指标表，未评分。）"))
            return
        }
        doc.add(
            .table(
                header: ["编码", "指标名称", "方向", "权重", "目标值", "实际值", "完成率", "得分", "偏差原因"],
                rows: card.indicators.map { scored in
                    [
                        scored.indicator.id, scored.indicator.name, scored.direction.chinese, scored.weight.plainText(),
                        scored.target.map { $0.plainText() } ?? "",
                        scored.band?.chinese ?? scored.actual.map { $0.plainText() + scored.indicator.measure } ?? "",
                        scored.completion.map { $0.text(1) + "%" } ?? "", scored.score.text(card.decimals),
                        scored.indicator.deviationReason,
                    ]
                },
                numeric: [3, 4, 6, 7], caption: "表3  指标完成情况与得分"))
        let chart = BarChart(
            series: [.init(name: "权重", color: "#c9d6e3"), .init(name: "得分", color: "#2f5d8a")],
            rows: card.groups.map { group in
                BarChart.Row(
                    label: group.name,
                    values: [
                        (hundredths(group.weight), group.weight.plainText()),
                        (hundredths(group.score), group.score.text(card.decimals)),
                    ])
            })
        doc.add(.chart(svg: chart.svg(title: "一级指标得分"), caption: "图4  各一级指标得分与权重"))
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
        doc.add(
            .table(
                header: ["一级指标", "权重", "得分"],
                rows: card.groups.map { [$0.name, $0.weight.plainText(), $0.score.text(card.decimals)] }
                    + [
                        [
                            "合计", card.groups.reduce(Decimal(0)) { $0 + $1.weight }.plainText(),
                            total.text(card.decimals),
                        ]
                    ],
                numeric: [1, 2], caption: "表4  评分汇总（\(card.schemeName)）"))
    }

    // MARK: 五、存在的问题

    func problems(_ doc: inout ReportDocument) {
        doc.add(.heading(1, "五、存在的问题及改进措施"))
        doc.add(.heading(2, "（一）数据核对发现的问题"))
        let serious = result.findings.filter { $0.severity != .info }
        if serious.isEmpty {
            doc.add(.paragraph([.text("汇总核对未发现错误或警告。")]))
        } else {
            let errors = serious.filter { $0.severity == .error }.count
            doc.add(
                .paragraph([
                    .text("汇总核对共发现错误"), .figure(String(errors), source: "department.json → summary.errors"),
                    .text("条、警告"),
                    .figure(String(serious.count - errors), source: "department.json → summary.warnings"),
                    .text("条，应在报告定稿前逐条处理："),
                ]))
            doc.add(
                .list(
                    serious.prefix(30).map { finding in
                        [.strong("\(finding.severity.chinese)："), .text(finding.message)]
                    }))
            if serious.count > 30 { doc.add(.note("（其余 \(serious.count - 30) 条见下表及 findings.csv。）")) }
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
                    numeric: [], caption: "表5  核对清单（按严重程度、单位、文件、行号排列）"))
        }
        doc.add(.heading(2, "（二）针对问题提出具体的改进措施或建议"))
        doc.add(.note("（请根据上述问题填写改进措施。）"))
    }
}
