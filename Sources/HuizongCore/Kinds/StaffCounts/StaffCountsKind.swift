/// A unit's headcounts as it reports them (基本数字表): no person, only numbers.
public struct StaffCount: Sendable, Hashable {
    public var unit: String
    public var counts: StaffTotals
    /// 编制人数, when the table gives it.
    public var authorized: Int?
    public var line: Int
}

/// Headcounts as a unit reports them (基本数字表): its figures, once per unit.
enum StaffCountsKind: KindMerging {
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
