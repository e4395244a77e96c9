import CSVReading

/// The books (序时账, 明细账) as 用友, 金蝶 and 浪潮 export them: each account's lines summed as they
/// stream past, with the sums its 本月合计, 本年累计 and voucher `[合计]` rows are checked against;
/// merged by the department's account mapping — spending into the unit's ledger, internal
/// transfers beside it for their check, the rest named.
enum JournalKind: TableKindRules {
    static let kind = TableKind.journal
    static var isReadInParts: Bool { true }

    /// The file's accounts by unit, code and source (found by their bytes without making a string
    /// per line), and its lines' sums since the last 本月合计, in the open voucher, and in all.
    struct Accumulator {
        let columns: Columns
        /// The funding sources' spellings, a department's own included: a line's 资金性质 is read
        /// once per account and source, when its first line is added.
        let sources: Spellings<FundingSource>
        var accounts: [AccountSummary] = []
        var accountsByKey: [String: Int] = [:]
        /// The accounts by the bytes a line spells them with: most lines find theirs there.
        var accountIndex = AccountIndex()
        /// What a year-end 结转's credit to a budget account is kept under: no account's code.
        nonisolated(unsafe) static let closingCode: Bytes = {
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 6)
            _ = bytes.initialize(from: "结转".utf8)
            return Bytes(bytes)
        }()
        var monthSums = (debit: Money.zero, credit: Money.zero)
        /// The voucher a voucher-block export opened, and its lines' sums for its `[合计]`.
        var voucher: VoucherBlock?
        var voucherSums = (debit: Money.zero, credit: Money.zero)
        var yearSums = (debit: Money.zero, credit: Money.zero)
        /// The previous line's date: a voucher's later lines printed without one take it.
        var previousDay: LedgerDate?

        /// Adds a line to its account: found by its unit's, code's and source's bytes, else by its
        /// key (its name and 摘要 are read from `fields` only when needed).
        mutating func add(_ entry: JournalLine, _ fields: RecordFields, reader: RowReader, line: Int) {
            var (unit, code, source, debit, credit) = (entry.unit, entry.code, entry.source, entry.debit, entry.credit)
            // A year-end 结转 credits the budget accounts with what they hold: no spending of its own,
            // kept apart (the 本月合计 still counts it).
            var closingName: String?
            if debit == .zero && credit != .zero && code.first == 0x37
                && JournalKind.saysClosing(reader.cell(fields, columns.memo))
            {
                code = Self.closingCode
                source = Bytes(start: nil, count: 0)
                closingName = "年末结转分录（贷记支出科目）"
            }
            let index: Int
            if let found = accountIndex.account(unit: unit, code: code, source: source) {
                index = found
            } else {
                var sourceText = String(decoding: source, as: UTF8.self)
                if FundingSource.isUnstatedFiscal(sourceText) { sourceText = "" }
                let account = AccountSummary(
                    unit: unit, code: String(decoding: code, as: UTF8.self), name: "", sourceText: sourceText,
                    lineSource: sourceText.isEmpty ? nil : FundingSource.ofLine(sourceText, in: sources))
                if let found = accountsByKey[account.key] {
                    index = found
                } else {
                    index = accounts.count
                    accounts.append(account)
                    accountsByKey[account.key] = index
                }
                accountIndex.remember(unit: unit, code: code, source: source, account: index)
            }
            if accounts[index].name.isEmpty {
                accounts[index].name = closingName ?? JournalKind.accountName(fields, columns, reader: reader)
            }
            accounts[index].add(debit: debit, credit: credit, day: entry.day, line: line)
            previousDay = entry.day
            monthSums = (monthSums.debit + debit, monthSums.credit + credit)
            yearSums = (yearSums.debit + debit, yearSums.credit + credit)
            voucherSums = (voucherSums.debit + debit, voucherSums.credit + credit)
        }
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        var books = Accumulator(columns: Columns(reader), sources: reader.fundingSources)
        // Printed vouchers whose first `[日期:… 凭证字号:…]` line stands above the header.
        if let last = header.preamble.last, case .open(let block)? = voucherOpened(last) { books.voucher = block }
        return books
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to books: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        let entry = try reader.journalLine(fields, books.columns, block: books.voucher, previousDay: books.previousDay)
        try amounts.count(entry.debit, entry.credit)
        books.add(entry, fields, reader: reader, line: line)
    }

    /// A line of the books every rule accepts, read where it lies (the same rules as the ordinary
    /// way); a row that may be a 本月合计 or 期初余额 goes the ordinary way.
    @inline(__always)
    static func takeFast(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        guard table.mayTakeFast(fields, line: line),
            let entry = table.reader.fastJournalLine(
                fields, table.accumulator.columns,
                // Inside a voucher block a line without a date takes the block's: the ordinary way.
                previousDay: table.accumulator.voucher == nil ? table.accumulator.previousDay : nil),
            (try? table.amounts.count(entry.debit, entry.credit)) != nil
        else {
            return false
        }
        table.accumulator.add(entry, fields, reader: table.reader, line: line)
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
        guard let summary = summary(fields, reader: table.reader) else {
            // A line with no date of its own at a part's start continues a voucher before the part.
            let columns = table.accumulator.columns
            if table.part != nil, table.accumulator.previousDay == nil, table.accumulator.voucher == nil,
                columns.date != nil, table.reader.trimmed(table.reader.cell(fields, columns.date)).isEmpty
            {
                table.part?.needsEarlierVoucher = true
            }
            return false
        }
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
            books.accounts.sorted { a, b in
                a.unit != b.unit
                    ? bytewise(a.unit, b.unit)
                    : a.code != b.code ? bytewise(a.code, b.code) : bytewise(a.sourceText, b.sourceText)
            })
    }

    /// Whether a 摘要 says 结转 (期末结转, 结转本年财政拨款支出 …).
    static func saysClosing(_ memo: Bytes) -> Bool {
        let word: [UInt8] = [0xE7, 0xBB, 0x93, 0xE8, 0xBD, 0xAC]
        guard memo.count >= word.count else { return false }
        return (0...(memo.count - word.count)).contains { start in
            word.indices.allSatisfy { memo[start + $0] == word[$0] }
        }
    }

    /// A later part's lines are in no voucher the preamble opened.
    static func startLaterPart(_ books: inout Accumulator) { books.voucher = nil }

    /// A part that starts inside a voucher cannot be joined: its lines belong to a voucher opened before it.
    static func canJoin(_ books: Accumulator) -> Bool { books.voucher == nil }

    static func join(_ later: Accumulator, to books: inout Accumulator, linesBefore: Int, part: PartState) {
        for account in later.accounts {
            let account = account.shiftingLines(by: linesBefore)
            if let found = books.accountsByKey[account.key] {
                books.accounts[found].merge(account)
            } else {
                books.accountsByKey[account.key] = books.accounts.count
                books.accounts.append(account)
            }
        }
        let (month, year) = (later.monthSums, later.yearSums)
        books.monthSums =
            part.sawMonth ? month : (books.monthSums.debit + month.debit, books.monthSums.credit + month.credit)
        books.yearSums = (books.yearSums.debit + year.debit, books.yearSums.credit + year.credit)
        books.previousDay = later.previousDay ?? books.previousDay
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
        let books = BookTree(accounts)
        var notSpending: (rows: Int, accounts: [String]) = (0, [])
        // Units whose lines in this file touch no budget account, with their first line and rows.
        var withoutBudget: [String: (line: Int, rows: Int, accounts: [String])] = [:]
        var withBudget: Set<String> = []
        // Said once per account (its unit and digits, whatever its 资金性质 and separators), in the
        // order met: lines whose 资金性质 differs from the account, a source assumed.
        var differing: [String: (account: AccountSummary, implied: String, lines: [FundingSource: Int])] = [:]
        var assumed: [String: (account: AccountSummary, rows: Int, amount: Money)] = [:]
        var differingOrder: [String] = []
        var assumedOrder: [String] = []
        for account in accounts {
            guard let unit = department.unit(account.unit, line: account.firstLine, rows: account.rows, in: &file)
            else { continue }
            let amount = account.debit - account.credit
            let digits = AccountCode(account.code).digits
            let key = account.unit + "\u{1F}" + digits
            /// The unit's spending left out for this account: named, missing rather than short.
            func leaveOut(_ detail: Finding.Detail) {
                department.receive(.expenditure, unit: unit)
                department.withhold(.books, unit: account.unit, because: file.path, line: account.firstLine)
                file.note(Finding(detail, unit: account.unit, file: file.path, line: account.firstLine))
            }
            if account.code.hasPrefix("7") {
                withBudget.insert(account.unit)
                department.bookSpans.append(
                    BookSpan(
                        unit: account.unit, file: file.path, account: digits,
                        firstDay: account.firstDay, lastDay: account.lastDay, line: account.firstLine,
                        dayYear: account.dayYear, days: account.days))
            }
            let known = account.sourceText.isEmpty || account.lineSource != nil
            var decision = department.mapping.place(books.account(account))
            // A 资金性质 Huizong does not know is no source to count it by, nor the account's instead.
            if !known, case .spending(let type, _) = decision.placement {
                decision.placement = .unplaced(type: type, source: nil)
            }
            // Credits that take all of a budget account's debits away: a year-end 结转 whose 摘要
            // does not say so. What the unit spent cannot be told.
            if case .spending = decision.placement, account.debit > .zero, account.credit >= account.debit {
                leaveOut(
                    .accountClosedOut(
                        code: account.code, name: account.name, debit: account.debit, credit: account.credit))
                continue
            }
            switch decision.placement {
            case .spending(let type, let source):
                department.result.units[unit].ledger.add(account, amount: amount, source: source, type: type)
                department.receive(.expenditure, unit: unit)
                let years = account.years.keys.map { year in
                    (year, (rows: account.years[year]!, firstLine: account.firstLineOfYear[year]!))
                }
                department.ledgerYears.append((file.index, account.unit, Dictionary(uniqueKeysWithValues: years)))
                if let line = account.lineSource, !decision.admitted.isEmpty, !decision.admitted.contains(line) {
                    if differing[key] == nil { differingOrder.append(key) }
                    differing[key, default: (account, decision.admittedName, [:])].lines[line, default: 0] +=
                        account.rows
                }
                if decision.sourceAssumed {
                    if assumed[key] == nil { assumedOrder.append(key) }
                    let sums = assumed[key].map { ($0.rows, $0.amount) } ?? (0, .zero)
                    assumed[key] = (assumed[key]?.account ?? account, sums.0 + account.rows, sums.1 + amount)
                }
            case .transfer(let item):
                let booked = department.result.units[unit].bookedTransfers[item]?.amount ?? .zero
                department.result.units[unit].bookedTransfers[item] = (booked + amount, file.path)
                department.receive(.expenditure, unit: unit)
            case .notSpending:
                notSpending.rows += account.rows
                let named = "\(account.code) \(account.name)".trimmingSpaces()
                // One account with lines of several 资金性质 is one account.
                if notSpending.accounts.last != named { notSpending.accounts.append(named) }
                if !account.code.hasPrefix("7") {
                    let seen = withoutBudget[account.unit] ?? (account.firstLine, 0, [])
                    withoutBudget[account.unit] = (
                        min(seen.line, account.firstLine), seen.rows + account.rows, seen.accounts + [named]
                    )
                }
            case .unplaced(let type, let source):
                // The books were read: the unit sent them, and its spending is missing, not zero.
                leaveOut(
                    .accountUnplaced(
                        code: account.code, name: account.name, rows: account.rows, amount: amount, type: type,
                        source: source, written: known ? "" : account.sourceText))
            }
        }
        for key in differingOrder {
            let (account, implied, lines) = differing[key]!
            let sources = lines.keys.sorted()
            file.note(
                Finding(
                    .ledgerSourceDiffers(
                        code: account.code, name: account.name, implied: implied, sources: sources,
                        rows: sources.map { lines[$0]! }),
                    unit: account.unit, file: file.path, line: account.firstLine))
        }
        for key in assumedOrder {
            let (account, rows, amount) = assumed[key]!
            file.note(
                Finding(
                    .ledgerSourceAssumed(code: account.code, name: account.name, rows: rows, amount: amount),
                    unit: account.unit, file: file.path, line: account.firstLine))
        }
        for unit in withoutBudget.keys.sorted(by: bytewise) where !withBudget.contains(unit) {
            let books = withoutBudget[unit]!
            department.booksWithoutBudgetAccounts.append((unit, file.path, books.line, books.rows, books.accounts))
        }
        if notSpending.rows > 0 {
            file.note(
                Finding(.accountsNotSpending(rows: notSpending.rows, accounts: notSpending.accounts), file: file.path))
        }
    }

}

/// A unit's accounts as one file of its books shows them: each account's name by its code's
/// digits (a leaf's parents are the accounts whose codes begin its own), and whether the codes
/// follow the 政府会计制度's numbering (no account's name says otherwise).
struct BookTree {
    var names: [String: [String: String]] = [:]
    var otherwiseNumbered: Set<String> = []

    init(_ accounts: [AccountSummary]) {
        // Under 01 财政拨款支出: which sources the lines of each third-level code name.
        var thirdLevels: [String: [String: Set<FundingSource>]] = [:]
        var confirmed: Set<String> = []
        for account in accounts {
            let code = AccountCode(account.code)
            if names[account.unit]?[code.digits]?.isEmpty ?? true {
                names[account.unit, default: [:]][code.digits] = account.name
            }
            if AccountMapping.contradictsNumbering(.init(code: account.code, name: account.name)) {
                otherwiseNumbered.insert(account.unit)
            }
            // Lines under 01 财政拨款支出 that name no 财政拨款, or under 03 其他资金支出 that name one:
            // the second level is not what the standard numbering says.
            if code.digits.hasPrefix("7101") || code.digits.hasPrefix("7201"), code.segments.count >= 2,
                let source = account.lineSource,
                (code.segments[1] == "01" && AccountMapping.nonFiscalSources.contains(source))
                    || (code.segments[1] == "03" && AccountMapping.fiscalSources.contains(source)),
                AccountMapping.namedFunds(AccountMapping.components(account.name)) == nil
            {
                otherwiseNumbered.insert(account.unit)
            }
            if code.digits.hasPrefix("7101") || code.digits.hasPrefix("7201"), code.segments.count >= 3,
                code.segments[1] == "01"
            {
                if let source = account.lineSource {
                    thirdLevels[account.unit, default: [:]][code.segments[2], default: []].insert(source)
                }
                if let named = AccountMapping.namedType(AccountMapping.components(account.name)),
                    named == AccountMapping.numbered(code)?.type
                {
                    confirmed.insert(account.unit)
                }
            }
        }
        // Third-level codes that follow the lines' 资金性质 exactly (01 一般公共预算, 02 政府性基金
        // 预算) may as well be the fund kind as 基本/项目: unless a name confirms 基本/项目 there,
        // the numbering cannot be taken as standard.
        for (unit, levels) in thirdLevels
        where levels["01"] == [.generalBudget] && levels["02"] == [.governmentFund] && !confirmed.contains(unit) {
            otherwiseNumbered.insert(unit)
        }
    }

    /// The account as the mapping reads it: with its parents' names and its lines' source.
    func account(_ account: AccountSummary) -> AccountMapping.Account {
        let digits = AccountCode(account.code).digits
        let tree = names[account.unit] ?? [:]
        let parents = (4..<max(4, digits.count)).compactMap { length in
            tree[String(digits.prefix(length))].flatMap { $0.isEmpty ? nil : $0 }
        }
        return AccountMapping.Account(
            code: account.code, name: account.name, parents: parents, lineSource: account.lineSource,
            numberedAsStandard: !otherwiseNumbered.contains(account.unit))
    }
}
