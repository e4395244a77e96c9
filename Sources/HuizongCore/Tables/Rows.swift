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
    /// 净值 as the card states it (the asset system's export), checked against 原值 − 累计折旧.
    public var statedNetValue: Money? = nil
    public var line: Int
}

/// A person on a unit's staff list. Only the id and status are read: never a name.
public struct StaffMember: Sendable, Hashable {
    public var unit: String
    public var personID: String
    public var status: StaffStatus
    public var line: Int
}

/// A unit's headcounts as it reports them (基本数字表): no person, only numbers.
public struct StaffCount: Sendable, Hashable {
    public var unit: String
    public var counts: StaffTotals
    /// 编制人数, when the table gives it.
    public var authorized: Int?
    public var line: Int
}

/// An asset figure as a unit's balance sheet (资产负债简表) states it, not card by card.
public enum AssetFigure: String, Sendable, Hashable, CaseIterable {
    case cash
    case fixedOriginal = "fixed_original"
    case accumulatedDepreciation = "accumulated_depreciation"
    case constructionInProgress = "construction_in_progress"
    case intangible
    case other

    public var chinese: String {
        switch self {
        case .cash: "货币资金"
        case .fixedOriginal: "固定资产原值"
        case .accumulatedDepreciation: "固定资产累计折旧"
        case .constructionInProgress: "在建工程"
        case .intangible: "无形资产"
        case .other: "其他资产"
        }
    }

    /// By its English key or its Chinese name, as a layout names it.
    init?(name: String) {
        guard let figure = Self.allCases.first(where: { $0.rawValue == name || $0.chinese == name }) else {
            return nil
        }
        self = figure
    }

    /// The figure in card totals.
    func value(in totals: AssetTotals) -> Money {
        switch self {
        case .cash: totals.cash
        case .fixedOriginal: totals.fixedOriginal
        case .accumulatedDepreciation: totals.accumulatedDepreciation
        case .constructionInProgress: totals.constructionInProgress
        case .intangible: totals.intangible
        case .other: totals.other
        }
    }

    func set(_ amount: Money, in totals: inout AssetTotals) {
        switch self {
        case .cash: totals.cash = amount
        case .fixedOriginal: totals.fixedOriginal = amount
        case .accumulatedDepreciation: totals.accumulatedDepreciation = amount
        case .constructionInProgress: totals.constructionInProgress = amount
        case .intangible: totals.intangible = amount
        case .other: totals.other = amount
        }
    }
}

/// One asset figure a balance sheet states.
public struct StatedAsset: Sendable, Hashable {
    public var unit: String
    public var figure: AssetFigure
    public var amount: Money
    public var line: Int
}

/// One account of a unit's books within one file (序时账), summed as its lines stream past:
/// the account's 借 and 贷, what they count towards is decided when consolidating (`AccountMapping`).
public struct AccountSummary: Sendable, Hashable {
    public var unit: String
    public var code: String
    public var name: String
    public var debit = Money.zero
    public var credit = Money.zero
    public var rows = 0
    public var firstLine = 0
    /// Lines per calendar year of their date, with the first line of each: a short list searched
    /// from the most recent (a dictionary hashed every line was a twentieth of reading books).
    var yearCounts: [(year: Int, rows: Int, firstLine: Int)] = []

    init(unit: String, code: String, name: String) {
        self.unit = unit
        self.code = code
        self.name = name
    }

    public var years: [Int: Int] { Dictionary(uniqueKeysWithValues: yearCounts.map { ($0.year, $0.rows) }) }
    public var firstLineOfYear: [Int: Int] {
        Dictionary(uniqueKeysWithValues: yearCounts.map { ($0.year, $0.firstLine) })
    }

    mutating func add(debit: Money, credit: Money, year: Int, line: Int) {
        if rows == 0 { firstLine = line }
        rows += 1
        self.debit += debit
        self.credit += credit
        add(year: year, rows: 1, firstLine: line)
    }

    /// Counts `rows` lines in `year`, the first on `firstLine` unless the year has an earlier one.
    mutating func add(year: Int, rows: Int, firstLine: Int) {
        if let last = yearCounts.indices.last, yearCounts[last].year == year {
            yearCounts[last].rows += rows
        } else if let index = yearCounts.firstIndex(where: { $0.year == year }) {
            yearCounts[index].rows += rows
            yearCounts[index].firstLine = min(yearCounts[index].firstLine, firstLine)
        } else {
            yearCounts.append((year, rows, firstLine))
        }
    }

    public static func == (a: AccountSummary, b: AccountSummary) -> Bool {
        a.unit == b.unit && a.code == b.code && a.name == b.name && a.debit == b.debit && a.credit == b.credit
            && a.rows == b.rows && a.firstLine == b.firstLine && a.years == b.years
            && a.firstLineOfYear == b.firstLineOfYear
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(unit)
        hasher.combine(code)
        hasher.combine(rows)
    }
}

/// A department's own rule for its accounts (科目对照表): an account code prefix (or a name) and
/// what its lines count towards; blank parts are left to the default mapping.
public struct AccountRule: Sendable, Hashable {
    public var codePrefix: String
    public var name: String
    public var type: String
    public var source: String
    public var line: Int
    public var file = ""
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
/// Sums are kept in arrays indexed by the vocabulary, not dictionaries: this is the hot loop.
public struct LedgerSummary: Sendable, Hashable {
    public var rows = 0
    public var firstLine = 0
    public var total = Money.zero
    private var sourceTotals = [Money](repeating: .zero, count: FundingSource.allCases.count)
    private var typeTotals = [Money](repeating: .zero, count: ExpenditureType.allCases.count)
    /// Rows per calendar year of their date, with the first line of each: the fiscal-year check.
    /// Few distinct years, so a short list searched from the most recent.
    private var yearCounts: [(year: Int, rows: Int, firstLine: Int)] = []

    public init() {}

    /// Spending by funding source; sources no row used are absent.
    public var bySource: [FundingSource: Money] {
        var result: [FundingSource: Money] = [:]
        for source in FundingSource.allCases where sourceTotals[source.rawValue] != .zero {
            result[source] = sourceTotals[source.rawValue]
        }
        return result
    }

    public var byType: [ExpenditureType: Money] {
        var result: [ExpenditureType: Money] = [:]
        for type in ExpenditureType.allCases where typeTotals[type.rawValue] != .zero {
            result[type] = typeTotals[type.rawValue]
        }
        return result
    }

    public var years: [Int: (rows: Int, firstLine: Int)] {
        var result: [Int: (rows: Int, firstLine: Int)] = [:]
        for entry in yearCounts { result[entry.year] = (entry.rows, entry.firstLine) }
        return result
    }

    public static func == (a: LedgerSummary, b: LedgerSummary) -> Bool {
        a.rows == b.rows && a.firstLine == b.firstLine && a.total == b.total && a.sourceTotals == b.sourceTotals
            && a.typeTotals == b.typeTotals
            && a.years.mapValues { [$0.rows, $0.firstLine] } == b.years.mapValues { [$0.rows, $0.firstLine] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(total)
    }

    mutating func add(_ amount: Money, source: FundingSource, type: ExpenditureType, year: Int, line: Int) {
        if rows == 0 { firstLine = line }
        if let last = yearCounts.indices.last, yearCounts[last].year == year {
            yearCounts[last].rows += 1
        } else if let index = yearCounts.firstIndex(where: { $0.year == year }) {
            yearCounts[index].rows += 1
        } else {
            yearCounts.append((year, 1, line))
        }
        rows += 1
        total += amount
        sourceTotals[source.rawValue] += amount
        typeTotals[type.rawValue] += amount
    }

    /// An account's lines at once (a 序时账's expense account): `amount` is its 借 − 贷.
    mutating func add(_ account: AccountSummary, amount: Money, source: FundingSource, type: ExpenditureType) {
        var other = LedgerSummary()
        other.rows = account.rows
        other.firstLine = account.firstLine
        other.total = amount
        other.sourceTotals[source.rawValue] = amount
        other.typeTotals[type.rawValue] = amount
        other.yearCounts = account.years.keys.sorted().map { ($0, account.years[$0]!, account.firstLineOfYear[$0]!) }
        merge(other)
    }

    /// Moves the first lines of its years `delta` lines down (a part of a file placed in it).
    mutating func shiftYearLines(by delta: Int) {
        for index in yearCounts.indices { yearCounts[index].firstLine += delta }
    }

    mutating func merge(_ other: LedgerSummary) {
        if rows == 0 || (other.rows > 0 && other.firstLine < firstLine) { firstLine = other.firstLine }
        rows += other.rows
        total += other.total
        for index in sourceTotals.indices { sourceTotals[index] += other.sourceTotals[index] }
        for index in typeTotals.indices { typeTotals[index] += other.typeTotals[index] }
        for entry in other.yearCounts {
            if let index = yearCounts.firstIndex(where: { $0.year == entry.year }) {
                yearCounts[index].rows += entry.rows
                yearCounts[index].firstLine = min(yearCounts[index].firstLine, entry.firstLine)
            } else {
                yearCounts.append(entry)
            }
        }
    }
}

/// What one file contributed, typed by its kind.
public enum TableContents: Sendable {
    case none
    case registry([RegistryEntry])
    case assets([AssetCard])
    case staff([StaffMember])
    case staffCounts([StaffCount])
    case budget([BudgetLine])
    /// A balance sheet's asset figures (资产负债简表), reconciled with the unit's cards.
    case statedAssets([StatedAsset])
    /// Per unit code; ledgers are summed in the reading worker, never held whole.
    case expenditure([String: LedgerSummary])
    /// The books by account, summed in the reading worker.
    case journal([AccountSummary])
    case accountMap([AccountRule])
    /// An indicator sheet, with the funds block an exported 自评表 has above it.
    case indicators([Indicator], funds: FundsBlock?)
    case reportFigures([ReportFigure])
    /// The department's own words for the report, by section.
    case narrative(Narrative)
}
