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
    public var bookedTransfers: [BudgetItem: (amount: Money, file: String)] = [:]
    /// What its balance sheet (资产负债简表) states, reconciled with its cards.
    public var statedAssets: [AssetFigure: (amount: Money, file: String, line: Int)] = [:]
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
    public var reportFigures: [ReportFigure] = []
    /// The department's own words for the report.
    public var narrative = Narrative()
    /// The funds blocks of exported 自评表, to reconcile with the budget.
    public var fundsBlocks: [FundsBlock] = []
    public var inputs: [InputSummary] = []
    /// Input path → path of the byte-identical file read instead.
    public var duplicateOf: [String: String] = [:]
    public var findings: [Finding] = []
    /// The year the ledgers were checked against, if there was one.
    public var fiscalYear: Int?
    /// The self-evaluation score, when there was an indicator sheet.
    public var scorecard: Scorecard?
    /// Where each unit's budget figures came from: (unit, stage, item) → file and line.
    public var budgetRowLocations: [BudgetKey: (file: String, line: Int)] = [:]

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
public struct Consolidator {
    /// Two sides that should agree may differ by this much (万元 rounding); default 0.01 万元.
    /// Used for balances, internal transfers, and ledgers against 决算.
    public var tolerance = Money(fen: 10_000)
    /// The year ledger dates must fall in; nil: the year most ledger rows are dated in.
    public var fiscalYear: Int?

    public init(tolerance: Money = Money(fen: 10_000), fiscalYear: Int? = nil) {
        self.tolerance = tolerance
        self.fiscalYear = fiscalYear
    }

    public func consolidate(_ files: [FileResult], registryFile: FileResult? = nil) throws(ConsolidationError)
        -> Consolidation
    {
        var result = Consolidation()
        // A workbook's sheets are tables of their own, right after the workbook.
        var files = files.flatMap { [$0] + $0.sheets }
        // Rows read and accepted that consolidation did not count (unknown unit, repeated key, …).
        var setAside = [Int](repeating: 0, count: files.count)
        markDuplicateCopies(&files, into: &result)

        // The registry: --registry wins over any registry in the folder.
        var registryEntries: [(entry: RegistryEntry, file: Int?)] = []
        var registryInput = registryFile?.input
        if let registryFile {
            guard case .registry(let entries) = registryFile.contents else {
                throw .badRegistry(path: registryFile.input.path, problem: registryFile.findings.first)
            }
            registryEntries = entries.map { ($0, nil) }
            result.findings += registryFile.findings
        }
        let registries = files.indices.filter { index in
            guard result.duplicateOf[files[index].input.path] == nil, case .registry = files[index].contents else {
                return false
            }
            return true
        }
        if registryFile == nil && registries.count > 1 {
            throw .severalRegistries(registries.map { files[$0].input.path })
        }
        for index in registries {
            guard case .registry(let entries) = files[index].contents else { continue }
            if registryFile != nil {
                let count = files[index].input.accepted
                setAside[index] = count
                files[index].findings.append(Finding(.registrySuperseded(rows: count), file: files[index].input.path))
            } else {
                registryEntries += entries.map { ($0, index) }
            }
        }
        guard !registryEntries.isEmpty else { throw .noRegistry }

        var unitIndex: [String: Int] = [:]
        var firstSeen: [String: (file: String, line: Int)] = [:]
        for (entry, file) in registryEntries {
            let path = file.map { files[$0].input.path } ?? registryFile?.input.path ?? ""
            if let seen = firstSeen[entry.code] {
                if let file {
                    setAside[file] += 1
                } else {
                    registryInput?.rejected += 1
                }
                result.findings.append(
                    Finding(
                        .registryDuplicateUnit(code: entry.code, firstFile: seen.file, firstLine: seen.line),
                        unit: entry.code, file: path, line: entry.line))
                continue
            }
            firstSeen[entry.code] = (path, entry.line)
            unitIndex[entry.code] = result.units.count
            result.units.append(UnitResult(entry: entry, parentCode: entry.parentCode))
        }
        resolveParents(&result)

        nameFileUnits(&files, registry: result.units.map(\.entry), duplicates: result.duplicateOf, setAside: &setAside)
        compareFormTotals(files, duplicates: result.duplicateOf, into: &result)
        // The department's account mapping, from every 科目对照表 in the folder, before any books are read.
        var mapping = AccountMapping()
        for index in files.indices where result.duplicateOf[files[index].input.path] == nil {
            if case .accountMap(let rules) = files[index].contents {
                mapping.rules += rules.map { rule in
                    var rule = rule
                    rule.file = files[index].input.path
                    return rule
                }
            }
        }

        // Unit-level tables, file by file in path order; department-level sheets carried along.
        var seenKeys: [SeenKey: (file: String, line: Int, values: Finding.RowValues)] = [:]
        var magnitude = Money.zero
        var ledgerYears: [(file: Int, unit: String, years: [Int: (rows: Int, firstLine: Int)])] = []
        var staffCountPlaces: [String: (file: String, line: Int)] = [:]
        for index in files.indices where result.duplicateOf[files[index].input.path] == nil {
            let path = files[index].input.path
            var unknown: [String: (line: Int, rows: Int)] = [:]
            var rejected = 0
            func note(_ finding: Finding) { files[index].findings.append(finding) }
            // Every total stays inside Int64 because all accepted amounts together stay below this.
            guard let sum = magnitude.adding(files[index].amountMagnitude), sum <= Money.largestSum else {
                files[index].contents = .none
                setAside[index] = files[index].input.accepted
                note(Finding(.fileAmountsTooLarge, file: path))
                continue
            }
            magnitude = sum
            func isKnown(_ unit: String, _ line: Int, rows: Int = 1) -> Bool {
                if unitIndex[unit] != nil { return true }
                let previous = unknown[unit]
                unknown[unit] = (min(previous?.line ?? line, line), (previous?.rows ?? 0) + rows)
                rejected += rows
                return false
            }
            // The same key twice: a repeat with the same values is counted once (a warning),
            // a conflicting one is an error; the later row is not counted either way.
            func isFirst(_ key: Finding.RowKey, values: Finding.RowValues, unit: String, line: Int) -> Bool {
                let seenKey = SeenKey(unit: unit, key: key)
                guard let seen = seenKeys[seenKey] else {
                    seenKeys[seenKey] = (path, line, values)
                    return true
                }
                rejected += 1
                let place = Finding.Place(file: seen.file == path ? nil : seen.file, line: seen.line)
                if seen.values == values {
                    note(Finding(.rowDuplicateSame(key, earlier: place), unit: unit, file: path, line: line))
                } else {
                    note(
                        Finding(
                            .rowDuplicateKey(key, earlier: place, values: values, earlierValues: seen.values),
                            unit: unit, file: path, line: line))
                }
                return false
            }
            switch files[index].contents {
            case .none, .registry:
                break
            case .assets(let cards):
                for card in cards
                where isKnown(card.unit, card.line)
                    && isFirst(
                        .asset(id: card.assetID),
                        values: .asset(
                            card.category, original: card.originalValue, depreciation: card.accumulatedDepreciation),
                        unit: card.unit, line: card.line)
                {
                    let unit = unitIndex[card.unit]!
                    result.units[unit].assets.add(card)
                    result.units[unit].tablesReceived.insert(.assets)
                    RowChecks.check(card, file: path).map(note)
                }
            case .staff(let people):
                for person in people
                where isKnown(person.unit, person.line)
                    && isFirst(
                        .person(id: person.personID), values: .person(person.status), unit: person.unit,
                        line: person.line)
                {
                    let unit = unitIndex[person.unit]!
                    result.units[unit].staff.add(person.status)
                    result.units[unit].tablesReceived.insert(.staff)
                }
            case .staffCounts(let counts):
                for count in counts
                where isKnown(count.unit, count.line)
                    && isFirst(.headcounts, values: .headcounts(count.counts), unit: count.unit, line: count.line)
                {
                    let unit = unitIndex[count.unit]!
                    result.units[unit].staffCounts = count.counts
                    result.units[unit].tablesReceived.insert(.staff)
                    staffCountPlaces[count.unit] = (path, count.line)
                }
            case .statedAssets(let figures):
                for figure in figures where isKnown(figure.unit, figure.line) {
                    let unit = unitIndex[figure.unit]!
                    result.units[unit].statedAssets[figure.figure] = (figure.amount, path, figure.line)
                    result.units[unit].tablesReceived.insert(.assets)
                }
            case .budget(let lines):
                for line in lines
                where isKnown(line.unit, line.line)
                    && isFirst(
                        .budget(line.stage, line.item), values: .budget(line.amount), unit: line.unit, line: line.line)
                {
                    let unit = unitIndex[line.unit]!
                    result.units[unit].budget.add(line)
                    result.units[unit].tablesReceived.insert(.budget)
                    result.budgetRowLocations[BudgetKey(unit: line.unit, stage: line.stage, item: line.item)] = (
                        path, line.line
                    )
                    RowChecks.check(line, file: path).map(note)
                }
            case .expenditure(let ledgers):
                for code in ledgers.keys.sorted(by: bytewise) {
                    let summary = ledgers[code]!
                    guard isKnown(code, summary.firstLine, rows: summary.rows) else { continue }
                    let unit = unitIndex[code]!
                    result.units[unit].ledger.merge(summary)
                    result.units[unit].tablesReceived.insert(.expenditure)
                    ledgerYears.append((index, code, summary.years))
                }
            case .accountMap:
                break
            case .journal(let accounts):
                var notSpending: (rows: Int, accounts: [String]) = (0, [])
                for account in accounts where isKnown(account.unit, account.firstLine, rows: account.rows) {
                    let unit = unitIndex[account.unit]!
                    let amount = account.debit - account.credit
                    switch mapping.place(code: account.code, name: account.name) {
                    case .spending(let type, let source):
                        result.units[unit].ledger.add(account, amount: amount, source: source, type: type)
                        result.units[unit].tablesReceived.insert(.expenditure)
                        let years = account.years.keys.map { year in
                            (year, (rows: account.years[year]!, firstLine: account.firstLineOfYear[year]!))
                        }
                        ledgerYears.append((index, account.unit, Dictionary(uniqueKeysWithValues: years)))
                    case .transfer(let item):
                        let booked = result.units[unit].bookedTransfers[item]?.amount ?? .zero
                        result.units[unit].bookedTransfers[item] = (booked + amount, path)
                        result.units[unit].tablesReceived.insert(.expenditure)
                    case .notSpending:
                        notSpending.rows += account.rows
                        notSpending.accounts.append("\(account.code) \(account.name)".trimmingSpaces())
                    case .unplaced(let type, let source):
                        note(
                            Finding(
                                .accountUnplaced(
                                    code: account.code, name: account.name, rows: account.rows, amount: amount,
                                    type: type, source: source),
                                unit: account.unit, file: path, line: account.firstLine))
                    }
                }
                if notSpending.rows > 0 {
                    note(
                        Finding(
                            .accountsNotSpending(rows: notSpending.rows, accounts: notSpending.accounts), file: path))
                }
            case .indicators(let indicators, let funds):
                if var funds {
                    funds.file = path
                    result.fundsBlocks.append(funds)
                }
                result.indicators += indicators.map { indicator in
                    var indicator = indicator
                    indicator.file = path
                    return indicator
                }
            case .reportFigures(let figures):
                result.reportFigures += figures.map { figure in
                    var figure = figure
                    figure.file = path
                    return figure
                }
            case .narrative(let narrative):
                for name in narrative.sections.keys.sorted(by: bytewise) {
                    let line = narrative.places[name].flatMap { $0.line > 0 ? $0.line : nil }
                    if let earlier = result.narrative.places[name] {
                        // An edited report.docx wins over a narrative file (which may be the untouched
                        // template); otherwise the earlier path does.
                        let replaces = narrative.fromWordDocument && !result.narrative.wordSections.contains(name)
                        let (kept, dropped) =
                            replaces
                            ? ((path, line), (earlier.file, earlier.line))
                            : ((earlier.file, earlier.line), (path, line ?? 0))
                        let keptPlace = (kept.1 ?? 0) > 0 ? "\(kept.0) 第 \(kept.1!) 行" : kept.0
                        note(
                            Finding(
                                .narrativeDuplicateSection(section: name, earlier: keptPlace), file: dropped.0,
                                line: dropped.1 > 0 ? dropped.1 : nil))
                        if !replaces { continue }
                    }
                    result.narrative.sections[name] = narrative.sections[name]
                    result.narrative.places[name] = (path, line ?? 0)
                    if narrative.fromWordDocument { result.narrative.wordSections.insert(name) }
                }
            }
            for code in unknown.keys.sorted(by: bytewise) {
                let (line, rows) = unknown[code]!
                let padded = unitIndex.keys.sorted(by: bytewise).first {
                    $0.count > code.count && $0.hasSuffix(code) && $0.dropLast(code.count).allSatisfy { $0 == "0" }
                }
                note(
                    Finding(
                        .rowUnitUnknown(code: code, line: line, rows: rows, withZeros: padded), unit: code, file: path,
                        line: line))
            }
            setAside[index] += rejected
        }

        result.fiscalYear = fiscalYear ?? Self.mostCommonYear(ledgerYears.map(\.years))
        if let year = result.fiscalYear {
            for (file, unit, years) in ledgerYears {
                files[file].findings += RowChecks.datesOutside(
                    year: year, years: years, unit: unit, file: files[file].input.path)
            }
        }

        // A balance sheet states what no card holds (货币资金 is on no card); where cards hold a
        // figure too, they count and the sheet must agree.
        for unit in result.units.indices {
            let cards = result.units[unit].assets
            for figure in AssetFigure.allCases {
                guard let stated = result.units[unit].statedAssets[figure] else { continue }
                let fromCards = figure.value(in: cards)
                if fromCards == .zero {
                    figure.set(stated.amount, in: &result.units[unit].assets)
                } else if fromCards != stated.amount {
                    result.findings.append(
                        Finding(
                            .assetStatementDiffers(figure: figure, cards: fromCards, stated: stated.amount),
                            unit: result.units[unit].code, file: stated.file, line: stated.line))
                }
            }
        }

        // The transfers a unit's books show must be the ones its 决算 states (they are eliminated from there).
        for unit in result.units.indices {
            for item in [BudgetItem.remittanceToParent, .grantToSubordinate] {
                guard let booked = result.units[unit].bookedTransfers[item] else { continue }
                let stated = result.units[unit].budget[.final][item]
                if (booked.amount - stated).magnitude > tolerance {
                    result.findings.append(
                        Finding(
                            .ledgerTransferDiffers(item: item, booked: booked.amount, stated: stated),
                            unit: result.units[unit].code, file: booked.file))
                }
            }
        }

        // A unit's own headcounts are its figures; a list of people it also sent must agree.
        for unit in result.units.indices {
            guard let counts = result.units[unit].staffCounts else { continue }
            let list = result.units[unit].staff
            if list.total > 0 && list != counts, let place = staffCountPlaces[result.units[unit].code] {
                result.findings.append(
                    Finding(
                        .staffCountsDiffer(list: list, counts: counts), unit: result.units[unit].code, file: place.file,
                        line: place.line))
            }
            result.units[unit].staff = counts
        }

        for unit in result.units.indices where !result.units[unit].isSubmitted {
            let entry = result.units[unit].entry
            result.findings.append(Finding(.unitNotSubmitted(name: entry.name, code: entry.code), unit: entry.code))
        }

        total(&result)
        eliminate(&result)
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
            guard files[index].contents.hasUnnamedRows || (isForm && !files[index].formTotals.isEmpty) else {
                if let layout = files[index].inspection.layout, layout.kind.isUnitLevel,
                    layout.index["unit_code"] != nil
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

    /// What a reviewer checks across a unit's 决算 forms: a total two forms state (01表's
    /// 本年支出合计 and 04表's, 04表's 基本支出 and 05表's) must agree.
    func compareFormTotals(_ files: [FileResult], duplicates: [String: String], into result: inout Consolidation) {
        var first: [String: [String: (total: FormReader.FormTotal, file: String)]] = [:]
        for file in files where duplicates[file.input.path] == nil && !file.input.unit.isEmpty {
            for total in file.formTotals {
                guard let earlier = first[file.input.unit]?[total.name] else {
                    first[file.input.unit, default: [:]][total.name] = (total, file.input.path)
                    continue
                }
                guard earlier.total.layout != total.layout, earlier.total.amount != total.amount else { continue }
                result.findings.append(
                    Finding(
                        .formTotalsDiffer(
                            name: total.name, layout: total.layout, amount: total.amount,
                            earlierLayout: earlier.total.layout, earlierAmount: earlier.total.amount,
                            earlier: Finding.Place(file: earlier.file, line: earlier.total.line)),
                        unit: file.input.unit, file: file.input.path, line: total.line))
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
    /// every other unit without a parent hangs under it.
    func resolveParents(_ result: inout Consolidation) {
        let roots = result.units.filter { $0.entry.parentCode.isEmpty }
        guard let main = roots.first(where: { $0.entry.name.contains("本级") }) ?? roots.first else {
            result.findings.append(Finding(.registryNoMainUnit))
            return
        }
        let known = Set(result.units.map(\.code))
        for index in result.units.indices {
            let entry = result.units[index].entry
            if entry.code == main.code { continue }
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
            // Each parent against its own subordinates, so the message names who differs.
            for parent in result.units {
                let children = result.units.filter { $0.parentCode == parent.code && $0.code != parent.code }
                guard
                    !children.isEmpty || parent.budget[stage][.grantToSubordinate] != .zero
                        || parent.budget[stage][.remittanceFromSubordinate] != .zero
                else { continue }
                let received = children.reduce(Money.zero) { $0 + $1.budget[stage][.grantFromParent] }
                let remitted = children.reduce(Money.zero) { $0 + $1.budget[stage][.remittanceToParent] }
                compare(
                    parent, stage: stage, paid: parent.budget[stage][.grantToSubordinate],
                    paidItem: .grantToSubordinate,
                    booked: received, bookedItem: .grantFromParent, into: &result)
                compare(
                    parent, stage: stage, paid: remitted, paidItem: .remittanceToParent,
                    booked: parent.budget[stage][.remittanceFromSubordinate], bookedItem: .remittanceFromSubordinate,
                    into: &result)
            }
        }
    }

    func compare(
        _ parent: UnitResult, stage: BudgetStage, paid: Money, paidItem: BudgetItem,
        booked: Money, bookedItem: BudgetItem, into result: inout Consolidation
    ) {
        guard (paid - booked).magnitude > tolerance else { return }
        let transfer = Finding.Transfer(
            stage: stage, parentName: parent.entry.name, paidItem: paidItem, paid: paid,
            bookedItem: bookedItem, booked: booked)
        result.findings.append(Finding(.transferMismatch(transfer), unit: parent.code))
    }

}

/// A row that must appear once per unit: an asset card, a person, a budget figure.
struct SeenKey: Hashable {
    var unit: String
    var key: Finding.RowKey
}

/// One figure of one unit's budget.
public struct BudgetKey: Hashable, Sendable {
    public var unit: String
    public var stage: BudgetStage
    public var item: BudgetItem
}

/// Byte order of UTF-8: stable on every machine and locale.
func bytewise(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
