import CSVReading

/// A department's own rule for its accounts (科目对照表): an account code prefix (or a name) and
/// what its lines count towards; blank parts are left to the default mapping.
package struct AccountRule: Sendable, Hashable {
    package var codePrefix: String
    package var name: String
    package var type: String
    package var source: String
    package var line: Int
    package var file = ""
}

/// A department's 科目对照表: its rules make the account mapping the books are merged with, so it is
/// read from every file before any books (`mapping(_:)`), and merges nothing itself.
enum AccountMapKind: ListKind {
    enum Column: String, ColumnKey {
        case accountCode = "account_code"
        case accountName = "account_name"
        case expenditureType = "expenditure_type"
        case fundingSource = "funding_source"
    }

    static let kind = TableKind.accountMap

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> AccountRule {
        reader.startRow()
        var rule = AccountRule(
            codePrefix: try reader.required(fields, Column.accountCode), name: reader.text(fields, Column.accountName),
            type: reader.text(fields, Column.expenditureType), source: reader.text(fields, Column.fundingSource),
            line: line)
        if !rule.type.isEmpty, let type = ExpenditureType.match(rule.type, in: reader.words.expenditureType) {
            // By its name, as the funding source below: the mapping reads it whatever its spelling.
            rule.type = type.chinese
        }
        if !rule.type.isEmpty && AccountMapping.Placement(typeName: rule.type) == nil {
            throw RowProblem(
                detail: .rowVocabulary(
                    header: reader.header(Column.expenditureType), value: rule.type, allowed: AccountMapping.typeNames))
        }
        if !rule.source.isEmpty {
            guard let source = FundingSource.match(rule.source, in: reader.words.fundingSource) else {
                throw RowProblem(
                    detail: .rowVocabulary(
                        header: reader.header(Column.fundingSource), value: rule.source,
                        allowed: FundingSource.allCases.map(\.chinese)))
            }
            // By its name: the mapping then reads it whatever spelling the department's files gave.
            rule.source = source.chinese
        }
        return rule
    }

    static func contents(_ rows: [AccountRule]) -> TableContents { .accountMap(rows) }

    static func merge(_ rules: [AccountRule], _ file: inout FileMerge, into department: inout DepartmentMerge) {}

    /// The mapping from every 科目对照表 among `files` (copies left out), each rule with its file.
    static func mapping(_ files: [FileResult], duplicates: [String: String]) -> AccountMapping {
        var mapping = AccountMapping()
        for file in files where duplicates[file.input.path] == nil {
            guard case .accountMap(let rules) = file.contents else { continue }
            mapping.rules += rules.map { rule in
                var rule = rule
                rule.file = file.input.path
                return rule
            }
        }
        return mapping
    }
}
