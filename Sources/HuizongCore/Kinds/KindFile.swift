import Foundation

/// One `Kinds/*.json` file as written, checked key by key: an unknown key, a wrong type or an
/// empty spelling is an error naming the key, never ignored (a typo would silently do nothing).
struct KindFile {
    var kind: String?
    var name: String?
    var unitLevel: Bool?
    var columns: [Column] = []
    var oneOf: [[String]]?
    var totalRows: [String] = []
    var nonDataRows: [String] = []
    var summaryRows: [String: [String]] = [:]
    var moneyUnits: [MoneyUnitSpelling] = []
    var personalData: [String] = []
    /// Vocabulary → value key → its name and spellings.
    var vocabularies: [String: [String: (name: String?, spellings: [String])]]?
    /// The keys the file writes, besides `schema`, `kind` and `about`, in name order.
    var statedKeys: [String] = []

    struct Column {
        var key: String
        var header: String?
        var required: Bool?
        var money: Bool?
        var vocabulary: String?
        var spellings: [String]
        /// Where it is in the file, for messages.
        var place: String
    }

    typealias Invalid = KindCatalog.Invalid

    static func parse(_ data: Data, path: String) throws(Invalid) -> KindFile {
        let object: WrittenJSON
        do {
            object = try JSONDecoder().decode(WrittenJSON.self, from: data)
        } catch {
            throw Invalid(path: path, key: "", reason: notJSON(data, error))
        }
        if let key = DuplicateKeys.first(in: [UInt8](data)) {
            throw Invalid(path: path, key: key, reason: "同一个键写了两次")
        }
        var reader = try Fields(object, path: path, at: "")
        var file = KindFile()
        file.statedKeys = reader.object.keys.filter { !["schema", "kind", "about"].contains($0) }.sorted(by: bytewise)
        let schema = try reader.string("schema")
        guard schema == "huizong.kind/1" else {
            throw Invalid(path: path, key: "schema", reason: "应为 \"huizong.kind/1\"")
        }
        file.kind = try reader.optionalString("kind")
        file.name = try reader.optionalString("name")
        file.unitLevel = try reader.optionalBool("unit_level")
        file.oneOf = try reader.optionalList("one_of") { item, at throws(Invalid) in
            try Fields.strings(item, path: path, at: at)
        }
        file.columns =
            try reader.optionalList("columns") { item, at throws(Invalid) in
                var column = try Fields(item, path: path, at: at)
                let parsed = Column(
                    key: try column.string("key"), header: try column.optionalString("header"),
                    required: try column.optionalBool("required"), money: try column.optionalBool("money"),
                    vocabulary: try column.optionalString("vocabulary"),
                    spellings: try column.optionalSpellings("spellings") ?? [], place: at)
                try column.noOtherKeys()
                return parsed
            } ?? []
        file.totalRows = try reader.optionalSpellings("total_rows") ?? []
        file.nonDataRows = try reader.optionalSpellings("non_data_rows") ?? []
        if let summary = try reader.optionalObject("summary_rows") {
            for (label, value) in summary.sorted(by: { bytewise($0.key, $1.key) }) {
                guard ["carried", "month", "year"].contains(label) else {
                    throw Invalid(path: path, key: "summary_rows.\(label)", reason: "应为 carried、month 或 year")
                }
                file.summaryRows[label] = try Fields.spellings(value, path: path, at: "summary_rows.\(label)")
            }
        }
        file.moneyUnits =
            try reader.optionalList("money_units") { item, at throws(Invalid) in
                var unit = try Fields(item, path: path, at: at)
                let name = try unit.string("unit")
                guard let money = MoneyUnit(rawValue: name) else {
                    throw Invalid(path: path, key: at + ".unit", reason: "应为 yuan 或 wan")
                }
                let spelling = MoneyUnitSpelling(
                    unit: money, headerSuffix: normalizeLabel(try unit.string("header_suffix")),
                    keySuffix: try unit.string("key_suffix").lowercased())
                try unit.noOtherKeys()
                return spelling
            } ?? []
        file.personalData = try reader.optionalSpellings("personal_data") ?? []
        if let words = try reader.optionalObject("vocabularies") {
            var vocabularies: [String: [String: (name: String?, spellings: [String])]] = [:]
            for (vocabulary, values) in words {
                let at = "vocabularies.\(vocabulary)"
                guard case .object(let values) = values else {
                    throw Invalid(path: path, key: at, reason: "应为对象：取值的英文键 → {name, spellings}")
                }
                for (key, value) in values {
                    var entry = try Fields(value, path: path, at: at + "." + key)
                    vocabularies[vocabulary, default: [:]][key] = (
                        try entry.optionalString("name"), try entry.optionalSpellings("spellings") ?? []
                    )
                    try entry.noOtherKeys()
                }
            }
            file.vocabularies = vocabularies
        }
        try reader.noOtherKeys(also: ["about"])
        return file
    }
}

/// Why a file is not JSON, as an officer can act on it: where, and the usual slip (the Chinese
/// input method's “ ” ， ： for " , :).
private func notJSON(_ data: Data, _ error: any Error) -> String {
    var reason = "不是有效的 JSON"
    let described = "\(error)"
    if let range = described.range(of: #"line \d+, column \d+"#, options: .regularExpression) {
        let numbers = described[range].split { !$0.isNumber }.map(String.init)
        if numbers.count == 2 { reason += "（第 \(numbers[0]) 行第 \(numbers[1]) 列附近）" }
    }
    let text = String(decoding: data, as: UTF8.self)
    if text.contains(where: { "“”，：".contains($0) }) {
        reason += "；引号、逗号、冒号要用英文半角（\" , :），不能用中文全角（“ ” ， ：）"
    } else {
        reason += "；检查括号是否成对、每项之间是否有逗号、最后一项后是否多了逗号"
    }
    return reason
}

/// How a money column's header states its unit: `原值(万元)` or `original_value_wan`.
struct MoneyUnitSpelling: Sendable, Hashable {
    var unit: MoneyUnit
    var headerSuffix: String
    var keySuffix: String
}

/// The keys of one JSON object, read with the path of each for messages, and checked for keys
/// nobody read.
struct Fields {
    let object: [String: WrittenJSON]
    let path: String
    let at: String
    var read: Set<String> = []

    init(_ value: WrittenJSON, path: String, at: String) throws(KindCatalog.Invalid) {
        guard case .object(let object) = value else {
            throw KindCatalog.Invalid(path: path, key: at, reason: "应为对象（{…}）")
        }
        self.object = object
        self.path = path
        self.at = at
    }

    func place(_ key: String) -> String { at.isEmpty ? key : at + "." + key }

    mutating func value(_ key: String) -> WrittenJSON? {
        read.insert(key)
        return object[key]
    }

    mutating func string(_ key: String) throws(KindCatalog.Invalid) -> String {
        guard let text = try optionalString(key) else {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "缺少")
        }
        return text
    }

    mutating func optionalString(_ key: String) throws(KindCatalog.Invalid) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value, !text.trimmingSpaces().isEmpty else {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "应为非空文字")
        }
        return text
    }

    mutating func optionalBool(_ key: String) throws(KindCatalog.Invalid) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "应为 true 或 false")
        }
        return flag
    }

    mutating func optionalObject(_ key: String) throws(KindCatalog.Invalid) -> [String: WrittenJSON]? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "应为对象（{…}）")
        }
        return object
    }

    mutating func optionalList<T>(_ key: String, _ item: (WrittenJSON, String) throws(KindCatalog.Invalid) -> T)
        throws(KindCatalog.Invalid) -> [T]?
    {
        guard let value = value(key) else { return nil }
        guard case .array(let list) = value else {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "应为列表（[…]）")
        }
        var items: [T] = []
        for (index, element) in list.enumerated() { items.append(try item(element, place(key) + "[\(index)]")) }
        return items
    }

    mutating func optionalSpellings(_ key: String) throws(KindCatalog.Invalid) -> [String]? {
        guard let value = value(key) else { return nil }
        return try Self.spellings(value, path: path, at: place(key))
    }

    /// A list of spellings as cells are compared: spaces and full-width forms folded.
    static func spellings(_ value: WrittenJSON, path: String, at: String) throws(KindCatalog.Invalid) -> [String] {
        try strings(value, path: path, at: at).map(normalizeLabel)
    }

    static func strings(_ value: WrittenJSON, path: String, at: String) throws(KindCatalog.Invalid) -> [String] {
        guard case .array(let list) = value else {
            throw KindCatalog.Invalid(path: path, key: at, reason: "应为文字列表（[\"…\", …]）")
        }
        var texts: [String] = []
        for (index, element) in list.enumerated() {
            guard case .string(let text) = element, !text.trimmingSpaces().isEmpty else {
                throw KindCatalog.Invalid(path: path, key: at + "[\(index)]", reason: "应为非空文字")
            }
            texts.append(text)
        }
        return texts
    }

    /// Every key of the object was one this file format has.
    func noOtherKeys(also allowed: Set<String> = []) throws(KindCatalog.Invalid) {
        if let key = object.keys.sorted(by: bytewise).first(where: { !read.contains($0) && !allowed.contains($0) }) {
            throw KindCatalog.Invalid(path: path, key: place(key), reason: "不认识的键（见 Kinds/README.md）")
        }
    }
}

/// A JSON value as written: a number is never a valid value in a kind file, so none is kept.
enum WrittenJSON: Decodable {
    case string(String)
    case bool(Bool)
    case array([WrittenJSON])
    case object([String: WrittenJSON])
    case other

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let list = try? value.decode([WrittenJSON].self) {
            self = .array(list)
        } else if let object = try? value.decode([String: WrittenJSON].self) {
            self = .object(object)
        } else {
            self = .other
        }
    }
}
