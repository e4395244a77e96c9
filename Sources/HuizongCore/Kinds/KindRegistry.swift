import CSVReading

/// What one file contributed, typed by its kind.
package enum TableContents: Sendable {
    case none
    case registry([RegistryEntry])
    case assets([AssetCard])
    case staff([StaffMember])
    case staffCounts([StaffCount])
    case budget([BudgetLine])
    /// A balance sheet's asset figures (资产负债简表), reconciled with the unit's cards.
    case statedAssets([StatedAsset])
    /// Per unit code; ledgers are summed in the reading worker, never held whole.
    case expenditure([String: LedgerSummary])
    /// The books by account, summed in the reading worker.
    case journal([AccountSummary])
    case accountMap([AccountRule])
    /// An indicator sheet, with the funds block an exported 自评表 has above it and the weights a
    /// printed one writes in its 一级指标 cells.
    case indicators([Indicator], funds: FundsBlock?, weights: [PrintedWeight])
    case reportFigures([ReportFigure])
    /// The department's own words for the report, by section.
    case narrative(Narrative)
}

extension TableContents {
    /// Merges what one file gave into the department, by its kind's own rules.
    func merge(_ file: inout FileMerge, into department: inout DepartmentMerge) {
        switch self {
        case .none, .registry: break  // the registry made the units before any file was merged
        case .assets(let cards): AssetCardsKind.merge(cards, &file, into: &department)
        case .staff(let people): StaffListKind.merge(people, &file, into: &department)
        case .staffCounts(let counts): StaffCountsKind.merge(counts, &file, into: &department)
        case .statedAssets(let figures): StatedAssetsKind.merge(figures, &file, into: &department)
        case .budget(let lines): BudgetKind.merge(lines, &file, into: &department)
        case .expenditure(let ledgers): LedgerKind.merge(ledgers, &file, into: &department)
        case .journal(let accounts): JournalKind.merge(accounts, &file, into: &department)
        case .accountMap(let rules): AccountMapKind.merge(rules, &file, into: &department)
        case .indicators(let indicators, let funds, let weights):
            IndicatorsKind.merge((indicators, funds, weights), &file, into: &department)
        case .reportFigures(let figures): ReportFiguresKind.merge(figures, &file, into: &department)
        case .narrative(let narrative): NarrativeKind.merge(narrative, &file, into: &department)
        }
    }
}

extension TableKind {
    /// The rules of each kind, for what is asked of a kind and not of its rows (tests, documentation).
    var rules: any TableKindRules.Type {
        switch self {
        case .registry: RegistryKind.self
        case .assets: AssetCardsKind.self
        case .staff: StaffListKind.self
        case .staffCounts: StaffCountsKind.self
        case .budget: BudgetKind.self
        case .expenditure: LedgerKind.self
        case .journal: JournalKind.self
        case .accountMap: AccountMapKind.self
        case .indicators: IndicatorsKind.self
        case .reportFigures: ReportFiguresKind.self
        }
    }
}

extension FileResult {
    /// Reads the table `header` begins from `source`, by its kind's rules in a builder specialised
    /// for them. A table that cannot be read to its end is set aside whole when `setsAside` says so
    /// of the error, which is thrown on.
    mutating func readTable(
        _ header: TableHeader, from source: some RecordSource, place: String, options: ReadingOptions,
        setsAside: (any Error) -> Bool = { _ in true }
    ) throws -> CSVFile.ReadSummary {
        // A case per kind, each naming its type: every builder is specialised, none goes through `rules`.
        switch header.layout.kind {
        case .registry: try readTable(RegistryKind.self, header, source, place, options, setsAside)
        case .assets: try readTable(AssetCardsKind.self, header, source, place, options, setsAside)
        case .staff: try readTable(StaffListKind.self, header, source, place, options, setsAside)
        case .staffCounts: try readTable(StaffCountsKind.self, header, source, place, options, setsAside)
        case .budget: try readTable(BudgetKind.self, header, source, place, options, setsAside)
        case .expenditure: try readTable(LedgerKind.self, header, source, place, options, setsAside)
        case .journal: try readTable(JournalKind.self, header, source, place, options, setsAside)
        case .accountMap: try readTable(AccountMapKind.self, header, source, place, options, setsAside)
        case .indicators: try readTable(IndicatorsKind.self, header, source, place, options, setsAside)
        case .reportFigures: try readTable(ReportFiguresKind.self, header, source, place, options, setsAside)
        }
    }

    private mutating func readTable<Kind: TableKindRules>(
        _: Kind.Type, _ header: TableHeader, _ source: some RecordSource, _ place: String, _ options: ReadingOptions,
        _ setsAside: (any Error) -> Bool
    ) throws -> CSVFile.ReadSummary {
        var table = startTable(header, as: Kind.self, place: place, options: options)
        do {
            let summary = try table.read(source)
            finishTable(&table)
            return summary
        } catch {
            if setsAside(error) { self.setAside(table) }
            throw error
        }
    }
}
