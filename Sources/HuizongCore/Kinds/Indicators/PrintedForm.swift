import Foundation

/// The weight a printed 自评表 writes in a 一级指标 cell (`产出指标（50分）`): checked against the
/// scheme when scoring, which goes by the scheme's weight.
package struct PrintedWeight: Sendable, Hashable {
    /// The group as printed, the weight taken out (`产出指标`).
    package var group: String
    package var weight: Decimal
    package var line: Int
    /// The file, relative to the input folder (set when consolidating).
    package var file = ""
}

/// How the printed 自评表 writes its labels and cells: the weight in a group's cell, numbering before
/// a name (`指标1：`, `一、`, `（一）`), line breaks and spaces inside a cell, `-` where a figure does
/// not apply. Names are kept as printed for display; `plain` is what they are matched by.
enum PrintedLabel {
    /// A 一级指标 cell and the weight printed in it: `产出指标（50分）`, `效益指标(30 分)`,
    /// `满意度指标\n（10）` → `产出指标` and 50. The cell as it is, and no weight, when it ends in no
    /// bracketed number (or holds nothing before it).
    static func splitWeight(_ cell: String) -> (label: String, weight: Decimal?) {
        let text = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = text.last, last == ")" || last == "）",
            let open = text.lastIndex(where: { $0 == "(" || $0 == "（" })
        else { return splitBareWeight(text) }
        var inner = Substring(normalizeLabel(String(text[text.index(after: open)..<text.index(before: text.endIndex)])))
        inner = inner.filter { !$0.isNewline }[...]
        if inner.hasSuffix("分") { inner = inner.dropLast() }
        let label = text[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, inner.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            let weight = parseDecimal(String(inner))
        else { return (text, nil) }
        return (label, weight)
    }

    /// The weight printed after the name without brackets: `产出指标50分`, `效益指标 30分`,
    /// `满意度指标：10分` → `产出指标` and 50. The text as it is when it does not end in `N分`.
    static func splitBareWeight(_ text: String) -> (label: String, weight: Decimal?) {
        guard text.hasSuffix("分") else { return (text, nil) }
        let number = text.dropLast().reversed().prefix { $0.isASCIIDigit || $0 == "." }
        let label = text.dropLast(number.count + 1).trimmingCharacters(in: .whitespacesAndNewlines.union([":", "："]))
        guard !number.isEmpty, !label.isEmpty, let weight = parseDecimal(String(number.reversed())) else {
            return (text, nil)
        }
        return (label, weight)
    }

    /// A label as it is matched: without spaces, line breaks and the numbering printed before it
    /// (`指标1：`, `一、`, `（一）`, `1.`, `1、`); full-width forms folded. `指标2：` alone is "".
    static func plain(_ text: String) -> String {
        var label = Substring(normalizeLabel(text).filter { !$0.isNewline })
        while let rest = withoutNumbering(label) { label = rest }
        return String(label)
    }

    /// A label as it is shown: as printed (line breaks and all, as names are given back), without
    /// the numbering before it and the spaces after that (`指标1：国土…` → `国土…`).
    static func display(_ text: String) -> String {
        var label = Substring(text)
        while let rest = withoutNumbering(label) { label = rest.drop { $0.isSpaceLike || $0.isNewline } }
        return String(label)
    }

    /// A 一级 or 二级指标 as it is shown: `display`, and a cell broken over lines or spaced with
    /// full-width spaces (`效益\n指标`) read as one label (`效益指标`).
    static func group(_ text: String) -> String {
        display(text.filter { !$0.isNewline && $0 != "\u{3000}" })
    }

    /// The label without the numbering it begins with, or nil when it begins with none. Full-width
    /// forms are read as their ASCII ones (`：` as `:`, `（` as `(`, `１` as `1`).
    private static func withoutNumbering(_ label: Substring) -> Substring? {
        func digit(_ character: Character) -> Bool { character.isASCIIDigit || ("０"..."９").contains(character) }
        func numeral(_ character: Character) -> Bool { digit(character) || "一二三四五六七八九十".contains(character) }
        let separators: Set<Character> = [":", "：", "、", ".", "．"]
        // 指标1： 指标12、
        if label.hasPrefix("指标") {
            let rest = label.dropFirst(2)
            let digits = rest.prefix(while: digit)
            let after = rest.dropFirst(digits.count)
            if !digits.isEmpty, after.isEmpty || separators.contains(after.first!) { return after.dropFirst() }
        }
        // （一） (1)
        if label.first == "(" || label.first == "（", let close = label.firstIndex(where: { $0 == ")" || $0 == "）" }) {
            let inside = label[label.index(after: label.startIndex)..<close]
            if !inside.isEmpty, inside.allSatisfy(numeral) { return label[label.index(after: close)...] }
        }
        // 一、 1. 1、 — not the 1.5 of `1.5万亩`
        let number = label.prefix(while: numeral)
        let after = label.dropFirst(number.count)
        if !number.isEmpty, let separator = after.first, separators.contains(separator) {
            let next = after.dropFirst()
            if separator == "." || separator == "．", next.first.map(digit) ?? false { return nil }
            return next
        }
        return nil
    }

    /// A figure cell as printed: blank for `-`, `—`, `－` and `/`, which mark a figure that does not
    /// apply (a funds block's 上年结转资金, an unused 指标2 row); else the cell, trimmed.
    static func figure(_ cell: String) -> String {
        let text = cell.trimmingSpaces()
        return text.allSatisfy({ "-－—–―/／".contains($0) }) ? "" : text
    }

    /// A score as printed: `98.34`, `98.34分`; nil when the cell holds no number.
    static func score(_ cell: String) -> Decimal? {
        var text = normalizeLabel(figure(cell))
        if text.hasSuffix("分") { text.removeLast() }
        return text.isEmpty ? nil : parseDecimal(text)
    }

    /// Whether a 三级指标 cell names no indicator: blank, numbering alone (`指标2：`) or an
    /// ellipsis (`……`), as an unfilled row of the printed template has it.
    static func namesNothing(_ cell: String) -> Bool {
        plain(cell).allSatisfy { "…．.。-－—/／".contains($0) }
    }
}
