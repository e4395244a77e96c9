/// One problem Huizong found, with where it is and what to do. Bad rows are findings, never
/// silent drops. A finding carries its details typed; its text is made from the catalog
/// (Messages.swift) only where output is written.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        case error, warning, info

        var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .info: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// What was found, with its particulars. Package access: a new kind of finding must not break
    /// an embedder's exhaustive switch; embedders go by `rule`, `ruleInfo` and `message`.
    package var detail: Detail
    /// The unit code concerned, or empty.
    public var unit: String
    /// The input file relative to the input folder, or empty.
    public var file: String
    /// The 1-based line in `file`, or nil.
    public var line: Int?

    /// Whether it names a row that reading rejected (not counted): an error about one line.
    var isRejectedRow: Bool {
        severity == .error && line != nil && rule.hasPrefix("row.") && rule != "row.duplicate_key"
            && rule != "row.unit_unknown"
    }

    /// - Parameter severity: nil: the rule's own.
    package init(_ detail: Detail, unit: String = "", file: String = "", line: Int? = nil, severity: Severity? = nil) {
        self.detail = detail
        self.severity = severity ?? detail.rule.severity
        self.unit = unit
        self.file = file
        self.line = line
    }

    /// The rule's stable id, such as `row.amount`: what tests and scripts match on.
    public var rule: String { detail.rule.id }

    /// The rule itself, with its severity, meaning and action as `huizong rules` lists them.
    public var ruleInfo: Rule { detail.rule }

    /// What is wrong and what to do, in the officers' language.
    public var message: String { detail.message }

    /// Findings in the order of findings.csv: severity, unit, file, line, then rule and message.
    /// Each message is made once, not once per comparison.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        let keyed = findings.map { (finding: $0, message: $0.message) }
        return keyed.sorted { a, b in
            let (x, y) = (a.finding, b.finding)
            if x.severity != y.severity { return x.severity < y.severity }
            if x.unit != y.unit { return x.unit.utf8.lexicographicallyPrecedes(y.unit.utf8) }
            if x.file != y.file { return x.file.utf8.lexicographicallyPrecedes(y.file.utf8) }
            if x.line != y.line { return (x.line ?? 0) < (y.line ?? 0) }
            if x.rule != y.rule { return x.rule < y.rule }
            return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
        }.map(\.finding)
    }
}
