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
public struct FundsBlock: Sendable, Hashable {
    /// 全年预算数 (A) and 全年执行数 (B), when readable.
    public var annualBudget: Money?
    public var executed: Money?
    public var unit: MoneyUnit
    /// The line of the figures.
    public var line: Int
    /// The file, relative to the input folder (set when consolidating).
    public var file = ""
}

/// The department's indicator sheet (绩效指标, or the 自评表 as exported, with its funds block).
enum IndicatorsKind: KindMerging {
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
