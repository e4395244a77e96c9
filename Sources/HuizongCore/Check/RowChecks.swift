/// Checks of single rows that are read correctly but cannot be right. The row still counts:
/// it is what the unit reported, and the finding says what to correct.
enum RowChecks {
    static func check(_ card: AssetCard, file: String) -> Finding? {
        if card.originalValue < .zero || card.accumulatedDepreciation < .zero {
            return Finding(.error, "asset.negative", unit: card.unit, file: file, line: card.line,
                "资产“\(card.assetID)”的原值或累计折旧为负数（原值 \(card.originalValue.yuanText) 元，累计折旧 \(card.accumulatedDepreciation.yuanText) 元）；资产卡片上的数不能为负，请核对。")
        }
        if card.accumulatedDepreciation > card.originalValue {
            return Finding(.error, "asset.depreciation_exceeds_original", unit: card.unit, file: file, line: card.line,
                "资产“\(card.assetID)”的累计折旧 \(card.accumulatedDepreciation.yuanText) 元大于原值 \(card.originalValue.yuanText) 元（多 \((card.accumulatedDepreciation - card.originalValue).yuanText) 元），净值成了负数；请核对资产卡片。")
        }
        return nil
    }

    static func check(_ line: BudgetLine, file: String) -> Finding? {
        guard line.amount < .zero else { return nil }
        return Finding(.error, "budget.negative", unit: line.unit, file: file, line: line.line,
            "“\(line.stage.chinese) \(line.item.chinese)”为负数（\(line.amount.wanText) 万元）；预决算表中的数不能为负，请核对。")
    }

    /// Ledger rows dated outside the fiscal year: one warning per file, unit and year.
    static func datesOutside(year fiscalYear: Int, years: [Int: (rows: Int, firstLine: Int)], unit: String, file: String) -> [Finding] {
        years.keys.sorted().filter { $0 != fiscalYear }.map { year in
            let count = years[year]!
            return Finding(.warning, "ledger.date_outside_year", unit: unit, file: file, line: count.firstLine,
                "有 \(count.rows) 行凭证的日期在 \(year) 年（第 \(count.firstLine) 行起），不在 \(fiscalYear) 年度内；这些行已计入，请核对是否跨年度记账。")
        }
    }
}
