import CSVReading

/// A performance indicator as the sheet states it (scored by a later stage).
public struct Indicator: Sendable, Hashable, Codable {
    public var id: String
    public var level1: String
    public var level2: String
    public var name: String
    public var weight: String
    public var direction: String
    public var target: String
    public var actual: String
    public var measure: String
    public var source: String
    public var manualScore: String
    public var deviationReason: String
    public var line: Int
    /// The file it came from, relative to the input folder (set when consolidating).
    public var file = ""
    /// The 分项目标 it serves, when the sheet names one: how the report groups indicators.
    public var goal = ""

    enum CodingKeys: String, CodingKey {
        case id, level1, level2, name, weight, direction, target, actual, measure, source, line, file, goal
        case manualScore = "manual_score"
        case deviationReason = "deviation_reason"
    }
}

/// The funds block of an exported 自评表: 年初预算数 | 全年预算数(A) | 全年执行数(B) | 分值 |
/// 执行率(B/A) | 得分, as the sheet states them; reconciled with the consolidation.
package struct FundsBlock: Sendable, Hashable {
    /// 全年预算数 (A) and 全年执行数 (B), when readable.
    package var annualBudget: Money?
    package var executed: Money?
    package var unit: MoneyUnit
    /// The line of the figures.
    package var line: Int
    /// The file, relative to the input folder (set when consolidating).
    package var file = ""
}

/// The department's indicator sheet (绩效指标, or the 自评表 as exported, with its funds block).
enum IndicatorsKind: TableKindRules {
    enum Column: String, ColumnKey {
        case goal
        case id
        case level1
        case level2
        case name
        case weight
        case direction
        case target
        case actual
        case measure
        case source
        case manualScore = "manual_score"
        case deviationReason = "deviation_reason"
        case note
    }

    static let kind = TableKind.indicators

    /// The sheet's indicators, the funds block an exported 自评表 has above them, and the row
    /// above, whose 一级/二级指标 a merged (blank) cell repeats.
    struct Accumulator {
        var indicators: [Indicator] = []
        var funds: FundsBlock?
        var above: Indicator?
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        var sheet = Accumulator()
        if let (block, indicator) = FundsBlock.read(above: header) {
            sheet.funds = block
            if let indicator { sheet.indicators.append(indicator) }
        }
        return sheet
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to sheet: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        let indicator = try row(fields, line: line, above: sheet.above, reader: reader)
        sheet.above = indicator
        sheet.indicators.append(indicator)
    }

    static func finish(_ sheet: inout Accumulator) -> TableContents {
        .indicators(sheet.indicators, funds: sheet.funds)
    }

    /// An indicator row. As exported forms write them: 一级/二级指标 merged over the rows below
    /// (blank: the row above's), no 指标编码 (the id is the line: `R12`), no 方向 (the target's
    /// comparison says it: `≥95%` 正向, `≤90万元` 反向, words 定性), the unit in the target cell.
    static func row(_ fields: RecordFields, line: Int, above: Indicator?, reader: RowReader) throws(RowProblem)
        -> Indicator
    {
        reader.startRow()
        var level1 = reader.text(fields, Column.level1)
        var level2 = reader.text(fields, Column.level2)
        if level1.isEmpty, let above {
            level1 = above.level1
            if level2.isEmpty { level2 = above.level2 }
        }
        if level1.isEmpty { throw RowProblem(detail: .rowMissingValue(header: reader.header(Column.level1))) }
        let target = reader.text(fields, Column.target)
        let measured = MeasuredValue(target)
        let id = reader.text(fields, Column.id)
        let direction = reader.text(fields, Column.direction)
        let measure = reader.text(fields, Column.measure)
        var indicator = Indicator(
            id: id.isEmpty ? "R\(line)" : id, level1: level1, level2: level2,
            name: try reader.required(fields, Column.name), weight: try reader.required(fields, Column.weight),
            direction: direction.isEmpty ? measured.impliedDirection.chinese : direction, target: target,
            actual: reader.text(fields, Column.actual),
            measure: measure.isEmpty && measured.number != nil ? measured.unit : measure,
            source: reader.text(fields, Column.source), manualScore: reader.text(fields, Column.manualScore),
            deviationReason: reader.text(fields, Column.deviationReason), line: line)
        // A goal merged over its indicators' rows is blank below its first.
        indicator.goal = reader.text(fields, Column.goal)
        if indicator.goal.isEmpty, let above { indicator.goal = above.goal }
        return indicator
    }

    static func merge(
        _ sheet: (indicators: [Indicator], funds: FundsBlock?), _ file: inout FileMerge,
        into department: inout DepartmentMerge
    ) {
        if var funds = sheet.funds {
            funds.file = file.path
            department.result.fundsBlocks.append(funds)
        }
        department.result.indicators += sheet.indicators.map { indicator in
            var indicator = indicator
            indicator.file = file.path
            return indicator
        }
    }
}
