/// Checks of single rows that are read correctly but cannot be right. The row still counts:
/// it is what the unit reported, and the finding says what to correct.
enum RowChecks {
    static func check(_ card: AssetCard, file: String) -> Finding? {
        if card.originalValue < .zero || card.accumulatedDepreciation < .zero {
            return Finding(
                .assetNegative(
                    assetID: card.assetID, original: card.originalValue, depreciation: card.accumulatedDepreciation),
                unit: card.unit, file: file, line: card.line)
        }
        if card.accumulatedDepreciation > card.originalValue {
            return Finding(
                .assetDepreciationExceedsOriginal(
                    assetID: card.assetID, original: card.originalValue,
                    depreciation: card.accumulatedDepreciation),
                unit: card.unit, file: file, line: card.line)
        }
        if let stated = card.statedNetValue, stated != card.originalValue - card.accumulatedDepreciation {
            return Finding(
                .assetNetValueMismatch(
                    assetID: card.assetID, original: card.originalValue, depreciation: card.accumulatedDepreciation,
                    stated: stated),
                unit: card.unit, file: file, line: card.line)
        }
        return nil
    }

    static func check(_ line: BudgetLine, file: String) -> Finding? {
        guard line.amount < .zero else { return nil }
        return Finding(
            .budgetNegative(line.stage, line.item, amount: line.amount), unit: line.unit, file: file, line: line.line)
    }

    /// Ledger rows dated outside the fiscal year: one warning per file, unit and year.
    static func datesOutside(
        year fiscalYear: Int, years: [Int: (rows: Int, firstLine: Int)], unit: String, file: String
    ) -> [Finding] {
        years.keys.sorted().filter { $0 != fiscalYear }.map { year in
            let count = years[year]!
            return Finding(
                .ledgerDateOutsideYear(
                    rows: count.rows, year: year, firstLine: count.firstLine, fiscalYear: fiscalYear),
                unit: unit, file: file, line: count.firstLine)
        }
    }
}
