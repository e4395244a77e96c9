import CSVReading

/// The spellings a vocabulary accepts, in a small open-addressed table keyed by length and
/// first eight bytes: a ledger names a funding source and a type on every row, in no order a
/// branch predictor could learn. Plain memory, so a lookup touches no reference counts.
public final class Spellings<Value: Sendable>: @unchecked Sendable {  // unchanged after init
    /// Slots: at least twice the spellings (a department may add many), and never fewer than 128.
    private let slotBits: Int
    private var slotCount: Int { 1 << slotBits }
    /// Per slot: the spelling's length (-1: empty), first eight bytes, where its bytes lie in
    /// `text`, and its value.
    private let lengths: UnsafeMutablePointer<Int>
    private let heads: UnsafeMutablePointer<UInt64>
    private let offsets: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<Value?>
    private let text: UnsafeMutablePointer<UInt8>

    init(_ spellings: [(String, Value)]) {
        var bits = 7
        while spellings.count >= (1 << bits) / 2 { bits += 1 }
        slotBits = bits
        let slotCount = 1 << bits
        lengths = .allocate(capacity: slotCount)
        heads = .allocate(capacity: slotCount)
        offsets = .allocate(capacity: slotCount)
        values = .allocate(capacity: slotCount)
        lengths.initialize(repeating: -1, count: slotCount)
        heads.initialize(repeating: 0, count: slotCount)
        offsets.initialize(repeating: 0, count: slotCount)
        values.initialize(repeating: nil, count: slotCount)
        let all = spellings.flatMap { Array($0.0.utf8) }
        text = .allocate(capacity: max(1, all.count))
        var used = 0
        for (spelling, value) in spellings {
            let bytes = Array(spelling.utf8)
            let bytesHead = bytes.withUnsafeBufferPointer { firstEightBytes($0) }
            var slot = slotOf(bytes.count, bytesHead)
            var isNew = true
            while lengths[slot] >= 0 {
                if Array(UnsafeBufferPointer(start: text + offsets[slot], count: lengths[slot])) == bytes {
                    isNew = false
                    break
                }  // first wins
                slot = (slot + 1) & (slotCount - 1)
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
        lengths.deallocate()
        heads.deallocate()
        offsets.deallocate()
        values.deinitialize(count: slotCount)
        values.deallocate()
        text.deallocate()
    }

    @inline(__always)
    private func slotOf(_ length: Int, _ head: UInt64) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    @inline(__always)
    func value(of cell: UnsafeBufferPointer<UInt8>) -> Value? {
        let cellHead = firstEightBytes(cell)
        var slot = slotOf(cell.count, cellHead)
        while case let length = lengths[slot], length >= 0 {
            if length == cell.count && heads[slot] == cellHead
                && (length <= 8 || equalBytes(cell, UnsafeBufferPointer(start: text + offsets[slot], count: length)))
            {
                return values[slot]
            }
            slot = (slot &+ 1) & (slotCount - 1)
        }
        return nil
    }
}

/// The first up to eight bytes, zero-padded.
@inline(__always)
func firstEightBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
            if p.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != q.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        return p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == q.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return p.loadUnaligned(as: UInt32.self) == q.loadUnaligned(as: UInt32.self)
            && p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == q.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    if count >= 2 {
        return p.loadUnaligned(as: UInt16.self) == q.loadUnaligned(as: UInt16.self)
            && p.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
                == q.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
    }
    return count == 0 || x[0] == y[0]
}
