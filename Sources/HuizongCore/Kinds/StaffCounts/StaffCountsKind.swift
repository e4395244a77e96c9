import CSVReading

/// A unit's headcounts as it reports them (基本数字表): no person, only numbers.
package struct StaffCount: Sendable, Hashable {
    package var unit: String
    package var counts: StaffTotals
    /// 编制人数, when the table gives it.
    package var authorized: Int?
    package var line: Int
    /// Why the unit's figure is left out though its rows were read (a 合计 its parts disagree
    /// with, no 合计 among rows by 编制 type): a figure is right or missing, never wrong.
    package var withheld: Finding.Detail? = nil
}

/// Headcounts as a unit reports them (基本数字表, 人员情况): its figures, once per unit. A table
/// with rows by 编制 type (合计, 行政单位, 事业单位, 其中：…) gives the unit's figure from its 合计
/// row, the parts checked against it; the forms' own formulas are checked on every row.
enum StaffCountsKind: TableKindRules {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case category
        case authorized
        case actualTotal = "actual_total"
        case active
        case activeFunded = "active_funded"
        case activeSelfFunded = "active_self_funded"
        case onPost = "on_post"
        case retiredAll = "retired_all"
        case retiredVeteran = "retired_veteran"
        case retired
        case survivors

        /// A column of headcounts, not of the unit.
        var isCount: Bool { self != .unitCode && self != .unitName && self != .category }
    }

    static let kind = TableKind.staffCounts

    /// One row as read: a unit's counts, or one 编制 type's, or their 合计.
    struct Row {
        var unit: String
        /// The row's 编制 type as printed ("" in a table of one row per unit).
        var label: String
        var isTotal: Bool
        var counts: [Column: Int]
        var line: Int
    }

    struct Accumulator {
        /// Whether rows are parts of a unit (a 编制 type column, or no unit code column).
        var byType = false
        var hasTypeColumn = false
        var rows: [Row] = []
        /// Units a row of which could not be read: their parts cannot be checked (unit → line).
        var unreadable: [String: Int] = [:]
        /// The count columns' headers as printed, for a finding about the parts.
        var headers: [Column: String] = [:]
    }

    static func start(_ header: TableHeader, reader: RowReader) -> Accumulator {
        var table = Accumulator(byType: readsTotalRows(reader), hasTypeColumn: reader.has(Column.category))
        for column in Column.allCases where reader.has(column) { table.headers[column] = reader.header(column) }
        return table
    }

    /// Rows by 编制 type have their 合计 among them: it is the unit's figure, read as a row (the
    /// department's 合计 of a table of units is no unit's: `takeOwnRow`).
    static func readsTotalRows(_ reader: RowReader) -> Bool {
        reader.has(Column.category) || !reader.has(Column.unitCode)
    }

    /// In a table of units grouped by 编制 type, a group's own row (一、行政单位, no unit code) sums
    /// the units under it: not a unit's row.
    static func takeOwnRow(_ fields: RecordFields, line: Int, into table: inout TableBuilder<Self>) -> Bool {
        let reader = table.reader
        guard reader.has(Column.unitCode) else { return false }
        let code = reader.text(fields, Column.unitCode)
        // The department's 合计 under a table of units by type: no unit's row (a unit's own 合计 has its code).
        if reader.isTotalRow(fields) && (code.isEmpty || reader.spec.totalRows.contains(plainLabel(code))) {
            table.totalRowLines.append(line)
            return true
        }
        guard code.isEmpty else { return false }
        // Only a label printed as a group's (一、…, （一）…, 其中：…, or 行政单位 itself): a unit whose
        // code was left out is a rejected row, named.
        let label = typeLabel(fields, reader: reader)
        let plain = plainLabel(label)
        guard TypeLevels.isTypeLabel(label), plain != normalizeLabel(label) || TypeLevels.topTypes.contains(plain)
        else { return false }
        table.nonDataRowLines.append(line)
        return true
    }

    static func add(
        _ fields: RecordFields, line: Int, reader: RowReader, to table: inout Accumulator, amounts: inout AmountCount
    ) throws(RowProblem) {
        reader.startRow()
        let unit = try reader.rowUnit(fields, Column.unitCode)
        do throws(RowProblem) {
            table.rows.append(try row(fields, unit: unit, line: line, reader: reader, byType: table.byType))
        } catch {
            if table.unreadable[unit] == nil { table.unreadable[unit] = line }
            throw error
        }
    }

    static func row(_ fields: RecordFields, unit: String, line: Int, reader: RowReader, byType: Bool)
        throws(RowProblem) -> Row
    {
        var counts: [Column: Int] = [:]
        for column in Column.allCases where column.isCount && reader.has(column) {
            // Blank, or a dash where the form says a figure does not apply: none.
            if reader.text(fields, column).allSatisfy({ "-—–－".contains($0) }) {
                // A part's blank cell is none; the unit's own row must state 在职.
                if column == .active && !byType {
                    throw RowProblem(detail: .rowHeadcount(header: reader.header(column), value: ""), unit: unit)
                }
                continue
            }
            counts[column] = try reader.headcount(fields, column, unit: unit)
        }
        let label = byType ? typeLabel(fields, reader: reader) : ""
        let isTotal = reader.isTotalRow(fields) || (byType && reader.spec.totalRows.contains(plainLabel(label)))
        if let broken = formulaBroken(counts, reader: reader) {
            throw RowProblem(detail: broken, unit: unit)
        }
        return Row(unit: unit, label: label, isTotal: isTotal, counts: counts, line: line)
    }

    /// The row's 编制 type: its type column, else its unit name column, else its first cell.
    static func typeLabel(_ fields: RecordFields, reader: RowReader) -> String {
        for column in [Column.category, .unitName] where reader.has(column) {
            let text = reader.text(fields, column)
            if !text.isEmpty { return text }
        }
        return fields.count > 0 ? String(decoding: fields[0], as: UTF8.self).trimmingSpaces() : ""
    }

    /// The forms' own formulas, where the table has their columns: 在职 = 财政拨款开支 + 经费自理;
    /// 年末实有 = 在职 + 离休 + 退休 + 遗属; 离退休 = 离休 + 退休; 在岗 ≤ 在职.
    static func formulaBroken(_ counts: [Column: Int], reader: RowReader) -> Finding.Detail? {
        let formulas: [(Column, [Column])] = [
            (.active, [.activeFunded, .activeSelfFunded]),
            (.actualTotal, [.active, .retiredVeteran, .retired, .survivors]),
            (.retiredAll, [.retiredVeteran, .retired]),
        ]
        for (whole, parts) in formulas where reader.has(whole) && parts.allSatisfy({ reader.has($0) }) {
            guard let stated = counts[whole] ?? (parts.allSatisfy { counts[$0] == nil } ? nil : 0) else { continue }
            let sum = parts.reduce(0) { $0 + (counts[$1] ?? 0) }
            if stated != sum {
                return .rowStaffFormula(
                    whole: reader.header(whole), parts: parts.map { reader.header($0) }, stated: stated, computed: sum)
            }
        }
        if let onPost = counts[.onPost], let active = counts[.active], onPost > active {
            return .rowStaffFormula(
                whole: reader.header(Column.active), parts: [reader.header(Column.onPost)], stated: active,
                computed: onPost)
        }
        return nil
    }

    static func finish(_ table: inout Accumulator) -> TableContents {
        // Without a 编制类型 column, rows are types only when their labels are (not units' names).
        let typed =
            table.hasTypeColumn || table.rows.allSatisfy { $0.isTotal || TypeLevels.isTypeLabel($0.label) }
        guard table.byType && typed else {
            // One row per unit: its 在职 must be stated (a blank is none only in a part's row).
            return .staffCounts(
                table.rows.map { row in
                    guard row.counts[.active] == nil else { return count(row) }
                    var figure = StaffCount(unit: row.unit, counts: StaffTotals(), authorized: nil, line: row.line)
                    figure.withheld = .staffCountsWithheld(.rowUnreadable(line: row.line))
                    return figure
                })
        }
        var order: [String] = []
        var byUnit: [String: [Row]] = [:]
        for row in table.rows {
            if byUnit[row.unit] == nil { order.append(row.unit) }
            byUnit[row.unit, default: []].append(row)
        }
        // A unit whose only row was unreadable has that row's finding, and no figure.
        return .staffCounts(
            order.map { unit in
                unitFigure(byUnit[unit]!, unit: unit, unreadable: table.unreadable[unit], headers: table.headers)
            })
    }

    /// A unit's figure from its rows by 编制 type: its 合计 (the one row when there is only one),
    /// checked against the top-level parts; withheld whenever it cannot be certain.
    static func unitFigure(_ rows: [Row], unit: String, unreadable: Int?, headers: [Column: String]) -> StaffCount {
        let totals = rows.filter(\.isTotal)
        let parts = rows.filter { !$0.isTotal }
        let line = totals.first?.line ?? rows.first?.line ?? unreadable ?? 0
        func withheld(_ reason: Finding.Detail) -> StaffCount {
            var figure = StaffCount(unit: unit, counts: StaffTotals(), authorized: nil, line: line)
            figure.withheld = reason
            return figure
        }
        if let unreadable {
            return withheld(.staffCountsWithheld(.rowUnreadable(line: unreadable)))
        }
        guard let total = totals.first ?? (parts.count == 1 ? parts[0] : nil) else {
            return withheld(.staffCountsWithheld(.noTotalRow(rows: parts.count)))
        }
        // The unit's own row must state 在职; a part's blank cell is none.
        if total.counts[.active] == nil {
            return withheld(.staffCountsWithheld(.rowUnreadable(line: total.line)))
        }
        if let other = totals.dropFirst().first(where: { $0.counts != total.counts }) {
            return withheld(.staffCountsWithheld(.totalsDiffer(lines: [total.line, other.line])))
        }
        if totals.count > 0, let (column, sum) = partsDiffer(parts, from: total) {
            return withheld(
                .staffCountsWithheld(
                    .partsDiffer(
                        column: headers[column] ?? column.rawValue, total: total.counts[column] ?? 0, parts: sum)))
        }
        return count(total)
    }

    /// The first count column whose top-level parts (行政单位, 事业单位 …; not 其中 nor a lower
    /// level) do not add up to the 合计, with their sum.
    static func partsDiffer(_ parts: [Row], from total: Row) -> (Column, Int)? {
        let top = TypeLevels.topLevel(parts.map(\.label))
        let topParts = zip(parts, top).filter(\.1).map(\.0)
        guard !topParts.isEmpty else { return nil }
        for column in Column.allCases where column.isCount && column != .authorized {
            guard let stated = total.counts[column] else { continue }
            let sum = topParts.reduce(0) { $0 + ($1.counts[column] ?? 0) }
            if sum != stated { return (column, sum) }
        }
        return nil
    }

    static func count(_ row: Row) -> StaffCount {
        var counts = StaffTotals()
        counts.active = row.counts[.active] ?? 0
        counts.retiredVeteran = row.counts[.retiredVeteran] ?? 0
        counts.retired = row.counts[.retired] ?? 0
        return StaffCount(unit: row.unit, counts: counts, authorized: row.counts[.authorized], line: row.line)
    }

    static func merge(_ counts: [StaffCount], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for count in counts {
            guard let unit = department.unit(count.unit, line: count.line, in: &file) else { continue }
            department.receive(.staff, unit: unit)
            if let reason = count.withheld {
                file.note(Finding(reason, unit: count.unit, file: file.path, line: count.line))
                department.withhold(.headcounts, unit: count.unit, because: file.path, line: count.line)
                continue
            }
            guard
                department.claim(
                    .headcounts, values: .headcounts(count.counts), unit: count.unit, line: count.line, in: &file)
            else { continue }
            department.result.units[unit].staffCounts = count.counts
            department.staffCountPlaces[count.unit] = (file.path, count.line)
        }
    }
}

/// The levels of the 编制 types a 基本数字表 lists under its 合计: `一、` and the known top types
/// (行政单位, 事业单位) are the top; `其中：`, `（一）`, `1.` and the rows after a `其中` are below.
enum TypeLevels {
    static let topTypes: Set<String> = ["行政单位", "事业单位", "行政编制", "事业编制", "机关", "企业", "其他"]

    /// Words only a 编制 type's label holds, not a unit's name.
    static let typeWords = [
        "行政", "事业", "参照公务员", "参公", "财政拨款", "财政补助", "财政补贴", "经费自理", "全额", "差额", "自收自支",
        "机关", "工勤", "编制", "企业", "其他",
    ]

    /// Whether a row's label is a 编制 type (行政单位, 其中：参照公务员法管理事业单位) rather than a unit.
    static func isTypeLabel(_ written: String) -> Bool {
        let label = normalizeLabel(written)
        let plain = plainLabel(written)
        if plain != label && !plain.isEmpty { return true }
        return plain.count <= 16 && typeWords.contains { plain.contains($0) }
    }

    static func topLevel(_ labels: [String]) -> [Bool] {
        var under = false
        var tops: [String] = []
        return labels.map { written in
            let label = normalizeLabel(written)
            let plain = plainLabel(written)
            if startsWithTopOrdinal(label) || topTypes.contains(plain) {
                under = false
                tops.append(plain)
                return true
            }
            if label.hasPrefix("其中") || label.hasPrefix("(") || label.first?.isASCIIDigit == true {
                under = true
                return false
            }
            // 全额拨款事业单位 under 事业单位, though printed without 其中 or a number.
            if let last = tops.last, plain != last, plain.hasSuffix(last) {
                under = true
                return false
            }
            if !under { tops.append(plain) }
            return !under
        }
    }

    private static func startsWithTopOrdinal(_ label: String) -> Bool {
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let numeral = label.prefix { numerals.contains($0) }
        return !numeral.isEmpty && label.dropFirst(numeral.count).hasPrefix("、")
    }
}
