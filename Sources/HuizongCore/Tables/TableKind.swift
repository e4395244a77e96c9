/// The kinds of table Huizong reads. A file's kind comes from its header row, never its name.
public enum TableKind: String, Sendable, Codable, CaseIterable {
    case registry, assets, staff
    /// Headcounts by status, as a unit reports them (基本数字表, 单位基本情况表): not a list of people.
    case staffCounts = "staff_counts"
    case budget, expenditure
    /// The books as accounting software exports them (序时账, 明细账): accounts, 借 and 贷.
    case journal
    /// A department's mapping of its accounts to 支出类型 and 资金来源 (会计科目对照表).
    case accountMap = "account_map"
    case indicators
    case reportFigures = "report_figures"

    /// Its name for officers (单位名录, 人数 …), from its spec.
    public var chinese: String { KindCatalog.shipped[self].name }

    /// Whether every row names a unit (the department-level sheets do not).
    public var isUnitLevel: Bool { KindCatalog.shipped[self].isUnitLevel }

    /// Its columns as shipped (`Kinds/`); reading uses the catalog's, a department's spellings included.
    package var columns: [ColumnSpec] { KindCatalog.shipped[self].columns }
}

/// One column a table may have, with both of its names (`Kinds/*.json`).
package struct ColumnSpec: Sendable, Hashable {
    package let key: String
    package let chinese: String
    package let required: Bool
    /// Amount columns carry their unit in the header: `原值(万元)`, `original_value_yuan`.
    package let isMoney: Bool
    /// Other headers exports use for the column, as shipped.
    package let synonyms: [String]
    /// Headers a department's own kind files add (`--kinds`): a table they recognise outranks
    /// one the shipped spellings recognise equally.
    let ownSpellings: [String]
    /// The same, each also with every unit suffix a money column's header may carry.
    private let ownHeaders: Set<String>
    /// A money column's headers that state a unit (`原值(万元)`), and its key's (`original_value_wan`).
    private let unitHeaders: [String: MoneyUnit]
    private let unitKeys: [String: MoneyUnit]
    /// A count's headers with its unit in brackets (`在职人数(人)`, `分值(分)`): decoration.
    private let countHeaders: Set<String>

    init(
        _ key: String, _ chinese: String, required: Bool = true, money: Bool = false, synonyms: [String] = [],
        own: [String] = [], moneyUnits: [MoneyUnitSpelling] = []
    ) {
        self.key = key
        self.chinese = chinese
        self.required = required
        self.isMoney = money
        self.synonyms = synonyms
        self.ownSpellings = own
        ownHeaders = Set(own + (money ? own.flatMap { name in moneyUnits.map { name + $0.headerSuffix } } : []))
        var headers: [String: MoneyUnit] = [:]
        var keys: [String: MoneyUnit] = [:]
        if money {
            // In the order a match prefers them: each name with every unit, then the key's.
            for name in [chinese] + synonyms + own {
                for spelling in moneyUnits where headers[name + spelling.headerSuffix] == nil {
                    headers[name + spelling.headerSuffix] = spelling.unit
                }
            }
            for spelling in moneyUnits where keys[key + spelling.keySuffix] == nil {
                keys[key + spelling.keySuffix] = spelling.unit
            }
        }
        unitHeaders = headers
        unitKeys = keys
        countHeaders =
            money ? [] : Set(([chinese] + synonyms + own).flatMap { name in Self.countUnits.map { "\(name)(\($0))" } })
    }

    /// Whether a normalized header cell names this column, and in which money unit.
    /// - Returns: nil when it does not match; `.some(nil)` for a match that names no unit.
    func match(_ header: String) -> MoneyUnit?? {
        match(header, lowercased: header.lowercased())
    }

    /// The same, with the header already lowercased (recognition tries every column on every cell).
    func match(_ header: String, lowercased lower: String) -> MoneyUnit?? {
        if header == chinese || lower == key || synonyms.contains(header) || ownSpellings.contains(header) {
            return .some(nil)
        }
        guard isMoney else {
            return header.utf8.last == UInt8(ascii: ")") && countHeaders.contains(header) ? .some(nil) : nil
        }
        if let unit = unitHeaders[header] { return .some(unit) }
        if let unit = unitKeys[lower] { return .some(unit) }
        return nil
    }

    /// Units a column of counts or scores may print after its name, in brackets.
    static let countUnits: Set<Substring> = ["人", "名", "人数", "个", "户", "辆", "台", "套", "项", "次", "分", "%", "件", "宗"]

    /// Whether the header is one of a department's own spellings of the column.
    func isOwnSpelling(_ header: String) -> Bool { ownHeaders.contains(header) }
}

/// Whether a column holds a figure (an amount, a headcount), which two columns must not both claim.
func isFigure(_ column: ColumnSpec, of kind: TableKind) -> Bool {
    column.isMoney || (kind == .staffCounts && StaffCountsKind.Column(rawValue: column.key)?.isCount == true)
}

/// The header cells that hold headcounts (编制人数, 在职人员, 年末实有人数, or any spelling of a 基本数字表's
/// count columns, a department's own included): a table of counts per unit.
func countColumns(_ normalized: [String], kinds: KindCatalog = .shipped) -> [String] {
    let names: Set<String> = ["在职人员", "在职", "离休人员", "离休", "退休人员", "退休", "编制数", "实有人数"]
    let counts = kinds[.staffCounts].columns.filter { StaffCountsKind.Column(rawValue: $0.key)?.isCount == true }
    return normalized.filter { cell in
        cell.contains("人数") || cell.hasPrefix("编制") || names.contains(cell)
            || counts.contains { $0.match(cell) != nil }
    }
}

/// How a file's header row maps onto a table kind.
package struct TableLayout: Sendable {
    package var kind: TableKind
    /// Column key → field index.
    package var index: [String: Int]
    /// Money column key → unit stated in its header (nil: none stated).
    package var headerUnits: [String: MoneyUnit?]
    /// The header's cells, as written (a header over several rows: each column's path).
    package var header: [String]
    /// How many required columns it has, and whether a department's own spelling matched one:
    /// how it ranks against another reading of the same rows.
    var requiredCount = 0
    var ownSpelling = false

    /// Recognises the kind whose required columns all appear: the most specific wins; between
    /// two equally specific, the one a department's own spelling matched (`--kinds`), then the
    /// first in `TableKind.allCases`.
    static func recognise(_ cells: [String], kinds: KindCatalog = .shipped) -> TableLayout? {
        let normalized = cells.map(normalizeLabel)
        let lowercased = normalized.map { $0.lowercased() }
        var best: TableLayout?
        var bestRank = (required: 0, own: false)
        for kind in TableKind.allCases {
            let spec = kinds[kind]
            var index: [String: Int] = [:]
            var units: [String: MoneyUnit?] = [:]
            var own = false
            for column in spec.columns {
                for (position, cell) in normalized.enumerated() where index[column.key] == nil {
                    if let unit = column.match(cell, lowercased: lowercased[position]) {
                        index[column.key] = position
                        if column.isMoney { units[column.key] = unit }
                        own = own || column.isOwnSpelling(cell)
                    }
                }
            }
            let required = spec.required
            guard required.allSatisfy({ index[$0.key] != nil }) else { continue }
            // A figure's column headed twice (在职人数 … 在职人数, 在职人员 … 在职人数) is not guessed at.
            let twice = spec.columns.contains { column in
                guard let first = index[column.key], isFigure(column, of: kind) else { return false }
                return normalized.indices.contains { position in
                    position != first && !normalized[position].isEmpty
                        && column.match(normalized[position], lowercased: lowercased[position]) != nil
                }
            }
            if twice { continue }
            // 单位编码 and 单位名称 with headcounts beside them is a 单位基本情况表, not the registry.
            if kind == .registry && !countColumns(normalized, kinds: kinds).isEmpty { continue }
            if spec.oneOf.contains(where: { keys in keys.allSatisfy { index[$0] == nil } }) { continue }
            if required.count > bestRank.required
                || (required.count > 0 && required.count == bestRank.required && own && !bestRank.own)
            {
                best = TableLayout(
                    kind: kind, index: index, headerUnits: units, header: cells, requiredCount: required.count,
                    ownSpelling: own)
                bestRank = (required.count, own)
            }
        }
        return best
    }
}
