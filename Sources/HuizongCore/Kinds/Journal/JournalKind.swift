import CSVReading

/// The books (序时账, 明细账) as 用友, 金蝶 and 浪潮 export them: each account's lines summed as they
/// stream past, with the sums its 本月合计, 本年累计 and voucher `[合计]` rows are checked against;
/// merged by the department's account mapping — spending into the unit's ledger, internal
/// transfers beside it for their check, the rest named.
enum JournalKind: TableKindRules {
    static let kind = TableKind.journal
    static var isReadInParts: Bool { true }

    /// The file's accounts (found by unit and code bytes without making a string per line), and its
    /// lines' sums since the last 本月合计, in the open voucher, and in all.
    struct Accumulator {
        let columns: Columns
        var accounts: [AccountSummary] = []
        var accountCodes: [[UInt8]] = []
        var accountsByKey: [String: Int] = [:]
        /// The accounts used last, searched first by their code's bytes: a unit's books use a few
        /// dozen (the bench's 17 missed 8 slots often, and each miss makes and hashes a key).
        var recentAccounts: [Int] = []
        static let recentAccountCount = 32
        var monthSums = (debit: Money.zero, credit: Money.zero)
        /// The voucher a voucher-block export opened, and its lines' sums for its `[合计]`.
        var voucher: VoucherBlock?
        var voucherSums = (debit: Money.zero, credit: Money.zero)
        var yearSums = (debit: Money.zero, credit: Money.zero)

        /// Adds a line to its account: found among the last used by its code's bytes, else by its key.
        mutating func add(_ entry: JournalLine, name: () -> String, line: Int) {
            let (unit, code, debit, credit) = (entry.unit, entry.code, entry.debit, entry.credit)
            var index = -1
            for recent in recentAccounts
            where accountCodes[recent].withUnsafeBufferPointer({ equalBytes(code, $0) })
                && accounts[recent].unit == unit
            {
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
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        Accumulator(columns: Columns(reader))
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to books: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        let entry = try reader.journalLine(fields, books.columns, block: books.voucher)
        try amounts.count(entry.debit, entry.credit)
        let columns = books.columns
        books.add(entry, name: { accountName(fields, columns, reader: reader) }, line: line)
    }

    /// A line of the books every rule accepts, read where it lies (the same rules as the ordinary
    /// way); a row that may be a 本月合计 or 期初余额 goes the ordinary way.
    @inline(__always)
    static func takeFast(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        guard table.mayTakeFast(fields, line: line),
            let entry = table.reader.fastJournalLine(fields, table.accumulator.columns),
            (try? table.amounts.count(entry.debit, entry.credit)) != nil
        else {
            return false
        }
        let (reader, columns) = (table.reader, table.accumulator.columns)
        table.accumulator.add(entry, name: { accountName(fields, columns, reader: reader) }, line: line)
        table.totals.addJournal(debit: entry.debit, credit: entry.credit)
        table.tookFast(fields)
        return true
    }

    /// A voucher block's own rows, and the 期初余额, 本月合计, 本年累计 … rows among the lines.
    static func takeOwnRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        if let blockRow = voucherBlockRow(fields) {
            switch blockRow {
            case .open(let block):
                table.part?.openedVoucher = true
                table.accumulator.voucher = block
                table.accumulator.voucherSums = (.zero, .zero)
            case .total:
                table.totalRowLines.append(line)
                if table.part?.openedVoucher == false { table.part?.needsEarlierVoucher = true }
                // A voucher's `[合计]` must equal its lines, 借 and 贷 each.
                let sums = table.accumulator.voucherSums
                table.accumulator.voucher = nil
                if let problem = compare(fields, with: sums, label: "凭证合计", reader: table.reader) {
                    table.findings.append(Finding(problem, file: table.place, line: line))
                }
            case .badDate(let text):
                table.accumulator.voucher = nil
                table.reject(line, RowProblem(detail: .rowDate(value: text)))
            }
            return true
        }
        guard let summary = summary(fields, reader: table.reader) else { return false }
        table.totalRowLines.append(line)
        if table.part?.holdSummary(
            summary, fields, line: line, at: table.findings.count, monthSums: &table.accumulator.monthSums,
            yearSums: table.accumulator.yearSums) == true
        {
            return true
        }
        // A 本月合计 must equal the lines since the last one, a 本年累计 every line so far; each side
        // as written (a blank side is not checked).
        let sums: (debit: Money, credit: Money)
        switch summary {
        case .carried: return true
        case .month:
            sums = table.accumulator.monthSums
            table.accumulator.monthSums = (.zero, .zero)
        case .year: sums = table.accumulator.yearSums
        }
        if let problem = compare(fields, with: sums, label: summary.label, reader: table.reader) {
            table.findings.append(Finding(problem, file: table.place, line: line))
        }
        return true
    }

    static func finish(_ books: inout Accumulator) -> TableContents {
        .journal(
            books.accounts.sorted { a, b in a.unit != b.unit ? bytewise(a.unit, b.unit) : bytewise(a.code, b.code) })
    }

    /// A part that starts inside a voucher cannot be joined: its lines belong to a voucher opened before it.
    static func canJoin(_ books: Accumulator) -> Bool { books.voucher == nil }

    static func join(_ later: Accumulator, to books: inout Accumulator, linesBefore: Int, part: PartState) {
        for (index, account) in later.accounts.enumerated() {
            let account = account.shiftingLines(by: linesBefore)
            let key = account.unit + "\u{1F}" + account.code
            if let found = books.accountsByKey[key] {
                books.accounts[found].merge(account)
            } else {
                books.accountsByKey[key] = books.accounts.count
                books.accounts.append(account)
                books.accountCodes.append(later.accountCodes[index])
            }
        }
        let (month, year) = (later.monthSums, later.yearSums)
        books.monthSums =
            part.sawMonth ? month : (books.monthSums.debit + month.debit, books.monthSums.credit + month.credit)
        books.yearSums = (books.yearSums.debit + year.debit, books.yearSums.credit + year.credit)
        if part.openedVoucher {
            books.voucher = later.voucher
            books.voucherSums = later.voucherSums
        } else {
            books.voucherSums = (
                books.voucherSums.debit + later.voucherSums.debit, books.voucherSums.credit + later.voucherSums.credit
            )
        }
    }

    /// A part's first 本月合计, or a 本年累计, held until the join: the sums before its part added.
    static func checkHeld(
        _ summary: JournalSummary, debit: Money, credit: Money, _ fields: RecordFields, in table: TableBuilder<Self>
    ) -> Finding.Detail? {
        let before = summary == .month ? table.accumulator.monthSums : table.accumulator.yearSums
        let sums = (debit: before.debit + debit, credit: before.credit + credit)
        return compare(fields, with: sums, label: summary.label, reader: table.reader)
    }

    static func merge(_ accounts: [AccountSummary], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        var notSpending: (rows: Int, accounts: [String]) = (0, [])
        for account in accounts {
            guard let unit = department.unit(account.unit, line: account.firstLine, rows: account.rows, in: &file)
            else { continue }
            let amount = account.debit - account.credit
            switch department.mapping.place(code: account.code, name: account.name) {
            case .spending(let type, let source):
                department.result.units[unit].ledger.add(account, amount: amount, source: source, type: type)
                department.receive(.expenditure, unit: unit)
                let years = account.years.keys.map { year in
                    (year, (rows: account.years[year]!, firstLine: account.firstLineOfYear[year]!))
                }
                department.ledgerYears.append((file.index, account.unit, Dictionary(uniqueKeysWithValues: years)))
            case .transfer(let item):
                let booked = department.result.units[unit].bookedTransfers[item]?.amount ?? .zero
                department.result.units[unit].bookedTransfers[item] = (booked + amount, file.path)
                department.receive(.expenditure, unit: unit)
            case .notSpending:
                notSpending.rows += account.rows
                notSpending.accounts.append("\(account.code) \(account.name)".trimmingSpaces())
            case .unplaced(let type, let source):
                file.note(
                    Finding(
                        .accountUnplaced(
                            code: account.code, name: account.name, rows: account.rows, amount: amount, type: type,
                            source: source),
                        unit: account.unit, file: file.path, line: account.firstLine))
            }
        }
        if notSpending.rows > 0 {
            file.note(
                Finding(.accountsNotSpending(rows: notSpending.rows, accounts: notSpending.accounts), file: file.path))
        }
    }
}
