import CSVReading

/// How a 序时账's rows are read: its columns, a line's rule, and the rows it mixes among its
/// lines (期初余额, 本月合计, 本年累计, a voucher block's `[日期:… 凭证字号:…]` and `[合计]`).
extension JournalKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case date
        case voucher
        case voucherWord = "voucher_word"
        case memo
        case month
        case day
        case accountCode = "account_code"
        case accountName = "account_name"
        case debit
        case credit
        case fundingSource = "funding_source"
        case auxiliary
    }

    /// The columns, resolved once (books run to millions of lines): plain numbers, copied into
    /// every line's call for free.
    struct Columns {
        var unit: Int?, date: Int?, month: Int?, voucher: Int?, memo: Int?, code: Int?, debit: Int?, credit: Int?
        /// 金蝶's 凭证字 (`记`) beside its 凭证号: together one voucher, `记-12`.
        var voucherWord: Int?
        /// The line's funding source: its 资金性质 column, or the 资金性质 part of a 辅助核算 column.
        var source: Int?, auxiliary: Int?
        var debitUnit: MoneyUnit, creditUnit: MoneyUnit
        init(_ reader: RowReader) {
            unit = reader.index(Column.unitCode)
            date = reader.index(Column.date)
            month = reader.index(Column.month)
            voucher = reader.index(Column.voucher)
            voucherWord = reader.index(Column.voucherWord)
            source = reader.index(Column.fundingSource)
            // A 资金性质 code column beside its 资金性质名称: the name says the source.
            if let named = reader.layout.header.firstIndex(where: {
                ["资金性质名称", "资金来源名称", "经费来源名称"].contains(normalizeLabel($0))
            }) {
                source = named
            }
            auxiliary = source == nil ? reader.index(Column.auxiliary) : nil
            memo = reader.index(Column.memo)
            code = reader.index(Column.accountCode)
            debit = reader.index(Column.debit)
            credit = reader.index(Column.credit)
            debitUnit = reader.moneyUnits[Column.debit.rawValue] ?? .yuan
            creditUnit = reader.moneyUnits[Column.credit.rawValue] ?? .yuan
        }
    }

    /// The line's account name: its column, else, for a 明细账 without a code column, the one its
    /// preamble names.
    static func accountName(_ fields: RecordFields, _ columns: Columns, reader: RowReader) -> String {
        let name = reader.text(fields, Column.accountName)
        if !name.isEmpty { return name }
        if columns.code == nil { return reader.statedAccount?.name ?? "" }
        // One 科目 column holding code and name: the name is what follows the code.
        var written = reader.text(fields, Column.accountCode)
        guard let name = written.withUTF8({ nameStart($0) }) else { return "" }
        return String(decoding: written.utf8.dropFirst(name), as: UTF8.self).trimmingSpaces()
    }

    /// Where a name begins in a cell that holds a code and then a name: the first space after
    /// which no digit follows; nil when the cell is a code alone.
    static func nameStart(_ cell: Bytes) -> Int? {
        var index = 0
        while index < cell.count {
            if cell[index] == 0x20 || cell[index] == 0x09 {
                var next = index
                while next < cell.count && (cell[next] == 0x20 || cell[next] == 0x09) { next += 1 }
                if next < cell.count && !(cell[next] >= 0x30 && cell[next] <= 0x39) { return index }
                index = next
            } else {
                index += 1
            }
        }
        return nil
    }

    /// A voucher-block export's own rows: `[日期:2022-01-05 凭证字号:记-0001]` opens a voucher,
    /// `[合计]` closes it; nil for any other row.
    static func voucherBlockRow(_ fields: RecordFields) -> VoucherBlockRow? {
        guard fields.count > 0, fields[0].first == UInt8(ascii: "["), case let first = fields[0] else { return nil }
        var text = normalizeLabel(String(decoding: first, as: UTF8.self))
        if text.hasPrefix("[合计]") { return .total }
        guard text.hasPrefix("[日期:") else { return nil }
        // The whole line may be one cell, or its parts spread over cells.
        text = (0..<fields.count).map { normalizeLabel(String(decoding: fields[$0], as: UTF8.self)) }.joined()
        return voucherOpened(text)
    }

    /// A voucher a `[日期:2022-01-05 凭证字号:记-0001]` line (its cells joined) opens; nil for any other.
    static func voucherOpened(_ line: String) -> VoucherBlockRow? {
        let text = normalizeLabel(line)
        guard text.hasPrefix("[日期:") else { return nil }
        let body = text.dropFirst().prefix { $0 != "]" }
        func value(after label: String) -> String {
            guard let range = body.range(of: label) else { return "" }
            return String(body[range.upperBound...].prefix { $0 != " " && $0 != "凭" && $0 != "日" })
        }
        let dateText = value(after: "日期:")
        var date = dateText
        guard let day = date.withUTF8({ LedgerDate($0) }) else { return .badDate(dateText) }
        return .open(VoucherBlock(date: day, voucher: value(after: "凭证字号:")))
    }

    /// The funding source a 辅助核算 cell names: the text after the label up to the next item
    /// (`资金性质:111 一般公共预算资金;功能科目:2200101 …`, `【资金性质】一般公共预算资金【功能科目】…`,
    /// `资金性质/01 一般公共预算资金|项目/…`, `资金性质-一般公共预算资金  功能分类:…`); empty when it
    /// names none.
    static func auxiliarySource(_ cell: Bytes, labels: [[UInt8]]) -> Bytes {
        guard let base = cell.baseAddress, !cell.isEmpty else { return cell }
        func at(_ index: Int, _ bytes: [UInt8]) -> Bool {
            index + bytes.count <= cell.count && bytes.indices.allSatisfy { cell[index + $0] == bytes[$0] }
        }
        // What joins label and value: `:`, `：`, `/`, `=`, `-`, `－`, `]`, `】`, spaces (its bytes; 0: none).
        func joiner(_ index: Int) -> Int {
            switch cell[index] {
            case 0x3A, 0x2F, 0x3D, 0x20, 0x2D, 0x5D: 1
            default: at(index, Self.fullColon) || at(index, Self.closeBracket) || at(index, Self.fullDash) ? 3 : 0
            }
        }
        // What ends an item: `;` `,` `|` `/` `[` `；` `，` `【`, a line break, two spaces.
        func endsItem(_ index: Int) -> Bool {
            switch cell[index] {
            case 0x3B, 0x2C, 0x7C, 0x2F, 0x5B, 0x0A, 0x0D: true
            case 0x20: index + 1 < cell.count && cell[index + 1] == 0x20
            default: at(index, Self.fullSemicolon) || at(index, Self.fullComma) || at(index, Self.openBracket)
            }
        }
        for label in labels {
            guard let start = (0..<cell.count).first(where: { at($0, label) }) else { continue }
            var from = start + label.count
            while from < cell.count, case let step = joiner(from), step > 0 { from += step }
            var end = from
            while end < cell.count && !endsItem(end) { end += 1 }
            // An item after one space (`… 功能科目:…`): the value ends before its label.
            if let next = (from..<end).first(where: { cell[$0] == 0x3A || at($0, Self.fullColon) }),
                let space = (from..<next).last(where: { cell[$0] == 0x20 })
            {
                end = space
            }
            while end > from && cell[end - 1] == 0x20 { end -= 1 }
            return Bytes(start: base + from, count: end - from)
        }
        return Bytes(start: nil, count: 0)
    }

    static let (fullColon, fullSemicolon, fullComma): ([UInt8], [UInt8], [UInt8]) = (
        [0xEF, 0xBC, 0x9A], [0xEF, 0xBC, 0x9B], [0xEF, 0xBC, 0x8C]
    )
    static let (openBracket, closeBracket, fullDash): ([UInt8], [UInt8], [UInt8]) = (
        [0xE3, 0x80, 0x90], [0xE3, 0x80, 0x91], [0xEF, 0xBC, 0x8D]
    )

    /// A 期初余额, 本月合计, 本年累计, 承前页 … row (the kind's `summary_rows`): not a line of the books.
    static func summary(_ fields: RecordFields, reader: RowReader) -> JournalSummary? {
        var cells = (0..<min(3, fields.count)).map { String(decoding: fields[$0], as: UTF8.self) }
        if let memo = reader.index(Column.memo), memo < fields.count {
            cells.append(String(decoding: fields[memo], as: UTF8.self))
        }
        for cell in cells {
            if let summary = reader.spec.summaryRows[normalizeLabel(cell)] { return summary }
        }
        return nil
    }

    /// A summary row's 借 and 贷, each as written (a blank side is not checked), against the sums
    /// of its lines.
    static func compare(
        _ fields: RecordFields, with sums: (debit: Money, credit: Money), label: String, reader: RowReader
    ) -> Finding.Detail? {
        for (column, expected) in [(Column.debit, sums.debit), (Column.credit, sums.credit)] {
            let text = reader.text(fields, column)
            if text.isEmpty { continue }
            guard case .success(let stated) = Money.parse(text, unit: reader.moneyUnits[column.rawValue] ?? .yuan)
            else {
                return .totalRowUnreadable(header: reader.header(column), value: text)
            }
            if stated != expected {
                return .journalSummaryMismatch(
                    label: label, header: reader.header(column), stated: stated, sum: expected)
            }
        }
        return nil
    }
}

extension RowReader {
    /// A line of the books, or the first rule it breaks: the one set of rules both ways a line is
    /// read go through (a 红字 reversal is a negative amount). A method of the reader, as `ledgerRow`
    /// is, so that what it reads through `self` is not reference-counted on every line.
    /// - Parameter block: the voucher a voucher-block export's `[日期:… 凭证字号:…]` line opened,
    ///   whose date and number lines without their own take.
    func journalLine(
        _ fields: RecordFields, _ columns: JournalKind.Columns, block: VoucherBlock? = nil,
        previousDay: LedgerDate? = nil
    ) throws(RowProblem) -> JournalLine {
        typealias Column = JournalKind.Column
        startRow()
        let unit = try rowUnit(fields, columns.unit)
        let day: LedgerDate
        let dateIsBlank = trimmed(cell(fields, columns.date)).isEmpty
        // A voucher's later lines as 用友 and 金蝶 print them (or a merged cell): no date of their own.
        let continues = block == nil && columns.date != nil && dateIsBlank && previousDay != nil
        if let block, dateIsBlank {
            day = block.date
        } else if continues, let previousDay {
            day = previousDay
        } else if columns.date == nil, columns.month != nil {
            // 月 and 日 under the year the preamble states.
            let month = text(fields, Column.month)
            let dayOfMonth = text(fields, Column.day)
            guard let year = statedYear else {
                throw RowProblem(detail: .rowMissingValue(header: "年份（表头上方的“2022年”）"), unit: unit)
            }
            var written = "\(year)-\(month)-\(dayOfMonth)"
            guard let parsed = written.withUTF8({ LedgerDate($0) }) else {
                throw RowProblem(detail: .rowDate(value: "\(year)年\(month)月\(dayOfMonth)日"), unit: unit)
            }
            day = parsed
        } else {
            let date = try required(fields, columns.date, Column.date, unit: unit)
            guard let parsed = LedgerDate(date) else {
                throw RowProblem(detail: .rowDate(value: String(decoding: date, as: UTF8.self)), unit: unit)
            }
            day = parsed
        }
        // 金蝶 writes 凭证字 and 凭证号 apart: the number is the one that must be there.
        let voucher = columns.voucher ?? columns.voucherWord
        if (block == nil && !continues) || !trimmed(cell(fields, voucher)).isEmpty {
            _ = try required(fields, voucher, columns.voucher == nil ? Column.voucherWord : Column.voucher, unit: unit)
        }
        var code: Bytes
        if columns.code == nil, let account = statedAccount {
            code = Bytes(account.code)
        } else {
            code = try required(fields, columns.code, Column.accountCode, unit: unit)
            // One 科目 column holding code and name (`7201010101 事业支出/…`): the code is what comes
            // before the name (`7201 01 01 01` is a code written with spaces).
            if let name = JournalKind.nameStart(code) { code = Bytes(rebasing: code[..<name]) }
        }
        if trimmed(cell(fields, columns.debit)).isEmpty
            && trimmed(cell(fields, columns.credit)).isEmpty
        {
            throw RowProblem(detail: .rowMissingValue(header: header(Column.debit)), unit: unit)
        }
        let source: Bytes
        if let index = columns.source {
            source = trimmed(cell(fields, index))
        } else if let index = columns.auxiliary {
            source = JournalKind.auxiliarySource(trimmed(cell(fields, index)), labels: fundingSourceLabels)
        } else {
            source = Bytes(start: nil, count: 0)
        }
        return JournalLine(
            unit: unit, day: day, code: code, source: source,
            debit: try money(
                fields, columns.debit, Column.debit.rawValue, in: columns.debitUnit, unit: unit, optional: true),
            credit: try money(
                fields, columns.credit, Column.credit.rawValue, in: columns.creditUnit, unit: unit, optional: true))
    }

    /// A line of the books where it lies, by the same rules, when it is dated and coded in its own
    /// columns and cannot be a summary row (its 摘要 does not begin as one of theirs does); nil sends
    /// it the ordinary way.
    @inline(__always)
    func fastJournalLine(_ fields: RecordFields, _ columns: JournalKind.Columns, previousDay: LedgerDate?)
        -> JournalLine?
    {
        guard columns.date != nil, columns.code != nil else { return nil }
        if let memo = columns.memo, mayBeSummary(trimmed(cell(fields, memo))) { return nil }
        return try? journalLine(fields, columns, previousDay: previousDay)
    }
}
