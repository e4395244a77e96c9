import CSVReading

/// One kind of table a header is recognised as, in a folder of its own (`Kinds/<Kind>/`): its
/// columns, typed as its spec (`Kinds/<kind>.json`) names them; its row rule; what it keeps while a
/// file's rows stream past; its own rows that are not data; how a later part of a file read in parts
/// joins it; and how a file of it merges into its unit and the department (`KindMerging`).
///
/// `TableBuilder<Kind>` is specialised per kind, so the row path has no existential in it; the one
/// place a kind found at run time picks its builder is `FileResult.readTable` (KindRegistry.swift).
protocol TableKindRules: KindMerging {
    /// Its columns: a key the code reads is a case, never a string a typo could miss.
    associatedtype Column: ColumnKey
    /// What it keeps of a file's rows as they stream past.
    associatedtype Accumulator

    static var kind: TableKind { get }

    /// A new accumulator for the table under `header`, read by `reader`'s rules.
    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator

    /// A data row: the kind's row rule, then kept, its amounts counted in `amounts`; or the first
    /// rule it breaks.
    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to accumulator: inout Accumulator,
        amounts: inout AmountCount
    ) throws(RowProblem)

    /// What a file of the kind gives the department.
    static func finish(_ accumulator: inout Accumulator) -> TableContents

    /// Whether a big file of the kind may be read in parts on several cores (its rows are summed as
    /// they stream, and `join` can put the parts together).
    static var isReadInParts: Bool { get }

    /// A row every rule accepts, read where it lies (millions of rows); false: the ordinary way,
    /// which applies the same rules and says which one a row broke.
    static func takeFast(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool

    /// A row of the kind's own that is not data (a 序时账's 本月合计, a voucher block's lines), taken;
    /// false for any other row.
    static func takeOwnRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool

    /// Whether the kind reads its 合计 rows itself (a 基本数字表's rows by 编制 type, 合计 first) instead
    /// of their being checked as sums of the money columns above.
    static func readsTotalRows(_ reader: RowReader) -> Bool

    /// A total row (a label of the kind's `total_rows`) the kind reads itself (a printed 自评表's
    /// 总分, which states a score, not a sum of amounts), taken; false to check it as a sum.
    static func takeTotalRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool

    /// Whether a later part can be joined to what `accumulator` holds (a voucher left open cannot).
    static func canJoin(_ accumulator: Accumulator) -> Bool

    /// A later part's start: what `start` took from above the header is not the part's.
    static func startLaterPart(_ accumulator: inout Accumulator)

    /// Adds a later part's rows, its lines `linesBefore` further down (see `TableBuilder.join`).
    static func join(_ later: Accumulator, to accumulator: inout Accumulator, linesBefore: Int, part: PartState)

    /// A summary row a later part held until the join, checked with the sums before its part.
    static func checkHeld(
        _ summary: JournalSummary, debit: Money, credit: Money, _ fields: RecordFields, in table: TableBuilder<Self>
    ) -> Finding.Detail?
}

extension TableKindRules {
    /// Its column keys as the code names them: the spec must name exactly these (a test checks).
    static var columnKeys: [String] { Column.allCases.map(\.rawValue) }

    static var isReadInParts: Bool { false }
    static func takeFast(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool { false }
    static func takeOwnRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool { false }
    static func takeTotalRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool { false }
    static func canJoin(_ accumulator: Accumulator) -> Bool { true }
    static func startLaterPart(_ accumulator: inout Accumulator) {}
    static func readsTotalRows(_ reader: RowReader) -> Bool { false }
    static func join(_ later: Accumulator, to accumulator: inout Accumulator, linesBefore: Int, part: PartState) {
        preconditionFailure("\(kind) is never read in parts")
    }
    static func checkHeld(
        _ summary: JournalSummary, debit: Money, credit: Money, _ fields: RecordFields, in table: TableBuilder<Self>
    ) -> Finding.Detail? { nil }
}

/// The kinds whose file is a list of rows, each read by one rule and kept as it is.
protocol ListKind: TableKindRules where Accumulator == [Row] {
    associatedtype Row
    /// The row rule: a row of the kind, or the first rule it breaks.
    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> Row
    /// The row's amounts, counted towards the file's (none by default).
    static func amounts(of row: Row) -> (Money, Money)
    static func contents(_ rows: [Row]) -> TableContents
}

extension ListKind {
    static func start(_ header: TableHeader, reader: RowReader) -> [Row] { [] }
    static func amounts(of row: Row) -> (Money, Money) { (.zero, .zero) }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to rows: inout [Row], amounts: inout AmountCount
    ) throws(RowProblem) {
        let row = try row(fields, line: line, reader: reader)
        let (first, second) = Self.amounts(of: row)
        try amounts.count(first, second)
        rows.append(row)
    }

    static func finish(_ rows: inout [Row]) -> TableContents { contents(rows) }
}

/// A kind's column keys, as its spec names them (`unit_code`, `original_value` …).
protocol ColumnKey: RawRepresentable<String>, CaseIterable, Sendable {}

/// The sum of the magnitudes of every amount a file's accepted rows hold: together they must stay
/// inside what a sum holds, so every total made from them does.
struct AmountCount {
    var magnitude = Money.zero

    /// Counts a row's amounts, refusing the row past `Money.largestSum`.
    mutating func count(_ first: Money, _ second: Money = .zero) throws(RowProblem) {
        guard let sum = magnitude.adding(first.magnitude), let total = sum.adding(second.magnitude),
            total <= Money.largestSum
        else {
            throw RowProblem(detail: .rowAmountsTooLarge)
        }
        magnitude = total
    }
}
