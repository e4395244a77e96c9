/// A horizontal bar chart as inline SVG. Bar lengths are computed in integers from the exact
/// amounts; the labels print the amounts themselves.
struct BarChart {
    struct Series {
        var name: String
        var color: String
    }

    struct Row {
        var label: String
        /// One value per series (分, counts or hundredths of a point: any integer scale), and its label.
        var values: [(amount: Int64, text: String)]
    }

    var series: [Series]
    var rows: [Row]
    /// What an amount is divided by to give the number a chart's axis shows (分 → 万元: 1,000,000).
    var divisor: Int64 = 1
    /// The rows are parts of one whole: report.docx draws a pie with each part's share.
    var shares = false

    /// The chart in parts whose bars share a scale: rows whose largest value is under a tenth of
    /// the part's largest go to the next part (at most `parts`), so no scale hides most of its bars.
    func splitByScale(parts: Int = 3) -> [BarChart] {
        var rest = rows
        var charts: [BarChart] = []
        while !rest.isEmpty {
            let largest = { (row: Row) in row.values.map(\.amount).max() ?? 0 }
            let top = rest.map(largest).max() ?? 0
            let (kept, smaller) =
                charts.count == parts - 1 || top <= 0
                ? (rest, []) : (rest.filter { largest($0) * 10 >= top }, rest.filter { largest($0) * 10 < top })
            var part = self
            part.rows = kept
            charts.append(part)
            rest = smaller
        }
        return charts
    }

    /// Amount ÷ `divisor` as an exact decimal, for a chart that plots numbers (report.docx).
    func plotted(_ amount: Int64) -> String {
        guard divisor > 1 else { return String(amount) }
        let places = String(divisor).count - 1
        let (whole, rest) = amount.magnitude.quotientAndRemainder(dividingBy: UInt64(divisor))
        let digits = String(rest)
        let fraction = String(repeating: "0", count: places - digits.count) + digits
        return (amount < 0 ? "-" : "") + "\(whole)." + fraction
    }

    static let labelWidth = 190
    static let barArea = 390
    static let barHeight = 14
    static let gap = 10

    func svg(title: String) -> String {
        let perRow = series.count * Self.barHeight + Self.gap
        let legendHeight = series.count > 1 ? 22 : 0
        let height = legendHeight + rows.count * perRow + 10
        let width = Self.labelWidth + Self.barArea + 150
        let largest = max(1, rows.flatMap { $0.values.map(\.amount) }.max() ?? 1)
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Escape.html(title))\">"
        if series.count > 1 {
            var x = Self.labelWidth
            for entry in series {
                out += "<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(entry.color)\"/>"
                out += "<text x=\"\(x + 16)\" y=\"14\" font-size=\"11\">\(Escape.html(entry.name))</text>"
                x += 24 + entry.name.count * 12
            }
        }
        for (index, row) in rows.enumerated() {
            let top = legendHeight + index * perRow
            let middle = top + series.count * Self.barHeight / 2 + 4
            out +=
                "<text x=\"\(Self.labelWidth - 6)\" y=\"\(middle)\" font-size=\"11\" text-anchor=\"end\">\(Escape.html(row.label))</text>"
            for (position, value) in row.values.enumerated() {
                let length =
                    value.amount <= 0
                    ? 0
                    : max(
                        1,
                        Int(
                            largest.dividingFullWidth(value.amount.multipliedFullWidth(by: Int64(Self.barArea)))
                                .quotient))
                let y = top + position * Self.barHeight
                out +=
                    "<rect x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(Self.barHeight - 2)\" fill=\"\(series[position].color)\"/>"
                out +=
                    "<text x=\"\(Self.labelWidth + length + 4)\" y=\"\(y + Self.barHeight - 4)\" font-size=\"10\" fill=\"#333\">\(Escape.html(value.text))</text>"
            }
        }
        out += "</svg>"
        return out
    }
}
