import CSVReading

/// Builds one table's typed contents from its records, whatever source they come from, by the
/// rules of its kind (`TableKindRules`), specialised per kind. Every data row below the header is
/// counted once: accepted, or rejected with a finding; blank and 合计 rows are neither.
struct TableBuilder<Kind: TableKindRules> {
    let header: TableHeader
    let reader: RowReader
    let options: ReadingOptions
    var findings: [Finding] = []
    /// Data rows read, and how many of them were rejected: the reading stage's counts.
    var rows = 0
    var rejected = 0
    var blankRows = 0
    var totalRowLines: [Int] = []
    /// Rows that are neither data nor totals (栏次, 记账： 审核：): read past, shown by `inspect`.
    var nonDataRowLines: [Int] = []
    /// Whether a non-blank row under the header has been seen: the first may be a 栏次 row.
    var sawRow = false
    /// A 合计 printed above its rows (合计 first, as many forms print it): its amounts, compared
    /// with the rows below it at the next 合计 or the table's end.
    var leadingTotal: (stated: [String: Money], line: Int)?
    private(set) var rowsForInspection: [[(String, String)]]?
    /// What the kind keeps of the rows so far.
    var accumulator: Kind.Accumulator
    /// The magnitudes of every accepted amount, which must stay inside what a sum holds.
    var amounts = AmountCount()
    var totals: TotalRowChecker
    let place: String
    /// Lines up to this one are the header and what is above it: the header's line, or 0 in a
    /// later part of a file read in parts (`TableParts`), which lies wholly below the header.
    var headerLine: Int
    /// In a later part: the rows whose check needs the lines before the part, checked when the
    /// parts are joined; and whether a row needs what cannot be joined (a voucher opened before).
    var part: PartState?
    /// Later parts joined to this one: how many more cores read the file.
    var partsJoined = 0

    /// - Parameter moneyUnits: each money column's unit, from `TableHeader.moneyUnits(place:)`.
    init(header: TableHeader, moneyUnits: [String: MoneyUnit], place: String, options: ReadingOptions) {
        self.header = header
        self.options = options
        self.place = place
        headerLine = header.line
        reader = RowReader(
            layout: header.layout, moneyUnits: moneyUnits, preamble: header.preamble, kinds: options.kinds)
        accumulator = Kind.start(header, reader: reader)
        totals = TotalRowChecker(reader: reader)
        if options.keepRows { rowsForInspection = [] }
    }

    /// Reads every record of `source` into the table: a big text file in parts on several cores
    /// when `options.cores` allows it (`PartedReading`).
    mutating func read(_ source: some RecordSource) throws -> CSVFile.ReadSummary {
        if options.cores > 1, canBeReadInParts, let csv = source as? CSVRecordSource {
            let targets = options.partTargets ?? PartedReading.targets(size: csv.file.file.size, cores: options.cores)
            let starts = try csv.file.partStarts(near: targets)
            if !starts.isEmpty {
                return try PartedReading.read(csv, starts: starts, cores: options.cores, into: &self)
            }
        }
        return try source.forEachRecord(
            fast: { fields, line in self.offerFast(fields, line: line) }, { event in self.take(event) })
    }

    /// A row offered to the kind's fast path, when it is on.
    @inline(__always)
    mutating func offerFast(_ fields: RecordFields, line: Int) -> Bool {
        // The line under the header may be its 栏次 row: `take` looks at it.
        options.fastPath && line != headerLine + 1 && Kind.takeFast(fields, line: line, into: &self)
    }

    /// Whether a fast path may take the row at all: below the header, as wide as it, not a 合计 row.
    @inline(__always)
    func mayTakeFast(_ fields: RecordFields, line: Int) -> Bool {
        line > headerLine && fields.count == reader.width && !reader.isTotalRow(fields)
    }

    /// A row the fast path took: counted, and kept for `inspect --rows` when asked.
    @inline(__always)
    mutating func tookFast(_ fields: RecordFields) {
        rows += 1
        if options.keepRows { keepForInspection(fields) }
    }

    mutating func take(_ event: RecordEvent) {
        switch event {
        case .malformed(let problem):
            guard problem.line > headerLine else { return }
            reject(problem.line, RowProblem(detail: .rowMalformed(problem)))
        case .record(let record):
            guard record.line > headerLine else { return }
            record.withUnsafeFields { take($0, line: record.line) }
        }
    }

    private mutating func take(_ fields: RecordFields, line: Int) {
        if offerFast(fields, line: line) { return }
        if fields.isBlank {
            blankRows += 1
            return
        }
        if !sawRow {
            sawRow = true
            // A 栏次 row (`1 2 3 …`, `甲 乙 1 2`) under the header numbers the columns: never data.
            if headerLine > 0,
                HeaderBand.isNumbering((0..<fields.count).map { String(decoding: fields[$0], as: UTF8.self) })
            {
                nonDataRowLines.append(line)
                return
            }
        }
        if reader.isTotalRow(fields) && !Kind.readsTotalRows(reader) {
            totalRow(fields, line: line)
            return
        }
        if reader.isNonDataRow(fields) {
            nonDataRowLines.append(line)
            return
        }
        if Kind.takeOwnRow(fields, line: line, into: &self) { return }
        // The 合计 row sums every row above it as written, counted or not.
        totals.add(fields)
        do throws(RowProblem) {
            try reader.checkWidth(fields)
            try Kind.add(fields, line: line, reader: reader, to: &accumulator, amounts: &amounts)
            rows += 1
            if options.keepRows { keepForInspection(fields) }
        } catch {
            reject(line, error)
        }
    }

    /// A 合计/总计 row: checked against the rows above it, or, when none is above it (合计 first),
    /// against the rows below it.
    mutating func totalRow(_ fields: RecordFields, line: Int) {
        totalRowLines.append(line)
        if Kind.takeTotalRow(fields, line: line, into: &self) { return }
        if part?.holdFirstTotal(fields, line: line, at: findings.count, totals: &totals) == true { return }
        if part == nil && rows == 0 && !totals.sawRows && leadingTotal == nil {
            let (amounts, problem) = totals.stated(fields)
            if let problem {
                findings.append(Finding(problem, file: place, line: line))
            } else {
                leadingTotal = (amounts, line)
            }
            return
        }
        checkLeadingTotal()
        if let problem = totals.check(fields) {
            findings.append(Finding(problem, file: place, line: line))
        }
    }

    /// Compares a 合计 printed first with the rows since; none when nothing is below it.
    mutating func checkLeadingTotal() {
        guard let leading = leadingTotal else { return }
        leadingTotal = nil
        guard totals.sawRows else { return }
        var since = totals
        if let problem = since.compare(leading.stated) {
            findings.append(Finding(problem, file: place, line: leading.line))
        }
    }

    mutating func reject(_ line: Int, _ problem: RowProblem) {
        rows += 1
        rejected += 1
        findings.append(Finding(problem.detail, unit: problem.unit, file: place, line: line))
    }

    private mutating func keepForInspection(_ fields: RecordFields) {
        var pairs: [(String, String)] = []
        for (index, name) in header.layout.header.enumerated() where index < fields.count {
            if options.kinds.personalData.contains(normalizeLabel(name).lowercased()) { continue }
            pairs.append((name, String(decoding: fields[index], as: UTF8.self)))
        }
        rowsForInspection?.append(pairs)
    }

    /// The table's rows, and the sum of the magnitudes of every accepted amount.
    mutating func finish() -> (contents: TableContents, magnitude: Money) {
        // Read in parts, the rows below a leading 合计 are not all this builder's: left unchecked.
        if partsJoined == 0 { checkLeadingTotal() }
        return (Kind.finish(&accumulator), amounts.magnitude)
    }
}

extension TableHeader {
    /// Money units: the header's word, else the preamble's 单位：万元, else 元 with a warning per
    /// column; asset cards, which the asset systems export in 元 stating no unit, with one note;
    /// books, kept in 元, with none.
    func moneyUnits(place: String) -> (units: [String: MoneyUnit], findings: [Finding]) {
        var units: [String: MoneyUnit] = [:]
        var assumed: [String] = []
        // In column order: a dictionary's order is not the same from one table to the next.
        let keys = layout.headerUnits.keys.sorted { layout.index[$0]! < layout.index[$1]! }
        for key in keys {
            let stated = layout.headerUnits[key]!
            if let stated {
                units[key] = stated
            } else if let preambleUnit {
                units[key] = preambleUnit
            } else {
                units[key] = .yuan
                assumed.append(layout.header[layout.index[key]!].trimmingSpaces())
            }
        }
        // Books are kept in 元, the 记账本位币: accounting software prints no unit, and needs none.
        if layout.kind == .journal { return (units, []) }
        if layout.kind == .assets && !assumed.isEmpty {
            return (units, [Finding(.cardsInYuan(columns: assumed), file: place, line: line)])
        }
        return (units, assumed.map { Finding(.moneyUnitAssumed(header: $0), file: place, line: line) })
    }
}

extension FileResult {
    /// A workbook's card sheets that state no money unit are noted once, for the file: the
    /// sheets' notes become one naming the workbook and every such column.
    mutating func noteCardsInYuanOnce() {
        var columns: [String] = []
        for index in sheets.indices {
            sheets[index].findings.removeAll { finding in
                guard case .cardsInYuan(let named) = finding.detail else { return false }
                columns += named.filter { !columns.contains($0) }
                return true
            }
        }
        if !columns.isEmpty { findings.append(Finding(.cardsInYuan(columns: columns), file: input.path)) }
    }
}

/// A 合计/总计 row is not data: its amounts must equal the rows above it.
struct TotalRowChecker {
    let reader: RowReader
    var sums: [String: Money] = [:]
    /// Rows above the total whose amount could not be read, so the sum cannot be complete.
    var unreadableSinceLastTotal = 0
    /// Ledger amounts the fast path already read, summed apart from the dictionary (hot loop).
    var ledgerAmounts = Money.zero
    var ledgerOverflows = 0

    init(reader: RowReader) {
        self.reader = reader
    }

    /// Whether a sum overflowed since the last total row: a part that did cannot be joined exactly.
    var overflowed = false

    mutating func addLedgerAmount(_ amount: Money) {
        rowsSinceTotal += 1
        if let sum = ledgerAmounts.adding(amount) { ledgerAmounts = sum } else { overflow() }
    }

    private mutating func overflow() {
        ledgerOverflows += 1
        overflowed = true
    }

    /// A journal line's amounts the fast path already read.
    var journalDebit = Money.zero
    var journalCredit = Money.zero

    mutating func addJournal(debit: Money, credit: Money) {
        rowsSinceTotal += 1
        if let sum = journalDebit.adding(debit) { journalDebit = sum } else { overflow() }
        if let sum = journalCredit.adding(credit) { journalCredit = sum } else { overflow() }
    }

    mutating func add(_ fields: RecordFields) {
        rowsSinceTotal += 1
        var unreadable = false
        for (key, unit) in reader.moneyUnits {
            guard
                let amount = try? reader.money(
                    fields, reader.layout.index[key], key, in: unit, unit: "", optional: true)
            else {
                unreadable = true
                continue
            }
            if let sum = sums[key, default: .zero].adding(amount) {
                sums[key] = sum
            } else {
                unreadable = true
                overflowed = true
            }
        }
        if unreadable { unreadableSinceLastTotal += 1 }
    }

    /// Forgets the sums: a total row closed them.
    mutating func restart() {
        sums = [:]
        rowsSinceTotal = 0
        unreadableSinceLastTotal = 0
        ledgerAmounts = .zero
        journalDebit = .zero
        journalCredit = .zero
        ledgerOverflows = 0
        overflowed = false
    }

    /// Whether any row was summed since the last total row.
    var sawRows: Bool { rowsSinceTotal > 0 }

    /// Rows summed since the last total row (those the fast path read included).
    var rowsSinceTotal = 0

    /// A total row's amounts as stated (blank cells left out), or why one cannot be read.
    func stated(_ fields: RecordFields) -> (amounts: [String: Money], problem: Finding.Detail?) {
        var stated: [String: Money] = [:]
        for key in reader.moneyUnits.keys.sorted() {
            let text = reader.text(fields, key)
            if text.isEmpty { continue }
            guard case .success(let amount) = Money.parse(text, unit: reader.moneyUnits[key]!) else {
                return ([:], .totalRowUnreadable(header: reader.header(key), value: text))
            }
            stated[key] = amount
        }
        return (stated, nil)
    }

    /// Compares the total row with the sums since the previous one, then starts afresh.
    mutating func check(_ fields: RecordFields) -> Finding.Detail? {
        let (amounts, problem) = stated(fields)
        if let problem {
            restart()
            return problem
        }
        return compare(amounts)
    }

    /// Compares stated totals with the sums since the previous total row, then starts afresh.
    mutating func compare(_ stated: [String: Money]) -> Finding.Detail? {
        for (key, amount) in [("amount", ledgerAmounts), ("debit", journalDebit), ("credit", journalCredit)]
        where amount != .zero {
            if let sum = sums[key, default: .zero].adding(amount) {
                sums[key] = sum
            } else {
                unreadableSinceLastTotal += 1
            }
        }
        unreadableSinceLastTotal += ledgerOverflows
        defer { restart() }
        var differences: [Finding.TotalDifference] = []
        for key in reader.moneyUnits.keys.sorted() {
            guard let stated = stated[key] else { continue }
            let computed = sums[key] ?? .zero
            if stated != computed {
                differences.append(
                    Finding.TotalDifference(
                        header: reader.header(key), stated: stated, computed: computed, unit: reader.moneyUnits[key]!))
            }
        }
        return differences.isEmpty ? nil : .totalRowMismatch(differences, unreadableRows: unreadableSinceLastTotal)
    }
}

extension FileResult {
    /// The table a header begins: its kind, what `inspect` shows of it, its money units (and the
    /// findings about them), and the builder its rows go to.
    mutating func startTable<Kind: TableKindRules>(
        _ header: TableHeader, as: Kind.Type, place: String, options: ReadingOptions
    ) -> TableBuilder<Kind> {
        input.kind = header.layout.kind.rawValue
        inspection.preamble = header.preamble
        inspection.headerLine = header.line
        inspection.headerTop = header.bandLines.map(\.lowerBound)
        inspection.turned = header.turned
        inspection.layout = header.layout
        let (units, unitFindings) = header.moneyUnits(place: place)
        inspection.moneyUnits = units
        findings += unitFindings
        statedUnit = header.preamble.lazy.compactMap(TableHeader.statedUnit(in:)).first
        return TableBuilder(header: header, moneyUnits: units, place: place, options: options)
    }

    /// Blank rows in one table from which on they are worth a finding.
    static let manyBlankRows = 10_000

    /// A table read to its end: its counts, rows and findings, and what `inspect` shows.
    mutating func finishTable<Kind>(_ table: inout TableBuilder<Kind>) {
        let (contents, magnitude) = table.finish()
        input.rows = table.rows
        input.rejected = table.rejected
        findings += table.findings
        self.contents = contents
        amountMagnitude = magnitude
        inspection.blankRows = table.blankRows
        // Formatted but empty rows cost time to read, not figures: say so once when they are many.
        if table.blankRows >= Self.manyBlankRows {
            findings.append(Finding(.manyBlankRows(count: table.blankRows), file: input.path))
        }
        inspection.totalRows = table.totalRowLines
        inspection.nonDataRows = table.nonDataRowLines
        // Every row is accounted for: the ones read past are named, once for the file.
        if !table.nonDataRowLines.isEmpty {
            findings.append(Finding(.rowsNotData(lines: table.nonDataRowLines), file: table.place))
        }
        inspection.partsRead = 1 + table.partsJoined
        rowsForInspection = table.rowsForInspection
    }

    /// A table that could not be read to its end is set aside whole: a half-read one would count
    /// some rows and not others. Its row findings go with it.
    mutating func setAside<Kind>(_ table: TableBuilder<Kind>) {
        input.rows = table.rows
        input.rejected = table.rows
        findings += table.findings.filter { $0.ruleInfo.topic != .row }
    }
}
