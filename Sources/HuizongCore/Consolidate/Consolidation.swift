/// One registry unit with everything it submitted.
public struct UnitResult: Sendable {
    public var entry: RegistryEntry
    /// The unit its transfers are eliminated against; empty for 本级.
    public var parentCode: String
    public var tablesReceived: Set<TableKind> = []
    public var assets = AssetTotals()
    public var staff = StaffTotals()
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
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

public enum ConsolidationError: Error, Equatable {
    /// No registry-kind CSV in the folder and no `--registry`.
    case noRegistry
    /// `--registry` names a file that is not a readable registry.
    case badRegistry(path: String, reason: String)
}

/// Merges the per-file results, in the order given, into one department.
public struct Consolidator {
    /// Two sides that should agree may differ by this much (万元 rounding); default 0.01 万元.
    /// Used for balances, internal transfers, and ledgers against 决算.
    public var tolerance = Money(fen: 10_000)
    /// The year ledger dates must fall in; nil: the year most ledger rows are dated in.
    public var fiscalYear: Int?
    public var scheme: Scheme

    public init(tolerance: Money = Money(fen: 10_000), fiscalYear: Int? = nil, scheme: Scheme = .standard) {
        self.tolerance = tolerance
        self.fiscalYear = fiscalYear
        self.scheme = scheme
    }

    public func consolidate(_ files: [FileResult], registryFile: FileResult? = nil) throws(ConsolidationError) -> Consolidation {
        var result = Consolidation()
        var files = files
        markDuplicateCopies(&files, into: &result)

        // The registry: --registry wins over any registry in the folder.
        var registryEntries: [(entry: RegistryEntry, file: Int?)] = []
        var registryInput = registryFile?.input
        if let registryFile {
            guard case .registry(let entries) = registryFile.contents else {
                throw .badRegistry(path: registryFile.input.path, reason: registryFile.findings.first?.message ?? "表头不是单位名录")
            }
            registryEntries = entries.map { ($0, nil) }
            result.findings += registryFile.findings
        }
        for index in files.indices where result.duplicateOf[files[index].input.path] == nil {
            guard case .registry(let entries) = files[index].contents else { continue }
            if registryFile != nil {
                let count = files[index].input.accepted
                files[index].input.accepted = 0
                files[index].input.rejected += count
                files[index].findings.append(Finding(.warning, "registry.superseded", file: files[index].input.path,
                    "命令行用 --registry 指定了单位名录，文件夹中的这份名录（\(count) 行）未使用。"))
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
                    files[file].input.accepted -= 1
                    files[file].input.rejected += 1
                } else {
                    registryInput?.accepted -= 1
                    registryInput?.rejected += 1
                }
                result.findings.append(Finding(.error, "registry.duplicate_unit", unit: entry.code, file: path, line: entry.line,
                    "单位编码“\(entry.code)”在单位名录中重复出现（第一次在 \(seen.file) 第 \(seen.line) 行）；这一行未使用。"))
                continue
            }
            firstSeen[entry.code] = (path, entry.line)
            unitIndex[entry.code] = result.units.count
            result.units.append(UnitResult(entry: entry, parentCode: entry.parentCode))
        }
        resolveParents(&result)

        // Unit-level tables, file by file in path order; department-level sheets carried along.
        var seenKeys: [String: (file: String, line: Int, values: String)] = [:]
        var magnitude = Money.zero
        var ledgerYears: [(file: Int, unit: String, years: [Int: (rows: Int, firstLine: Int)])] = []
        for index in files.indices where result.duplicateOf[files[index].input.path] == nil {
            let path = files[index].input.path
            var unknown: [String: (line: Int, rows: Int)] = [:]
            var rejected = 0
            func note(_ finding: Finding) { files[index].findings.append(finding) }
            // Every total stays inside Int64 because all accepted amounts together stay below this.
            guard let sum = magnitude.adding(files[index].amountMagnitude), sum <= Money.largestSum else {
                files[index].contents = .none
                files[index].input.rejected += files[index].input.accepted
                files[index].input.accepted = 0
                note(Finding(.error, "file.amounts_too_large", file: path,
                    "加上本文件后，全部金额的合计超出可计算的范围（约 2.3 亿亿元）；整个文件未计入。请核对金额的单位（元/万元）和位数。"))
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
            func isFirst(_ key: String, values: String, unit: String, line: Int, what: String) -> Bool {
                guard let seen = seenKeys[key] else {
                    seenKeys[key] = (path, line, values)
                    return true
                }
                rejected += 1
                let place = seen.file == path ? "本文件第 \(seen.line) 行" : "\(seen.file) 第 \(seen.line) 行"
                if seen.values == values {
                    note(Finding(.warning, "row.duplicate_same", unit: unit, file: path, line: line,
                        "\(what)与\(place)完全相同（重复报送），只计一次；可以删除这一行。"))
                } else {
                    note(Finding(.error, "row.duplicate_key", unit: unit, file: path, line: line,
                        "\(what)与\(place)重复但数值不同（\(values)，前者为 \(seen.values)），这一行未计入；请核对哪一行正确，删除另一行。"))
                }
                return false
            }
            switch files[index].contents {
            case .none, .registry:
                break
            case .assets(let cards):
                for card in cards where isKnown(card.unit, card.line)
                    && isFirst("asset\u{1F}\(card.unit)\u{1F}\(card.assetID)",
                               values: "\(card.category.chinese) 原值 \(card.originalValue.yuanText) 累计折旧 \(card.accumulatedDepreciation.yuanText)",
                               unit: card.unit, line: card.line, what: "资产编号“\(card.assetID)”") {
                    let unit = unitIndex[card.unit]!
                    result.units[unit].assets.add(card)
                    result.units[unit].tablesReceived.insert(.assets)
                    RowChecks.check(card, file: path).map(note)
                }
            case .staff(let people):
                for person in people where isKnown(person.unit, person.line)
                    && isFirst("staff\u{1F}\(person.unit)\u{1F}\(person.personID)", values: person.status.chinese,
                               unit: person.unit, line: person.line, what: "人员编号“\(person.personID)”") {
                    let unit = unitIndex[person.unit]!
                    result.units[unit].staff.add(person.status)
                    result.units[unit].tablesReceived.insert(.staff)
                }
            case .budget(let lines):
                for line in lines where isKnown(line.unit, line.line)
                    && isFirst("budget\u{1F}\(line.unit)\u{1F}\(line.stage.rawValue)\u{1F}\(line.item.rawValue)",
                               values: line.amount.wanText + " 万元", unit: line.unit, line: line.line,
                               what: "“\(line.stage.chinese) \(line.item.chinese)”") {
                    let unit = unitIndex[line.unit]!
                    result.units[unit].budget.add(line)
                    result.units[unit].tablesReceived.insert(.budget)
                    result.budgetRowLocations[BudgetKey(unit: line.unit, stage: line.stage, item: line.item)] = (path, line.line)
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
            case .indicators(let indicators):
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
            }
            for code in unknown.keys.sorted(by: bytewise) {
                let (line, rows) = unknown[code]!
                var message = "单位编码“\(code)”不在单位名录中（第 \(line) 行起共 \(rows) 行），这些行未计入。"
                if let padded = unitIndex.keys.sorted(by: bytewise).first(where: { $0.count > code.count && $0.hasSuffix(code) && $0.dropLast(code.count).allSatisfy { $0 == "0" } }) {
                    message += "名录中有“\(padded)”：可能是 Excel 去掉了编码的前导零，请把该列设为文本格式后重新导出。"
                } else {
                    message += "请核对编码，或把该单位加入单位名录。"
                }
                note(Finding(.error, "row.unit_unknown", unit: code, file: path, line: line, message))
            }
            files[index].input.accepted -= rejected
            files[index].input.rejected += rejected
        }

        result.fiscalYear = fiscalYear ?? Self.mostCommonYear(ledgerYears.map(\.years))
        if let year = result.fiscalYear {
            for (file, unit, years) in ledgerYears {
                files[file].findings += RowChecks.datesOutside(year: year, years: years, unit: unit, file: files[file].input.path)
            }
        }

        for unit in result.units.indices where !result.units[unit].isSubmitted {
            let entry = result.units[unit].entry
            result.findings.append(Finding(.error, "unit.not_submitted", unit: entry.code,
                "单位“\(entry.name)”（\(entry.code)）没有提交任何数据（资产、人员、预决算、支出明细都没有找到）；请联系该单位补交，或核对文件中的单位编码。"))
        }

        total(&result)
        eliminate(&result)
        let (scorecard, scoreFindings) = Scorer(scheme: scheme).score(result.indicators, figures: SourceFigures(result))
        result.scorecard = scorecard
        result.findings += scoreFindings
        result.findings += Checks(tolerance: tolerance).run(result)
        result.inputs = (registryInput.map { [$0] } ?? []) + files.map(\.input)
        result.findings = files.flatMap(\.findings) + result.findings
        countFindings(&result)
        return result
    }

    /// A byte-identical copy is read once; the copy is named in a warning.
    func markDuplicateCopies(_ files: inout [FileResult], into result: inout Consolidation) {
        var original: [String: Int] = [:]
        // The original is the file whose name looks least like a copy, then the shortest path.
        let ranks = files.map { copyRank($0.input.path) }
        let order = files.indices.sorted { a, b in
            ranks[a] != ranks[b] ? ranks[a] < ranks[b] : bytewise(files[a].input.path, files[b].input.path)
        }
        for index in order where !files[index].input.sha256.isEmpty && files[index].input.kind != "empty" {
            let digest = files[index].input.sha256
            guard let first = original[digest] else {
                original[digest] = index
                continue
            }
            let originalPath = files[first].input.path
            result.duplicateOf[files[index].input.path] = originalPath
            files[index].findings = [Finding(.warning, "file.duplicate_copy", file: files[index].input.path,
                "与 \(originalPath) 内容完全相同（重复放入的副本），只读取一次；可以删除这个副本。")]
            files[index].contents = .none
            files[index].input.rows = 0
            files[index].input.accepted = 0
            files[index].input.rejected = 0
        }
    }

    static func mostCommonYear(_ counts: [[Int: (rows: Int, firstLine: Int)]]) -> Int? {
        var rows: [Int: Int] = [:]
        for years in counts { for (year, count) in years { rows[year, default: 0] += count.rows } }
        return rows.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    func copyRank(_ path: String) -> (Int, Int) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let looksLikeCopy = name.contains("副本") || name.lowercased().contains("copy") || name.contains("(1)") || name.contains("（1）")
        return (looksLikeCopy ? 1 : 0, path.utf8.count)
    }

    /// 本级 is the unit with no parent whose name says 本级, else the first with no parent;
    /// every other unit without a parent hangs under it.
    func resolveParents(_ result: inout Consolidation) {
        let roots = result.units.filter { $0.entry.parentCode.isEmpty }
        guard let main = roots.first(where: { $0.entry.name.contains("本级") }) ?? roots.first else {
            result.findings.append(Finding(.warning, "registry.no_main_unit",
                "单位名录中每个单位都填了上级单位编码，找不到部门本级；内部往来按名录中的上级单位抵销。"))
            return
        }
        let known = Set(result.units.map(\.code))
        for index in result.units.indices {
            let entry = result.units[index].entry
            if entry.code == main.code { continue }
            if entry.parentCode.isEmpty {
                result.units[index].parentCode = main.code
            } else if !known.contains(entry.parentCode) {
                result.findings.append(Finding(.warning, "registry.unknown_parent", unit: entry.code, line: entry.line,
                    "单位“\(entry.name)”的上级单位编码“\(entry.parentCode)”不在名录中，按部门本级（\(main.code)）处理。"))
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
                guard !children.isEmpty || parent.budget[stage][.grantToSubordinate] != .zero
                    || parent.budget[stage][.remittanceFromSubordinate] != .zero else { continue }
                let received = children.reduce(Money.zero) { $0 + $1.budget[stage][.grantFromParent] }
                let remitted = children.reduce(Money.zero) { $0 + $1.budget[stage][.remittanceToParent] }
                compare(parent, stage: stage, paid: parent.budget[stage][.grantToSubordinate], paidItem: .grantToSubordinate,
                        booked: received, bookedItem: .grantFromParent, into: &result)
                compare(parent, stage: stage, paid: remitted, paidItem: .remittanceToParent,
                        booked: parent.budget[stage][.remittanceFromSubordinate], bookedItem: .remittanceFromSubordinate, into: &result)
            }
        }
    }

    func compare(_ parent: UnitResult, stage: BudgetStage, paid: Money, paidItem: BudgetItem,
                 booked: Money, bookedItem: BudgetItem, into result: inout Consolidation) {
        let difference = paid - booked
        guard difference.magnitude > tolerance else { return }
        let parentSide = paidItem == .grantToSubordinate ? "本单位" : "下属单位合计"
        let childSide = paidItem == .grantToSubordinate ? "下属单位合计" : "本单位"
        result.findings.append(Finding(.error, "transfer.mismatch", unit: parent.code,
            "\(stage.chinese)内部往来对不上：\(parentSide)“\(paidItem.chinese)” \(paid.wanText) 万元，\(childSide)“\(bookedItem.chinese)” \(booked.wanText) 万元，相差 \(difference.wanText) 万元（单位“\(parent.entry.name)”及其下属单位）；请双方核对。"))
    }

    func countFindings(_ result: inout Consolidation) {
        var position: [String: Int] = [:]
        for (index, unit) in result.units.enumerated() { position[unit.code] = index }
        for finding in result.findings {
            guard let index = position[finding.unit] else { continue }
            switch finding.severity {
            case .error: result.units[index].errors += 1
            case .warning: result.units[index].warnings += 1
            case .info: break
            }
        }
        result.findings.sort(by: Finding.isOrderedBefore)
    }
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
