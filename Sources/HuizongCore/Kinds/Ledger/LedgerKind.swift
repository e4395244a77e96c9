import CSVReading

/// A ledger (支出明细): rows summed per unit as they stream past (never held whole), merged into
/// each unit's ledger. The table with millions of rows: its columns are resolved once, and a row
/// every rule accepts is read where it lies.
enum LedgerKind: TableKindRules {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case date
        case voucher
        case fundingSource = "funding_source"
        case expenditureType = "expenditure_type"
        case functionalClass = "functional_class"
        case economicClass = "economic_class"
        case project
        case memo
        case amount
    }

    static let kind = TableKind.expenditure
    static var isReadInParts: Bool { true }

    /// The columns, resolved once: plain numbers, copied into every row's call for free (the
    /// spelling tables stay in the reader, a copied reference would be counted on every row).
    struct Columns {
        /// Nil: the ledger has no unit column, its rows are the file's unit's.
        var unit: Int?
        var date: Int?, voucher: Int?, source: Int?, type: Int?, amount: Int?
        var amountUnit: MoneyUnit
    }

    /// The sums per unit; the unit whose rows are streaming past is summed apart until another
    /// unit's row comes.
    struct Accumulator {
        let columns: Columns
        var ledgers: [String: LedgerSummary] = [:]
        var currentUnit: String?
        var current = LedgerSummary()

        mutating func add(_ row: LedgerRow, line: Int) {
            if row.unit != currentUnit {
                flush()
                currentUnit = row.unit
            }
            current.add(row.amount, source: row.source, type: row.type, year: row.year, line: line)
        }

        mutating func flush() {
            guard let unit = currentUnit else { return }
            ledgers[unit, default: LedgerSummary()].merge(current)
            current = LedgerSummary()
            currentUnit = nil
        }
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        Accumulator(
            columns: Columns(
                unit: reader.index(Column.unitCode), date: reader.index(Column.date),
                voucher: reader.index(Column.voucher), source: reader.index(Column.fundingSource),
                type: reader.index(Column.expenditureType), amount: reader.index(Column.amount),
                amountUnit: reader.moneyUnits[Column.amount.rawValue] ?? .yuan))
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to ledger: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        let row = try reader.ledgerRow(fields, ledger.columns)
        try amounts.count(row.amount)
        ledger.add(row, line: line)
    }

    /// A ledger row every rule accepts, read where it lies; false sends it the ordinary way,
    /// which applies the same rules and says which one the row broke.
    @inline(__always)
    static func takeFast(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        guard table.mayTakeFast(fields, line: line),
            let row = try? table.reader.ledgerRow(fields, table.accumulator.columns),
            (try? table.amounts.count(row.amount)) != nil
        else {
            return false
        }
        table.accumulator.add(row, line: line)
        table.totals.addLedgerAmount(row.amount)
        table.tookFast(fields)
        return true
    }

    static func finish(_ ledger: inout Accumulator) -> TableContents {
        ledger.flush()
        return .expenditure(ledger.ledgers)
    }

    static func join(_ later: Accumulator, to ledger: inout Accumulator, linesBefore: Int, part: PartState) {
        ledger.flush()
        var later = later
        later.flush()
        for (unit, summary) in later.ledgers {
            ledger.ledgers[unit, default: LedgerSummary()].merge(summary.shiftingLines(by: linesBefore))
        }
    }

    static func merge(
        _ ledgers: [String: LedgerSummary], _ file: inout FileMerge, into department: inout DepartmentMerge
    ) {
        for code in ledgers.keys.sorted(by: bytewise) {
            let summary = ledgers[code]!
            guard let unit = department.unit(code, line: summary.firstLine, rows: summary.rows, in: &file) else {
                continue
            }
            department.result.units[unit].ledger.merge(summary)
            department.receive(.expenditure, unit: unit)
            department.ledgerFiles[code] = department.ledgerFiles[code] ?? file.path
            department.ledgerYears.append((file.index, code, summary.years))
        }
    }
}

extension RowReader {
    /// A ledger row, or the first rule it breaks. A method of the reader: the spelling tables it
    /// matches against are its own `let`s, passed on without a reference count (the tables are
    /// shared by every thread, and counting them on every row made two cores slower than one).
    @inline(__always)
    func ledgerRow(_ fields: RecordFields, _ columns: LedgerKind.Columns) throws(RowProblem) -> LedgerRow {
        typealias Column = LedgerKind.Column
        startRow()
        let unit = try rowUnit(fields, columns.unit)
        let date = try required(fields, columns.date, Column.date, unit: unit)
        guard let day = LedgerDate(date) else {
            throw RowProblem(detail: .rowDate(value: String(decoding: date, as: UTF8.self)), unit: unit)
        }
        _ = try required(fields, columns.voucher, Column.voucher, unit: unit)
        return LedgerRow(
            unit: unit, year: day.year,
            source: try vocabulary(
                fields, columns.source, Column.fundingSource.rawValue, as: FundingSource.self, in: fundingSources,
                unit: unit),
            type: try vocabulary(
                fields, columns.type, Column.expenditureType.rawValue, as: ExpenditureType.self,
                in: expenditureTypes, unit: unit),
            amount: try money(fields, columns.amount, Column.amount.rawValue, in: columns.amountUnit, unit: unit))
    }
}
