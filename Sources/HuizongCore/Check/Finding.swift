/// One problem Huizong found, with where it is and what to do. Bad rows are findings, never
/// silent drops.
public struct Finding: Sendable, Hashable, Codable {
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

        public var chinese: String {
            switch self {
            case .error: "错误"
            case .warning: "警告"
            case .info: "提示"
            }
        }
    }

    public var severity: Severity
    /// A stable ASCII id such as `row.amount`; what tests and scripts match on.
    public var rule: String
    /// The unit code concerned, or empty.
    public var unit: String
    /// The input file relative to the input folder, or empty.
    public var file: String
    /// The 1-based line in `file`, or nil.
    public var line: Int?
    /// What is wrong and what to do, in Chinese.
    public var message: String

    public init(_ severity: Severity, _ rule: String, unit: String = "", file: String = "", line: Int? = nil, _ message: String) {
        self.severity = severity
        self.rule = rule
        self.unit = unit
        self.file = file
        self.line = line
        self.message = message
    }

    /// The order of findings.csv: severity, unit, file, line, then rule and message.
    public static func isOrderedBefore(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.unit != b.unit { return a.unit.utf8.lexicographicallyPrecedes(b.unit.utf8) }
        if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
    }

    // All six keys always present, `line` as null where it does not apply.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(rule, forKey: .rule)
        try container.encode(unit, forKey: .unit)
        try container.encode(file, forKey: .file)
        if let line { try container.encode(line, forKey: .line) } else { try container.encodeNil(forKey: .line) }
        try container.encode(message, forKey: .message)
    }
}
