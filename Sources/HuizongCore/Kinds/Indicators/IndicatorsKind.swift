import CSVReading
import Foundation

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

/// The department's indicator sheet (绩效指标, or the 自评表 as exported or printed, with its funds
/// block above, the weights printed in its 一级指标 cells, its 总分 row and its notes).
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

    /// The groups a row belongs to: a merged (blank) cell repeats the row above's.
    struct Groups {
        var level1 = ""
        var level2 = ""
        var goal = ""
    }

    /// The sheet's indicators, the funds block an exported 自评表 has above them, the groups of the
    /// row above, the weights printed in its 一级指标 cells, and the 得分 stated so far.
    struct Accumulator {
        var indicators: [Indicator] = []
        var funds: FundsBlock?
        var above: Groups?
        var printedWeights: [PrintedWeight] = []
        /// The sum of the 得分 written on every row so far (the funds block's included), counted or
        /// not; nil once a row has none that reads as a number, when a 总分 cannot be checked.
        var statedScores: Decimal? = 0
        /// A 总分 or 合计 row closed the table: a row below it with no figure is a note.
        var closed = false
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        var sheet = Accumulator()
        if let (block, indicator) = FundsBlock.read(above: header) {
            sheet.funds = block
            if let indicator {
                sheet.indicators.append(indicator)
                sheet.addStated(indicator.manualScore)
            }
        }
        return sheet
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to sheet: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        reader.startRow()
        // The groups carry down even from a row that is rejected: the rows below belong to them.
        let groups = carry(fields, line: line, reader: reader, into: &sheet)
        sheet.addStated(reader.text(fields, Column.manualScore))
        sheet.indicators.append(try row(fields, line: line, groups: groups, reader: reader))
    }

    static func finish(_ sheet: inout Accumulator) -> TableContents {
        .indicators(sheet.indicators, funds: sheet.funds, weights: sheet.printedWeights)
    }

    /// The row's groups: its own 一级/二级指标 and 分项目标, or the row above's where a merged cell
    /// is blank (or, as some CSV exports have it, repeats it). A 一级指标 cell's printed weight
    /// (`产出指标（50分）`) is taken out and kept, once for a cell repeated down its group; a
    /// 二级指标's is taken out; either is read as one label (`PrintedLabel.group`).
    static func carry(_ fields: RecordFields, line: Int, reader: RowReader, into sheet: inout Accumulator) -> Groups {
        var groups = sheet.above ?? Groups()
        let level1 = reader.text(fields, Column.level1)
        let level2 = PrintedLabel.group(PrintedLabel.splitWeight(reader.text(fields, Column.level2)).label)
        if !level1.isEmpty {
            let (printed, weight) = PrintedLabel.splitWeight(level1)
            let label = PrintedLabel.group(printed)
            let repeated = sheet.printedWeights.last.map { $0.group == label && $0.weight == weight } ?? false
            if let weight, !repeated {
                sheet.printedWeights.append(PrintedWeight(group: label, weight: weight, line: line))
            }
            // A new group starts with its own 二级指标 (a blank one stays blank).
            if label != groups.level1 { groups.level2 = "" }
            groups.level1 = label
        }
        if !level2.isEmpty { groups.level2 = level2 }
        let goal = reader.text(fields, Column.goal)
        if !goal.isEmpty { groups.goal = goal }
        sheet.above = groups
        return groups
    }

    /// An indicator row. As exported forms write them: 一级/二级指标 merged over the rows below
    /// (blank: the row above's), no 指标编码 (the id is the line: `R12`), no 方向 (the target's
    /// comparison says it: `≥95%` 正向, `≤90万元` 反向, words 定性), the unit in the target cell.
    static func row(_ fields: RecordFields, line: Int, groups: Groups, reader: RowReader) throws(RowProblem)
        -> Indicator
    {
        if groups.level1.isEmpty { throw RowProblem(detail: .rowMissingValue(header: reader.header(Column.level1))) }
        let target = reader.text(fields, Column.target)
        let measured = MeasuredValue(target)
        let id = reader.text(fields, Column.id)
        let direction = reader.text(fields, Column.direction)
        let measure = reader.text(fields, Column.measure)
        // `指标1：…` as printed: the name without its numbering; `指标2：` alone names nothing.
        let name = PrintedLabel.display(try reader.required(fields, Column.name))
        if name.isEmpty { throw RowProblem(detail: .rowMissingValue(header: reader.header(Column.name))) }
        var indicator = Indicator(
            id: id.isEmpty ? "R\(line)" : id, level1: groups.level1, level2: groups.level2,
            name: name, weight: try reader.required(fields, Column.weight),
            direction: direction.isEmpty ? measured.impliedDirection.chinese : direction, target: target,
            actual: reader.text(fields, Column.actual),
            measure: measure.isEmpty && measured.number != nil ? measured.unit : measure,
            source: reader.text(fields, Column.source),
            manualScore: PrintedLabel.figure(reader.text(fields, Column.manualScore)),
            deviationReason: reader.text(fields, Column.deviationReason), line: line)
        indicator.goal = groups.goal
        return indicator
    }

    /// The printed form's own rows: an unfilled row of its template (`指标2：` and nothing else),
    /// which still carries its groups down; and below the 总分 row, the notes (`2.…`), rows that
    /// hold no figure. Both are read past as 栏次 rows are.
    static func takeOwnRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        let reader = table.reader
        reader.startRow()
        let figures = [Column.target, .actual, .weight, .manualScore].map {
            PrintedLabel.figure(reader.text(fields, $0))
        }
        guard figures.allSatisfy(\.isEmpty) else { return false }
        if table.accumulator.closed {
            table.nonDataRowLines.append(line)
            return true
        }
        let unfilled =
            PrintedLabel.namesNothing(reader.text(fields, Column.name))
            && [Column.id, .direction, .source].allSatisfy { reader.text(fields, $0).isEmpty }
        guard unfilled else { return false }
        _ = carry(fields, line: line, reader: reader, into: &table.accumulator)
        table.nonDataRowLines.append(line)
        return true
    }

    /// The 总分 (or 合计) row that closes a printed 自评表: the score it states must be the sum of the
    /// 得分 written above it (the funds block's included); below it come notes.
    static func takeTotalRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        table.reader.startRow()
        let sheet = table.accumulator
        table.accumulator.closed = true
        let written = table.reader.text(fields, Column.manualScore)
        guard !sheet.closed, let stated = PrintedLabel.score(written), let sum = sheet.statedScores else { return true }
        if stated != sum {
            table.findings.append(
                Finding(
                    .scoreStatedTotal(stated: stated.plainText(), sum: sum.plainText()), file: table.place, line: line))
        }
        return true
    }

    static func merge(
        _ sheet: (indicators: [Indicator], funds: FundsBlock?, weights: [PrintedWeight]), _ file: inout FileMerge,
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
        department.result.printedWeights += sheet.weights.map { weight in
            var weight = weight
            weight.file = file.path
            return weight
        }
    }
}

extension IndicatorsKind.Accumulator {
    /// Adds a row's written 得分 to the sum a 总分 row is checked against.
    mutating func addStated(_ cell: String) {
        guard let sum = statedScores else { return }
        statedScores = PrintedLabel.score(cell).map { sum + $0 }
    }
}
