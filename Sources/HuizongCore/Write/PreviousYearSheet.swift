/// 上年对比 in 汇总结果.xlsx, when the run has last year's result: each unit's figures beside
/// last year's and the change, and its 年初结转和结余 beside last year's 年末 (上下年衔接).
extension ResultsWorkbook {
    /// The figures compared: this year's (nil: missing) and last year's.
    static let previousYearHeader = [
        "单位编码", "单位名称", "决算支出合计(元)", "上年决算支出合计(元)", "增减(元)", "资产总额(元)", "上年资产总额(元)", "增减(元)",
        "在职人员", "上年在职人员", "增减", "年初结转和结余(元)", "上年年末结转和结余(元)", "差额(元)",
    ]

    func previousYear(_ book: Book) {
        guard let previous = consolidation.previous else { return }
        let sheet = book.sheet("上年对比", keyColumns: 2)
        sheet.header(Self.previousYearHeader)
        let last = Dictionary(previous.units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func money(_ now: Money?, _ then: Money?) -> [Book.Cell] {
            let change: Book.Cell = if let now, let then { .money(now - then) } else { .empty }
            return [now.map(Book.Cell.money) ?? .empty, then.map(Book.Cell.money) ?? .empty, change]
        }
        for unit in consolidation.units {
            let missing = consolidation.missing(of: unit.code)
            let before = last[unit.code]
            let hasFinal = unit.budget.stages[.final] != nil
            let spending =
                hasFinal && !missing.budgetTotal(.final, side: .expenditure) ? unit.budget[.final].expenditure : nil
            let assets = unit.tablesReceived.contains(.assets) && !missing.assets ? unit.assets.total : nil
            let staff = unit.tablesReceived.contains(.staff) && !missing.staff ? unit.staff.active : nil
            let opening =
                hasFinal && !missing.budget(.final, .openingBalance) ? unit.budget[.final][.openingBalance] : nil
            let staffChange: Book.Cell =
                if let staff, let then = before?.staffActive { .count(staff - then) } else { .empty }
            sheet.row(
                [.code(unit.code), .text(unit.entry.name)] + money(spending, before?.finalSpending)
                    + money(assets, before?.tablesReceivedAssets)
                    + [
                        staff.map(Book.Cell.count) ?? .empty, before?.staffActive.map(Book.Cell.count) ?? .empty,
                        staffChange,
                    ]
                    + money(opening, before?.closingBalance))
        }
        // Last year's units that are not this year's: their figures, nothing to compare.
        let codes = Set(consolidation.units.map(\.code))
        for unit in previous.units where !codes.contains(unit.code) {
            sheet.row(
                [.code(unit.code), .text(unit.name + "（上年）")] + money(nil, unit.finalSpending)
                    + money(nil, unit.tablesReceivedAssets)
                    + [.empty, unit.staffActive.map(Book.Cell.count) ?? .empty, .empty]
                    + money(nil, unit.closingBalance))
        }
        sheet.filterAndFreeze()
        sheet.finish()
    }
}

extension PreviousResult.Unit {
    /// Last year's asset total, when the unit sent its assets last year.
    var tablesReceivedAssets: Money? { tables.contains("assets") ? assetsTotal : nil }
}
