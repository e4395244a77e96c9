import CSVReading

/// A person on a unit's staff list. Only the id and status are read: never a name.
package struct StaffMember: Sendable, Hashable {
    package var unit: String
    package var personID: String
    package var status: StaffStatus
    package var line: Int
}

/// A list of people (人员): each person counted by status, never named.
enum StaffListKind: ListKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case personID = "person_id"
        case status
    }

    static let kind = TableKind.staff

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> StaffMember {
        reader.startRow()
        let unit = try reader.rowUnit(fields, Column.unitCode)
        return StaffMember(
            unit: unit, personID: try reader.required(fields, Column.personID, unit: unit),
            status: try reader.vocabulary(fields, Column.status, as: StaffStatus.self, unit: unit), line: line)
    }

    static func contents(_ rows: [StaffMember]) -> TableContents { .staff(rows) }

    static func merge(_ people: [StaffMember], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for person in people {
            guard let unit = department.unit(person.unit, line: person.line, in: &file),
                department.claim(
                    .person(id: person.personID), values: .person(person.status), unit: person.unit,
                    line: person.line, in: &file)
            else { continue }
            department.result.units[unit].staff.add(person.status)
            department.receive(.staff, unit: unit)
        }
    }
}
