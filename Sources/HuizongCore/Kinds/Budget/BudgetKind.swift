/// One figure of a unit's budget or final accounts.
public struct BudgetLine: Sendable, Hashable {
    public var unit: String
    public var stage: BudgetStage
    public var item: BudgetItem
    public var amount: Money
    public var line: Int
}

/// A unit's budget and final accounts (预决算收支, or a 决算 form read by its layout): one figure per
/// stage and item.
enum BudgetKind: KindMerging {
    static func merge(_ lines: [BudgetLine], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for line in lines {
            guard let unit = department.unit(line.unit, line: line.line, in: &file),
                department.isFirst(
                    .budget(line.stage, line.item), values: .budget(line.amount), unit: line.unit, line: line.line,
                    in: &file)
            else { continue }
            department.result.units[unit].budget.add(line)
            department.receive(.budget, unit: unit)
            department.result.budgetRowLocations[BudgetKey(unit: line.unit, stage: line.stage, item: line.item)] = (
                file.path, line.line
            )
            RowChecks.check(line, file: file.path).map { file.note($0) }
        }
    }
}
