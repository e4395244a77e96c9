/// A header as forms print it: over one to four rows, a label spanning several columns in an
/// upper row, a label merged down several rows, read as one path per column
/// (`年末实有人数 › 在职人员 › 小计`). A merged range holds its text in its top-left cell and the
/// rest are blank, in a workbook and in the CSV a spreadsheet saves from it alike.
enum HeaderBand {
    /// The most rows one header spans.
    static let maxRows = 4

    /// Each column's labels from the top row down, a label spanning columns repeated over them.
    /// - Parameter rows: the band's rows, top first, as written.
    static func paths(_ rows: [[String]]) -> [[String]] {
        let width = rows.map(\.count).max() ?? 0
        var grid = rows.map { row in
            (0..<width).map { $0 < row.count ? plainLabel(row[$0]) : "" }
        }
        // A blank cell to the right of a label lies under it when a lower row names this column,
        // and it does not cross into the next label of the row above.
        for row in grid.indices.dropLast() {
            for column in 1..<max(width, 1) where grid[row][column].isEmpty {
                let named = grid[(row + 1)...].contains { !$0[column].isEmpty }
                let sameParent = row == 0 || grid[row - 1][column] == grid[row - 1][column - 1]
                if named && sameParent && !grid[row][column - 1].isEmpty {
                    grid[row][column] = grid[row][column - 1]
                }
            }
        }
        return (0..<width).map { column in
            var path: [String] = []
            for row in grid.indices where !grid[row][column].isEmpty && path.last != grid[row][column] {
                path.append(grid[row][column])
            }
            return path
        }
    }

    /// What a column is matched by: its lowest label, or for a 小计/合计 its parent's; a money unit
    /// an upper label states (`金额(万元)` over `决算数`) carried down.
    /// - Parameter moments: whether the last label is one of several moments under one parent
    ///   (价值 › 期初 | 期末): then the figure is the parent's, of that moment.
    static func label(_ path: [String], moments: Bool = false) -> String {
        guard var label = path.last else { return "" }
        var parents = path.dropLast()
        if moments, Period.of(label) != nil, let parent = parents.popLast() { label = parent }
        if subtotalWords.contains(label), let parent = parents.popLast() { label = parent }
        if !label.contains("(") {
            for parent in parents.reversed() {
                if parent.hasSuffix("(万元)") { return label + "(万元)" }
                if parent.hasSuffix("(元)") { return label + "(元)" }
            }
        }
        return label
    }

    /// The moment a column's figures are of, as forms head them beside the same figure for another.
    enum Period {
        case current, earlier

        static let currentWords: Set<String> = [
            "本年", "本年数", "本年实际", "本年实际数", "本年末", "年末", "年末数", "年末余额", "期末", "期末数", "期末余额",
            "本期", "本期数",
        ]
        static let earlierWords: Set<String> = [
            "上年", "上年数", "上年实际", "上年实际数", "上年同期", "上年同期数", "上年末", "年初", "年初数", "年初余额", "期初",
            "期初数", "期初余额", "上期", "上期数",
        ]

        static func of(_ label: String) -> Period? {
            currentWords.contains(label) ? .current : earlierWords.contains(label) ? .earlier : nil
        }
    }

    /// Each column's label (`label`), a moment (期初, 本年数) under a parent it shares with
    /// another moment read as the parent's figure; a lone 期初余额 under 日期 is a row, not a header.
    static func labels(_ paths: [[String]]) -> [String] {
        // How many moments stand under each parent (counted once: a sheet may be 16,384 columns wide).
        var moments: [ArraySlice<String>: Int] = [:]
        for path in paths where path.count > 1 && Period.of(path.last!) != nil {
            moments[path.dropLast(), default: 0] += 1
        }
        return paths.map { path in
            label(path, moments: path.count > 1 && Period.of(path.last!) != nil && moments[path.dropLast()]! > 1)
        }
    }

    /// Labels that repeat for another year or moment (上年数 › 在职人数 and 本年数 › 在职人数): the
    /// current one keeps its label, the earlier ones are not read. Any other repeat is left as it
    /// is, for recognition to refuse rather than guess.
    static func keepCurrent(_ labels: [String], paths: [[String]]) -> [String] {
        var kept = labels
        // 在职人数 and 在职人数(人) are one figure's: grouped without a unit in brackets.
        let repeated = Dictionary(grouping: labels.indices.filter { !labels[$0].isEmpty }) { withoutUnit(labels[$0]) }
        for columns in repeated.values where columns.count > 1 {
            let periods = columns.map { column in paths[column].lazy.compactMap(Period.of).first }
            guard periods.count(where: { $0 == .current }) == 1, periods.allSatisfy({ $0 != nil }) else { continue }
            for (column, period) in zip(columns, periods) where period == .earlier { kept[column] = "" }
        }
        return kept
    }

    /// A label without the unit in brackets after it (`在职人数(人)`, `金额(万元)`).
    static func withoutUnit(_ label: String) -> Substring {
        guard label.last == ")", let open = label.lastIndex(of: "("), open > label.startIndex else {
            return Substring(label)
        }
        let unit = label[label.index(after: open)..<label.index(before: label.endIndex)]
        return ColumnSpec.countUnits.contains(unit) || unit == "元" || unit == "万元" ? label[..<open] : Substring(label)
    }

    /// The column as officers read it in a message: its path.
    static func display(_ path: [String]) -> String { path.joined(separator: " › ") }

    static let subtotalWords: Set<String> = ["小计", "合计", "计", "总计", "合计数"]

    /// Whether a row may be part of a header: not blank, and no cell a number (a 栏次 row, a data
    /// row) — headers are words.
    static func isWords(_ cells: [String]) -> Bool {
        var any = false
        for cell in cells {
            let text = normalizeLabel(cell)
            if text.isEmpty { continue }
            if isNumeral(text) { return false }
            any = true
        }
        return any
    }

    /// Whether an upper row spans: a blank cell right of one of its labels, with a label below it.
    static func spans(_ upper: [String], over lower: ArraySlice<[String]>) -> Bool {
        var sawLabel = false
        for (column, cell) in upper.enumerated() {
            if !normalizeLabel(cell).isEmpty {
                sawLabel = true
            } else if sawLabel && lower.contains(where: { column < $0.count && !normalizeLabel($0[column]).isEmpty }) {
                return true
            }
        }
        // A label over a column whose lower rows are blank: merged down (编制人数 over three rows).
        return upper.indices.contains { column in
            !normalizeLabel(upper[column]).isEmpty
                && lower.allSatisfy { column >= $0.count || normalizeLabel($0[column]).isEmpty }
        }
    }

    /// A number as a cell may hold one: digits with a sign, separators, a point, brackets.
    static func isNumeral(_ text: String) -> Bool {
        var digits = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case ",", ".", "-", "+", "(", ")", "%", "/": continue
            default: return false
            }
        }
        return digits > 0
    }

    /// A 栏次/行次 row under a header: the columns numbered `1 2 3 …` (after labels such as 栏次,
    /// 甲 乙 丙), consecutive — never data.
    static func isNumbering(_ cells: [String]) -> Bool {
        var numbers: [Int] = []
        var labels = 0
        for cell in cells {
            var text = normalizeLabel(cell)
            if text.isEmpty { continue }
            if numberingLabels.contains(text) {
                labels += 1
                continue
            }
            if text.hasSuffix("栏") { text.removeLast() }
            // `001` is a code, not a column's number.
            guard text.count <= 3, text.first != "0", text.allSatisfy(\.isASCIIDigit), let number = Int(text) else {
                return false
            }
            numbers.append(number)
        }
        // Without a 栏次 label, the numbering starts at 1: a unit's own small counts (5 6 7) are data.
        guard numbers.count >= (labels > 0 ? 2 : 3), labels > 0 || numbers.first == 1 else { return false }
        return zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }

    static let numberingLabels: Set<String> = [
        "栏次", "行次", "栏号", "行号", "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "A", "B", "C", "D", "-", "—",
    ]
}

/// A label as a form prints it, undecorated: spaces, full-width letters and line breaks folded
/// (`normalizeLabel`), and a leading `其中：`, `一、`, `（一）`, `1.`, `（1）` or `指标1：` dropped.
func plainLabel(_ text: String) -> String {
    var label = normalizeLabel(text)
    if label.contains(where: \.isNewline) { label.removeAll(where: \.isNewline) }
    for _ in 0..<3 {
        let before = label
        label = String(dropOrdinal(Substring(label)))
        if label == before { break }
    }
    return label
}

private let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

/// One leading decoration dropped, if the label has one and something follows it.
private func dropOrdinal(_ label: Substring) -> Substring {
    var rest = label
    if rest.hasPrefix("其中:") || rest.hasPrefix("其中、") {
        rest = rest.dropFirst(3)
    } else if rest.hasPrefix("指标"), case let after = rest.dropFirst(2), let digit = after.first, digit.isASCIIDigit {
        let tail = after.drop(while: \.isASCIIDigit)
        guard tail.hasPrefix(":") else { return label }
        rest = tail.dropFirst()
    } else if rest.hasPrefix("(") {
        let inner = rest.dropFirst().prefix { chineseNumerals.contains($0) || $0.isASCIIDigit }
        guard !inner.isEmpty, rest.dropFirst(1 + inner.count).hasPrefix(")") else { return label }
        rest = rest.dropFirst(2 + inner.count)
    } else if let first = rest.first, chineseNumerals.contains(first) {
        let numeral = rest.prefix { chineseNumerals.contains($0) }
        guard rest.dropFirst(numeral.count).hasPrefix("、") else { return label }
        rest = rest.dropFirst(numeral.count + 1)
    } else if let first = rest.first, first.isASCIIDigit {
        let number = rest.prefix(while: \.isASCIIDigit)
        let after = rest.dropFirst(number.count)
        guard number.count <= 2, let mark = after.first, mark == "." || mark == "、",
            let next = after.dropFirst().first, !next.isASCIIDigit
        else { return label }
        rest = after.dropFirst()
    }
    return rest.isEmpty ? label : rest
}
