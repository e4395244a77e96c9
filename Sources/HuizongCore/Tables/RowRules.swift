import CSVReading

typealias Bytes = UnsafeBufferPointer<UInt8>

/// Why a data row was rejected, and the unit it names when it got that far.
struct RowProblem: Error {
    var detail: Finding.Detail
    var unit: String = ""
}

/// A line of a 序时账: what the journal table keeps of it. `code` is the account code's bytes,
/// read until the next row starts.
struct JournalLine {
    var unit: String
    var year: Int
    var code: Bytes
    var debit: Money
    var credit: Money
}

/// The voucher a voucher-block export's header line opened.
struct VoucherBlock {
    var date: LedgerDate
    var voucher: String
}

enum VoucherBlockRow {
    case open(VoucherBlock)
    case total
    case badDate(String)
}

/// The rows a 序时账 mixes among its lines.
enum JournalSummary {
    /// 期初余额, 上年结转, 承前页, 过次页: balances and page carries, not checked.
    case carried
    /// 本月合计, 本期合计: the lines since the last one.
    case month
    /// 本年累计: every line so far.
    case year

    /// How a finding names the row.
    var label: String { self == .month ? "本月合计" : "本年累计" }
}

/// A ledger row: what the expenditure table keeps of it.
struct LedgerRow: Equatable {
    var unit: String
    var year: Int
    var source: FundingSource
    var type: ExpenditureType
    var amount: Money
}

/// The row rules of one table, each one function over a record's bytes. Both ways a row is
/// read call them: the fast path (borrowed fields, every rule passing) and the ordinary one
/// (a record that may be blank, a 合计 row, or rejected with the rule's message).
/// A class: the reading loop calls it on every row, and a struct this size would be copied there.
final class RowReader {
    let layout: TableLayout
    /// The unit of each money column, after the header and the preamble had their say.
    let moneyUnits: [String: MoneyUnit]
    let width: Int
    /// The ledger's columns, resolved once (the ledger is the table with millions of rows).
    private let ledger: LedgerColumns?
    /// A journal's columns, resolved once for the same reason.
    private let journal: JournalColumns?

    struct JournalColumns {
        var unit: Int?, date: Int?, month: Int?, voucher: Int?, memo: Int?, code: Int?, debit: Int?, credit: Int?
        var debitUnit: MoneyUnit, creditUnit: MoneyUnit
    }
    private var lastCode: [UInt8] = []
    private var lastCodeText = ""
    /// The kind's spec (`Kinds/`, a department's spellings included) and the vocabularies'
    /// spelling tables, fetched once.
    let spec: KindSpec
    let words: VocabularyTables
    private let sources: Spellings<FundingSource>
    private let types: Spellings<ExpenditureType>
    /// The first three bytes of every summary row label of a 序时账: a 摘要 that begins otherwise is no summary.
    private let summaryStarts: [(UInt8, UInt8, UInt8)]
    private let hasASCIISummary: Bool

    struct LedgerColumns {
        /// Nil: the ledger has no unit column, its rows are the file's unit's.
        var unit: Int?
        var date: Int, voucher: Int, source: Int, type: Int, amount: Int
        var amountUnit: MoneyUnit
    }

    /// What a 明细账's preamble says: its year (`2022年`) and its one account (`科目：7101 行政支出`),
    /// the code held as bytes for as long as the reader (every line refers to it).
    let statedYear: Int?
    let statedAccount: (code: UnsafeMutableBufferPointer<UInt8>, name: String)?

    init(layout: TableLayout, moneyUnits: [String: MoneyUnit], preamble: [String] = [], kinds: KindCatalog = .shipped) {
        self.layout = layout
        self.moneyUnits = moneyUnits
        spec = kinds[layout.kind]
        words = kinds.vocabularies
        sources = words.fundingSource
        types = words.expenditureType
        summaryStarts = spec.summaryRows.keys.sorted(by: bytewise).compactMap { label in
            let bytes = Array(label.utf8)
            return bytes.count >= 3 && bytes[0] >= 0xE4 ? (bytes[0], bytes[1], bytes[2]) : nil
        }
        hasASCIISummary = summaryStarts.count < spec.summaryRows.count
        statedYear = preamble.lazy.compactMap(TableHeader.statedYear(in:)).first
        statedAccount = preamble.lazy.compactMap(TableHeader.statedAccount(in:)).first.map { account in
            let code = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, account.code.utf8.count))
            _ = code.initialize(from: account.code.utf8)
            return (UnsafeMutableBufferPointer(rebasing: code[..<account.code.utf8.count]), account.name)
        }
        width = layout.header.count
        if layout.kind == .expenditure, case let unit = layout.index["unit_code"], let date = layout.index["date"],
            let voucher = layout.index["voucher"], let source = layout.index["funding_source"],
            let type = layout.index["expenditure_type"], let amount = layout.index["amount"]
        {
            ledger = LedgerColumns(
                unit: unit, date: date, voucher: voucher, source: source, type: type, amount: amount,
                amountUnit: moneyUnits["amount"] ?? .yuan)
        } else {
            ledger = nil
        }
        let index = layout.index
        journal =
            layout.kind == .journal
            ? JournalColumns(
                unit: index["unit_code"], date: index["date"], month: index["month"], voucher: index["voucher"],
                memo: index["memo"], code: index["account_code"], debit: index["debit"], credit: index["credit"],
                debitUnit: moneyUnits["debit"] ?? .yuan, creditUnit: moneyUnits["credit"] ?? .yuan) : nil
    }

    deinit {
        forgetTrimmedCopies()
        statedAccount?.code.deallocate()
    }

    // MARK: Cells

    /// Cell `index` as written; empty when the column is absent or the row is short.
    @inline(__always)
    func cell(_ fields: RecordFields, _ index: Int?) -> Bytes {
        guard let index, index < fields.count else { return Bytes(start: nil, count: 0) }
        return fields[index]
    }

    /// Cells whose edges needed character rules to trim, copied; freed when the next row starts.
    private var trimmedCopies: [UnsafeMutableBufferPointer<UInt8>] = []

    /// Called at the start of each row: the previous row's trimmed copies are no longer read.
    @inline(__always)
    func startRow() {
        if !trimmedCopies.isEmpty { forgetTrimmedCopies() }
    }

    private func forgetTrimmedCopies() {
        for copy in trimmedCopies { copy.deallocate() }
        trimmedCopies.removeAll(keepingCapacity: true)
    }

    /// The cell without surrounding spaces (ASCII, no-break, full-width), exactly as
    /// `trimmingSpaces` leaves it. Most cells have no space at either edge and are returned
    /// where they lie; the others are trimmed as characters into a copy that lives until the
    /// next row starts.
    @inline(__always)
    func trimmed(_ cell: Bytes) -> Bytes {
        // A space-like character begins with one of these bytes and ends with one of those.
        if let first = cell.first, let last = cell.last, first != 0x20, first != 0x09, first != 0xC2, first != 0xE3,
            last != 0x20, last != 0x09, last != 0xA0, last != 0x80
        {
            return cell
        }
        return cell.isEmpty ? cell : trimmedCopy(cell)
    }

    @inline(never)
    private func trimmedCopy(_ cell: Bytes) -> Bytes {
        let text = String(decoding: cell, as: UTF8.self).trimmingSpaces()
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, text.utf8.count))
        _ = copy.initialize(from: text.utf8)
        trimmedCopies.append(copy)
        return Bytes(start: copy.baseAddress, count: text.utf8.count)
    }

    /// Field `key`, trimmed; "" when the column is absent or the row is short.
    func text(_ fields: RecordFields, _ key: String) -> String {
        String(decoding: trimmed(cell(fields, layout.index[key])), as: UTF8.self)
    }

    /// The header cell of column `key`, as written (trimmed), for messages.
    func header(_ key: String) -> String {
        guard let index = layout.index[key] else { return spec.columns.first { $0.key == key }!.chinese }
        return layout.header[index].trimmingSpaces()
    }

    // MARK: Rules

    /// Short rows and non-empty extra cells are what a stray delimiter or an unquoted
    /// `1,234.50` leave behind.
    func checkWidth(_ fields: RecordFields) throws(RowProblem) {
        if fields.count == width { return }
        if fields.count < width {
            throw RowProblem(detail: .rowTooFewFields(count: fields.count, width: width))
        }
        if (width..<fields.count).contains(where: { !trimmed(fields[$0]).isEmpty }) {
            throw RowProblem(detail: .rowTooManyFields(count: fields.count, width: width))
        }
    }

    /// A cell that must not be empty, trimmed.
    @inline(__always)
    func required(_ fields: RecordFields, _ index: Int?, _ key: String, unit: String) throws(RowProblem) -> Bytes {
        let value = trimmed(cell(fields, index))
        if value.isEmpty {
            throw RowProblem(detail: .rowMissingValue(header: header(key)), unit: unit)
        }
        return value
    }

    func required(_ fields: RecordFields, _ key: String, unit: String = "") throws(RowProblem) -> String {
        String(decoding: try required(fields, layout.index[key], key, unit: unit), as: UTF8.self)
    }

    /// Unit codes are letters, digits, `-`, `_` and `.` (leading zeros kept): nothing a
    /// spreadsheet could take for a formula. The last code's text is kept: ledgers come in runs.
    @inline(__always)
    func unitCode(_ fields: RecordFields, _ index: Int?, key: String = "unit_code", unit: String = "")
        throws(RowProblem) -> String
    {
        let code = try required(fields, index, key, unit: unit)
        guard code.allSatisfy(isCodeByte) else {
            throw RowProblem(
                detail: .rowUnitCode(code: String(decoding: code, as: UTF8.self), isParent: key != "unit_code"),
                unit: unit)
        }
        if !lastCode.withUnsafeBufferPointer({ equalBytes(code, $0) }) {
            lastCode = Array(code)
            lastCodeText = String(decoding: code, as: UTF8.self)
        }
        return lastCodeText
    }

    /// The unit a row belongs to: its unit code, or, in a table without that column, the file's
    /// unit (`FileUnit.unnamed`, found from the file's name when consolidating).
    @inline(__always)
    func rowUnit(_ fields: RecordFields, _ index: Int?) throws(RowProblem) -> String {
        guard let index else { return FileUnit.unnamed }
        return try unitCode(fields, index)
    }

    @inline(__always)
    func money(
        _ fields: RecordFields, _ index: Int?, _ key: String, in moneyUnit: MoneyUnit, unit: String,
        optional: Bool = false
    ) throws(RowProblem) -> Money {
        let text = trimmed(cell(fields, index))
        if text.isEmpty && optional { return .zero }
        switch Money.parse(text, unit: moneyUnit) {
        case .success(let amount): return amount
        case .failure(let error):
            throw RowProblem(
                detail: .rowAmount(header: header(key), value: String(decoding: text, as: UTF8.self), error),
                unit: unit)
        }
    }

    func money(_ fields: RecordFields, _ key: String, unit: String, optional: Bool = false) throws(RowProblem) -> Money
    {
        try money(fields, layout.index[key], key, in: moneyUnits[key] ?? .yuan, unit: unit, optional: optional)
    }

    @inline(__always)
    func vocabulary<V: Vocabulary>(
        _ fields: RecordFields, _ index: Int?, _ key: String, as type: V.Type,
        in spellings: Spellings<V>? = nil, unit: String
    ) throws(RowProblem) -> V {
        let text = try required(fields, index, key, unit: unit)
        guard let value = V.match(text, in: spellings ?? words[keyPath: V.table]) else {
            throw RowProblem(
                detail: .rowVocabulary(
                    header: header(key), value: String(decoding: text, as: UTF8.self),
                    allowed: V.allCases.map(\.chinese)), unit: unit)
        }
        return value
    }

    // MARK: Rows of each kind

    /// A ledger row, or the first rule it breaks.
    func ledgerRow(_ fields: RecordFields) throws(RowProblem) -> LedgerRow {
        guard let columns = ledger else { preconditionFailure("not a ledger") }
        startRow()
        let unit = try rowUnit(fields, columns.unit)
        let date = try required(fields, columns.date, "date", unit: unit)
        guard let day = LedgerDate(date) else {
            throw RowProblem(detail: .rowDate(value: String(decoding: date, as: UTF8.self)), unit: unit)
        }
        _ = try required(fields, columns.voucher, "voucher", unit: unit)
        return LedgerRow(
            unit: unit, year: day.year,
            source: try vocabulary(
                fields, columns.source, "funding_source", as: FundingSource.self,
                in: sources, unit: unit),
            type: try vocabulary(
                fields, columns.type, "expenditure_type", as: ExpenditureType.self,
                in: types, unit: unit),
            amount: try money(fields, columns.amount, "amount", in: columns.amountUnit, unit: unit))
    }

    func registryEntry(_ fields: RecordFields, line: Int) throws(RowProblem) -> RegistryEntry {
        startRow()
        let code = try unitCode(fields, layout.index["unit_code"])
        let parent =
            trimmed(cell(fields, layout.index["parent_code"])).isEmpty
            ? "" : try unitCode(fields, layout.index["parent_code"], key: "parent_code", unit: code)
        return RegistryEntry(
            code: code, name: try required(fields, "unit_name", unit: code),
            alias: text(fields, "alias"), parentCode: parent, line: line)
    }

    func assetCard(_ fields: RecordFields, line: Int) throws(RowProblem) -> AssetCard {
        startRow()
        let unit = try rowUnit(fields, layout.index["unit_code"])
        let assetID = try required(fields, "asset_id", unit: unit)
        let category: AssetCategory
        if layout.index["category"] != nil
            && (layout.index["classification_code"] == nil || !text(fields, "category").isEmpty)
        {
            category = try vocabulary(fields, layout.index["category"], "category", as: AssetCategory.self, unit: unit)
        } else {
            let code = try required(fields, "classification_code", unit: unit)
            guard let national = AssetCategory(nationalCode: code, edition: classificationEdition) else {
                throw RowProblem(
                    detail: .rowVocabulary(
                        header: header("classification_code"), value: code,
                        allowed: AssetCategory.nationalCodeClasses(classificationEdition)),
                    unit: unit)
            }
            category = national
        }
        let net = text(fields, "net_value").isEmpty ? nil : try money(fields, "net_value", unit: unit)
        return AssetCard(
            unit: unit, assetID: assetID, category: category,
            originalValue: try money(fields, "original_value", unit: unit),
            accumulatedDepreciation: try money(fields, "accumulated_depreciation", unit: unit, optional: true),
            statedNetValue: net, line: line)
    }

    /// Which GB/T 14885 the classification code column follows: 2022 when its header says so.
    var classificationEdition: Int {
        guard let index = layout.index["classification_code"] else { return 2010 }
        return layout.header[index].contains("2022") ? 2022 : 2010
    }

    func staffMember(_ fields: RecordFields, line: Int) throws(RowProblem) -> StaffMember {
        startRow()
        let unit = try rowUnit(fields, layout.index["unit_code"])
        return StaffMember(
            unit: unit, personID: try required(fields, "person_id", unit: unit),
            status: try vocabulary(fields, layout.index["status"], "status", as: StaffStatus.self, unit: unit),
            line: line)
    }

    func staffCount(_ fields: RecordFields, line: Int) throws(RowProblem) -> StaffCount {
        startRow()
        let unit = try rowUnit(fields, layout.index["unit_code"])
        let authorized = text(fields, "authorized").isEmpty ? nil : try headcount(fields, "authorized", unit: unit)
        var counts = StaffTotals()
        counts.active = try headcount(fields, "active", unit: unit)
        counts.retiredVeteran = try headcount(fields, "retired_veteran", unit: unit, optional: true)
        counts.retired = try headcount(fields, "retired", unit: unit, optional: true)
        return StaffCount(unit: unit, counts: counts, authorized: authorized, line: line)
    }

    /// A number of people: a whole number, not negative (`1,162` as a spreadsheet shows it).
    func headcount(_ fields: RecordFields, _ key: String, unit: String, optional: Bool = false) throws(RowProblem)
        -> Int
    {
        let text = self.text(fields, key)
        if text.isEmpty && optional { return 0 }
        let digits = text.replacingOccurrences(of: ",", with: "")
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else {
            throw RowProblem(detail: .rowHeadcount(header: header(key), value: text), unit: unit)
        }
        return count
    }

    /// A line of the books: its account and 借 or 贷 (a 红字 reversal is a negative amount).
    /// A line of the books, or the first rule it breaks: the one set of rules both ways a line
    /// is read go through.
    /// - Parameter block: the voucher a voucher-block export's `[日期:… 凭证字号:…]` line opened,
    ///   whose date and number lines without their own take.
    func journalLine(_ fields: RecordFields, block: VoucherBlock? = nil) throws(RowProblem) -> JournalLine {
        let columns = journal!
        startRow()
        let unit = try rowUnit(fields, columns.unit)
        let day: LedgerDate
        if let block, trimmed(cell(fields, columns.date)).isEmpty {
            day = block.date
        } else if columns.date == nil, columns.month != nil {
            // 月 and 日 under the year the preamble states.
            let month = text(fields, "month")
            let dayOfMonth = text(fields, "day")
            guard let year = statedYear else {
                throw RowProblem(detail: .rowMissingValue(header: "年份（表头上方的“2022年”）"), unit: unit)
            }
            var written = "\(year)-\(month)-\(dayOfMonth)"
            guard let parsed = written.withUTF8({ LedgerDate($0) }) else {
                throw RowProblem(detail: .rowDate(value: "\(year)年\(month)月\(dayOfMonth)日"), unit: unit)
            }
            day = parsed
        } else {
            let date = try required(fields, columns.date, "date", unit: unit)
            guard let parsed = LedgerDate(date) else {
                throw RowProblem(detail: .rowDate(value: String(decoding: date, as: UTF8.self)), unit: unit)
            }
            day = parsed
        }
        if block == nil || !trimmed(cell(fields, columns.voucher)).isEmpty {
            _ = try required(fields, columns.voucher, "voucher", unit: unit)
        }
        let code: Bytes
        if columns.code == nil, let account = statedAccount {
            code = Bytes(account.code)
        } else {
            code = try required(fields, columns.code, "account_code", unit: unit)
        }
        if trimmed(cell(fields, columns.debit)).isEmpty && trimmed(cell(fields, columns.credit)).isEmpty {
            throw RowProblem(detail: .rowMissingValue(header: header("debit")), unit: unit)
        }
        return JournalLine(
            unit: unit, year: day.year, code: code,
            debit: try money(fields, columns.debit, "debit", in: columns.debitUnit, unit: unit, optional: true),
            credit: try money(fields, columns.credit, "credit", in: columns.creditUnit, unit: unit, optional: true))
    }

    /// The line's account name: its column, else, for a 明细账 without a code column, the one
    /// its preamble names.
    func accountName(_ fields: RecordFields) -> String {
        let name = text(fields, "account_name")
        return name.isEmpty && journal?.code == nil ? statedAccount?.name ?? "" : name
    }

    /// A line of the books where it lies, by the same rules, when it is dated and coded in its
    /// own columns and cannot be a summary row (its 摘要 does not begin as one of theirs does);
    /// nil sends it the ordinary way.
    @inline(__always)
    func fastJournalLine(_ fields: RecordFields) -> JournalLine? {
        guard let columns = journal, columns.date != nil, columns.code != nil else { return nil }
        if let memo = columns.memo, mayBeSummary(trimmed(cell(fields, memo))) { return nil }
        return try? journalLine(fields)
    }

    /// Whether a 摘要 begins with the first character of a summary row's label (本, 期, 上, 年, 承, 过, 累
    /// as shipped). A label that begins with ASCII makes every 摘要 worth the ordinary way.
    @inline(__always)
    func mayBeSummary(_ memo: Bytes) -> Bool {
        if hasASCIISummary { return true }
        guard memo.count >= 3, memo[0] >= 0xE4 else { return false }
        let first = (memo[0], memo[1], memo[2])
        return summaryStarts.contains { $0 == first }
    }

    /// A voucher-block export's own rows: `[日期:2022-01-05 凭证字号:记-0001]` opens a voucher,
    /// `[合计]` closes it; nil for any other row.
    func voucherBlockRow(_ fields: RecordFields) -> VoucherBlockRow? {
        guard fields.count > 0, fields[0].first == UInt8(ascii: "["), case let first = fields[0] else { return nil }
        var text = normalizeLabel(String(decoding: first, as: UTF8.self))
        if text.hasPrefix("[合计]") { return .total }
        guard text.hasPrefix("[日期:") else { return nil }
        // The whole line may be one cell, or its parts spread over cells.
        text = (0..<fields.count).map { normalizeLabel(String(decoding: fields[$0], as: UTF8.self)) }.joined()
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

    /// A 期初余额, 本月合计, 本年累计, 承前页 … row of a 序时账: not a line of the books.
    func journalSummary(_ fields: RecordFields) -> JournalSummary? {
        var cells = (0..<min(3, fields.count)).map { String(decoding: fields[$0], as: UTF8.self) }
        if let memo = layout.index["memo"], memo < fields.count {
            cells.append(String(decoding: fields[memo], as: UTF8.self))
        }
        for cell in cells {
            if let summary = spec.summaryRows[normalizeLabel(cell)] { return summary }
        }
        return nil
    }

    func accountRule(_ fields: RecordFields, line: Int) throws(RowProblem) -> AccountRule {
        startRow()
        let rule = AccountRule(
            codePrefix: try required(fields, "account_code"), name: text(fields, "account_name"),
            type: text(fields, "expenditure_type"), source: text(fields, "funding_source"), line: line)
        if !rule.type.isEmpty && AccountMapping.Placement(typeName: rule.type) == nil {
            throw RowProblem(
                detail: .rowVocabulary(
                    header: header("expenditure_type"), value: rule.type, allowed: AccountMapping.typeNames))
        }
        if !rule.source.isEmpty && FundingSource.match(rule.source) == nil {
            throw RowProblem(
                detail: .rowVocabulary(
                    header: header("funding_source"), value: rule.source, allowed: FundingSource.allCases.map(\.chinese)
                ))
        }
        return rule
    }

    func budgetLine(_ fields: RecordFields, line: Int) throws(RowProblem) -> BudgetLine {
        startRow()
        let unit = try rowUnit(fields, layout.index["unit_code"])
        return BudgetLine(
            unit: unit, stage: try vocabulary(fields, layout.index["stage"], "stage", as: BudgetStage.self, unit: unit),
            item: try vocabulary(fields, layout.index["item"], "item", as: BudgetItem.self, unit: unit),
            amount: try money(fields, "amount", unit: unit), line: line)
    }

    /// An indicator row. As exported forms write them: 一级/二级指标 merged over the rows below
    /// (blank: the row above's), no 指标编码 (the id is the line: `R12`), no 方向 (the target's
    /// comparison says it: `≥95%` 正向, `≤90万元` 反向, words 定性), the unit in the target cell.
    func indicator(_ fields: RecordFields, line: Int, above: Indicator?) throws(RowProblem) -> Indicator {
        startRow()
        var level1 = text(fields, "level1")
        var level2 = text(fields, "level2")
        if level1.isEmpty, let above {
            level1 = above.level1
            if level2.isEmpty { level2 = above.level2 }
        }
        if level1.isEmpty { throw RowProblem(detail: .rowMissingValue(header: header("level1"))) }
        let target = text(fields, "target")
        let measured = MeasuredValue(target)
        let id = text(fields, "id")
        let direction = text(fields, "direction")
        let measure = text(fields, "measure")
        var indicator = Indicator(
            id: id.isEmpty ? "R\(line)" : id, level1: level1, level2: level2,
            name: try required(fields, "name"), weight: try required(fields, "weight"),
            direction: direction.isEmpty ? measured.impliedDirection.chinese : direction, target: target,
            actual: text(fields, "actual"),
            measure: measure.isEmpty && measured.number != nil ? measured.unit : measure,
            source: text(fields, "source"), manualScore: text(fields, "manual_score"),
            deviationReason: text(fields, "deviation_reason"), line: line)
        // A goal merged over its indicators' rows is blank below its first.
        indicator.goal = text(fields, "goal")
        if indicator.goal.isEmpty, let above { indicator.goal = above.goal }
        return indicator
    }

    func reportFigure(_ fields: RecordFields, line: Int) throws(RowProblem) -> ReportFigure {
        startRow()
        return ReportFigure(
            figure: try required(fields, "figure"), value: try required(fields, "value"),
            measure: text(fields, "measure"), line: line)
    }

    /// A 合计/总计 row (a label of the kind's `total_rows`) is not data: its first non-blank cell
    /// of the first three says so.
    @inline(__always)
    func isTotalRow(_ fields: RecordFields) -> Bool {
        // No shipped total label is ASCII: a row whose first cell is plain ASCII is settled at once.
        if !spec.hasASCIITotalRow, fields.count > 0, case let first = fields[0], let byte = first.first, byte != 0x20,
            byte != 0x09, first.allSatisfy({ $0 < 0x80 })
        {
            return false
        }
        return hasTotalLabel(fields)
    }

    private func hasTotalLabel(_ fields: RecordFields) -> Bool {
        for index in 0..<min(3, fields.count) {
            var label = normalizeLabel(String(decoding: fields[index], as: UTF8.self))
            if label.isEmpty { continue }
            while label.hasSuffix(":") { label.removeLast() }
            return spec.totalRows.contains(label)
        }
        return false
    }
}

/// A letter, a digit, `-`, `_` or `.`: from two bitmaps of the ASCII range, without branches
/// (asked of every unit code of every ledger row).
@inline(__always)
func isCodeByte(_ byte: UInt8) -> Bool {
    // - . 0-9 (below 64), and A-Z _ a-z (64 to 127).
    let below: UInt64 = 0x03FF_6000_0000_0000
    let above: UInt64 = 0x07FF_FFFE_87FF_FFFE
    let map = byte < 64 ? below : above
    return byte < 128 && (map >> UInt64(byte & 63)) & 1 == 1
}

/// A ledger date: `YYYY-MM-DD` or `YYYY/M/D`, checked against the calendar.
struct LedgerDate: Hashable {
    var year: Int, month: Int, day: Int

    /// The one date rule, over the cell's bytes.
    init?(_ cell: Bytes) {
        // What accounting software writes, YYYY-MM-DD, read in place; every other shape below.
        if cell.count == 10, cell[4] == 0x2D, cell[7] == 0x2D {
            @inline(__always) func digit(_ index: Int) -> Int { Int(cell[index] &- 0x30) }
            @inline(__always) func isDigit(_ index: Int) -> Bool { cell[index] &- 0x30 < 10 }
            if isDigit(0) && isDigit(1) && isDigit(2) && isDigit(3) && isDigit(5) && isDigit(6) && isDigit(8)
                && isDigit(9)
            {
                self.init(
                    checking: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3),
                    digit(5) * 10 + digit(6), digit(8) * 10 + digit(9))
                return
            }
        }
        var part = 0
        var value = 0
        var length = 0
        var year = 0
        var month = 0
        for byte in cell {
            if byte == 0x2D || byte == 0x2F {
                switch part {
                case 0:
                    guard length == 4 else { return nil }
                    year = value
                case 1:
                    guard length == 1 || length == 2 else { return nil }
                    month = value
                default: return nil
                }
                part += 1
                value = 0
                length = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int(byte - 0x30)
                length += 1
                guard length <= 4 else { return nil }
            } else {
                return nil
            }
        }
        guard part == 2, length == 1 || length == 2 else { return nil }
        self.init(checking: year, month, value)
    }

    private init?(checking year: Int, _ month: Int, _ day: Int) {
        guard month >= 1 && month <= 12, day >= 1 && day <= Self.days(inMonth: month, of: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days in `month` (1–12) of `year`, leap years counted.
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
