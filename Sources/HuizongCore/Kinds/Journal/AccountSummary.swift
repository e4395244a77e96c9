/// One account of a unit's books within one file (序时账), summed as its lines stream past:
/// the account's 借 and 贷, what they count towards is decided when consolidating (`AccountMapping`).
package struct AccountSummary: Sendable, Hashable {
    package var unit: String
    package var code: String
    package var name: String
    /// Its lines' 资金性质 as written (the books keep one summary per account and source), and the
    /// source it names; both empty when the books have no such column.
    package var sourceText = ""
    package var lineSource: FundingSource?
    package var debit = Money.zero
    package var credit = Money.zero
    package var rows = 0
    package var firstLine = 0
    /// Its first and last day (20220301): two files of one unit's books that both hold days of one
    /// account may hold the same lines twice.
    package var firstDay = Int.max
    package var lastDay = 0
    /// Its lines, 借 and 贷 on each day of the year of its first line (index `(month − 1) × 31 + day − 1`):
    /// two files with a day of one account alike hold the same lines; two that only share days
    /// (books split by 凭证类别 or fund) do not.
    package var dayYear = 0
    package var days: [DayTotals] = []
    /// Lines per calendar year of their date, with the first line of each: a short list searched
    /// from the most recent (a dictionary hashed every line was a twentieth of reading books).
    var yearCounts: [(year: Int, rows: Int, firstLine: Int)] = []

    init(unit: String, code: String, name: String, sourceText: String = "", lineSource: FundingSource? = nil) {
        self.unit = unit
        self.code = code
        self.name = name
        self.sourceText = sourceText
        self.lineSource = lineSource
    }

    /// The key one account and source is kept under.
    var key: String { unit + "\u{1F}" + code + "\u{1F}" + sourceText }

    package var years: [Int: Int] { Dictionary(uniqueKeysWithValues: yearCounts.map { ($0.year, $0.rows) }) }
    package var firstLineOfYear: [Int: Int] {
        Dictionary(uniqueKeysWithValues: yearCounts.map { ($0.year, $0.firstLine) })
    }

    mutating func add(debit: Money, credit: Money, day: LedgerDate, line: Int) {
        if rows == 0 { firstLine = line }
        rows += 1
        self.debit += debit
        self.credit += credit
        let number = day.number
        if number < firstDay { firstDay = number }
        if number > lastDay { lastDay = number }
        if dayYear == 0 {
            dayYear = day.year
            days = Array(repeating: DayTotals(), count: 12 * 31)
        }
        if day.year == dayYear { days[(day.month - 1) * 31 + day.day - 1].add(debit: debit, credit: credit) }
        add(year: day.year, rows: 1, firstLine: line)
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

    package static func == (a: AccountSummary, b: AccountSummary) -> Bool {
        a.unit == b.unit && a.code == b.code && a.name == b.name && a.sourceText == b.sourceText
            && a.lineSource == b.lineSource && a.debit == b.debit && a.credit == b.credit
            && a.rows == b.rows && a.firstLine == b.firstLine && a.years == b.years && a.firstDay == b.firstDay
            && a.lastDay == b.lastDay && a.dayYear == b.dayYear && a.days == b.days
            && a.firstLineOfYear == b.firstLineOfYear
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(unit)
        hasher.combine(code)
        hasher.combine(rows)
    }
}

/// One account's lines on one day: how many, and their 借 and 贷.
package struct DayTotals: Sendable, Hashable {
    var lines: Int32 = 0
    var debit = Money.zero
    var credit = Money.zero

    mutating func add(debit: Money, credit: Money) {
        lines += 1
        self.debit += debit
        self.credit += credit
    }
}
