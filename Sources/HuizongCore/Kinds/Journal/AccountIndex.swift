/// A 序时账's accounts found by the bytes of a line's unit, account code and 资金性质, with no string
/// made per line: an open-addressed table of every spelling met, each pointing at its account (two
/// spellings of one source, such as `111 一般公共预算资金` and an unstated one, may share an account).
struct AccountIndex {
    /// Per slot: an entry's number, or -1; always at least twice as many slots as entries.
    private var slots = [Int](repeating: -1, count: 64)
    private var entries: [Entry] = []
    /// The entries' code and source bytes, one after another.
    private var text: [UInt8] = []
    /// The units met, numbered: a line's unit is looked up only when it differs from the last one's.
    private var unitNumbers: [String: Int] = [:]
    private var lastUnit = (name: "", number: -1)

    private struct Entry {
        var hash: UInt64
        var unit: Int
        /// Where the code's and the source's bytes lie in `text`.
        var code: Range<Int>, source: Range<Int>
        var account: Int
    }

    /// The account a line's spelling was met under before, if any.
    mutating func account(unit: String, code: Bytes, source: Bytes) -> Int? {
        let unitNumber = number(unit)
        let hash = Self.hash(unitNumber, code, source)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while case let entryNumber = slots[slot], entryNumber >= 0 {
            let entry = entries[entryNumber]
            if entry.hash == hash && entry.unit == unitNumber
                && text.withUnsafeBufferPointer({
                    equalBytes(code, Bytes(rebasing: $0[entry.code]))
                        && equalBytes(source, Bytes(rebasing: $0[entry.source]))
                })
            {
                return entry.account
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Remembers a spelling not met before under its account.
    mutating func remember(unit: String, code: Bytes, source: Bytes, account: Int) {
        let unitNumber = number(unit)
        let entry = Entry(
            hash: Self.hash(unitNumber, code, source), unit: unitNumber, code: text.count..<text.count + code.count,
            source: text.count + code.count..<text.count + code.count + source.count, account: account)
        text.append(contentsOf: code)
        text.append(contentsOf: source)
        entries.append(entry)
        if entries.count * 2 > slots.count {
            slots = [Int](repeating: -1, count: slots.count * 2)
            for number in entries.indices { place(number) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ entryNumber: Int) {
        var slot = Int(truncatingIfNeeded: entries[entryNumber].hash) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = entryNumber
    }

    private mutating func number(_ unit: String) -> Int {
        if unit == lastUnit.name && lastUnit.number >= 0 { return lastUnit.number }
        let number = unitNumbers[unit] ?? unitNumbers.count
        unitNumbers[unit] = number
        lastUnit = (unit, number)
        return number
    }

    /// The unit's number, and the code's and the source's length and first and last eight bytes,
    /// folded in by 128-bit multiplies: long codes that differ only in their middle hash alike and
    /// are told apart by their bytes.
    @inline(__always)
    private static func hash(_ unit: Int, _ code: Bytes, _ source: Bytes) -> UInt64 {
        fold(fold(UInt64(truncatingIfNeeded: unit), code), source)
    }

    @inline(__always)
    private static func fold(_ hash: UInt64, _ bytes: Bytes) -> UInt64 {
        let product = (hash ^ firstEightBytes(bytes) ^ 0x9E37_79B9_7F4A_7C15)
            .multipliedFullWidth(by: lastEightBytes(bytes) ^ UInt64(bytes.count) ^ 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }
}

/// The last eight bytes of a longer run (0 for eight or fewer: `firstEightBytes` has them).
@inline(__always)
private func lastEightBytes(_ bytes: Bytes) -> UInt64 {
    guard bytes.count > 8, let base = bytes.baseAddress else { return 0 }
    return UnsafeRawPointer(base).loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self).littleEndian
}
