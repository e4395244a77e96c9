/// A figure the department states in its written report, to reconcile against the data.
public struct ReportFigure: Sendable, Hashable, Codable {
    public var figure: String
    public var value: String
    public var measure: String
    public var line: Int
    /// The file it came from, relative to the input folder (set when consolidating).
    public var file = ""
}

/// The figures the department's written report states (报告数), to reconcile with the data.
enum ReportFiguresKind: KindMerging {
    static func merge(_ figures: [ReportFigure], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        department.result.reportFigures += figures.map { figure in
            var figure = figure
            figure.file = file.path
            return figure
        }
    }
}
