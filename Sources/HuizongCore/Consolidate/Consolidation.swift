/// One registry unit with everything it submitted.
public struct UnitResult: Sendable {
    public var entry: RegistryEntry
    /// The unit its transfers are eliminated against; empty for 本级.
    public var parentCode: String
    public var tablesReceived: Set<TableKind> = []
    public var assets = AssetTotals()
    /// Headcounts: the unit's own counts when it reports them, else its list of people counted.
    public var staff = StaffTotals()
    /// The counts the unit reported (基本数字表), reconciled with its list when it sends both.
    public var staffCounts: StaffTotals?
    /// Internal transfers its books show (7401 上缴上级支出, 7501 对附属单位补助支出), checked against its 决算.
    package var bookedTransfers: [BudgetItem: (amount: Money, file: String)] = [:]
    /// Spending by funding source its 决算 forms state (a layout's `一般公共预算财政拨款支出` …
    /// check), checked against its books.
    package var statedSpending: [FundingSource: (amount: Money, file: String, line: Int)] = [:]
    /// What its balance sheet (资产负债简表) states, reconciled with its cards.
    package var statedAssets: [AssetFigure: (amount: Money, file: String, line: Int)] = [:]
    public var budget = BudgetFigures()
    public var ledger = LedgerSummary()
    public var errors = 0
    public var warnings = 0

    public var code: String { entry.code }
    public var isSubmitted: Bool { !tablesReceived.isEmpty }
}

/// The department-wide picture: units, totals after elimination, and every finding.
public struct Consolidation: Sendable {
    public var units: [UnitResult] = []
    public var assets = AssetTotals()
    public var staff = StaffTotals()
    /// Department budget: internal transfer items are eliminated (left at zero).
    public var budget = BudgetFigures()
    public var eliminations: [TransferElimination] = []
    public var ledger = LedgerSummary()
    public var indicators: [Indicator] = []
    package var reportFigures: [ReportFigure] = []
    /// The department's own words for the report.
    package var narrative = Narrative()
    /// The registry's subordinates consolidated separately (另行汇总): the transfers with them are
    /// checked between departments (`huizong rollup`), not here.
    package var separateUnits: [RegistryEntry] = []
    /// Last year's result (`--previous`), when there is one: compared with, and its words carried.
    package var previous: PreviousResult?
    /// The funds blocks of exported 自评表, to reconcile with the budget.
    package var fundsBlocks: [FundsBlock] = []
    /// The weights printed 自评表 write in their 一级指标 cells, checked against the scheme.
    package var printedWeights: [PrintedWeight] = []
    public var inputs: [InputSummary] = []
    /// Input path → path of the byte-identical file read instead.
    package var duplicateOf: [String: String] = [:]
    public var findings: [Finding] = []
    /// The year the ledgers were checked against, if there was one.
    public var fiscalYear: Int?
    /// The department's 本级 (`resolveParents`), and the 上级单位编码 its registry row names outside
    /// the registry (a 二级 department's 本级 names its 上级 in the department above; empty if none):
    /// what `huizong rollup` eliminates transfers between departments by.
    package var mainUnit: String?
    package var mainUnitParent = ""
    /// The self-evaluation score, when there was an indicator sheet.
    public var scorecard: Scorecard?
    /// Figures left out because the rows that state them disagree (two rows for one figure, a 合计
    /// its parts contradict): the totals do not include them, and the report says so.
    package var withheld: [WithheldFigure] = []
    /// Where each unit's budget figures came from: (unit, stage, item) → file and line.
    package var budgetRowLocations: [BudgetKey: (file: String, line: Int)] = [:]

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }

    /// Adds findings, counting each against the unit it names.
    mutating func add(_ new: [Finding]) {
        var position: [String: Int] = [:]
        for (index, unit) in units.enumerated() { position[unit.code] = index }
        for finding in new {
            guard let index = position[finding.unit] else { continue }
            switch finding.severity {
            case .error: units[index].errors += 1
            case .warning: units[index].warnings += 1
            case .info: break
            }
        }
        findings += new
    }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

public enum ConsolidationError: Error, Equatable {
    /// No registry-kind CSV in the folder and no `--registry`.
    case noRegistry
    /// More than one registry in the folder and no `--registry`: which one counts is not guessed.
    case severalRegistries([String])
    /// `--registry` names a file that is not a readable registry.
    case badRegistry(path: String, problem: Finding?)
}

/// Merges the per-file results, in the order given, into one department.
package struct Consolidator {
    /// Two sides that should agree may differ by this much (万元 rounding); default 0.01 万元.
    /// Used for balances, internal transfers, and ledgers against 决算.
    package var tolerance = Money(fen: 10_000)
    /// The year ledger dates must fall in; nil: the year most ledger rows are dated in.
    package var fiscalYear: Int?

    package init(tolerance: Money = Money(fen: 10_000), fiscalYear: Int? = nil) {
        self.tolerance = tolerance
        self.fiscalYear = fiscalYear
    }

    package func consolidate(_ files: [FileResult], registryFile: FileResult? = nil) throws(ConsolidationError)
        -> Consolidation
    {
        var result = Consolidation()
        // A workbook's sheets are tables of their own, right after the workbook.
        var files = files.flatMap { [$0] + $0.sheets }
        // Rows read and accepted that consolidation did not count (unknown unit, repeated key, …).
        var setAside = [Int](repeating: 0, count: files.count)
        markDuplicateCopies(&files, into: &result)

        let registry = try RegistryKind.entries(&files, registryFile: registryFile, setAside: &setAside, into: &result)
        var registryInput = registry.input
        let unitIndex = RegistryKind.units(
            registry.entries, files: files, registryInput: &registryInput, setAside: &setAside, into: &result)
        resolveParents(&result)

        nameFileUnits(&files, registry: result.units.map(\.entry), duplicates: result.duplicateOf, setAside: &setAside)
        result.findings += FormTotalsAgree().findings(in: files, duplicates: result.duplicateOf)
        FormTotalsAgree.statedSpending(in: files, duplicates: result.duplicateOf, units: unitIndex, into: &result)
        var department = DepartmentMerge(
            result: result, unitIndex: unitIndex, mapping: AccountMapKind.mapping(files, duplicates: result.duplicateOf)
        )
        merge(&files, into: &department, setAside: &setAside)
        department.checkBooks()
        result = department.result

        result.fiscalYear = fiscalYear ?? Self.mostCommonYear(department.ledgerYears.map(\.years))
        if let year = result.fiscalYear {
            for (file, unit, years) in department.ledgerYears {
                files[file].findings += RowChecks.datesOutside(
                    year: year, years: years, unit: unit, file: files[file].input.path)
            }
        }
        // Each check sees the units as merged: the cards before a balance sheet fills in what they
        // lack, a unit's list of people before its own counts replace it.
        result.findings += StatedAssetsAgree().findings(in: result)
        fillStatedAssets(&result)
        result.findings += BookedTransfersAgree(tolerance: tolerance).findings(in: result)
        result.findings += StaffListAgreesWithCounts(places: department.staffCountPlaces).findings(in: result)
        for unit in result.units.indices {
            if let counts = result.units[unit].staffCounts { result.units[unit].staff = counts }
        }
        leaveOutWithheld(&result, units: department.unitIndex)
        result.findings += EveryUnitSubmitted().findings(in: result)

        total(&result)
        eliminate(&result)
        result.findings += TransfersAgree(tolerance: tolerance).findings(in: result)
        // Reading counted each file's rows; what consolidation set aside is added here, once.
        result.inputs =
            (registryInput.map { [$0] } ?? [])
            + files.indices.map { index in
                var input = files[index].input
                if result.duplicateOf[input.path] != nil {
                    (input.rows, input.rejected) = (0, 0)
                } else {
                    input.rejected += setAside[index]
                }
                return input
            }
        let findings = result.findings
        result.findings = []
        result.add(files.flatMap(\.findings) + findings)
        return result
    }

    /// Every file but copies, in path order, into the department: each by its kind's own rules.
    func merge(_ files: inout [FileResult], into department: inout DepartmentMerge, setAside: inout [Int]) {
        var magnitude = Money.zero
        for index in files.indices where department.result.duplicateOf[files[index].input.path] == nil {
            var file = FileMerge(index: index, path: files[index].input.path)
            // Every total stays inside Int64 because all accepted amounts together stay below this.
            guard let sum = magnitude.adding(files[index].amountMagnitude), sum <= Money.largestSum else {
                files[index].contents = .none
                setAside[index] = files[index].input.accepted
                files[index].findings.append(Finding(.fileAmountsTooLarge, file: file.path))
                continue
            }
            magnitude = sum
            files[index].contents.merge(&file, into: &department)
            department.withholdRejected(files[index].findings, kind: files[index].input.kind, file: file.path)
            file.noteUnknownUnits(registry: department.unitIndex)
            files[index].findings += file.findings
            setAside[index] += file.rejected
        }
    }

    /// A balance sheet states what no card holds (货币资金 is on no card): where the cards hold
    /// nothing of a figure, the sheet's is the unit's.
    func fillStatedAssets(_ result: inout Consolidation) {
        for unit in result.units.indices {
            for figure in AssetFigure.allCases {
                guard let stated = result.units[unit].statedAssets[figure],
                    figure.value(in: result.units[unit].assets) == .zero
                else { continue }
                figure.set(stated.amount, in: &result.units[unit].assets)
            }
        }
    }

    /// Each unit-level table says whose its rows are: by its unit column, or, for a unit's own
    /// export without one, by its 编制单位 line, file name or folders (`FileUnit`). A table whose
    /// unit cannot be told, or could be several, is set aside whole with an error.
    func nameFileUnits(
        _ files: inout [FileResult], registry: [RegistryEntry], duplicates: [String: String], setAside: inout [Int]
    ) {
        for index in files.indices where duplicates[files[index].input.path] == nil {
            // A table read by its header, or a fixed form read by its layout (which has no unit
            // column, and may hold only totals to compare).
            let isForm = !files[index].input.layout.isEmpty
            // A unit's own table all of whose rows were rejected still names its unit: its figure is missing.
            let rejectedOnly =
                files[index].findings.contains(where: \.isRejectedRow) && files[index].contents.unitCodes.isEmpty
            let ownUnits = files[index].inspection.layout.map { $0.kind.isUnitLevel && $0.index[unitCodeKey] == nil }
            guard
                files[index].contents.hasUnnamedRows || (isForm && !files[index].formTotals.isEmpty)
                    || (rejectedOnly && ownUnits == true)
            else {
                if let layout = files[index].inspection.layout, layout.kind.isUnitLevel,
                    layout.index[unitCodeKey] != nil
                {
                    files[index].input.unitSource = FileUnit.Source.column.rawValue
                    let codes = files[index].contents.unitCodes
                    if codes.count == 1 { files[index].input.unit = codes[0] }
                }
                continue
            }
            let path = files[index].input.path
            let clues = FileUnit.clues(statedUnit: files[index].statedUnit, path: files[index].sheetOf ?? path)
            let rows = files[index].input.accepted
            switch FileUnit.resolve(clues, in: registry) {
            case .found(let code, let clue):
                files[index].contents = files[index].contents.assigningFileUnit(code)
                for finding in files[index].findings.indices
                where files[index].findings[finding].isRejectedRow && files[index].findings[finding].unit.isEmpty {
                    files[index].findings[finding].unit = code
                }
                files[index].input.unit = code
                files[index].input.unitSource = clue.source.rawValue
            case .ambiguous(let codes, let clue):
                files[index].findings.append(
                    Finding(.unitAmbiguous(clue: clue, candidates: codes, rows: rows), file: path))
                files[index].contents = .none
                setAside[index] += rows
            case .notFound:
                files[index].findings.append(Finding(.unitNotNamed(rows: rows), file: path))
                files[index].contents = .none
                setAside[index] += rows
            }
        }
    }

    /// A byte-identical copy is read once; the copy is named in a warning.
    func markDuplicateCopies(_ files: inout [FileResult], into result: inout Consolidation) {
        var original: [String: Int] = [:]
        // The original is the file whose name looks least like a copy, then the shortest path.
        let ranks = files.map { copyRank($0.input.path) }
        let order = files.indices.sorted { a, b in
            ranks[a] != ranks[b] ? ranks[a] < ranks[b] : bytewise(files[a].input.path, files[b].input.path)
        }
        // A sheet carries its workbook's hash: the workbook is the copy, or not.
        for index in order
        where !files[index].input.sha256.isEmpty && files[index].input.kind != "empty" && files[index].sheetOf == nil {
            let digest = files[index].input.sha256
            guard let first = original[digest] else {
                original[digest] = index
                continue
            }
            let originalPath = files[first].input.path
            result.duplicateOf[files[index].input.path] = originalPath
            files[index].findings = [Finding(.fileDuplicateCopy(original: originalPath), file: files[index].input.path)]
            files[index].contents = .none
        }
        // The sheets of a copied workbook are copies too: read once, in the original.
        for index in files.indices {
            guard let workbook = files[index].sheetOf, let original = result.duplicateOf[workbook] else { continue }
            result.duplicateOf[files[index].input.path] = original
            files[index].findings = []
            files[index].contents = .none
        }
    }

    static func mostCommonYear(_ counts: [[Int: (rows: Int, firstLine: Int)]]) -> Int? {
        var rows: [Int: Int] = [:]
        for years in counts { for (year, count) in years { rows[year, default: 0] += count.rows } }
        return rows.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    func copyRank(_ path: String) -> (Int, Int) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let looksLikeCopy =
            name.contains("副本") || name.lowercased().contains("copy") || name.contains("(1)") || name.contains("（1）")
        return (looksLikeCopy ? 1 : 0, path.utf8.count)
    }

    /// 本级 is the unit with no parent whose name says 本级, else the first with no parent;
    /// every other unit without a parent hangs under it. A 二级 department's 本级 names its 上级 in
    /// the department above, a code not in this registry: it is 本级 all the same (by its name,
    /// else when no unit has an empty parent), and that code is kept for `huizong rollup`.
    func resolveParents(_ result: inout Consolidation) {
        defer { noteCycles(&result) }
        let known = Set(result.units.map(\.code))
        let roots = result.units.filter { $0.entry.parentCode.isEmpty }
        let outside = result.units.filter { !$0.entry.parentCode.isEmpty && !known.contains($0.entry.parentCode) }
        let isMain = { (unit: UnitResult) in unit.entry.name.contains("本级") }
        guard let main = roots.first(where: isMain) ?? outside.first(where: isMain) ?? roots.first ?? outside.first
        else {
            result.findings.append(Finding(.registryNoMainUnit))
            return
        }
        result.mainUnit = main.code
        result.mainUnitParent = main.entry.parentCode
        for index in result.units.indices {
            let entry = result.units[index].entry
            if entry.code == main.code {
                result.units[index].parentCode = ""
                continue
            }
            if entry.parentCode.isEmpty {
                result.units[index].parentCode = main.code
            } else if !known.contains(entry.parentCode) {
                result.findings.append(
                    Finding(
                        .registryUnknownParent(name: entry.name, parent: entry.parentCode, mainUnit: main.code),
                        unit: entry.code, line: entry.line))
                result.units[index].parentCode = main.code
            }
        }
    }

    /// Units whose parents come back to them are on no level below 本级: named, one finding a cycle.
    func noteCycles(_ result: inout Consolidation) {
        let names = Dictionary(result.units.map { ($0.code, $0.entry) }, uniquingKeysWith: { first, _ in first })
        let tree = UnitTree(result.units)
        if tree.memberships > UnitTree.maxMemberships { result.findings.append(Finding(.registryTooDeep)) }
        for cycle in tree.cycles {
            let entry = names[cycle[0]]!
            result.findings.append(
                Finding(
                    .registryParentCycle(units: cycle.map { [$0, names[$0]!.name] }), unit: entry.code,
                    line: entry.line))
        }
    }

    /// A unit's figure left out counts for nothing in the totals, not for a part of it: its
    /// headcount is not its list's instead, its assets not the cards that were read. A person left
    /// out of a list is no missing figure where the unit's own counts are its staff.
    func leaveOutWithheld(_ result: inout Consolidation, units: [String: Int]) {
        result.withheld.removeAll { figure in
            guard case .person = figure.key, let unit = units[figure.unit] else { return false }
            return result.units[unit].staffCounts != nil
        }
        for figure in result.withheld {
            guard let unit = units[figure.unit] else { continue }
            switch figure.key.figure {
            case .staff: result.units[unit].staff = StaffTotals()
            case .assets: result.units[unit].assets = AssetTotals()
            case .expenditure: result.units[unit].ledger = LedgerSummary()
            case .budget: break  // only that item, taken back when its rows disagreed
            }
        }
    }

    func total(_ result: inout Consolidation) {
        for unit in result.units {
            result.assets.add(unit.assets)
            result.staff.add(unit.staff)
            result.budget.add(unit.budget)
            result.ledger.merge(unit.ledger)
        }
    }

    /// 合并抵销: transfers between units leave the department total; each side is compared.
    func eliminate(_ result: inout Consolidation) {
        for stage in BudgetStage.allCases {
            var elimination = TransferElimination(stage: stage)
            for unit in result.units {
                let figures = unit.budget[stage]
                elimination.grantsPaid += figures[.grantToSubordinate]
                elimination.grantsReceived += figures[.grantFromParent]
                elimination.remittancesPaid += figures[.remittanceToParent]
                elimination.remittancesReceived += figures[.remittanceFromSubordinate]
            }
            for item in BudgetItem.allCases where item.isInternalTransfer {
                result.budget[stage][item] = .zero
            }
            result.eliminations.append(elimination)
        }
    }
}

/// A figure of a unit left out, and the rows that disagree about it.
package struct WithheldFigure: Sendable, Hashable {
    package var unit: String
    package var key: Finding.RowKey
    package var places: [Finding.Place]
}

/// What of one unit's figures is left out: an output writes those blank (null), never as 0.
package struct MissingFigures: Sendable, Hashable {
    /// Its headcounts, or one of its people: the staff figures would be short.
    package var staff = false
    /// One of its asset cards: the asset figures would be short.
    package var assets = false
    /// Its books, an expense account of which could not be placed: its spending would be short.
    package var expenditure = false
    package var budget: Set<BudgetCell> = []

    package struct BudgetCell: Sendable, Hashable {
        package var stage: BudgetStage
        package var item: BudgetItem
    }

    package func budget(_ stage: BudgetStage, _ item: BudgetItem) -> Bool {
        budget.contains(BudgetCell(stage: stage, item: item))
    }

    /// Whether a stage's income or expenditure total would be short.
    package func budgetTotal(_ stage: BudgetStage, side: BudgetSide) -> Bool {
        budget.contains { $0.stage == stage && $0.item.side == side }
    }
}

extension Consolidation {
    /// The department totals' figures some unit's share of is left out: what a score or a check
    /// must not take as complete.
    package var missingFromTotals: MissingFigures { missing(of: nil) }

    /// The unit's figures left out (`withheld`): none for most units; nil: any unit's.
    package func missing(of unit: String?) -> MissingFigures {
        var missing = MissingFigures()
        for figure in withheld where unit == nil || figure.unit == unit {
            switch figure.key.figure {
            case .staff: missing.staff = true
            case .assets: missing.assets = true
            case .expenditure: missing.expenditure = true
            case .budget:
                if case .budget(let stage, let item) = figure.key {
                    missing.budget.insert(.init(stage: stage, item: item))
                }
            }
        }
        return missing
    }
}

struct SeenKey: Hashable {
    var unit: String
    var key: Finding.RowKey
}

/// One figure of one unit's budget.
package struct BudgetKey: Hashable, Sendable {
    package var unit: String
    package var stage: BudgetStage
    package var item: BudgetItem
}

/// Byte order of UTF-8: stable on every machine and locale.
func bytewise(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
