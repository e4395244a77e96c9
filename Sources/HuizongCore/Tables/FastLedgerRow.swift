import CSVReading
#if canImport(Glibc)
import Glibc
#endif

/// The ledger's fast path: a row as accounting software writes it — exact vocabulary, plain
/// ASCII codes, dates and amounts — read straight from its bytes, without building strings.
/// Anything else (spaces to trim, full-width text, separators, a 合计 label, a wrong width)
/// returns nil, and the row takes the ordinary path, which decides exactly as before.
struct FastLedgerRow {
    struct Row {
        var unit: String
        var year: Int
        var source: FundingSource
        var type: ExpenditureType
        var amount: Money
    }

    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    let width: Int
    let unitIndex: Int, dateIndex: Int, voucherIndex: Int, sourceIndex: Int, typeIndex: Int, amountIndex: Int
    let maxDecimals: Int
    let sources: [([UInt8], FundingSource)]
    let types: [([UInt8], ExpenditureType)]
    private var lastCode: [UInt8] = []
    private var lastCodeText = ""

    init?(layout: TableLayout, moneyUnits: [String: MoneyUnit]) {
        guard layout.kind == .expenditure, let unit = layout.index["unit_code"], let date = layout.index["date"],
              let voucher = layout.index["voucher"], let source = layout.index["funding_source"],
              let type = layout.index["expenditure_type"], let amount = layout.index["amount"],
              let moneyUnit = moneyUnits["amount"] else { return nil }
        width = layout.header.count
        unitIndex = unit; dateIndex = date; voucherIndex = voucher; sourceIndex = source; typeIndex = type; amountIndex = amount
        maxDecimals = moneyUnit.maxDecimals
        sources = FundingSource.allCases.flatMap { value in ([value.chinese, value.key] + value.aliases).map { (Array($0.utf8), value) } }
        types = ExpenditureType.allCases.flatMap { value in ([value.chinese, value.key] + value.aliases).map { (Array($0.utf8), value) } }
    }

    mutating func parse(_ record: Record) -> Row? {
        guard record.count == width else { return nil }
        return record.withUnsafeBytes { bytes -> Row? in
            func field(_ index: Int) -> Bytes { bytes[record.range(at: index)] }
            guard Self.cannotBeATotalRow(record, bytes) else { return nil }
            let code = field(unitIndex)
            guard !code.isEmpty, code.allSatisfy(isCodeByte) else { return nil }
            guard let year = Self.year(field(dateIndex)) else { return nil }
            let voucher = field(voucherIndex)
            guard let first = voucher.first, let last = voucher.last,
                  first != 0x20, first != 0x09, first != 0xC2, first != 0xE3,
                  last != 0x20, last != 0x09, last != 0xA0, last != 0x80 else { return nil }
            guard let source = Self.lookup(field(sourceIndex), in: sources),
                  let type = Self.lookup(field(typeIndex), in: types),
                  let amount = Self.amount(field(amountIndex), maxDecimals: maxDecimals) else { return nil }
            if !Self.equal(code, lastCode) {
                lastCode = Array(code)
                lastCodeText = String(decoding: code, as: UTF8.self)
            }
            return Row(unit: lastCodeText, year: year, source: source, type: type, amount: amount)
        }
    }

    @inline(__always)
    static func equal(_ cell: Bytes, _ spelling: [UInt8]) -> Bool {
        guard cell.count == spelling.count else { return false }
        guard let base = cell.base.baseAddress else { return spelling.isEmpty }
        return spelling.withUnsafeBufferPointer { memcmp(base + cell.startIndex, $0.baseAddress!, cell.count) == 0 }
    }

    /// A 合计 label is never ASCII: the first non-blank cell of the first three being ASCII
    /// settles it. Anything non-ASCII there goes the ordinary way.
    static func cannotBeATotalRow(_ record: Record, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<min(3, record.count) {
            let cell = bytes[record.range(at: index)]
            if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return cell.allSatisfy { $0 < 0x80 }
        }
        return false
    }

    @inline(__always)
    static func lookup<Value>(_ cell: Bytes, in table: [([UInt8], Value)]) -> Value? {
        for (spelling, value) in table where equal(cell, spelling) { return value }
        return nil
    }

    /// `YYYY-MM-DD` or `YYYY/M/D`, checked against the calendar as `LedgerDate` does.
    static func year(_ cell: Bytes) -> Int? {
        var part = 0, value = 0, length = 0
        var year = 0, month = 0
        for byte in cell {
            if byte == 0x2D || byte == 0x2F {
                switch part {
                case 0: guard length == 4 else { return nil }; year = value
                case 1: guard length == 1 || length == 2 else { return nil }; month = value
                default: return nil
                }
                part += 1
                value = 0; length = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int(byte - 0x30)
                length += 1
                guard length <= 4 else { return nil }
            } else {
                return nil
            }
        }
        guard part == 2, length == 1 || length == 2, month >= 1 && month <= 12,
              value >= 1 && value <= LedgerDate.days(inMonth: month, of: year) else { return nil }
        return year
    }

    /// A plain amount: optional sign, digits, at most `maxDecimals` decimals, within the cap.
    static func amount(_ cell: Bytes, maxDecimals: Int) -> Money? {
        var index = cell.startIndex
        var negative = false
        if index < cell.endIndex, cell[index] == 0x2D || cell[index] == 0x2B {
            negative = cell[index] == 0x2D
            index += 1
        }
        var value: Int64 = 0
        var digits = 0, decimals = 0
        var seenPoint = false
        while index < cell.endIndex {
            let byte = cell[index]
            if byte >= 0x30 && byte <= 0x39 {
                value = value &* 10 &+ Int64(byte - 0x30)
                digits += 1
                if seenPoint { decimals += 1 }
                guard digits <= 17 else { return nil }
            } else if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, decimals <= maxDecimals else { return nil }
        for _ in decimals..<maxDecimals {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }  // far too large: the ordinary path says so
            value = scaled
        }
        guard value <= Money.largestAmount.fen else { return nil }
        return Money(fen: negative ? -value : value)
    }
}
