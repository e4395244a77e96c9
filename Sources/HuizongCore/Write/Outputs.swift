import Foundation

/// The language of CSV header rows: Chinese for officers by default, English on request.
public enum HeaderLanguage: String, Sendable, CaseIterable {
    case zh, en
}

/// The contract's output files, rendered to bytes. Nothing here touches the disk.
public struct OutputFiles {
    public static let schema = "huizong.consolidation/1"
    /// Every file `render` can write: what Huizong may delete again in a folder it made.
    public static let fileNames = [
        "units.csv", "findings.csv", "score.csv", "datapackage.json", "department.json", "report.html", "report.md",
        "report.docx", "narrative.md", ResultsWorkbook.fileName, RollupFiles.jsonName,
    ]
    public let consolidation: Consolidation
    public let headers: HeaderLanguage
    /// The draft report (report.html, report.md), when there is one.
    public let report: DraftReport?

    public init(_ consolidation: Consolidation, headers: HeaderLanguage = .zh, report: DraftReport?) {
        self.consolidation = consolidation
        self.headers = headers
        self.report = report
    }

    /// File name → contents, in the order they are written: the workbook for people, then CSV
    /// and JSON for programs, then the draft report.
    public func render() throws(Publisher.Problem) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [
            (ResultsWorkbook.fileName, try ResultsWorkbook(consolidation: consolidation, files: self).render()),
            ("units.csv", unitsCSV()), ("findings.csv", findingsCSV()), ("score.csv", scoreCSV()),
            ("datapackage.json", Array(dataPackageJSON().serialized().utf8)),
            ("department.json", Array(departmentJSON().serialized().utf8)),
        ]
        if let report {
            files.append(("report.html", Array(report.document.html(title: report.title).utf8)))
            files.append(("report.md", Array(report.document.markdown().utf8)))
            do {
                files.append(("report.docx", try report.document.docx(title: report.title)))
            } catch {
                throw .io(path: "report.docx", reason: "\(error)")
            }
            files.append(("narrative.md", Array(report.narrativeTemplate.utf8)))
        }
        return files
    }

    func name(_ zh: String, _ en: String) -> String { headers == .zh ? zh : en }

    // MARK: units.csv

    /// units.csv's header (`unitsColumns`), in `language`.
    func unitsHeader(language: HeaderLanguage) -> [String] { unitsColumns.map { $0.name(language) } }

    public func unitsCSV() -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(unitsHeader(language: headers).map(CSVCell.text))

        for unit in consolidation.units {
            var row: [CSVCell] = [
                .code(unit.code), .text(unit.entry.name), .code(unit.parentCode),
                .text(statusText(unit)),
                .text(
                    unit.tablesReceived.sorted { $0.rawValue < $1.rawValue }.map { name($0.chinese, $0.rawValue) }
                        .joined(separator: name("、", ";"))),
                .number(String(unit.errors)), .number(String(unit.warnings)),
            ]
            row += figureCells(
                assets: unit.assets, staff: unit.staff, budget: unit.budget, ledger: unit.ledger, eliminated: false,
                missing: consolidation.missing(of: unit.code))
            writer.writeRow(row)
        }
        return writer.bytes
    }

    func statusText(_ unit: UnitResult) -> String {
        unit.isSubmitted ? name("已提交", "submitted") : name("未提交", "not_submitted")
    }

    let assetColumns: [(zh: String, en: String)] = [
        ("货币资金", "cash"), ("固定资产原值", "fixed_original"), ("累计折旧", "accumulated_depreciation"),
        ("固定资产净值", "fixed_net"), ("在建工程", "construction_in_progress"), ("无形资产", "intangible"),
        ("其他资产", "other"), ("资产总额", "total"),
    ]
    let staffColumns: [(zh: String, en: String)] = [
        ("在职人员", "active"), ("离休人员", "retired_veteran"), ("退休人员", "retired"), ("人员合计", "total"),
    ]

    /// One figure of a units row: what units.csv and the workbook's 单位 sheet each write their way.
    enum UnitFigure {
        case money(Money)
        case count(Int)
        /// An internal transfer in the department total: eliminated, left blank.
        case eliminated
        /// A figure left out because its rows disagree (`Consolidation.withheld`): blank, not 0.
        case missing
    }

    /// The assets in `assetColumns`' order.
    static func assetFigures(_ assets: AssetTotals) -> [Money] {
        [
            assets.cash, assets.fixedOriginal, assets.accumulatedDepreciation, assets.fixedNet,
            assets.constructionInProgress, assets.intangible, assets.other, assets.total,
        ]
    }

    /// A units row's figures after its code, name, status and counts, in `unitsHeader`'s order.
    static func unitFigures(
        assets: AssetTotals, staff: StaffTotals, budget: BudgetFigures, ledger: LedgerSummary, eliminated: Bool,
        missing: MissingFigures = MissingFigures()
    ) -> [UnitFigure] {
        var figures = assetFigures(assets).map { missing.assets ? UnitFigure.missing : .money($0) }
        figures += [staff.active, staff.retiredVeteran, staff.retired, staff.total].map {
            missing.staff ? UnitFigure.missing : .count($0)
        }
        for stage in BudgetStage.allCases {
            for item in BudgetItem.allCases {
                if eliminated && item.isInternalTransfer {
                    figures.append(.eliminated)
                } else {
                    figures.append(missing.budget(stage, item) ? .missing : .money(budget[stage][item]))
                }
            }
        }
        let spending: [Money] =
            [ledger.total] + ExpenditureType.allCases.map { ledger.byType[$0] ?? .zero }
            + FundingSource.allCases.map { ledger.bySource[$0] ?? .zero }
        figures.append(missing.expenditure ? .missing : .count(ledger.rows))
        figures += spending.map { missing.expenditure ? UnitFigure.missing : .money($0) }
        return figures
    }

    func figureCells(
        assets: AssetTotals, staff: StaffTotals, budget: BudgetFigures, ledger: LedgerSummary, eliminated: Bool,
        missing: MissingFigures = MissingFigures()
    ) -> [CSVCell] {
        Self.unitFigures(
            assets: assets, staff: staff, budget: budget, ledger: ledger, eliminated: eliminated, missing: missing
        ).map {
            switch $0 {
            case .money(let amount): .number(amount.yuanText)
            case .count(let count): .number(String(count))
            case .eliminated, .missing: .empty
            }
        }
    }

    // MARK: findings.csv

    public func findingsCSV() -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(findingsColumns.map { .text($0.name(headers)) })
        let names = unitNames
        for finding in consolidation.findings {
            writer.writeRow([
                .text(headers == .zh ? finding.severity.chinese : finding.severity.rawValue),
                .text(finding.rule), .code(finding.unit), .text(names[finding.unit] ?? ""), .text(finding.file),
                finding.line.map { .number(String($0)) } ?? .empty, .text(finding.message),
            ])
        }
        return writer.bytes
    }

    /// Each registry unit's name by its code (the first, should a code repeat).
    var unitNames: [String: String] {
        Dictionary(consolidation.units.map { ($0.code, $0.entry.name) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: department.json

    package func departmentJSON() -> JSONValue {
        let all = consolidation
        let units: [JSONValue] = all.units.map { unit in
            // A figure left out is null, never 0 (`missing` below says which rows disagree).
            let missing = all.missing(of: unit.code)
            return .object([
                ("code", .string(unit.code)), ("name", .string(unit.entry.name)), ("alias", .string(unit.entry.alias)),
                ("parent_code", .string(unit.parentCode)),
                ("status", .string(unit.isSubmitted ? "submitted" : "not_submitted")),
                (
                    "tables_received",
                    .array(unit.tablesReceived.sorted { $0.rawValue < $1.rawValue }.map { .string($0.rawValue) })
                ),
                ("errors", .int(unit.errors)), ("warnings", .int(unit.warnings)),
                ("assets", missing.assets ? .null : Self.assetsJSON(unit.assets)),
                ("staff", missing.staff ? .null : Self.staffJSON(unit.staff)),
                ("budget", Self.budgetJSON(unit.budget, eliminated: false, missing: missing)),
                ("expenditure", missing.expenditure ? .null : Self.ledgerJSON(unit.ledger)),
            ])
        }
        let inputs: [JSONValue] = all.inputs.map { input in
            .object([
                ("path", .string(input.path)), ("sha256", .string(input.sha256)), ("kind", .string(input.kind)),
                ("encoding", .string(input.encoding)), ("rows", .int(input.rows)), ("accepted", .int(input.accepted)),
                ("rejected", .int(input.rejected)),
                ("duplicate_of", all.duplicateOf[input.path].map(JSONValue.string) ?? .null),
                ("unit", input.unit.isEmpty ? .null : .string(input.unit)),
                ("unit_source", input.unitSource.isEmpty ? .null : .string(input.unitSource)),
                ("layout", input.layout.isEmpty ? .null : .string(input.layout)),
            ])
        }
        let findings: [JSONValue] = all.findings.map { finding in
            .object([
                ("severity", .string(finding.severity.rawValue)), ("rule", .string(finding.rule)),
                ("unit", .string(finding.unit)), ("file", .string(finding.file)),
                ("line", finding.line.map(JSONValue.int) ?? .null), ("message", .string(finding.message)),
            ])
        }
        let figures: [JSONValue] = all.reportFigures.map { figure in
            .object([
                ("figure", .string(figure.figure)), ("value", .string(figure.value)),
                ("measure", .string(figure.measure)), ("line", .int(figure.line)),
            ])
        }
        let rows = all.inputs.reduce(0) { $0 + $1.rows }
        let accepted = all.inputs.reduce(0) { $0 + $1.accepted }
        // Figures left out because their rows disagree: the totals above do not include them.
        let missing: [JSONValue] = all.withheld.map { figure in
            var fields: [(String, JSONValue)] = [
                ("unit", .string(figure.unit)), ("figure", .string(figure.key.figure.rawValue)),
            ]
            switch figure.key {
            // One row's id when the rows disagree about it; none when a rejected row left the figure short.
            case .person(let id) where !id.isEmpty: fields.append(("person_id", .string(id)))
            case .asset(let id) where !id.isEmpty: fields.append(("asset_id", .string(id)))
            case .budget(let stage, let item): fields += [("stage", .string(stage.key)), ("item", .string(item.key))]
            default: break
            }
            fields.append(
                (
                    "rows",
                    .array(
                        figure.places.map { place in
                            .object([("file", .string(place.file ?? "")), ("line", .int(place.line))])
                        })
                ))
            return .object(fields)
        }
        return .object([
            ("schema", .string(Self.schema)),
            (
                "summary",
                .object([
                    ("fiscal_year", all.fiscalYear.map(JSONValue.int) ?? .null),
                    ("main_unit", mainUnitJSON()),
                    ("units", .int(all.units.count)),
                    ("units_submitted", .int(all.units.filter(\.isSubmitted).count)),
                    ("files", .int(all.inputs.count)), ("rows", .int(rows)), ("accepted", .int(accepted)),
                    ("rejected", .int(rows - accepted)),
                    ("errors", .int(all.errorCount)), ("warnings", .int(all.warningCount)),
                    ("infos", .int(all.findings.count - all.errorCount - all.warningCount)),
                ])
            ),
            ("units", .array(units)),
            (
                "totals",
                Self.totalsJSON(
                    assets: all.assets, staff: all.staff, budget: all.budget, eliminations: all.eliminations,
                    ledger: all.ledger)
            ),
            ("subtotals", .array(all.levelSubtotals.map(subtotalJSON))),
            ("missing", .array(missing)),
            ("findings", .array(findings)),
            ("score", scoreJSON()),
            ("report_figures", .array(figures)),
            ("inputs", .array(inputs)),
            ("previous", previousJSON()),
        ])
    }

    /// Last year's result this one was compared with (`--previous`), or null.
    func previousJSON() -> JSONValue {
        guard let previous = consolidation.previous else { return .null }
        return .object([
            ("fiscal_year", previous.fiscalYear.map(JSONValue.int) ?? .null),
            ("folder", .string((previous.folder as NSString).lastPathComponent)),
            ("department_json_sha256", .string(previous.sha256)),
        ])
    }

    /// The department's 本级: its code, its name, and the 上级单位编码 its registry row names outside
    /// the department (a 二级 department's; empty for most): null when the registry has no 本级.
    func mainUnitJSON() -> JSONValue {
        guard let code = consolidation.mainUnit, let main = consolidation.units.first(where: { $0.code == code })
        else { return .null }
        return .object([
            ("code", .string(main.code)), ("name", .string(main.entry.name)),
            ("parent_code", .string(consolidation.mainUnitParent)),
        ])
    }

    // MARK: score.csv and department.json's score

    public func scoreCSV() -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(scoreColumns.map { .text($0.name(headers)) })
        guard let card = consolidation.scorecard else { return writer.bytes }
        let places = card.decimals
        for scored in card.indicators {
            let indicator = scored.indicator
            writer.writeRow([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text(headers == .zh ? scored.direction.chinese : scored.direction.rawValue),
                .number(scored.weight.plainText()), scored.target.map { .number($0.plainText()) } ?? .empty,
                scored.band.map { .text(headers == .zh ? $0.chinese : $0.rawValue) }
                    ?? scored.actual.map { .number($0.plainText()) } ?? .empty,
                .text(indicator.measure), .text(indicator.source),
                scored.completion.map { .number($0.text(2)) } ?? .empty,
                .number(scored.score.text(places)), .text(scored.flags.joined(separator: ";")),
                .text(indicator.deviationReason),
            ])
        }
        for indicator in card.notApplicable {
            writer.writeRow([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text(name("不适用", "not_applicable")), .empty, .empty, .empty, .text(indicator.measure), .empty,
                .empty, .empty, .text("not_applicable"), .text(indicator.deviationReason),
            ])
        }
        // Records only: the 小计, 总分 and 等级 are department.json's `score` and the workbook's.
        return writer.bytes
    }

    func scoreJSON() -> JSONValue {
        guard let card = consolidation.scorecard else {
            return .object([
                ("scheme", .null), ("status", .string(ScoreStatus.notScored.rawValue)), ("total", .null),
                ("grade", .null), ("left_out", .array([])), ("weights_fit", .null), ("groups", .array([])),
                ("indicators", .array([])), ("not_applicable", .array([])),
            ])
        }
        let places = card.decimals
        let indicators: [JSONValue] = card.indicators.map { scored in
            let indicator = scored.indicator
            return .object([
                ("id", .string(indicator.id)), ("level1", .string(indicator.level1)),
                ("level2", .string(indicator.level2)),
                ("name", .string(indicator.name)), ("direction", .string(scored.direction.rawValue)),
                ("weight", .string(scored.weight.plainText())),
                ("target", scored.target.map { .string($0.plainText()) } ?? .null),
                (
                    "actual",
                    scored.band.map { .string($0.rawValue) } ?? scored.actual.map { .string($0.plainText()) } ?? .null
                ),
                ("measure", .string(indicator.measure)), ("source", .string(indicator.source)),
                ("completion", scored.completion.map { .string($0.text(2)) } ?? .null),
                ("score", .string(scored.score.text(places))), ("flags", .array(scored.flags.map(JSONValue.string))),
                ("deviation_reason", .string(indicator.deviationReason)),
                ("file", .string(indicator.file)), ("line", .int(indicator.line)),
            ])
        }
        return .object([
            ("scheme", .string(card.schemeName)), ("status", .string(card.status.rawValue)),
            ("total", card.total.map { .string($0.text(places)) } ?? .null),
            ("grade", card.grade.map { .string($0) } ?? .null),
            ("left_out", .array(card.leftOut.map(JSONValue.string))), ("weights_fit", .bool(card.weightsFit)),
            (
                "groups",
                .array(
                    card.groups.map { group in
                        .object([
                            ("name", .string(group.name)), ("weight", .string(group.weight.plainText())),
                            ("score", .string(group.score.text(places))),
                        ])
                    })
            ),
            ("indicators", .array(indicators)),
            ("not_applicable", .array(card.notApplicable.map { .string($0.id) })),
        ])
    }

    /// The department's `totals`, each level's and rollup.json's: one writer, so the shapes cannot
    /// drift. `budget` is written with the internal transfers left out (eliminated). A figure some
    /// unit's share of is left out is null where `missing` says so (a subtotal's); the department's
    /// totals sum what is known, and `missing` lists the rest.
    static func totalsJSON(
        assets: AssetTotals, staff: StaffTotals, budget: BudgetFigures, eliminations: [TransferElimination],
        ledger: LedgerSummary, missing: MissingFigures = MissingFigures(),
        eliminationMissing: @escaping (BudgetStage, BudgetItem) -> Bool = { _, _ in false }
    ) -> JSONValue {
        .object([
            ("assets", missing.assets ? .null : assetsJSON(assets)),
            ("staff", missing.staff ? .null : staffJSON(staff)),
            ("budget", budgetJSON(budget, eliminated: true, missing: missing)),
            (
                "eliminations",
                .object(
                    eliminations.map { elimination in
                        (
                            elimination.stage.key,
                            eliminationJSON(elimination) { eliminationMissing(elimination.stage, $0) }
                        )
                    })
            ),
            ("expenditure", missing.expenditure ? .null : ledgerJSON(ledger)),
        ])
    }

    /// One stage's internal transfers as both sides booked them, and the differences; a side some
    /// unit's figure of is left out, and its difference, null.
    static func eliminationJSON(_ elimination: TransferElimination, missing: (BudgetItem) -> Bool = { _ in false })
        -> JSONValue
    {
        func side(_ item: BudgetItem, _ amount: Money) -> JSONValue { missing(item) ? .null : .money(amount) }
        func difference(_ paid: BudgetItem, _ received: BudgetItem, _ amount: Money) -> JSONValue {
            missing(paid) || missing(received) ? .null : .money(amount)
        }
        return .object([
            ("grant_to_subordinate", side(.grantToSubordinate, elimination.grantsPaid)),
            ("grant_from_parent", side(.grantFromParent, elimination.grantsReceived)),
            (
                "grant_difference",
                difference(.grantToSubordinate, .grantFromParent, elimination.grantsPaid - elimination.grantsReceived)
            ),
            ("remittance_to_parent", side(.remittanceToParent, elimination.remittancesPaid)),
            ("remittance_from_subordinate", side(.remittanceFromSubordinate, elimination.remittancesReceived)),
            (
                "remittance_difference",
                difference(
                    .remittanceToParent, .remittanceFromSubordinate,
                    elimination.remittancesPaid - elimination.remittancesReceived)
            ),
        ])
    }

    /// A unit with subordinates and those below it: who they are, and their `totals`, with the
    /// unit's own transfers with its parent outside them, kept.
    func subtotalJSON(_ subtotal: LevelSubtotal) -> JSONValue {
        let kept: [(String, JSONValue)] = BudgetStage.allCases.map { stage in
            (
                stage.key,
                .object(
                    [BudgetItem.grantFromParent, .remittanceToParent].map { item in
                        (item.key, subtotal.missing.budget(stage, item) ? .null : .money(subtotal.budget[stage][item]))
                    })
            )
        }
        return .object([
            ("code", .string(subtotal.code)), ("name", .string(subtotal.name)), ("level", .int(subtotal.level)),
            ("levels", .int(subtotal.levels)), ("units", .array(subtotal.members.map(JSONValue.string))),
            (
                "totals",
                Self.totalsJSON(
                    assets: subtotal.assets, staff: subtotal.staff, budget: subtotal.budget,
                    eliminations: subtotal.eliminations, ledger: subtotal.ledger, missing: subtotal.missing,
                    eliminationMissing: subtotal.eliminationMissing)
            ),
            ("transfers_kept", .object(kept)),
        ])
    }

    static func assetsJSON(_ assets: AssetTotals) -> JSONValue {
        .object([
            ("cash", .money(assets.cash)), ("fixed_original", .money(assets.fixedOriginal)),
            ("accumulated_depreciation", .money(assets.accumulatedDepreciation)),
            ("fixed_net", .money(assets.fixedNet)),
            ("construction_in_progress", .money(assets.constructionInProgress)),
            ("intangible", .money(assets.intangible)),
            ("other", .money(assets.other)), ("total", .money(assets.total)), ("cards", .int(assets.cards)),
        ])
    }

    static func staffJSON(_ staff: StaffTotals) -> JSONValue {
        .object([
            ("active", .int(staff.active)), ("retired_veteran", .int(staff.retiredVeteran)),
            ("retired", .int(staff.retired)), ("total", .int(staff.total)),
        ])
    }

    static func budgetJSON(_ budget: BudgetFigures, eliminated: Bool, missing: MissingFigures = MissingFigures())
        -> JSONValue
    {
        .object(
            BudgetStage.allCases.map { stage in
                let figures = budget[stage]
                var members: [(String, JSONValue)] = BudgetItem.allCases
                    .filter { !(eliminated && $0.isInternalTransfer) }
                    .map { ($0.key, missing.budget(stage, $0) ? .null : .money(figures[$0])) }
                let incomeShort = missing.budgetTotal(stage, side: .income)
                let expenditureShort = missing.budgetTotal(stage, side: .expenditure)
                members.append(("income_total", incomeShort ? .null : .money(figures.income)))
                members.append(("expenditure_total", expenditureShort ? .null : .money(figures.expenditure)))
                return (stage.key, .object(members))
            })
    }

    static func ledgerJSON(_ ledger: LedgerSummary) -> JSONValue {
        .object([
            ("rows", .int(ledger.rows)), ("total", .money(ledger.total)),
            (
                "by_funding_source",
                .object(FundingSource.allCases.map { ($0.key, .money(ledger.bySource[$0] ?? .zero)) })
            ),
            ("by_type", .object(ExpenditureType.allCases.map { ($0.key, .money(ledger.byType[$0] ?? .zero)) })),
        ])
    }
}
