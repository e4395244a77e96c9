import CSVReading

/// One figure of a unit's budget or final accounts.
package struct BudgetLine: Sendable, Hashable {
    package var unit: String
    package var stage: BudgetStage
    package var item: BudgetItem
    package var amount: Money
    package var line: Int
    /// Read from a 决算 form by its layout: another form of the unit stating the same figure alike
    /// (the 02表's 基本支出 and the 04表's) is the same figure, not a repeat.
    package var fromForm = false
}

/// A unit's budget and final accounts (预决算收支, or a 决算 form read by its layout): one figure per
/// stage and item.
enum BudgetKind: ListKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case stage
        case item
        case amount
    }

    static let kind = TableKind.budget

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> BudgetLine {
        reader.startRow()
        let unit = try reader.rowUnit(fields, Column.unitCode)
        return BudgetLine(
            unit: unit, stage: try reader.vocabulary(fields, Column.stage, as: BudgetStage.self, unit: unit),
            item: try reader.vocabulary(fields, Column.item, as: BudgetItem.self, unit: unit),
            amount: try reader.money(fields, Column.amount, unit: unit), line: line)
    }

    static func amounts(of line: BudgetLine) -> (Money, Money) { (line.amount, .zero) }
    static func contents(_ rows: [BudgetLine]) -> TableContents { .budget(rows) }

    static func merge(_ lines: [BudgetLine], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for line in lines {
            let key = SeenKey(unit: line.unit, key: .budget(line.stage, line.item))
            if line.fromForm, department.formFigures[key] == line.amount { continue }
            guard let unit = department.unit(line.unit, line: line.line, in: &file),
                department.claim(
                    .budget(line.stage, line.item), values: .budget(line.amount), unit: line.unit, line: line.line,
                    in: &file)
            else { continue }
            if line.fromForm { department.formFigures[key] = line.amount }
            department.result.units[unit].budget.add(line)
            department.receive(.budget, unit: unit)
            department.result.budgetRowLocations[BudgetKey(unit: line.unit, stage: line.stage, item: line.item)] = (
                file.path, line.line
            )
            RowChecks.check(line, file: file.path).map { file.note($0) }
        }
    }
}
