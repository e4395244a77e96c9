import Foundation

/// An exact amount of money, as a whole number of 分 (0.01 元).
///
/// Binary floating point never touches an amount: text is parsed digit by digit. Sums cannot
/// overflow: a parsed amount is at most `Money.largestAmount`, and the reader and the
/// consolidator cap the sum of the magnitudes of everything accepted at `Money.largestSum`,
/// so every total, net value or difference stays below twice that, inside `Int64`.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    /// 10¹³ 元 (10 万亿元): no single line of a unit's accounts comes near.
    public static let largestAmount = Money(fen: 1_000_000_000_000_000)
    /// 2⁶¹ 分 (about 2.3 × 10¹⁶ 元) for the magnitudes of all accepted amounts together.
    public static let largestSum = Money(fen: 1 << 61)

    /// The amount as a `Decimal`, for ratios (never for sums).
    var decimal: Decimal { Decimal(fen) }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// Adds, or nil on overflow (about 9.2 × 10¹⁶ 元; no real ledger gets near).
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: sum)
    }

    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: difference)
    }

    /// `a + b`, trapping on overflow; for sums of amounts already bounded on input.
    public static func + (a: Money, b: Money) -> Money {
        guard let sum = a.adding(b) else { preconditionFailure("money overflow") }
        return sum
    }

    public static func - (a: Money, b: Money) -> Money {
        guard let difference = a.subtracting(b) else { preconditionFailure("money overflow") }
        return difference
    }

    public static func += (a: inout Money, b: Money) { a = a + b }

    public var magnitude: Money { Money(fen: fen < 0 ? -fen : fen) }

    /// Exact decimal 元 with two decimals: `-1234.50`. What the outputs carry.
    public var yuanText: String { Self.decimalText(fen, scale: 2) }

    /// 万元 with as many decimals as exactness needs, at least two: `176432.02`, `0.000001`.
    public var wanText: String {
        var text = Self.decimalText(fen, scale: 6)
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return text
    }

    public var description: String { yuanText }

    /// `value` / 10^scale written out exactly, with `scale` decimals.
    static func decimalText(_ value: Int64, scale: Int) -> String {
        let negative = value < 0
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }
}

/// The unit an amount column is written in.
public enum MoneyUnit: String, Sendable, Codable {
    case yuan
    case wan  // 万元, 10,000 元

    /// 分 per whole unit.
    var fenPerUnit: Int64 { self == .yuan ? 100 : 1_000_000 }

    /// Decimals that still land on a whole 分.
    var maxDecimals: Int { self == .yuan ? 2 : 6 }

    public var chineseName: String { self == .yuan ? "元" : "万元" }
}

/// Why a text is not an amount. Every case is a rejected row, never a guess.
public enum MoneyParseError: Error, Hashable, Sendable {
    case empty
    case notANumber
    case scientificNotation
    case tooManyDecimals(allowed: Int, unit: MoneyUnit)
    case badThousandsSeparators
    case tooLarge
    case signInParentheses
}

extension Money {
    /// A plain amount — optional sign, digits, at most `maxDecimals` decimals, within the cap —
    /// read from its bytes; nil for anything else (which `parse` then judges). The hot loop's way.
    static func plain(_ cell: UnsafeBufferPointer<UInt8>, maxDecimals: Int) -> Money? {
        guard var p = cell.baseAddress, cell.count > 0 else { return nil }
        let end = p + cell.count
        let negative = p.pointee == 0x2D
        if negative || p.pointee == 0x2B { p += 1 }
        var value: Int64 = 0
        let integerStart = p
        while p < end, case let digit = p.pointee &- 0x30, digit < 10 {
            value = value &* 10 &+ Int64(digit)  // wraps only past 18 digits, refused below
            p += 1
        }
        var digits = p - integerStart
        var decimals = 0
        if p < end, p.pointee == 0x2E {
            p += 1
            let fractionStart = p
            while p < end, case let digit = p.pointee &- 0x30, digit < 10 {
                value = value &* 10 &+ Int64(digit)
                p += 1
            }
            decimals = p - fractionStart
            digits += decimals
        }
        guard p == end, digits > 0, digits <= 17, decimals <= maxDecimals else { return nil }
        var scale: Int64 = 1
        for _ in decimals..<maxDecimals { scale &*= 10 }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: scale)
        // Far too large: `parse` says so.
        guard !overflow, scaled <= Money.largestAmount.fen else { return nil }
        return Money(fen: negative ? -scaled : scaled)
    }

    /// Parses an amount as exports write it: optional sign, `¥`, thousands separators,
    /// accounting parentheses for negatives (`(1,234.50)`), full-width digits and signs.
    /// At most 2 decimals in 元 and 6 in 万元: anything finer than a 分 is an error.
    public static func parse(_ raw: String, unit: MoneyUnit) -> Result<Money, MoneyParseError> {
        var text = raw
        return text.withUTF8 { parse($0, unit: unit) }
    }

    /// `parse` over a cell's bytes: the one amount rule every reader calls.
    static func parse(_ cell: UnsafeBufferPointer<UInt8>, unit: MoneyUnit) -> Result<Money, MoneyParseError> {
        // Most cells hold a plain amount: read from its bytes without building characters.
        if let amount = plain(cell, maxDecimals: unit.maxDecimals) { return .success(amount) }
        return parseWritten(String(decoding: cell, as: UTF8.self), unit: unit)
    }

    /// `parse` character by character: every form it accepts, and the reason for what it refuses.
    static func parseWritten(_ raw: String, unit: MoneyUnit) -> Result<Money, MoneyParseError> {
        var text = Substring(foldFullWidth(raw)).trimmingSpaces()
        guard !text.isEmpty else { return .failure(.empty) }
        var negative = false
        if text.hasPrefix("("), text.hasSuffix(")") {
            negative = true
            text = text.dropFirst().dropLast().trimmingSpaces()
            // `(-5)` is negative twice over: which sign was meant cannot be known.
            if let first = text.first, first == "-" || first == "+" { return .failure(.signInParentheses) }
        }
        if let first = text.first, first == "-" || first == "+" {
            if first == "-" { negative.toggle() }
            text = text.dropFirst().trimmingSpaces()
        }
        if let first = text.first, first == "¥" || first == "￥" {
            text = text.dropFirst().trimmingSpaces()
        }
        if text.contains(where: { $0 == "e" || $0 == "E" }) && text.contains(where: \.isASCIIDigit) {
            return .failure(.scientificNotation)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .failure(.notANumber) }
        var whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .failure(.badThousandsSeparators) }
            whole = Substring(groups.joined())
        }
        guard !(whole.isEmpty && fraction.isEmpty),
            whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit)
        else { return .failure(.notANumber) }
        guard fraction.count <= unit.maxDecimals else {
            // Trailing zeros beyond a 分 are exact; anything else would be rounding.
            if fraction.dropFirst(unit.maxDecimals).allSatisfy({ $0 == "0" }) {
                return parseWritten((negative ? "-" : "") + whole + "." + fraction.prefix(unit.maxDecimals), unit: unit)
            }
            return .failure(.tooManyDecimals(allowed: unit.maxDecimals, unit: unit))
        }
        var fen: Int64 = 0
        for digit in whole {
            let (times, o1) = fen.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(digit.asciiValue! - 48))
            guard !o1, !o2 else { return .failure(.tooLarge) }
            fen = plus
        }
        let (scaled, o3) = fen.multipliedReportingOverflow(by: unit.fenPerUnit)
        guard !o3 else { return .failure(.tooLarge) }
        var fractionFen: Int64 = 0
        var place = unit.fenPerUnit
        for digit in fraction {
            place /= 10
            fractionFen += Int64(digit.asciiValue! - 48) * place
        }
        // `92233720368547758.08` fits as 分 before its fraction is added, not after.
        let (total, o4) = scaled.addingReportingOverflow(fractionFen)
        guard !o4, total <= largestAmount.fen else { return .failure(.tooLarge) }
        return .success(Money(fen: negative ? -total : total))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    /// Trims ASCII and full-width spaces, tabs and no-break spaces.
    func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first.isSpaceLike { text = text.dropFirst() }
        while let last = text.last, last.isSpaceLike { text = text.dropLast() }
        return text
    }
}

extension String {
    func trimmingSpaces() -> String { String(Substring(self).trimmingSpaces()) }
}

extension Character {
    /// A space, tab, full-width or no-break space standing alone (not carrying a combining mark).
    /// By scalar: comparing Characters normalizes, which costs on every Chinese character.
    var isSpaceLike: Bool {
        let scalars = unicodeScalars
        switch scalars.first?.value {
        case 0x20, 0x09, 0x3000, 0xA0: return scalars.count == 1
        default: return false
        }
    }
}

/// Folds full-width ASCII look-alikes (０-９, （）, ，, －, ＋, ．, full-width space) to ASCII.
func foldFullWidth(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E || $0.value == 0x3000 }) else {
        return text
    }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if scalar.value >= 0xFF01 && scalar.value <= 0xFF5E, let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
            scalars.append(ascii)
        } else if scalar.value == 0x3000 {
            scalars.append(" ")
        } else {
            scalars.append(scalar)
        }
    }
    return String(scalars)
}
