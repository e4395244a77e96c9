/// A kind as its files are read: the shipped file defines it, a department's file adds to it.
struct KindDraft {
    typealias Invalid = KindCatalog.Invalid

    let kind: TableKind
    let name: String
    let isUnitLevel: Bool
    var columns: [KindFile.Column]
    /// Per column, the spellings a department's files added.
    var ownSpellings: [[String]]
    let oneOf: [[String]]
    var totalRows: [String]
    var summaryRows: [String: [String]]

    /// The shipped file of a kind: everything stated, every column with its header.
    init(_ file: KindFile, kind: TableKind, path: String) throws(Invalid) {
        guard let name = file.name else { throw Invalid(path: path, key: "name", reason: "缺少") }
        guard let unitLevel = file.unitLevel else { throw Invalid(path: path, key: "unit_level", reason: "缺少") }
        guard !file.columns.isEmpty else { throw Invalid(path: path, key: "columns", reason: "缺少") }
        var keys = Set<String>()
        for column in file.columns {
            guard column.header != nil else { throw Invalid(path: path, key: column.place + ".header", reason: "缺少") }
            guard keys.insert(column.key).inserted else {
                throw Invalid(path: path, key: column.place + ".key", reason: "列“\(column.key)”写了两次")
            }
        }
        for (index, set) in (file.oneOf ?? []).enumerated() {
            for key in set where !keys.contains(key) {
                throw Invalid(path: path, key: "one_of[\(index)]", reason: "“\(key)”不是本表类的列")
            }
        }
        if !file.summaryRows.isEmpty && kind != .journal {
            throw Invalid(path: path, key: "summary_rows", reason: "只有序时账（journal）有本月合计等汇总行")
        }
        self.kind = kind
        self.name = name
        isUnitLevel = unitLevel
        columns = file.columns
        ownSpellings = file.columns.map { _ in [] }
        oneOf = file.oneOf ?? []
        totalRows = file.totalRows
        summaryRows = file.summaryRows
    }

    /// A later file of the same kind: its spellings and labels are added; what it restates must
    /// agree, and what decides how rows are read (columns, required, one_of) is not its to change.
    mutating func add(_ file: KindFile, path: String, isOwn: Bool) throws(Invalid) {
        if let stated = file.name, stated != name {
            throw Invalid(path: path, key: "name", reason: "内置为“\(name)”，部门文件不能改名")
        }
        if let stated = file.unitLevel, stated != isUnitLevel {
            throw Invalid(path: path, key: "unit_level", reason: "由内置表类决定，部门文件不能改")
        }
        if file.oneOf != nil { throw Invalid(path: path, key: "one_of", reason: "由内置表类决定，部门文件不能改") }
        for column in file.columns {
            guard let index = columns.firstIndex(where: { $0.key == column.key }) else {
                throw Invalid(
                    path: path, key: column.place + ".key",
                    reason: "“\(column.key)”不是\(name)（\(kind.rawValue)）的列；可用："
                        + columns.map(\.key).joined(separator: "、"))
            }
            let shipped = columns[index]
            let restated: [(String, Bool)] = [
                ("header", column.header.map { $0 != shipped.header } ?? false),
                ("required", column.required.map { $0 != (shipped.required ?? true) } ?? false),
                ("money", column.money.map { $0 != (shipped.money ?? false) } ?? false),
                ("vocabulary", column.vocabulary.map { $0 != shipped.vocabulary } ?? false),
            ]
            if let (key, _) = restated.first(where: \.1) {
                throw Invalid(
                    path: path, key: column.place + "." + key, reason: "由内置表类决定，部门文件不能改；要加表头写法请写在 spellings 中")
            }
            if isOwn {
                ownSpellings[index] += column.spellings
            } else {
                columns[index].spellings += column.spellings
            }
        }
        if !file.summaryRows.isEmpty && kind != .journal {
            throw Invalid(path: path, key: "summary_rows", reason: "只有序时账（journal）有本月合计等汇总行")
        }
        totalRows += file.totalRows
        for (label, texts) in file.summaryRows { summaryRows[label, default: []] += texts }
    }

    func spec(common: CommonDraft) -> KindSpec {
        let totals = Set(common.totalRows + totalRows)
        var summaries: [String: JournalSummary] = [:]
        for (label, summary) in [("carried", JournalSummary.carried), ("month", .month), ("year", .year)] {
            for text in summaryRows[label] ?? [] where summaries[text] == nil { summaries[text] = summary }
        }
        return KindSpec(
            kind: kind, name: name, isUnitLevel: isUnitLevel,
            columns: columns.indices.map { index in
                let column = columns[index]
                return ColumnSpec(
                    column.key, column.header!, required: column.required ?? true, money: column.money ?? false,
                    synonyms: column.spellings, own: ownSpellings[index], vocabulary: column.vocabulary,
                    moneyUnits: common.moneyUnits)
            },
            oneOf: oneOf, totalRows: totals, hasASCIITotalRow: totals.contains { $0.utf8.allSatisfy { $0 < 0x80 } },
            summaryRows: summaries)
    }
}

/// What `Kinds/all.json` (and a department's file of kind `all`) says of every table.
struct CommonDraft {
    var totalRows: [String] = []
    var moneyUnits: [MoneyUnitSpelling] = []
    var personalData: Set<String> = []

    mutating func add(_ file: KindFile, path: String, isOwn: Bool) throws(KindCatalog.Invalid) {
        for key in ["name", "unit_level", "columns", "one_of", "summary_rows"] {
            let stated =
                switch key {
                case "name": file.name != nil
                case "unit_level": file.unitLevel != nil
                case "columns": !file.columns.isEmpty
                case "one_of": file.oneOf != nil
                default: !file.summaryRows.isEmpty
                }
            if stated {
                throw KindCatalog.Invalid(
                    path: path, key: key, reason: "kind 为 all 的文件只写 total_rows、money_units、personal_data")
            }
        }
        totalRows += file.totalRows
        moneyUnits += file.moneyUnits
        // Lowercased: a header is compared lowercased against these.
        personalData.formUnion(file.personalData.map { $0.lowercased() })
    }
}

/// Each vocabulary's spellings: the shipped file names every value; later files add spellings.
struct VocabularyDraft {
    /// Vocabulary → value key → spellings beyond its name and key, in the order files gave them.
    var spellings: [String: [String: [String]]] = [:]

    mutating func add(
        _ words: [String: [String: (name: String?, spellings: [String])]], path: String, isOwn: Bool
    ) throws(KindCatalog.Invalid) {
        for vocabulary in words.keys.sorted(by: bytewise) {
            guard let values = VocabularyTables.values[vocabulary] else {
                throw KindCatalog.Invalid(
                    path: path, key: "vocabularies.\(vocabulary)",
                    reason: "不是词表；可用：" + VocabularyTables.values.keys.sorted(by: bytewise).joined(separator: "、"))
            }
            for key in words[vocabulary]!.keys.sorted(by: bytewise) {
                let at = "vocabularies.\(vocabulary).\(key)"
                guard let name = values.first(where: { $0.key == key })?.name else {
                    throw KindCatalog.Invalid(
                        path: path, key: at, reason: "不是该词表的取值；可用：" + values.map(\.key).joined(separator: "、"))
                }
                let entry = words[vocabulary]![key]!
                if let stated = entry.name, stated != name {
                    throw KindCatalog.Invalid(
                        path: path, key: at + ".name", reason: "应为“\(name)”（名称由程序决定，别的写法请写在 spellings 中）")
                }
                if !isOwn && entry.name == nil {
                    throw KindCatalog.Invalid(path: path, key: at + ".name", reason: "缺少")
                }
                spellings[vocabulary, default: [:]][key, default: []] += entry.spellings
            }
        }
    }

    func tables() throws(KindCatalog.Invalid) -> VocabularyTables {
        for (vocabulary, values) in VocabularyTables.values {
            for value in values where spellings[vocabulary]?[value.key] == nil {
                throw KindCatalog.Invalid(
                    path: "Kinds/vocabularies.json", key: "vocabularies.\(vocabulary).\(value.key)", reason: "缺少")
            }
        }
        return VocabularyTables(spellings: spellings)
    }
}
