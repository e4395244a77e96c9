/// A person on a unit's staff list. Only the id and status are read: never a name.
public struct StaffMember: Sendable, Hashable {
    public var unit: String
    public var personID: String
    public var status: StaffStatus
    public var line: Int
}

/// A list of people (人员): each person counted by status, never named.
enum StaffListKind: KindMerging {
    static func merge(_ people: [StaffMember], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for person in people {
            guard let unit = department.unit(person.unit, line: person.line, in: &file),
                department.isFirst(
                    .person(id: person.personID), values: .person(person.status), unit: person.unit,
                    line: person.line, in: &file)
            else { continue }
            department.result.units[unit].staff.add(person.status)
            department.receive(.staff, unit: unit)
        }
    }
}
