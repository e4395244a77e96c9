import CSVReading
#if canImport(Glibc)
import Glibc
#endif

/// The ledger's fast path: a row as accounting software writes it — exact vocabulary, plain
/// ASCII codes, dates and amounts — read straight from its bytes, without building strings.
/// Anything else (spaces to trim, full-width text, separators, a 合计 label, a wrong width)
/// returns nil, and the row takes the ordinary path, which decides exactly as before.
/// A class: the reading loop calls it on every row, and a struct this size would be copied there.
final class FastLedgerRow {
    struct Row {
        var unit: String
        var year: Int
        var source: FundingSource
        var type: ExpenditureType
        var amount: Money
    }

    typealias Bytes = UnsafeBufferPointer<UInt8>

    let width: Int
    let unitIndex: Int, dateIndex: Int, voucherIndex: Int, sourceIndex: Int, typeIndex: Int, amountIndex: Int
    let maxDecimals: Int
    let sources: Spellings<FundingSource>
    let types: Spellings<ExpenditureType>
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
        sources = Spellings(FundingSource.allCases.flatMap { value in ([value.chinese, value.key] + value.aliases).map { ($0, value) } })
        types = Spellings(ExpenditureType.allCases.flatMap { value in ([value.chinese, value.key] + value.aliases).map { ($0, value) } })
    }

    func parse(_ record: Record) -> Row? {
        record.withUnsafeFields { parse($0) }
    }

    func parse(_ fields: RecordFields) -> Row? {
        guard fields.count == width, Self.cannotBeATotalRow(fields) else { return nil }
        let code = fields[unitIndex]
        guard !code.isEmpty, code.allSatisfy(isCodeByte) else { return nil }
        guard let year = Self.year(fields[dateIndex]) else { return nil }
        let voucher = fields[voucherIndex]
        guard let first = voucher.first, let last = voucher.last,
              first != 0x20, first != 0x09, first != 0xC2, first != 0xE3,
              last != 0x20, last != 0x09, last != 0xA0, last != 0x80 else { return nil }
        guard let source = sources.value(of: fields[sourceIndex]),
              let type = types.value(of: fields[typeIndex]),
              let amount = Self.amount(fields[amountIndex], maxDecimals: maxDecimals) else { return nil }
        if !lastCode.withUnsafeBufferPointer({ equalBytes(code, $0) }) {
            lastCode = Array(code)
            lastCodeText = String(decoding: code, as: UTF8.self)
        }
        return Row(unit: lastCodeText, year: year, source: source, type: type, amount: amount)
    }

    /// A 合计 label is never ASCII: the first non-blank cell of the first three being ASCII
    /// settles it. Anything non-ASCII there goes the ordinary way.
    static func cannotBeATotalRow(_ fields: RecordFields) -> Bool {
        for index in 0..<min(3, fields.count) {
            let cell = fields[index]
            if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return cell.allSatisfy { $0 < 0x80 }
        }
        return false
    }

    /// `YYYY-MM-DD` or `YYYY/M/D`, checked against the calendar as `LedgerDate` does.
    static func year(_ cell: Bytes) -> Int? {
        // What accounting software writes, YYYY-MM-DD, read in place; every other shape below.
        if cell.count == 10, cell[4] == 0x2D, cell[7] == 0x2D {
            @inline(__always) func digit(_ index: Int) -> Int { Int(cell[index] &- 0x30) }
            @inline(__always) func isDigit(_ index: Int) -> Bool { cell[index] &- 0x30 < 10 }
            if isDigit(0) && isDigit(1) && isDigit(2) && isDigit(3) && isDigit(5) && isDigit(6) && isDigit(8) && isDigit(9) {
                let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
                let month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9)
                guard month >= 1 && month <= 12, day >= 1 && day <= LedgerDate.days(inMonth: month, of: year) else { return nil }
                return year
            }
        }
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
        var index = 0
        let count = cell.count
        var negative = false
        if count > 0, cell[0] == 0x2D || cell[0] == 0x2B {
            negative = cell[0] == 0x2D
            index = 1
        }
        var value: Int64 = 0
        var digits = 0, decimals = 0
        var seenPoint = false
        while index < count {
            let byte = cell[index]
            if byte &- 0x30 < 10 {
                value = value &* 10 &+ Int64(byte &- 0x30)
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

/// The spellings a vocabulary accepts, in a small open-addressed table keyed by length and
/// first eight bytes: a ledger names a funding source and a type on every row, in no order a
/// branch predictor could learn. Flat arrays, so a lookup touches no reference counts.
struct Spellings<Value> {
    private static var slotBits: Int { 7 }
    /// Per slot: the spelling's length (-1: empty), first eight bytes, where its bytes lie in
    /// `text`, and its value.
    private var lengths: [Int]
    private var heads: [UInt64]
    private var offsets: [Int]
    private var values: [Value?]
    private var text: [UInt8] = []

    init(_ spellings: [(String, Value)]) {
        let count = 1 << Self.slotBits
        precondition(spellings.count < count / 2)
        lengths = Array(repeating: -1, count: count)
        heads = Array(repeating: 0, count: count)
        offsets = Array(repeating: 0, count: count)
        values = Array(repeating: nil, count: count)
        for (spelling, value) in spellings {
            let bytes = Array(spelling.utf8)
            let bytesHead = bytes.withUnsafeBufferPointer { head($0) }
            var slot = Self.slot(bytes.count, bytesHead)
            var isNew = true
            while lengths[slot] >= 0 {
                if Array(text[offsets[slot]..<offsets[slot] + lengths[slot]]) == bytes { isNew = false; break }  // first wins
                slot = (slot + 1) & (count - 1)
            }
            guard isNew else { continue }
            lengths[slot] = bytes.count
            heads[slot] = bytesHead
            offsets[slot] = text.count
            values[slot] = value
            text += bytes
        }
    }

    @inline(__always)
    private static func slot(_ length: Int, _ head: UInt64) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    @inline(__always)
    func value(of cell: UnsafeBufferPointer<UInt8>) -> Value? {
        let cellHead = head(cell)
        var slot = Self.slot(cell.count, cellHead)
        while lengths[slot] >= 0 {
            let length = lengths[slot]
            if length == cell.count && heads[slot] == cellHead
                && (length <= 8 || text.withUnsafeBufferPointer({ equalBytes(cell, UnsafeBufferPointer(rebasing: $0[offsets[slot]..<offsets[slot] + length])) })) {
                return values[slot]
            }
            slot = (slot + 1) & (lengths.count - 1)
        }
        return nil
    }
}

/// The first up to eight bytes, zero-padded.
@inline(__always)
private func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    if bytes.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self).littleEndian }
    var value: UInt64 = 0
    for index in 0..<bytes.count { value |= UInt64(base[index]) << (8 * index) }
    return value
}

/// Byte-for-byte equality, eight bytes at a time with the last eight (or four, two, one) read
/// overlapping: cells are short, and a call to memcmp or a byte loop costs more.
@inline(__always)
func equalBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    let (p, q) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
    let count = a.count
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            if p.loadUnaligned(fromByteOffset: index, as: UInt64.self) != q.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        return p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == q.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return p.loadUnaligned(as: UInt32.self) == q.loadUnaligned(as: UInt32.self)
            && p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == q.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    if count >= 2 {
        return p.loadUnaligned(as: UInt16.self) == q.loadUnaligned(as: UInt16.self)
            && p.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self) == q.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
    }
    return count == 0 || x[0] == y[0]
}
