/// An asset card (资产卡片).
public struct AssetCard: Sendable, Hashable {
    public var unit: String
    public var assetID: String
    public var category: AssetCategory
    public var originalValue: Money
    public var accumulatedDepreciation: Money
    /// 净值 as the card states it (the asset system's export), checked against 原值 − 累计折旧.
    public var statedNetValue: Money? = nil
    public var line: Int
}

/// Asset cards (资产卡片): one row per asset, summed into its unit's assets by category.
enum AssetCardsKind: KindMerging {
    static func merge(_ cards: [AssetCard], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for card in cards {
            guard let unit = department.unit(card.unit, line: card.line, in: &file),
                department.isFirst(
                    .asset(id: card.assetID),
                    values: .asset(
                        card.category, original: card.originalValue, depreciation: card.accumulatedDepreciation),
                    unit: card.unit, line: card.line, in: &file)
            else { continue }
            department.result.units[unit].assets.add(card)
            department.receive(.assets, unit: unit)
            RowChecks.check(card, file: file.path).map { file.note($0) }
        }
    }
}
