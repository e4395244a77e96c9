import CSVReading

/// Builds one table's typed contents from its records, whatever source they come from. Every
/// data row below the header is counted once: accepted, or rejected with a finding; blank and
/// 合计 rows are neither.
struct TableBuilder {
    let header: TableHeader
    let reader: RowReader
    let options: ReadingOptions
    var findings: [Finding] = []
    /// Data rows read, and how many of them were rejected: the reading stage's counts.
    var rows = 0
    var rejected = 0
    var blankRows = 0
    var totalRowLines: [Int] = []
    private(set) var rowsForInspection: [[(String, String)]]?
    var collector: ContentCollector
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

    /// - Parameter moneyUnits: each money column's unit, from `moneyUnits(for:)`.
    init(header: TableHeader, moneyUnits: [String: MoneyUnit], place: String, options: ReadingOptions) {
        self.header = header
        self.options = options
        self.place = place
        headerLine = header.line
        reader = RowReader(layout: header.layout, moneyUnits: moneyUnits, preamble: header.preamble)
        collector = ContentCollector(kind: header.layout.kind)
        if header.layout.kind == .indicators, let (block, indicator) = FundsBlock.read(above: header) {
            collector.funds = block
            if let indicator { collector.indicators.append(indicator) }
        }
        totals = TotalRowChecker(reader: reader)
        if options.keepRows { rowsForInspection = [] }
    }

    /// Money units: the header's word, else the preamble's 单位：万元, else 元 with a warning.
    static func moneyUnits(for header: TableHeader, place: String) -> (units: [String: MoneyUnit], findings: [Finding])
    {
        var units: [String: MoneyUnit] = [:]
        var findings: [Finding] = []
        // In column order: a dictionary's order is not the same from one table to the next.
        let keys = header.layout.headerUnits.keys.sorted { header.layout.index[$0]! < header.layout.index[$1]! }
        for key in keys {
            let stated = header.layout.headerUnits[key]!
            if let stated {
                units[key] = stated
            } else if let preambleUnit = header.preambleUnit {
                units[key] = preambleUnit
            } else {
                units[key] = .yuan
                let name = header.layout.header[header.layout.index[key]!].trimmingSpaces()
                findings.append(Finding(.moneyUnitAssumed(header: name), file: place, line: header.line))
            }
        }
        return (units, findings)
    }

    var isLedger: Bool { header.layout.kind == .expenditure }
    var isJournal: Bool { header.layout.kind == .journal }

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

    /// A row offered to the fast path, when it is on for this table.
    mutating func offerFast(_ fields: RecordFields, line: Int) -> Bool {
        options.fastPath && (isLedger || isJournal) && takeFast(fields, line: line)
    }

    /// A ledger or journal row every rule accepts, read where it lies; false: the ordinary way.
    mutating func takeFast(_ fields: RecordFields, line: Int) -> Bool {
        isLedger ? takeLedgerRow(fields, line: line) : takeJournalRow(fields, line: line)
    }

    /// A line of the books every rule accepts, read where it lies (the same rules as the
    /// ordinary way); a row that may be a 本月合计 or 期初余额 goes the ordinary way.
    mutating func takeJournalRow(_ fields: RecordFields, line: Int) -> Bool {
        guard line > headerLine, fields.count == reader.width, !RowReader.isTotalRow(fields),
            let entry = reader.fastJournalLine(fields), (try? collector.count(entry.debit, entry.credit)) != nil
        else {
            return false
        }
        collector.addJournal(entry, name: { reader.accountName(fields) }, line: line)
        totals.addJournal(debit: entry.debit, credit: entry.credit)
        rows += 1
        if options.keepRows { keepForInspection(fields) }
        return true
    }

    /// A ledger row every rule accepts, read where it lies; false sends it the ordinary way,
    /// which applies the same rules and says which one the row broke.
    mutating func takeLedgerRow(_ fields: RecordFields, line: Int) -> Bool {
        guard line > headerLine, fields.count == reader.width, !RowReader.isTotalRow(fields),
            let row = try? reader.ledgerRow(fields), (try? collector.count(row.amount)) != nil
        else {
            return false
        }
        collector.addLedger(row, line: line)
        totals.addLedgerAmount(row.amount)
        rows += 1
        if options.keepRows { keepForInspection(fields) }
        return true
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
        if RowReader.isTotalRow(fields) {
            totalRowLines.append(line)
            if part?.holdFirstTotal(fields, line: line, at: findings.count, totals: &totals) == true { return }
            if let problem = totals.check(fields) {
                findings.append(Finding(problem, file: place, line: line))
            }
            return
        }
        if isJournal, let blockRow = reader.voucherBlockRow(fields) {
            switch blockRow {
            case .open(let block):
                part?.openedVoucher = true
                collector.openVoucher(block)
            case .total:
                totalRowLines.append(line)
                if part?.openedVoucher == false { part?.needsEarlierVoucher = true }
                if let problem = collector.closeVoucher(fields, reader: reader) {
                    findings.append(Finding(problem, file: place, line: line))
                }
            case .badDate(let text):
                collector.voucher = nil
                reject(line, RowProblem(detail: .rowDate(value: text)))
            }
            return
        }
        if header.layout.kind == .journal, let summary = reader.journalSummary(fields) {
            totalRowLines.append(line)
            if part?.holdSummary(summary, fields, line: line, at: findings.count, collector: &collector) == true {
                return
            }
            if let problem = collector.checkJournal(summary, fields, reader: reader) {
                findings.append(Finding(problem, file: place, line: line))
            }
            return
        }
        // The 合计 row sums every row above it as written, counted or not.
        totals.add(fields)
        do throws(RowProblem) {
            try reader.checkWidth(fields)
            try collector.add(fields, line: line, reader: reader)
            rows += 1
            if options.keepRows { keepForInspection(fields) }
        } catch {
            reject(line, error)
        }
    }

    private mutating func reject(_ line: Int, _ problem: RowProblem) {
        rows += 1
        rejected += 1
        findings.append(Finding(problem.detail, unit: problem.unit, file: place, line: line))
    }

    private mutating func keepForInspection(_ fields: RecordFields) {
        var pairs: [(String, String)] = []
        for (index, name) in header.layout.header.enumerated() where index < fields.count {
            if personalDataHeaders.contains(normalizeLabel(name).lowercased()) { continue }
            pairs.append((name, String(decoding: fields[index], as: UTF8.self)))
        }
        rowsForInspection?.append(pairs)
    }

    /// The table's rows, and the sum of the magnitudes of every accepted amount.
    mutating func finish() -> (contents: TableContents, magnitude: Money) {
        (collector.finish(), collector.magnitude)
    }
}

/// A file's typed contents, row by row.
struct ContentCollector {
    let kind: TableKind
    var registry: [RegistryEntry] = []
    var assets: [AssetCard] = []
    var staff: [StaffMember] = []
    var staffCounts: [StaffCount] = []
    var budget: [BudgetLine] = []
    var ledgers: [String: LedgerSummary] = [:]
    /// The unit whose rows are streaming past, summed apart until another unit's row comes.
    var currentUnit: String?
    var current = LedgerSummary()
    var indicators: [Indicator] = []
    var funds: FundsBlock?
    /// The indicator row above, whose 一级/二级指标 a merged (blank) cell repeats.
    var lastSheetRow: Indicator?
    var figures: [ReportFigure] = []
    var magnitude = Money.zero
    /// A 序时账's accounts (found by unit and code bytes without making a string per line), and
    /// its lines' sums since the last 本月合计 and in all.
    var accounts: [AccountSummary] = []
    var accountCodes: [[UInt8]] = []
    var accountsByKey: [String: Int] = [:]
    /// The accounts used last, searched first by their code's bytes: a unit's books use a few dozen
    /// (the bench's 17 missed 8 slots often, and each miss makes and hashes a key).
    var recentAccounts: [Int] = []
    static let recentAccountCount = 32
    var accountRules: [AccountRule] = []
    var monthSums = (debit: Money.zero, credit: Money.zero)
    /// The voucher a voucher-block export opened, and its lines' sums for its `[合计]`.
    var voucher: VoucherBlock?
    var voucherSums = (debit: Money.zero, credit: Money.zero)
    var yearSums = (debit: Money.zero, credit: Money.zero)

    /// Counts a row's amounts towards the file's magnitude, refusing the row past `Money.largestSum`.
    mutating func count(_ first: Money, _ second: Money = .zero) throws(RowProblem) {
        guard let sum = magnitude.adding(first.magnitude), let total = sum.adding(second.magnitude),
            total <= Money.largestSum
        else {
            throw RowProblem(detail: .rowAmountsTooLarge)
        }
        magnitude = total
    }

    mutating func add(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) {
        switch kind {
        case .registry: registry.append(try reader.registryEntry(fields, line: line))
        case .assets:
            let card = try reader.assetCard(fields, line: line)
            try count(card.originalValue, card.accumulatedDepreciation)
            assets.append(card)
        case .staff: staff.append(try reader.staffMember(fields, line: line))
        case .staffCounts: staffCounts.append(try reader.staffCount(fields, line: line))
        case .budget:
            let budgetLine = try reader.budgetLine(fields, line: line)
            try count(budgetLine.amount)
            budget.append(budgetLine)
        case .expenditure:
            let row = try reader.ledgerRow(fields)
            try count(row.amount)
            addLedger(row, line: line)
        case .indicators:
            let indicator = try reader.indicator(fields, line: line, above: lastSheetRow)
            lastSheetRow = indicator
            indicators.append(indicator)
        case .reportFigures: figures.append(try reader.reportFigure(fields, line: line))
        case .journal:
            let entry = try reader.journalLine(fields, block: voucher)
            try count(entry.debit, entry.credit)
            addJournal(entry, name: { reader.accountName(fields) }, line: line)
        case .accountMap: accountRules.append(try reader.accountRule(fields, line: line))
        }
    }

    /// Adds a line to its account: found among the last used by its code's bytes, else by its key.
    mutating func addJournal(_ entry: JournalLine, name: () -> String, line: Int) {
        let (unit, code, debit, credit) = (entry.unit, entry.code, entry.debit, entry.credit)
        var index = -1
        for recent in recentAccounts
        where accountCodes[recent].withUnsafeBufferPointer({ equalBytes(code, $0) }) && accounts[recent].unit == unit {
            index = recent
            break
        }
        if index < 0 {
            let text = String(decoding: code, as: UTF8.self)
            let key = unit + "\u{1F}" + text
            if let found = accountsByKey[key] {
                index = found
            } else {
                index = accounts.count
                accounts.append(AccountSummary(unit: unit, code: text, name: name()))
                accountCodes.append(Array(code))
                accountsByKey[key] = index
            }
            if recentAccounts.count == Self.recentAccountCount { recentAccounts.removeFirst() }
            recentAccounts.append(index)
        }
        if accounts[index].name.isEmpty { accounts[index].name = name() }
        accounts[index].add(debit: debit, credit: credit, year: entry.year, line: line)
        monthSums = (monthSums.debit + debit, monthSums.credit + credit)
        yearSums = (yearSums.debit + debit, yearSums.credit + credit)
        voucherSums = (voucherSums.debit + debit, voucherSums.credit + credit)
    }

    mutating func openVoucher(_ block: VoucherBlock) {
        voucher = block
        voucherSums = (.zero, .zero)
    }

    /// A voucher's `[合计]` must equal its lines, 借 and 贷 each.
    mutating func closeVoucher(_ fields: RecordFields, reader: RowReader) -> Finding.Detail? {
        defer { voucher = nil }
        return Self.compare(fields, with: voucherSums, label: "凭证合计", reader: reader)
    }

    /// A 本月合计 must equal the lines since the last one, a 本年累计 every line so far; each side
    /// as written (a blank side is not checked).
    mutating func checkJournal(_ summary: JournalSummary, _ fields: RecordFields, reader: RowReader)
        -> Finding.Detail?
    {
        let sums: (debit: Money, credit: Money)
        switch summary {
        case .carried: return nil
        case .month:
            sums = monthSums
            monthSums = (.zero, .zero)
        case .year: sums = yearSums
        }
        return Self.compare(fields, with: sums, label: summary.label, reader: reader)
    }

    /// A summary row's 借 and 贷, each as written (a blank side is not checked), against the sums
    /// of its lines.
    static func compare(
        _ fields: RecordFields, with sums: (debit: Money, credit: Money), label: String, reader: RowReader
    ) -> Finding.Detail? {
        for (key, expected) in [("debit", sums.debit), ("credit", sums.credit)] {
            let text = reader.text(fields, key)
            if text.isEmpty { continue }
            guard case .success(let stated) = Money.parse(text, unit: reader.moneyUnits[key] ?? .yuan) else {
                return .totalRowUnreadable(header: reader.header(key), value: text)
            }
            if stated != expected {
                return .journalSummaryMismatch(label: label, header: reader.header(key), stated: stated, sum: expected)
            }
        }
        return nil
    }

    mutating func addLedger(_ row: LedgerRow, line: Int) {
        if row.unit != currentUnit {
            flushLedger()
            currentUnit = row.unit
        }
        current.add(row.amount, source: row.source, type: row.type, year: row.year, line: line)
    }

    mutating func flushLedger() {
        guard let unit = currentUnit else { return }
        ledgers[unit, default: LedgerSummary()].merge(current)
        current = LedgerSummary()
        currentUnit = nil
    }

    mutating func finish() -> TableContents {
        flushLedger()
        return switch kind {
        case .registry: .registry(registry)
        case .assets: .assets(assets)
        case .staff: .staff(staff)
        case .staffCounts: .staffCounts(staffCounts)
        case .budget: .budget(budget)
        case .expenditure: .expenditure(ledgers)
        case .indicators: .indicators(indicators, funds: funds)
        case .reportFigures: .reportFigures(figures)
        case .journal:
            .journal(
                accounts.sorted { a, b in a.unit != b.unit ? bytewise(a.unit, b.unit) : bytewise(a.code, b.code) })
        case .accountMap: .accountMap(accountRules)
        }
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
        if let sum = journalDebit.adding(debit) { journalDebit = sum } else { overflow() }
        if let sum = journalCredit.adding(credit) { journalCredit = sum } else { overflow() }
    }

    mutating func add(_ fields: RecordFields) {
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
        unreadableSinceLastTotal = 0
        ledgerAmounts = .zero
        journalDebit = .zero
        journalCredit = .zero
        ledgerOverflows = 0
        overflowed = false
    }

    /// Compares the total row with the sums since the previous one, then starts afresh.
    mutating func check(_ fields: RecordFields) -> Finding.Detail? {
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
            let text = reader.text(fields, key)
            if text.isEmpty { continue }
            let unit = reader.moneyUnits[key]!
            guard case .success(let stated) = Money.parse(text, unit: unit) else {
                return .totalRowUnreadable(header: reader.header(key), value: text)
            }
            let computed = sums[key] ?? .zero
            if stated != computed {
                differences.append(
                    Finding.TotalDifference(header: reader.header(key), stated: stated, computed: computed, unit: unit))
            }
        }
        return differences.isEmpty ? nil : .totalRowMismatch(differences, unreadableRows: unreadableSinceLastTotal)
    }
}

extension FileResult {
    /// The table a header begins: its kind, what `inspect` shows of it, its money units (and the
    /// findings about them), and the builder its rows go to.
    mutating func startTable(_ header: TableHeader, place: String, options: ReadingOptions) -> TableBuilder {
        input.kind = header.layout.kind.rawValue
        inspection.preamble = header.preamble
        inspection.headerLine = header.line
        inspection.layout = header.layout
        let (units, unitFindings) = TableBuilder.moneyUnits(for: header, place: place)
        inspection.moneyUnits = units
        findings += unitFindings
        statedUnit = header.preamble.lazy.compactMap(TableHeader.statedUnit(in:)).first
        return TableBuilder(header: header, moneyUnits: units, place: place, options: options)
    }

    /// Blank rows in one table from which on they are worth a finding.
    static let manyBlankRows = 10_000

    /// A table read to its end: its counts, rows and findings, and what `inspect` shows.
    mutating func finishTable(_ table: inout TableBuilder) {
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
        inspection.partsRead = 1 + table.partsJoined
        rowsForInspection = table.rowsForInspection
    }

    /// A table that could not be read to its end is set aside whole: a half-read one would count
    /// some rows and not others. Its row findings go with it.
    mutating func setAside(_ table: TableBuilder) {
        input.rows = table.rows
        input.rejected = table.rows
        findings += table.findings.filter { $0.ruleInfo.topic != .row }
    }
}
