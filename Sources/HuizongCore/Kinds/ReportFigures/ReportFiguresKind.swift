import CSVReading

/// A figure the department states in its written report, to reconcile against the data.
package struct ReportFigure: Sendable, Hashable, Codable {
    package var figure: String
    package var value: String
    package var measure: String
    package var line: Int
    /// The file it came from, relative to the input folder (set when consolidating).
    package var file = ""
}

/// The figures the department's written report states (报告数), to reconcile with the data.
enum ReportFiguresKind: ListKind {
    enum Column: String, ColumnKey {
        case figure
        case value
        case measure
        case note
    }

    static let kind = TableKind.reportFigures

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> ReportFigure {
        reader.startRow()
        return ReportFigure(
            figure: try reader.required(fields, Column.figure), value: try reader.required(fields, Column.value),
            measure: reader.text(fields, Column.measure), line: line)
    }

    static func contents(_ rows: [ReportFigure]) -> TableContents { .reportFigures(rows) }

    static func merge(_ figures: [ReportFigure], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        department.result.reportFigures += figures.map { figure in
            var figure = figure
            figure.file = file.path
            return figure
        }
    }
}
