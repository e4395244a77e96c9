import CSVReading

/// A big file is read in parts on several cores (`PartedReading`): each later part by a builder of
/// its own that starts at the part's first line, then joined to the builder of what comes before
/// it, in order, so that the joined table is the one reading the file whole would give: the same
/// rows, sums, line numbers and findings in the same order.
///
/// A row whose check needs the lines before its part (the part's first 合计 or 本月合计 row, every
/// 本年累计) is held, with the part's sums so far, and checked at the join.
struct PartState {
    enum Held {
        /// The part's first 合计 row, with the part's sums before it.
        case total(TotalRowChecker)
        /// The part's first 本月合计, or a 本年累计, with the part's 借 and 贷 before it.
        case summary(JournalSummary, debit: Money, credit: Money)
    }

    struct HeldRow {
        var record: Record
        /// Where its finding goes among the part's findings.
        var findingIndex: Int
        var held: Held
    }

    var held: [HeldRow] = []
    var sawTotal = false
    var sawMonth = false
    var openedVoucher = false
    /// A voucher's [合计] came before any voucher opened in the part: its lines began before it.
    var needsEarlierVoucher = false
    /// Held rows are kept whole until the join: past this many the part is read on from the one
    /// before instead, so memory stays flat (reading whole keeps only their line numbers).
    static let maximumHeld = 1_000
    /// A later part's findings wait for the join too. A part that starts inside a long quoted field
    /// reads each line of it as a broken row: past this many findings it stops, and the part before
    /// reads on through it, so a part holds as much however long the field runs.
    static let maximumFindings = 1_000
    /// The held rows' bytes: together no more than one record may be, however long their fields.
    var heldBytes = 0
    static let maximumHeldBytes = RecordParser.maxRecordBytes

    /// The part needs what a join cannot give: the part before reads on through it.
    var cannotJoin: Bool {
        needsEarlierVoucher || held.count > Self.maximumHeld || heldBytes > Self.maximumHeldBytes
    }

    /// Keeps a copy of a row until the join.
    private mutating func hold(_ fields: RecordFields, line: Int, at index: Int, _ what: Held) {
        heldBytes += (0..<fields.count).reduce(0) { $0 + fields[$1].count }
        held.append(HeldRow(record: Record(line: line, copying: fields), findingIndex: index, held: what))
    }

    /// True when the row is held: the part's first 合计 row sums lines before the part too.
    mutating func holdFirstTotal(_ fields: RecordFields, line: Int, at index: Int, totals: inout TotalRowChecker)
        -> Bool
    {
        guard !sawTotal else { return false }
        sawTotal = true
        hold(fields, line: line, at: index, .total(totals))
        totals.restart()
        return true
    }

    /// True when the row is held: the part's first 本月合计 and every 本年累计 sum lines before it.
    mutating func holdSummary(
        _ summary: JournalSummary, _ fields: RecordFields, line: Int, at index: Int,
        monthSums: inout (debit: Money, credit: Money), yearSums: (debit: Money, credit: Money)
    ) -> Bool {
        let sums: (debit: Money, credit: Money)
        switch summary {
        case .carried: return false
        case .month:
            guard !sawMonth else { return false }
            sawMonth = true
            sums = monthSums
            monthSums = (.zero, .zero)
        case .year: sums = yearSums
        }
        hold(fields, line: line, at: index, .summary(summary, debit: sums.debit, credit: sums.credit))
        return true
    }
}

extension TableBuilder {
    /// Whether a file of this table may be read in parts: the kinds whose rows are summed as they
    /// stream (ledgers and books), and not when `inspect --rows` keeps every row.
    var canBeReadInParts: Bool { Kind.isReadInParts && !options.keepRows }

    /// A later part that needs what a join cannot give, or holds more than a part may: it stops.
    var partCannotJoin: Bool { part.map { $0.cannotJoin || findings.count > PartState.maximumFindings } ?? false }

    /// A builder for a later part of the same file: the same header and rules, nothing read yet.
    func laterPart() -> TableBuilder<Kind> {
        var builder = TableBuilder(header: header, moneyUnits: reader.moneyUnits, place: place, options: options)
        builder.headerLine = 0
        builder.part = PartState()
        Kind.startLaterPart(&builder.accumulator)
        return builder
    }

    /// Joins a later part that follows what this builder has read, its line 1 being the file's line
    /// `linesBefore + 1`. Returns false, changing nothing, when the part cannot be joined exactly: its
    /// lines continue a voucher opened before it, or the file's amounts together pass what a sum
    /// holds (reading on from here then rejects the rows reading whole would).
    mutating func join(_ later: TableBuilder<Kind>, linesBefore: Int) -> Bool {
        guard let part = later.part, !later.partCannotJoin, Kind.canJoin(accumulator),
            let magnitude = amounts.magnitude.adding(later.amounts.magnitude), magnitude <= Money.largestSum,
            let joinedTotals = totals.appending(later.totals), !later.totals.overflowed,
            part.held.allSatisfy({ row in
                guard case .total(let partTotals) = row.held else { return true }
                return !partTotals.overflowed && totals.appending(partTotals) != nil
            })
        else {
            return false
        }
        var next = 0
        for row in part.held {
            findings += later.findings[next..<row.findingIndex].map { $0.shiftingLines(by: linesBefore) }
            next = row.findingIndex
            let detail = row.record.withUnsafeFields { fields in check(row.held, fields) }
            if let detail { findings.append(Finding(detail, file: place, line: row.record.line + linesBefore)) }
        }
        findings += later.findings[next...].map { $0.shiftingLines(by: linesBefore) }
        totals = part.sawTotal ? later.totals : joinedTotals
        Kind.join(later.accumulator, to: &accumulator, linesBefore: linesBefore, part: part)
        amounts.magnitude = magnitude
        rows += later.rows
        rejected += later.rejected
        blankRows += later.blankRows
        totalRowLines += later.totalRowLines.map { $0 + linesBefore }
        nonDataRowLines += later.nonDataRowLines.map { $0 + linesBefore }
        partsJoined += 1
        return true
    }

    /// A held row's check, with the sums before its part added to the part's.
    private func check(_ held: PartState.Held, _ fields: RecordFields) -> Finding.Detail? {
        switch held {
        case .total(let partTotals):
            var joined = totals.appending(partTotals)!  // checked by `join`
            return joined.check(fields)
        case .summary(let summary, let debit, let credit):
            return Kind.checkHeld(summary, debit: debit, credit: credit, fields, in: self)
        }
    }
}

extension TotalRowChecker {
    /// The sums since the last total row when `later`'s rows follow these; nil when a sum would
    /// overflow (reading on from these then counts the overflowing row as reading whole does).
    func appending(_ later: TotalRowChecker) -> TotalRowChecker? {
        var joined = self
        for (key, amount) in later.sums {
            guard let sum = joined.sums[key, default: .zero].adding(amount) else { return nil }
            joined.sums[key] = sum
        }
        guard let ledger = ledgerAmounts.adding(later.ledgerAmounts),
            let debit = journalDebit.adding(later.journalDebit), let credit = journalCredit.adding(later.journalCredit)
        else {
            return nil
        }
        (joined.ledgerAmounts, joined.journalDebit, joined.journalCredit) = (ledger, debit, credit)
        joined.unreadableSinceLastTotal += later.unreadableSinceLastTotal
        joined.ledgerOverflows += later.ledgerOverflows
        return joined
    }
}

extension LedgerSummary {
    func shiftingLines(by delta: Int) -> LedgerSummary {
        var shifted = self
        shifted.firstLine += delta
        shifted.shiftYearLines(by: delta)
        return shifted
    }
}

extension AccountSummary {
    func shiftingLines(by delta: Int) -> AccountSummary {
        var shifted = self
        shifted.firstLine += delta
        for index in shifted.yearCounts.indices { shifted.yearCounts[index].firstLine += delta }
        return shifted
    }

    /// Adds the same account's lines from later in the file.
    mutating func merge(_ later: AccountSummary) {
        debit += later.debit
        credit += later.credit
        rows += later.rows
        firstDay = min(firstDay, later.firstDay)
        lastDay = max(lastDay, later.lastDay)
        if dayYear == 0 {
            (dayYear, days) = (later.dayYear, later.days)
        } else if later.dayYear == dayYear {
            for index in days.indices where later.days[index].lines > 0 {
                days[index].lines += later.days[index].lines
                days[index].debit += later.days[index].debit
                days[index].credit += later.days[index].credit
            }
        }
        for entry in later.yearCounts { add(year: entry.year, rows: entry.rows, firstLine: entry.firstLine) }
        if name.isEmpty { name = later.name }
    }
}

extension Finding {
    /// The same finding about a row `delta` lines further down.
    func shiftingLines(by delta: Int) -> Finding {
        var shifted = self
        shifted.line = line.map { $0 + delta }
        if case .rowMalformed(var record) = detail {
            record.line += delta
            record.errorLine += delta
            shifted.detail = .rowMalformed(record)
        }
        return shifted
    }
}
