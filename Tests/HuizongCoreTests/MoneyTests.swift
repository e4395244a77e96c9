import Testing

@testable import HuizongCore

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1234.50", MoneyUnit.yuan, Int64(123_450)),
        ("1,234.50", .yuan, 123_450),
        ("1,234,567.89", .yuan, 123_456_789),
        ("(1,234.50)", .yuan, -123_450),
        ("-0.05", .yuan, -5),
        ("+12", .yuan, 1_200),
        ("  7.1 ", .yuan, 710),
        ("¥3.00", .yuan, 300),
        ("￥3", .yuan, 300),
        ("（１２．５０）", .yuan, -1_250),
        (".5", .yuan, 50),
        ("12.", .yuan, 1_200),
        ("1.230", .yuan, 123),  // a trailing zero past the 分 is still exact
        ("176432.02", .wan, 176_432_020_000),
        ("1.234567", .wan, 1_234_567),
        ("-0.000001", .wan, -1),
        ("945502", .wan, 945_502_000_000),
        ("10000000000000.00", .yuan, 1_000_000_000_000_000),
    ])
    func parsesExactly(text: String, unit: MoneyUnit, fen: Int64) {
        #expect(Money.parse(text, unit: unit) == .success(Money(fen: fen)))
    }

    @Test(arguments: [
        ("", MoneyUnit.yuan, MoneyParseError.empty),
        ("12.345", .yuan, .tooManyDecimals(allowed: 2, unit: .yuan)),
        ("1.2345678", .wan, .tooManyDecimals(allowed: 6, unit: .wan)),
        ("1.23E+07", .yuan, .scientificNotation),
        ("12,34.00", .yuan, .badThousandsSeparators),
        ("1,2345", .yuan, .badThousandsSeparators),
        ("abc", .yuan, .notANumber),
        ("12abc", .yuan, .notANumber),
        ("1.2.3", .yuan, .notANumber),
        ("-", .yuan, .notANumber),
        ("99999999999999999999", .yuan, .tooLarge),
        ("10000000000000.01", .yuan, .tooLarge),
        ("1000000001", .wan, .tooLarge),
    ])
    func rejectsWhatIsNotAnExactAmount(text: String, unit: MoneyUnit, error: MoneyParseError) {
        #expect(Money.parse(text, unit: unit) == .failure(error))
    }

    /// The byte-level reader of plain amounts gives what the full reader gives, or leaves the
    /// amount to it; and it takes every plain amount the full reader accepts.
    @Test(arguments: [MoneyUnit.yuan, .wan])
    func plainAmountsReadAsTheFullReaderReadsThem(unit: MoneyUnit) {
        var generator = SystemRandomNumberGenerator()
        var taken = 0
        for _ in 0..<20_000 {
            let alphabet =
                Array("0123456789") + (Bool.random(using: &generator) ? [".", "-", "+", ",", " ", "e", "１"] : [])
            let text = String(
                (0..<Int.random(in: 0...22, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            var bytes = text
            let plain = bytes.withUTF8 { Money.plain($0, maxDecimals: unit.maxDecimals) }
            let full = Money.parseWritten(text, unit: unit)
            if let plain {
                taken += 1
                #expect(full == .success(plain), "\(text.debugDescription)")
            } else if case .success = full, text.wholeMatch(of: /[+-]?[0-9]{0,17}(\.[0-9]*)?/) != nil,
                text.filter(\.isNumber).count <= 17,
                (text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0)
                    <= unit.maxDecimals
            {
                Issue.record("a plain amount left to the full reader: \(text.debugDescription)")
            }
        }
        #expect(taken > 3_000, "the inputs held plain amounts")
    }

    @Test func spacesOfEveryKindAreTrimmedButNotOneCarryingAMark() {
        #expect(Money.parse("\u{3000}\t12.50\u{A0} ", unit: .yuan) == .success(Money(fen: 1_250)))
        #expect(" \u{3000}中文\u{A0}\t".trimmingSpaces() == "中文")
        // A space with an accent on it is a letter.
        #expect(Money.parse("12.50 \u{301}", unit: .yuan) == .failure(.notANumber))
    }

    @Test func writesExactDecimals() {
        #expect(Money(fen: 1_764_320_200).yuanText == "17643202.00")
        #expect(Money(fen: -5).yuanText == "-0.05")
        #expect(Money(fen: 0).yuanText == "0.00")
        #expect(Money(fen: 1_764_320_200).wanText == "1764.3202")
        #expect(Money(fen: 176_432_020_000).wanText == "176432.02")
        #expect(Money(fen: -1).wanText == "-0.000001")
    }

    @Test func sumsReportOverflow() {
        #expect(Money(fen: .max).adding(Money(fen: 1)) == nil)
        #expect(Money(fen: .min).subtracting(Money(fen: 1)) == nil)
        #expect(Money(fen: 1).adding(Money(fen: 2)) == Money(fen: 3))
    }
}
