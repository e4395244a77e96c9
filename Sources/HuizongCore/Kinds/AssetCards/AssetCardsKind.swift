import CSVReading

/// An asset card (资产卡片).
package struct AssetCard: Sendable, Hashable {
    package var unit: String
    package var assetID: String
    package var category: AssetCategory
    package var originalValue: Money
    package var accumulatedDepreciation: Money
    /// 净值 as the card states it (the asset system's export), checked against 原值 − 累计折旧.
    package var statedNetValue: Money? = nil
    package var line: Int
}

/// Asset cards (资产卡片): one row per asset, summed into its unit's assets by category.
enum AssetCardsKind: ListKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case assetID = "asset_id"
        case assetName = "asset_name"
        case category
        case classificationCode = "classification_code"
        case originalValue = "original_value"
        case accumulatedDepreciation = "accumulated_depreciation"
        case netValue = "net_value"
    }

    static let kind = TableKind.assets

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> AssetCard {
        reader.startRow()
        let unit = try reader.rowUnit(fields, Column.unitCode)
        let assetID = try reader.required(fields, Column.assetID, unit: unit)
        let category: AssetCategory
        // The stated 资产类别, else the category its national classification code implies.
        if reader.has(Column.category)
            && (!reader.has(Column.classificationCode) || !reader.text(fields, Column.category).isEmpty)
        {
            category = try reader.vocabulary(fields, Column.category, as: AssetCategory.self, unit: unit)
        } else {
            let code = try reader.required(fields, Column.classificationCode, unit: unit)
            let stated = reader.statedClassification
            do {
                category = try AssetCategory(nationalCode: code, header: stated?.edition)
            } catch {
                throw RowProblem(
                    detail: .rowClassificationCode(
                        header: reader.header(Column.classificationCode), value: code, error, title: stated?.title),
                    unit: unit)
            }
        }
        let net =
            reader.text(fields, Column.netValue).isEmpty
            ? nil : try reader.money(fields, Column.netValue, unit: unit)
        return AssetCard(
            unit: unit, assetID: assetID, category: category,
            originalValue: try reader.money(fields, Column.originalValue, unit: unit),
            accumulatedDepreciation: try reader.money(
                fields, Column.accumulatedDepreciation, unit: unit, optional: true),
            statedNetValue: net, line: line)
    }

    static func amounts(of card: AssetCard) -> (Money, Money) { (card.originalValue, card.accumulatedDepreciation) }
    static func contents(_ rows: [AssetCard]) -> TableContents { .assets(rows) }

    static func merge(_ cards: [AssetCard], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for card in cards {
            guard let unit = department.unit(card.unit, line: card.line, in: &file),
                department.claim(
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
