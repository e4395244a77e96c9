/// Every vocabulary's spellings (`Kinds/vocabularies.json` and a department's additions), in the
/// tables row reading matches cells against.
public struct VocabularyTables: Sendable {
    let assetCategory: Spellings<AssetCategory>
    let staffStatus: Spellings<StaffStatus>
    let budgetStage: Spellings<BudgetStage>
    let budgetItem: Spellings<BudgetItem>
    let expenditureType: Spellings<ExpenditureType>
    let fundingSource: Spellings<FundingSource>
    /// Vocabulary → value key → the spellings beyond its name and key, in order.
    let extra: [String: [String: [String]]]

    /// Each vocabulary's values by key and name: what a kind file may name.
    static let values: [String: [(key: String, name: String)]] = [
        AssetCategory.vocabularyName: entries(AssetCategory.self),
        StaffStatus.vocabularyName: entries(StaffStatus.self),
        BudgetStage.vocabularyName: entries(BudgetStage.self),
        BudgetItem.vocabularyName: entries(BudgetItem.self),
        ExpenditureType.vocabularyName: entries(ExpenditureType.self),
        FundingSource.vocabularyName: entries(FundingSource.self),
    ]

    private static func entries<V: Vocabulary>(_: V.Type) -> [(key: String, name: String)] {
        V.allCases.map { ($0.key, $0.chinese) }
    }

    init(spellings extra: [String: [String: [String]]]) {
        self.extra = extra
        func table<V: Vocabulary>(_: V.Type) -> Spellings<V> {
            let words = extra[V.vocabularyName] ?? [:]
            // Name, English key, then the files' spellings: the first value a spelling names wins.
            return Spellings(
                V.allCases.flatMap { value in
                    ([value.chinese, value.key] + (words[value.key] ?? [])).map { ($0, value) }
                })
        }
        assetCategory = table(AssetCategory.self)
        staffStatus = table(StaffStatus.self)
        budgetStage = table(BudgetStage.self)
        budgetItem = table(BudgetItem.self)
        expenditureType = table(ExpenditureType.self)
        fundingSource = table(FundingSource.self)
    }
}
