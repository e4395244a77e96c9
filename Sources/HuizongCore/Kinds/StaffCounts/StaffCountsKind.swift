import CSVReading

/// A unit's headcounts as it reports them (基本数字表): no person, only numbers.
package struct StaffCount: Sendable, Hashable {
    package var unit: String
    package var counts: StaffTotals
    /// 编制人数, when the table gives it.
    package var authorized: Int?
    package var line: Int
}

/// Headcounts as a unit reports them (基本数字表): its figures, once per unit.
enum StaffCountsKind: ListKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case authorized
        case active
        case retiredVeteran = "retired_veteran"
        case retired

        /// A column of headcounts, not of the unit.
        var isCount: Bool { self != .unitCode && self != .unitName }
    }

    static let kind = TableKind.staffCounts

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> StaffCount {
        reader.startRow()
        let unit = try reader.rowUnit(fields, Column.unitCode)
        let authorized =
            reader.text(fields, Column.authorized).isEmpty
            ? nil : try reader.headcount(fields, Column.authorized, unit: unit)
        var counts = StaffTotals()
        counts.active = try reader.headcount(fields, Column.active, unit: unit)
        counts.retiredVeteran = try reader.headcount(fields, Column.retiredVeteran, unit: unit, optional: true)
        counts.retired = try reader.headcount(fields, Column.retired, unit: unit, optional: true)
        return StaffCount(unit: unit, counts: counts, authorized: authorized, line: line)
    }

    static func contents(_ rows: [StaffCount]) -> TableContents { .staffCounts(rows) }

    static func merge(_ counts: [StaffCount], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for count in counts {
            guard let unit = department.unit(count.unit, line: count.line, in: &file),
                department.isFirst(
                    .headcounts, values: .headcounts(count.counts), unit: count.unit, line: count.line, in: &file)
            else { continue }
            department.result.units[unit].staffCounts = count.counts
            department.receive(.staff, unit: unit)
            department.staffCountPlaces[count.unit] = (file.path, count.line)
        }
    }
}
