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
    var day: LedgerDate
    var code: Bytes
    /// The line's 资金性质 as written (`111 一般公共预算资金`); empty when the books have none.
    var source: Bytes
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
    /// What one row leaves for the next (the last unit code, the trimmed copies). Behind a
    /// pointer: a class's stored `var`s carry a dynamic exclusivity check on every access, and
    /// three a row were 12 % of a 22-ledger run's CPU. One reader serves one thread.
    private struct RowScratch {
        var lastCode: [UInt8] = []
        var lastCodeText = ""
        /// Cells whose edges needed character rules to trim, copied; freed when the next row starts.
        var trimmedCopies: [UnsafeMutableBufferPointer<UInt8>] = []
    }
    private let scratch: UnsafeMutablePointer<RowScratch> = {
        let scratch = UnsafeMutablePointer<RowScratch>.allocate(capacity: 1)
        scratch.initialize(to: RowScratch())
        return scratch
    }()
    /// The kind's spec (`Kinds/`, a department's spellings included) and the vocabularies'
    /// spelling tables, fetched once.
    let spec: KindSpec
    let words: VocabularyTables
    /// The spelling tables of the two vocabularies every ledger row and book line is matched
    /// against, held here so that a row rule reads them through `self` (see `ledgerRow`).
    let fundingSources: Spellings<FundingSource>
    let expenditureTypes: Spellings<ExpenditureType>
    /// The labels a 辅助核算 cell names the funding source by (`资金性质:111 一般公共预算资金;…`):
    /// the kind's 资金来源 column's spellings. Here, not in a kind's per-row columns, which are
    /// copied on every row and must stay plain numbers.
    let fundingSourceLabels: [[UInt8]]
    /// The first three bytes of every summary row label of the kind (a 序时账's 本月合计 …): a 摘要
    /// that begins otherwise is no summary; a label beginning in ASCII makes any 摘要 one.
    private let summaryStarts: [(UInt8, UInt8, UInt8)]
    private let hasASCIISummary: Bool
    /// Whether a total-row label is plain ASCII (then an ASCII first cell may still be one); asked
    /// of every row, so kept here rather than looked up in `spec`.
    private let hasASCIITotalRow: Bool
    /// Each column's header label as `normalizeLabel` leaves it, and a path's last part: what a
    /// header printed again on a new page is compared with.
    private let headerLabels: [(whole: String, leaf: String)]

    /// What a 明细账's preamble says: its year (`2022年`) and its one account (`科目：7101 行政支出`),
    /// the code held as bytes for as long as the reader (every line refers to it).
    let statedYear: Int?
    let statedAccount: (code: UnsafeMutableBufferPointer<UInt8>, name: String)?
    /// The GB/T 14885 edition an asset card table names (see `NationalClassification.stated`),
    /// found once: every card's code is read by it.
    let statedClassification: (edition: NationalClassification, title: String?)?

    init(layout: TableLayout, moneyUnits: [String: MoneyUnit], preamble: [String] = [], kinds: KindCatalog = .shipped) {
        self.layout = layout
        self.moneyUnits = moneyUnits
        spec = kinds[layout.kind]
        words = kinds.vocabularies
        fundingSources = words.fundingSource
        expenditureTypes = words.expenditureType
        fundingSourceLabels =
            spec.columns.first(where: { $0.key == JournalKind.Column.fundingSource.rawValue }).map { column in
                ([column.chinese] + column.synonyms + column.ownSpellings).map { Array($0.utf8) }
            } ?? []
        let labels = spec.summaryRows.keys.sorted(by: bytewise)
        summaryStarts = labels.compactMap { label in
            let bytes = Array(label.utf8)
            return bytes.count >= 3 && bytes[0] >= 0xE4 ? (bytes[0], bytes[1], bytes[2]) : nil
        }
        hasASCIISummary = summaryStarts.count < labels.count
        hasASCIITotalRow = spec.totalRows.contains { $0.utf8.allSatisfy { $0 < 0x80 } }
        statedYear = preamble.lazy.compactMap(TableHeader.statedYear(in:)).first
        statedAccount = preamble.lazy.compactMap(TableHeader.statedAccount(in:)).first.map { account in
            let code = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, account.code.utf8.count))
            _ = code.initialize(from: account.code.utf8)
            return (UnsafeMutableBufferPointer(rebasing: code[..<account.code.utf8.count]), account.name)
        }
        statedClassification = NationalClassification.stated(
            header: layout.index[AssetCardsKind.Column.classificationCode.rawValue].map { layout.header[$0] },
            preamble: layout.kind == .assets ? preamble : [])
        width = layout.header.count
        headerLabels = layout.header.map { header in
            let whole = normalizeLabel(header)
            return (whole, String(whole.split(separator: "›").last ?? Substring(whole)))
        }
    }

    deinit {
        forgetTrimmedCopies()
        scratch.deinitialize(count: 1)
        scratch.deallocate()
        statedAccount?.code.deallocate()
    }

    // MARK: Cells

    /// Cell `index` as written; empty when the column is absent or the row is short.
    @inline(__always)
    func cell(_ fields: RecordFields, _ index: Int?) -> Bytes {
        guard let index, index < fields.count else { return Bytes(start: nil, count: 0) }
        return fields[index]
    }

    /// Called at the start of each row: the previous row's trimmed copies are no longer read.
    @inline(__always)
    func startRow() {
        if !scratch.pointee.trimmedCopies.isEmpty { forgetTrimmedCopies() }
    }

    private func forgetTrimmedCopies() {
        for copy in scratch.pointee.trimmedCopies { copy.deallocate() }
        scratch.pointee.trimmedCopies.removeAll(keepingCapacity: true)
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
        scratch.pointee.trimmedCopies.append(copy)
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
    func unitCode(_ fields: RecordFields, _ index: Int?, key: String = unitCodeKey, unit: String = "")
        throws(RowProblem) -> String
    {
        let code = try required(fields, index, key, unit: unit)
        guard code.allSatisfy(isCodeByte) else {
            // Only the registry has a second code column, its 上级单位编码.
            throw RowProblem(
                detail: .rowUnitCode(code: String(decoding: code, as: UTF8.self), isParent: key != unitCodeKey),
                unit: unit)
        }
        if !scratch.pointee.lastCode.withUnsafeBufferPointer({ equalBytes(code, $0) }) {
            scratch.pointee.lastCode = Array(code)
            scratch.pointee.lastCodeText = String(decoding: code, as: UTF8.self)
        }
        return scratch.pointee.lastCodeText
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
        in spellings: Spellings<V>, unit: String
    ) throws(RowProblem) -> V {
        let text = try required(fields, index, key, unit: unit)
        guard let value = V.match(text, in: spellings) else {
            throw RowProblem(
                detail: .rowVocabulary(
                    header: header(key), value: String(decoding: text, as: UTF8.self),
                    allowed: V.allCases.map(\.chinese)), unit: unit)
        }
        return value
    }

    // MARK: Columns by their kind's typed keys

    /// Where column `key` lies; nil when the table has no such column.
    @inline(__always)
    func index(_ column: some ColumnKey) -> Int? { layout.index[column.rawValue] }

    /// Whether the table has the column.
    func has(_ column: some ColumnKey) -> Bool { layout.index[column.rawValue] != nil }

    func text(_ fields: RecordFields, _ column: some ColumnKey) -> String { text(fields, column.rawValue) }

    func header(_ column: some ColumnKey) -> String { header(column.rawValue) }

    func required(_ fields: RecordFields, _ column: some ColumnKey, unit: String = "") throws(RowProblem) -> String {
        try required(fields, column.rawValue, unit: unit)
    }

    @inline(__always)
    func required(_ fields: RecordFields, _ index: Int?, _ column: some ColumnKey, unit: String) throws(RowProblem)
        -> Bytes
    {
        try required(fields, index, column.rawValue, unit: unit)
    }

    func money(_ fields: RecordFields, _ column: some ColumnKey, unit: String, optional: Bool = false)
        throws(RowProblem) -> Money
    {
        try money(fields, column.rawValue, unit: unit, optional: optional)
    }

    func vocabulary<V: Vocabulary>(_ fields: RecordFields, _ column: some ColumnKey, as type: V.Type, unit: String)
        throws(RowProblem) -> V
    {
        try vocabulary(fields, index(column), column.rawValue, as: type, in: words[keyPath: V.table], unit: unit)
    }

    /// The unit a row belongs to, by the kind's unit column (see `rowUnit(_:_:)`).
    @inline(__always)
    func rowUnit(_ fields: RecordFields, _ column: some ColumnKey) throws(RowProblem) -> String {
        try rowUnit(fields, index(column))
    }

    /// A number of people: a whole number, not negative (`1,162` as a spreadsheet shows it).
    func headcount(_ fields: RecordFields, _ column: some ColumnKey, unit: String, optional: Bool = false)
        throws(RowProblem) -> Int
    {
        let text = self.text(fields, column)
        if text.isEmpty && optional { return 0 }
        var digits = Substring(text.replacingOccurrences(of: ",", with: ""))
        // A count formatted as a number with decimals (`42.00`) is still whole.
        if let point = digits.firstIndex(of: "."), digits[digits.index(after: point)...].allSatisfy({ $0 == "0" }) {
            digits = digits[..<point]
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else {
            throw RowProblem(detail: .rowHeadcount(header: header(column), value: text), unit: unit)
        }
        return count
    }

    /// Whether a 摘要 may be a summary row's: it begins with the first character of one of the
    /// kind's summary labels (本, 期, 上, 年, 承, 过, 累 as shipped).
    @inline(__always)
    func mayBeSummary(_ memo: Bytes) -> Bool {
        if hasASCIISummary { return true }
        guard memo.count >= 3, memo[0] >= 0xE4 else { return false }
        let first = (memo[0], memo[1], memo[2])
        return summaryStarts.contains { $0 == first }
    }

    /// A 合计/总计 row (a label of the kind's `total_rows`) is not data: its first non-blank cell
    /// says so.
    @inline(__always)
    func isTotalRow(_ fields: RecordFields) -> Bool {
        // No shipped total label is ASCII: a row whose first cell is plain ASCII is settled at once.
        if !hasASCIITotalRow, fields.count > 0, case let first = fields[0], let byte = first.first, byte != 0x20,
            byte != 0x09, first.allSatisfy({ $0 < 0x80 })
        {
            return false
        }
        return hasTotalLabel(fields)
    }

    /// A row that is no line of the table: a 栏次 row, a printed footer (`记账：… 审核：…`) or page
    /// header (`编制单位：…`, a kind's `non_data_rows`, alone or followed by a colon), a page number
    /// (`第 1 页 共 3 页`), an attachment count (`附单据 2 张`), a separator (`-----`), or the header
    /// printed again on a new page. Its first non-blank cell says so, wherever it stands.
    func isNonDataRow(_ fields: RecordFields) -> Bool {
        var (separators, headerLabels) = (0, 0)
        for index in 0..<fields.count where !fields[index].isEmpty {
            let label = normalizeLabel(String(decoding: fields[index], as: UTF8.self))
            if label.isEmpty { continue }
            if separators + headerLabels == 0 {
                if isPrintedLabel(label, fields) || Self.isPageNumber(label) || Self.isAttachmentCount(label) {
                    return true
                }
            }
            if Self.isSeparator(label) {
                separators += 1
            } else if isHeaderLabel(label, at: index) {
                headerLabels += 1
            } else {
                return false
            }
        }
        return (separators > 0 && headerLabels == 0) || (headerLabels >= 2 && separators == 0)
    }

    /// A printed page's label (`记账：…`, `财务负责人(签章)：`, `编制单位：…`): one of `non_data_rows`,
    /// alone or before a colon, a bracketed `(签章)` aside; or, on a row with no figure in an amount
    /// cell, a cell that begins with one (`记账员：张三`, `记账 张三 审核 李四`). In a table of amounts
    /// a row with a figure is a row (a 摘要 `经办人：…`, a 凭证类别 `记账凭证`), but for the page
    /// subtotals and column numbers that carry figures of their own (`amountRows`).
    private func isPrintedLabel(_ label: String, _ fields: RecordFields) -> Bool {
        let colon = label.firstIndex(of: ":")
        var head = String(label[..<(colon ?? label.endIndex)])
        while let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")") {
            head.removeSubrange(open...close)
        }
        let named = spec.nonDataRows.contains(head)
        let begins = !named && spec.nonDataRows.contains { $0.count >= 2 && head.hasPrefix($0) }
        guard named || begins else { return false }
        if Self.amountRows.contains(head) { return true }
        return moneyUnits.isEmpty ? named : !hasFigure(fields)
    }

    /// Labels of rows that carry figures and are still no rows: a page's subtotal, a 栏次 row.
    static let amountRows: Set<String> = ["本页小计", "本页合计", "栏次", "行次"]

    /// Whether one of the table's amount cells holds a figure, readable or not (`1 200.00`): such a
    /// row is a row, rejected if it must be, never read past.
    private func hasFigure(_ fields: RecordFields) -> Bool {
        for key in moneyUnits.keys {
            guard let index = layout.index[key], index < fields.count else { continue }
            if fields[index].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return true }
        }
        return false
    }

    /// Whether a cell is the label of the header over its column (a path's last part counts).
    private func isHeaderLabel(_ label: String, at index: Int) -> Bool {
        guard index < headerLabels.count else { return false }
        return headerLabels[index].whole == label || headerLabels[index].leaf == label
    }

    /// `第1页`, `第 1 页 共 3 页`, `共3页`, `Page 1 of 3`, `- 1 -`.
    static func isPageNumber(_ label: String) -> Bool {
        // `- 1 -`
        let inner = label.drop { $0 == "-" }.reversed().drop { $0 == "-" }
        if inner.count < label.count - 1, !inner.isEmpty, inner.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return true
        }
        for start in ["第", "共"] where label.hasPrefix(start) {
            let rest = label.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix("页") { return true }
        }
        let lower = label.lowercased()
        return lower.hasPrefix("page") && lower.dropFirst(4).first?.isNumber == true
    }

    /// A printed voucher's `附单据 2 张`, `附件：3张`, `附单据数：2`.
    static func isAttachmentCount(_ label: String) -> Bool {
        guard let prefix = ["附单据数", "附单据", "附件数", "附件"].first(where: label.hasPrefix) else { return false }
        var rest = label.dropFirst(prefix.count)
        if rest.first == ":" { rest = rest.dropFirst() }
        if rest.last == "张" { rest = rest.dropLast() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A printed rule: `-----`, `=====`, `———`.
    static func isSeparator(_ label: String) -> Bool {
        label.count >= 3 && label.allSatisfy { "-=_—─━*~·.".contains($0) }
    }

    private func hasTotalLabel(_ fields: RecordFields) -> Bool {
        // Wherever the first filled cell stands: a 序时账 prints its 合计 under 摘要.
        for index in 0..<fields.count where !fields[index].isEmpty {
            let label = normalizeLabel(String(decoding: fields[index], as: UTF8.self))
            if label.isEmpty { continue }
            // `合计：`, and `合计：壹拾万元整` as a print writes the sum in words.
            return spec.totalRows.contains(String(label.prefix { $0 != ":" }))
        }
        return false
    }
}

/// The key every unit-level kind names its unit column by (`Kinds/*.json`).
let unitCodeKey = "unit_code"

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

    /// The date as one number, 20220301: what orders and compares days.
    var number: Int { year * 10_000 + month * 100 + day }

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
            // 2022-03-01, 2022/3/1, and 2022.03.01 as some systems print it.
            if byte == 0x2D || byte == 0x2F || byte == 0x2E {
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
