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

    func parse(_ fields: RecordFields) -> Row? {
        guard fields.count == width, let base = fields.base, let starts = fields.starts, let ends = fields.ends else { return nil }
        // The layout's columns all lie below `width`: cells read without further checks.
        @inline(__always) func cell(_ index: Int) -> Bytes {
            Bytes(start: base + starts[index], count: ends[index] &- starts[index])
        }
        let code = cell(unitIndex)
        guard !code.isEmpty, code.allSatisfy(isCodeByte) else { return nil }
        // A unit code in the first column is ASCII: no 合计 label there.
        guard unitIndex == 0 || Self.cannotBeATotalRow(fields) else { return nil }
        guard let year = Self.year(cell(dateIndex)) else { return nil }
        let voucher = cell(voucherIndex)
        guard voucher.count > 0, case let first = voucher[0], case let last = voucher[voucher.count &- 1],
              first != 0x20, first != 0x09, first != 0xC2, first != 0xE3,
              last != 0x20, last != 0x09, last != 0xA0, last != 0x80 else { return nil }
        guard let source = sources.value(of: cell(sourceIndex)),
              let type = types.value(of: cell(typeIndex)),
              let amount = Money.plain(cell(amountIndex), maxDecimals: maxDecimals) else { return nil }
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
}

/// The spellings a vocabulary accepts, in a small open-addressed table keyed by length and
/// first eight bytes: a ledger names a funding source and a type on every row, in no order a
/// branch predictor could learn. Plain memory, so a lookup touches no reference counts.
final class Spellings<Value> {
    private static var slotBits: Int { 7 }
    private static var slotCount: Int { 1 << slotBits }
    /// Per slot: the spelling's length (-1: empty), first eight bytes, where its bytes lie in
    /// `text`, and its value.
    private let lengths = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private let heads = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
    private let offsets = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private let values = UnsafeMutablePointer<Value?>.allocate(capacity: slotCount)
    private let text: UnsafeMutablePointer<UInt8>

    init(_ spellings: [(String, Value)]) {
        precondition(spellings.count < Self.slotCount / 2)
        lengths.initialize(repeating: -1, count: Self.slotCount)
        heads.initialize(repeating: 0, count: Self.slotCount)
        offsets.initialize(repeating: 0, count: Self.slotCount)
        values.initialize(repeating: nil, count: Self.slotCount)
        let all = spellings.flatMap { Array($0.0.utf8) }
        text = .allocate(capacity: max(1, all.count))
        var used = 0
        for (spelling, value) in spellings {
            let bytes = Array(spelling.utf8)
            let bytesHead = bytes.withUnsafeBufferPointer { head($0) }
            var slot = Self.slot(bytes.count, bytesHead)
            var isNew = true
            while lengths[slot] >= 0 {
                if Array(UnsafeBufferPointer(start: text + offsets[slot], count: lengths[slot])) == bytes { isNew = false; break }  // first wins
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            guard isNew else { continue }
            lengths[slot] = bytes.count
            heads[slot] = bytesHead
            offsets[slot] = used
            values[slot] = value
            (text + used).initialize(from: bytes, count: bytes.count)
            used += bytes.count
        }
    }

    deinit {
        lengths.deallocate(); heads.deallocate(); offsets.deallocate(); values.deinitialize(count: Self.slotCount)
        values.deallocate(); text.deallocate()
    }

    @inline(__always)
    private static func slot(_ length: Int, _ head: UInt64) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    @inline(__always)
    func value(of cell: UnsafeBufferPointer<UInt8>) -> Value? {
        let cellHead = head(cell)
        var slot = Self.slot(cell.count, cellHead)
        while case let length = lengths[slot], length >= 0 {
            if length == cell.count && heads[slot] == cellHead
                && (length <= 8 || equalBytes(cell, UnsafeBufferPointer(start: text + offsets[slot], count: length))) {
                return values[slot]
            }
            slot = (slot &+ 1) & (Self.slotCount - 1)
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
