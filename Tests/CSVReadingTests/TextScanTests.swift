import CTextScan
import Testing

/// The C byte loops against their references: the SIMD UTF-8 validator against the Swift
/// standard library and the portable loop, the SIMD classifier against the portable one.
@Suite struct TextScanTests {
    /// What the reader must accept: valid UTF-8 (the standard library's judgement) without NUL.
    static func reference(_ bytes: [UInt8]) -> Bool {
        !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
    }

    static func simd(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { hz_text_is_valid($0.baseAddress, $0.count) == 1 }
    }
    static func portable(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { hz_text_is_valid_portable($0.baseAddress, $0.count) == 1 }
    }

    /// The one-pass validator and classifier at `level` (0 portable, 1 AVX2, 2 AVX-512): its
    /// judgement, and whether its blocks are the portable classifier's.
    static func scan(_ bytes: [UInt8], level: Int32, delimiter: UInt8 = 0x2C) -> (valid: Bool, sameBlocks: Bool) {
        let count = (bytes.count + 63) / 64
        var scanned = [hz_block](repeating: hz_block(), count: count)
        var portable = scanned
        let valid = bytes.withUnsafeBufferPointer { hz_scan_at(level, $0.baseAddress, $0.count, delimiter, &scanned) }
        bytes.withUnsafeBufferPointer { hz_classify_portable($0.baseAddress, $0.count, delimiter, &portable) }
        return (valid == 1, sameBlocks(scanned, portable))
    }

    static func sameBlocks(_ a: [hz_block], _ b: [hz_block]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy {
                $0.delimiters == $1.delimiters && $0.quotes == $1.quotes && $0.line_ends == $1.line_ends
            }
    }

    /// Whether every path judges `bytes` as the standard library does, and the scans classify them right.
    static func allAgree(_ bytes: [UInt8]) -> Bool {
        let expected = reference(bytes)
        guard simd(bytes) == expected, portable(bytes) == expected else { return false }
        return (0...2).allSatisfy { level in scan(bytes, level: Int32(level)) == (expected, true) }
    }

    /// Checks `sequence` placed across the SIMD blocks' edges (32 and 64 bytes), and at the very end.
    static func disagreements(_ sequence: [UInt8]) -> [String] {
        var found: [String] = []
        for offset in [0, 29, 30, 31, 32, 61, 62, 63, 64, 126, 127] {
            for tail in [40, 0] {
                let bytes =
                    Array(repeating: UInt8(ascii: "a"), count: offset) + sequence
                    + Array(repeating: UInt8(ascii: "b"), count: tail)
                let expected = reference(bytes)
                if !allAgree(bytes) {
                    found.append(
                        "\(sequence.map { String($0, radix: 16) }) at \(offset), tail \(tail): expected \(expected)")
                }
            }
        }
        return found
    }

    @Test func everyTwoByteSequenceIsJudgedAsTheStandardLibraryDoes() {
        var found: [String] = []
        for lead in UInt8(0x80)...0xFF {
            for second in UInt8(0)...0xFF where second != 0x61 || lead < 0xC0 {
                found += Self.disagreements([lead, second])
            }
        }
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func everyThreeAndFourByteLeadIsJudgedAsTheStandardLibraryDoes() {
        var found: [String] = []
        // Every continuation byte and the edges around them; ASCII and leads stand for their kind.
        let seconds: [UInt8] = [0x41, 0x7F] + Array(0x80...0xC2) + [0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        let others: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4]
        for lead in UInt8(0xE0)...0xFF {
            for second in seconds {
                for third in others {
                    found += Self.disagreements([lead, second, third])
                    if lead >= 0xF0 {
                        for fourth in [0x41, 0x80, 0xBF, 0xC0] as [UInt8] {
                            found += Self.disagreements([lead, second, third, fourth])
                        }
                    }
                }
            }
        }
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func aNulAnywhereIsInvalid() {
        for length in 1...130 {
            for position in 0..<length {
                var bytes = Array("中文,2022-01-01,12.50\r\n".utf8.prefix(length))
                while bytes.count < length { bytes.append(0x61) }
                bytes[position] = 0
                #expect(!Self.simd(bytes) && !Self.portable(bytes), "NUL at \(position) of \(length)")
                #expect(
                    (0...2).allSatisfy { !Self.scan(bytes, level: Int32($0)).valid }, "NUL at \(position) of \(length)")
            }
        }
    }

    @Test func mutatedLedgerTextIsJudgedAsTheStandardLibraryDoes() {
        var rng = DifferentialTests.SplitMix(state: UInt64.random(in: 0...UInt64.max))
        let seedText = Array("012001,2022-01-01,记-000001,一般公共预算,项目支出,\"购置办公用品, 含打印纸\",32116.71,😀,ÅÉ\r\n".utf8)
        var invalid = 0
        for trial in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) { bytes += seedText }
            if !bytes.isEmpty {
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0...min(3, bytes.count), using: &rng)) }
            }
            if !Self.reference(bytes) { invalid += 1 }
            #expect(Self.allAgree(bytes), "trial \(trial): \(bytes)")
        }
        #expect(invalid > 2_000, "the mutations made invalid text to judge")
    }

    @Test func theClassifierMarksWhatThePortableLoopMarks() {
        var rng = DifferentialTests.SplitMix(state: UInt64.random(in: 0...UInt64.max))
        let alphabet: [UInt8] = Array("a,;\t\"\r\n中 ".utf8)
        for trial in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let delimiter: UInt8 = [0x2C, 0x3B, 0x09][trial % 3]
            let blocks = (bytes.count + 63) / 64
            var simd = [hz_block](repeating: hz_block(), count: blocks)
            var portable = simd
            bytes.withUnsafeBufferPointer { hz_classify($0.baseAddress, $0.count, delimiter, &simd) }
            bytes.withUnsafeBufferPointer { hz_classify_portable($0.baseAddress, $0.count, delimiter, &portable) }
            #expect(Self.sameBlocks(simd, portable), "trial \(trial)")
            for level: Int32 in 0...2 {
                #expect(
                    Self.scan(bytes, level: level, delimiter: delimiter).sameBlocks, "trial \(trial), level \(level)")
            }
            // Each marked bit is the byte it says.
            for (index, byte) in bytes.enumerated() {
                let bit = UInt64(1) << UInt64(index % 64)
                let block = simd[index / 64]
                #expect((block.delimiters & bit != 0) == (byte == delimiter))
                #expect((block.quotes & bit != 0) == (byte == 0x22))
                #expect((block.line_ends & bit != 0) == (byte == 0x0D || byte == 0x0A))
            }
        }
    }
}
