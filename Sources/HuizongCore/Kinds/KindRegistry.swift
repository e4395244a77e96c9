/// What one file contributed, typed by its kind.
public enum TableContents: Sendable {
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
    /// An indicator sheet, with the funds block an exported 自评表 has above it.
    case indicators([Indicator], funds: FundsBlock?)
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
        case .indicators(let indicators, let funds):
            IndicatorsKind.merge((indicators, funds), &file, into: &department)
        case .reportFigures(let figures): ReportFiguresKind.merge(figures, &file, into: &department)
        case .narrative(let narrative): NarrativeKind.merge(narrative, &file, into: &department)
        }
    }
}
