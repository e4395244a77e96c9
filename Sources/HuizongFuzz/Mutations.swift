/// Mutations that reach what byte flips rarely do (Scripts/fuzz): numbers at the limits of every
/// parser, ZIP entries that lie about their sizes, BIFF records that lie about their lengths,
/// quoted fields that run on for many lines, rows of very many cells. libFuzzer's own mutations
/// take the other turns.
enum Mutations {
    static let numbers = [
        "92233720368547758.08", "-92233720368547758.08", "9223372036854775807", "9223372036854775808",
        "9223372036854.775808", "18446744073709551616", "1e9223372036854775807", "1E+308", "1e-400",
        "(92,233,720,368,547,758.08)", "¥92,233,720,368,547,758.08", "９２２３３７２０３６８５４７７５８．０８", "0x10",
        "2958466", "4294967296", "65536", "16385", "-0", String(repeating: "9", count: 300),
    ].map { Array($0.utf8) }

    /// The records FreeXL reads from an .xls: SST, LABELSST, NUMBER, RK, MULRK, FORMULA, BOUNDSHEET, CONTINUE.
    static let biffRecords: [UInt16] = [0x00FC, 0x00FD, 0x0203, 0x027E, 0x00BD, 0x0006, 0x0085, 0x003C]

    /// Applies one structural mutation in place; false when none fits the input.
    static func mutate(_ bytes: inout [UInt8], maxSize: Int, random: inout some RandomNumberGenerator) -> Bool {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return limitNumber(&bytes, maxSize: maxSize, random: &random)
        case 1: return lyingZipSizes(&bytes, random: &random)
        case 2: return lyingRecordLength(&bytes, random: &random)
        case 3: return runOnQuote(&bytes, maxSize: maxSize, random: &random)
        default: return manyCells(&bytes, maxSize: maxSize, random: &random)
        }
    }

    /// A run of digits replaced by a number at some parser's limit.
    static func limitNumber(_ bytes: inout [UInt8], maxSize: Int, random: inout some RandomNumberGenerator) -> Bool {
        let digits = bytes.indices.filter {
            (0x30...0x39).contains(bytes[$0]) && ($0 == 0 || !(0x30...0x39).contains(bytes[$0 - 1]))
        }
        guard let start = digits.randomElement(using: &random) else { return false }
        var end = start
        while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E { end += 1 }
        let number = numbers.randomElement(using: &random)!
        guard bytes.count - (end - start) + number.count <= maxSize else { return false }
        bytes.replaceSubrange(start..<end, with: number)
        return true
    }

    /// A ZIP entry (local header or central directory) whose compressed and uncompressed sizes lie.
    static func lyingZipSizes(_ bytes: inout [UInt8], random: inout some RandomNumberGenerator) -> Bool {
        var headers: [(at: Int, sizes: Int)] = []
        var index = 0
        while index + 30 <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02,
                index + 28 <= bytes.count
            {
                headers.append((index, index + 20))
            } else if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x03, bytes[index + 3] == 0x04
            {
                headers.append((index, index + 18))
            }
            index += 1
        }
        guard let header = headers.randomElement(using: &random) else { return false }
        let lies: [UInt32] = [0, 1, 4096, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32.random(in: 0...UInt32.max, using: &random)]
        for field in [header.sizes, header.sizes + 4] where Bool.random(using: &random) {
            let value = lies.randomElement(using: &random)!
            for byte in 0..<4 { bytes[field + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
        return true
    }

    /// An .xls record of a kind FreeXL reads, whose length field lies.
    static func lyingRecordLength(_ bytes: inout [UInt8], random: inout some RandomNumberGenerator) -> Bool {
        guard bytes.count > 4 else { return false }
        let places = (0..<(bytes.count - 3)).filter {
            biffRecords.contains(UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
        }
        guard let at = places.randomElement(using: &random) else { return false }
        let length: UInt16 = [0, 1, 8224, 0xFFFF, UInt16.random(in: 0...UInt16.max, using: &random)].randomElement(
            using: &random)!
        bytes[at + 2] = UInt8(length & 0xFF)
        bytes[at + 3] = UInt8(length >> 8)
        return true
    }

    /// A quote opened and left running over many short lines, as a field that crosses a part's cut.
    static func runOnQuote(_ bytes: inout [UInt8], maxSize: Int, random: inout some RandomNumberGenerator) -> Bool {
        let room = maxSize - bytes.count - 1
        guard room > 16 else { return false }
        let pieces: [[UInt8]] = [[0x2C], [0x0D, 0x0A], [0x0A], [0x22, 0x22], Array("汇".utf8), [0x78]]
        var run: [UInt8] = [0x22]
        while run.count < min(room, Int.random(in: 16...room, using: &random)) {
            run += pieces.randomElement(using: &random)!
        }
        bytes.insert(contentsOf: run.prefix(room), at: Int.random(in: 0...bytes.count, using: &random))
        return true
    }

    /// A cell of an HTML, XML or worksheet row repeated many times.
    static func manyCells(_ bytes: inout [UInt8], maxSize: Int, random: inout some RandomNumberGenerator) -> Bool {
        let cell = [
            Array("<td>1</td>".utf8), Array("<c><v>1</v></c>".utf8),
            Array("<Cell><Data ss:Type=\"Number\">1</Data></Cell>".utf8),
        ]
        .randomElement(using: &random)!
        guard let at = (0..<bytes.count).filter({ bytes[$0] == 0x3E }).randomElement(using: &random) else {
            return false
        }
        let count = min((maxSize - bytes.count) / cell.count, Int.random(in: 1...20_000, using: &random))
        guard count > 0 else { return false }
        bytes.insert(contentsOf: Array([[UInt8]](repeating: cell, count: count).joined()), at: at + 1)
        return true
    }
}
