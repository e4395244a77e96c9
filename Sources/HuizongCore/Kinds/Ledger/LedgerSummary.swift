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

    /// Adds a whole department's totals as its department.json states them (`huizong rollup`).
    package mutating func addTotals(
        rows: Int, total: Money, bySource: [FundingSource: Money], byType: [ExpenditureType: Money]
    ) {
        self.rows += rows
        self.total += total
        for (source, amount) in bySource { sourceTotals[source.rawValue] += amount }
        for (type, amount) in byType { typeTotals[type.rawValue] += amount }
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
