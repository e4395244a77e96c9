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
    var nonDataRows: [String]
    var summaryRows: [String: [String]]
    /// The labels a department's files added, with where each was written, for `LabelCheck`.
    var ownLabels: [OwnLabel] = []

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
            if let vocabulary = column.vocabulary, VocabularyTables.values[vocabulary] == nil {
                throw Invalid(path: path, key: column.place + ".vocabulary", reason: "“\(vocabulary)”不是词表")
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
        try Self.onlyInAll(file, path: path)
        self.kind = kind
        self.name = name
        isUnitLevel = unitLevel
        columns = file.columns
        ownSpellings = file.columns.map { _ in [] }
        oneOf = file.oneOf ?? []
        totalRows = file.totalRows
        nonDataRows = file.nonDataRows
        summaryRows = file.summaryRows
    }

    /// A later file of the same kind: its spellings and labels are added; what it restates must
    /// agree, and what decides how rows are read (columns, required, one_of) is not its to change.
    mutating func add(_ file: KindFile, path: String, isOwn: Bool, personalData: Set<String>) throws(Invalid) {
        try Self.onlyInAll(file, path: path)
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
                for (position, spelling) in column.spellings.enumerated() {
                    let at = column.place + ".spellings[\(position)]"
                    if let other = columns.indices.first(where: { $0 != index && names(of: $0).contains(spelling) }) {
                        throw Invalid(
                            path: path, key: at,
                            reason: "“\(spelling)”已是“\(columns[other].header!)”（\(columns[other].key)）列的表头：一个表头只能指一列")
                    }
                    if personalData.contains(spelling.lowercased()) {
                        throw Invalid(
                            path: path, key: at, reason: "“\(spelling)”是个人信息列的表头（姓名、身份证号等），汇总从不读取这种列")
                    }
                }
                ownSpellings[index] += column.spellings
            } else {
                columns[index].spellings += column.spellings
            }
        }
        if !file.summaryRows.isEmpty && kind != .journal {
            throw Invalid(path: path, key: "summary_rows", reason: "只有序时账（journal）有本月合计等汇总行")
        }
        totalRows += file.totalRows
        nonDataRows += file.nonDataRows
        for (label, texts) in file.summaryRows { summaryRows[label, default: []] += texts }
        if isOwn { ownLabels += OwnLabel.labels(of: file, path: path) }
    }

    /// Every header a column is known by: its Chinese name, its key, and its spellings.
    func names(of index: Int) -> [String] {
        let column = columns[index]
        return [normalizeLabel(column.header ?? ""), column.key] + column.spellings + ownSpellings[index]
    }

    /// `money_units` and `personal_data` hold for every kind: a kind's own file may not state them.
    static func onlyInAll(_ file: KindFile, path: String) throws(Invalid) {
        if !file.moneyUnits.isEmpty {
            throw Invalid(path: path, key: "money_units", reason: "只能写在 kind 为 all 的文件中（对每一类表都适用）")
        }
        if !file.personalData.isEmpty {
            throw Invalid(path: path, key: "personal_data", reason: "只能写在 kind 为 all 的文件中（对每一类表都适用）")
        }
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
                    synonyms: column.spellings, own: ownSpellings[index], moneyUnits: common.moneyUnits)
            },
            oneOf: oneOf, totalRows: totals, nonDataRows: Set(common.nonDataRows + nonDataRows), summaryRows: summaries)
    }
}

/// What `Kinds/all.json` (and a department's file of kind `all`) says of every table.
struct CommonDraft {
    var totalRows: [String] = []
    var nonDataRows: [String] = []
    var ownLabels: [OwnLabel] = []
    var moneyUnits: [MoneyUnitSpelling] = []
    var personalData: Set<String> = []

    mutating func add(_ file: KindFile, path: String, isOwn: Bool) throws(KindCatalog.Invalid) {
        let stated = [
            ("name", file.name != nil), ("unit_level", file.unitLevel != nil), ("columns", !file.columns.isEmpty),
            ("one_of", file.oneOf != nil), ("summary_rows", !file.summaryRows.isEmpty),
        ]
        if let (key, _) = stated.first(where: \.1) {
            throw KindCatalog.Invalid(
                path: path, key: key, reason: "kind 为 all 的文件只写 total_rows、non_data_rows、money_units、personal_data")
        }
        totalRows += file.totalRows
        nonDataRows += file.nonDataRows
        if isOwn { ownLabels += OwnLabel.labels(of: file, path: path) }
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
                // A spelling names one value: one that named two would move amounts between them unseen.
                for (position, spelling) in entry.spellings.enumerated() where isOwn {
                    let lower = spelling.lowercased()
                    for other in values where other.key != key {
                        let names = [other.name, other.key] + (spellings[vocabulary]?[other.key] ?? [])
                        guard names.contains(where: { $0 == spelling || $0.lowercased() == lower }) else { continue }
                        throw KindCatalog.Invalid(
                            path: path, key: at + ".spellings[\(position)]",
                            reason: "“\(spelling)”已是“\(other.name)”的写法：一个写法只能指一个取值")
                    }
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

/// A total, non-data or summary row label a department's file added, and where.
struct OwnLabel {
    enum Role: Equatable {
        case total, nonData
        /// A 序时账's summary row: `carried`, `month` or `year`.
        case summary(String)
    }

    var text: String
    var path: String
    var key: String
    var role: Role

    /// Every label a file adds, each with its key path for messages.
    static func labels(of file: KindFile, path: String) -> [OwnLabel] {
        var labels = file.totalRows.enumerated().map {
            OwnLabel(text: $1, path: path, key: "total_rows[\($0)]", role: .total)
        }
        labels += file.nonDataRows.enumerated().map {
            OwnLabel(text: $1, path: path, key: "non_data_rows[\($0)]", role: .nonData)
        }
        for (category, texts) in file.summaryRows.sorted(by: { $0.key < $1.key }) {
            labels += texts.enumerated().map {
                OwnLabel(text: $1, path: path, key: "summary_rows.\(category)[\($0)]", role: .summary(category))
            }
        }
        return labels
    }
}

/// A department's labels may only add rows that are not data: never turn a unit's row into a total
/// (a label that looks like a unit code), nor give a label a second meaning.
struct LabelCheck {
    let drafts: [KindDraft]
    let common: CommonDraft

    func check() throws(KindCatalog.Invalid) {
        // Each summary label with every category it is given, shipped and added.
        var summaries: [String: Set<String>] = [:]
        for draft in drafts where draft.kind == .journal {
            for (category, labels) in draft.summaryRows {
                for label in labels { summaries[label, default: []].insert(category) }
            }
        }
        let totals = Set(common.totalRows + drafts.flatMap(\.totalRows))
        let nonData = Set(common.nonDataRows + drafts.flatMap(\.nonDataRows))
        for label in common.ownLabels + drafts.flatMap(\.ownLabels) {
            func refuse(_ reason: String) -> KindCatalog.Invalid {
                KindCatalog.Invalid(path: label.path, key: label.key, reason: reason)
            }
            if label.text.utf8.allSatisfy(isCodeByte) {
                throw refuse("“\(label.text)”可能是单位编码：标签要有汉字等字母、数字以外的字符，否则这个单位的行会被当作合计行")
            }
            // One label, one meaning: each role's labels are checked against the others'.
            if label.role != .total && totals.contains(label.text) {
                throw refuse("“\(label.text)”已是合计行的标签")
            }
            if label.role != .nonData && nonData.contains(label.text) {
                throw refuse("“\(label.text)”已是非数据行（non_data_rows）的标签")
            }
            guard case .summary(let category) = label.role else {
                if summaries[label.text] != nil { throw refuse("“\(label.text)”已是序时账的汇总行标签（summary_rows）") }
                continue
            }
            if let other = summaries[label.text]?.subtracting([category]).sorted().first {
                throw refuse("“\(label.text)”已是 summary_rows.\(other) 的标签：一个标签只能有一个意思")
            }
        }
    }
}
