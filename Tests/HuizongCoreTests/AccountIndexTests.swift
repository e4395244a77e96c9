import Testing

@testable import HuizongCore

/// The index a 序时账's lines find their account by: every spelling back under the account it was
/// remembered with, whatever the table's growth and however alike the bytes.
@Suite struct AccountIndexTests {
    /// Codes that agree in their first and last eight bytes (the hash's words) and differ only in
    /// the middle, short codes, sources empty and not, and units sharing every code.
    static let units = ["012001", "012002", "012003_土地利用规划院"]
    static let sources = ["", "111 一般公共预算资金", "112 政府性基金预算资金", "111"]
    static let codes: [String] =
        (0..<100).map { "7201" + String($0 % 10) + "0101010101" + String($0 / 10 % 10) + "23456789" }
        + (0..<60).map { String(7101 + $0) } + ["8001", "1", ""]

    @Test func everySpellingComesBackUnderItsAccount() {
        var index = AccountIndex()
        var expected: [String: Int] = [:]
        var spellings: [(String, String, String)] = []
        for unit in Self.units {
            for code in Self.codes { for source in Self.sources { spellings.append((unit, code, source)) } }
        }
        // A fixed shuffle: the lines of a book come in no order.
        var state: UInt64 = 0x2022
        for position in spellings.indices.reversed() {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            spellings.swapAt(position, Int(state >> 33) % (position + 1))
        }
        for round in 0..<2 {
            for (unit, code, source) in spellings {
                let key = unit + "\u{1F}" + code + "\u{1F}" + source
                let found = Self.look(&index, unit, code, source)
                #expect(found == expected[key], "\(key) in round \(round)")
                if found == nil {
                    // Every third new spelling joins the account of the one before: two spellings, one account.
                    let account = expected.count % 3 == 2 ? expected.count - 1 : expected.count
                    Self.remember(&index, unit, code, source, account)
                    expected[key] = account
                }
            }
        }
        #expect(expected.count == Self.units.count * Self.codes.count * Self.sources.count)
        #expect(Self.look(&index, "012004", "8001", "") == nil, "a unit not met")
        #expect(Self.look(&index, "012001", "80011", "") == nil, "a longer code")
    }

    static func look(_ index: inout AccountIndex, _ unit: String, _ code: String, _ source: String) -> Int? {
        let (code, source) = (Array(code.utf8), Array(source.utf8))
        return code.withUnsafeBufferPointer { code in
            source.withUnsafeBufferPointer { index.account(unit: unit, code: code, source: $0) }
        }
    }

    static func remember(
        _ index: inout AccountIndex, _ unit: String, _ code: String, _ source: String, _ account: Int
    ) {
        let (code, source) = (Array(code.utf8), Array(source.utf8))
        code.withUnsafeBufferPointer { code in
            source.withUnsafeBufferPointer { index.remember(unit: unit, code: code, source: $0, account: account) }
        }
    }
}
