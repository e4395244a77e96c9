/// A row of the registry (单位名录): one unit expected to submit.
public struct RegistryEntry: Sendable, Hashable {
    public var code: String
    public var name: String
    public var alias: String
    /// Empty for the department's own 本级.
    public var parentCode: String
    public var line: Int
}

/// An asset card (资产卡片).
public struct AssetCard: Sendable, Hashable {
    public var unit: String
    public var assetID: String
    public var category: AssetCategory
    public var originalValue: Money
    public var accumulatedDepreciation: Money
    public var line: Int
}

/// A person on a unit's staff list. Only the id and status are read: never a name.
public struct StaffMember: Sendable, Hashable {
    public var unit: String
    public var personID: String
    public var status: StaffStatus
    public var line: Int
}

/// One figure of a unit's budget or final accounts.
public struct BudgetLine: Sendable, Hashable {
    public var unit: String
    public var stage: BudgetStage
    public var item: BudgetItem
    public var amount: Money
    public var line: Int
}

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

    enum CodingKeys: String, CodingKey {
        case id, level1, level2, name, weight, direction, target, actual, measure, source, line, file
        case manualScore = "manual_score"
        case deviationReason = "deviation_reason"
    }
}

/// A figure the department states in its written report, to reconcile against the data.
public struct ReportFigure: Sendable, Hashable, Codable {
    public var figure: String
    public var value: String
    public var measure: String
    public var line: Int
    /// The file it came from, relative to the input folder (set when consolidating).
    public var file = ""
}

/// The ledger (支出明细) of one unit within one file, summed as it streams past.
public struct LedgerSummary: Sendable, Hashable {
    public var rows = 0
    public var firstLine = 0
    public var total = Money.zero
    public var bySource: [FundingSource: Money] = [:]
    public var byType: [ExpenditureType: Money] = [:]
    /// Rows per calendar year of their date, with the first line of each: the fiscal-year check.
    public var years: [Int: (rows: Int, firstLine: Int)] = [:]

    public init() {}

    public static func == (a: LedgerSummary, b: LedgerSummary) -> Bool {
        a.rows == b.rows && a.firstLine == b.firstLine && a.total == b.total && a.bySource == b.bySource
            && a.byType == b.byType && a.years.mapValues { [$0.rows, $0.firstLine] } == b.years.mapValues { [$0.rows, $0.firstLine] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(total)
    }

    mutating func add(_ amount: Money, source: FundingSource, type: ExpenditureType, year: Int, line: Int) {
        if rows == 0 { firstLine = line }
        if years[year] == nil { years[year] = (0, line) }
        years[year]!.rows += 1
        rows += 1
        total += amount
        bySource[source, default: .zero] += amount
        byType[type, default: .zero] += amount
    }

    mutating func merge(_ other: LedgerSummary) {
        if rows == 0 || (other.rows > 0 && other.firstLine < firstLine) { firstLine = other.firstLine }
        rows += other.rows
        total += other.total
        for (key, value) in other.bySource { bySource[key, default: .zero] += value }
        for (key, value) in other.byType { byType[key, default: .zero] += value }
        for (year, count) in other.years {
            let mine = years[year] ?? (0, count.firstLine)
            years[year] = (mine.rows + count.rows, min(mine.firstLine, count.firstLine))
        }
    }
}

/// What one file contributed, typed by its kind.
public enum TableContents: Sendable {
    case none
    case registry([RegistryEntry])
    case assets([AssetCard])
    case staff([StaffMember])
    case budget([BudgetLine])
    /// Per unit code; ledgers are summed in the reading worker, never held whole.
    case expenditure([String: LedgerSummary])
    case indicators([Indicator])
    case reportFigures([ReportFigure])
}
