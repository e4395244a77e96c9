import Foundation

/// A target or an actual as performance forms write it: an optional comparison, a number and a
/// unit in one cell (`≥95%`, `≤90万元`, `＞3`, `=100%`, `266米`), or words (`显著提升`).
struct MeasuredValue: Equatable {
    enum Comparison: Equatable {
        case atLeast, atMost, equal
    }

    var comparison: Comparison?
    /// The number, exactly; nil when the cell holds words.
    var number: Decimal?
    /// What follows the number (`%`, `万元`, `个工作日`), or the words.
    var unit: String

    init(_ cell: String) {
        var text = Substring(normalizeLabel(cell))
        comparison = nil
        for (prefix, comparison) in Self.comparisons where text.hasPrefix(prefix) {
            self.comparison = comparison
            text = text.dropFirst(prefix.count)
            break
        }
        // The number: a sign, digits with thousands separators, a decimal part; the rest is the unit.
        var end = text.startIndex
        if end < text.endIndex, text[end] == "-" || text[end] == "+" { end = text.index(after: end) }
        while end < text.endIndex, text[end].isASCIIDigit || text[end] == "," || text[end] == "." {
            end = text.index(after: end)
        }
        number = parseDecimal(String(text[..<end]))
        unit = number == nil ? String(text) : String(text[end...])
    }

    /// Longest first, so `>=` is not read as `>`.
    static let comparisons: [(String, Comparison)] = [
        (">=", .atLeast), ("≥", .atLeast), ("≧", .atLeast), (">", .atLeast),
        ("<=", .atMost), ("≤", .atMost), ("≦", .atMost), ("<", .atMost), ("==", .equal), ("=", .equal),
    ]

    /// The direction a target implies when the sheet has no 方向: its comparison, else 正向 for a
    /// number and 定性 for words.
    var impliedDirection: Direction {
        Self.direction(comparison, isNumber: number != nil)
    }

    static func direction(_ comparison: Comparison?, isNumber: Bool) -> Direction {
        switch comparison {
        case .atLeast: .higher
        case .atMost: .lower
        case .equal: .equal
        case nil: isNumber ? .higher : .qualitative
        }
    }
}
