import CSVReading
import Foundation

/// What Huizong knows of every table kind as data (`Kinds/*.json`, see `Kinds/README.md`): its
/// columns and their header spellings, required and one-of columns, the vocabularies' spellings,
/// total and summary row labels, and the money-unit conventions of headers. The shipped files are
/// built in (`ShippedKinds`); a department's `--kinds` folder adds its own spellings over them.
public struct KindCatalog: Sendable {
    /// Per kind, in `TableKind.allCases` order.
    private var specs: [KindSpec]
    /// Each vocabulary's spellings, ready for matching cells.
    let vocabularies: VocabularyTables
    /// The department's files read over the shipped ones, by path (empty when none).
    public private(set) var departmentFiles: [String] = []

    subscript(kind: TableKind) -> KindSpec { specs[kind.order] }

    /// The shipped files, built in; a test keeps them identical to `Kinds/`.
    public static let shipped: KindCatalog = {
        do {
            return try KindCatalog(files: ShippedKinds.files.map { ("Kinds/" + $0.name, Data($0.json.utf8)) })
        } catch {
            preconditionFailure("the shipped Kinds/ files are invalid: \((error as? Invalid)?.message ?? "\(error)")")
        }
    }()

    /// The shipped kinds with a department's own files over them: every `*.json` of `folder`, in
    /// name order.
    public static func load(folder: String) throws(Invalid) -> KindCatalog {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw Invalid(folder: folder, reason: "找不到这个文件夹：--kinds 要给出放表类文件（.json）的文件夹")
        }
        guard isFolder.boolValue else {
            throw Invalid(folder: folder, reason: "不是文件夹：--kinds 要给出放表类文件（.json）的文件夹，不是文件本身")
        }
        let names: [String]
        do {
            // Hidden files (.DS_Store, editors' backups) are not the officer's.
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
                .sorted(by: bytewise)
        } catch {
            throw Invalid(folder: folder, reason: "无法列出文件夹中的文件（检查权限）")
        }
        guard !names.isEmpty else { throw Invalid(folder: folder, reason: "文件夹中没有 .json 文件") }
        var files: [(path: String, data: Data)] = []
        for name in names {
            let path = folder + "/" + name
            files.append((path, try readFile(path, name: name)))
        }
        var catalog = try KindCatalog(
            files: ShippedKinds.files.map { ("Kinds/" + $0.name, Data($0.json.utf8)) } + files,
            departmentFrom: ShippedKinds.files.count)
        catalog.departmentFiles = files.map(\.path)
        return catalog
    }

    /// A kind file is small: a bigger one is not one.
    static let maxFileBytes = 1 << 20

    /// One file of the folder: a regular `.json` file of at most `maxFileBytes`, in UTF-8 (or with
    /// a byte-order mark, which the JSON reader follows).
    private static func readFile(_ path: String, name: String) throws(Invalid) -> Data {
        guard name.lowercased().hasSuffix(".json") else {
            throw Invalid(path: path, key: "", reason: "不是 .json 文件：表类文件夹中只放表类文件，请把它移出，或改名为 .json")
        }
        // Opened without blocking and read only if it is a regular file, as a scheme is (never a FIFO).
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path)
        } catch {
            if case .notRegular(_, let kind) = error {
                throw Invalid(path: path, key: "", reason: "不是普通文件，而是\(kind.chinese)：请把它移出表类文件夹")
            }
            throw Invalid(path: path, key: "", reason: "无法打开（检查权限）")
        }
        guard let bytes = try? file.contents(limit: maxFileBytes) else {
            throw Invalid(path: path, key: "", reason: "无法读取，或大于 1 MiB（表类文件只有几 KB）")
        }
        let hasUTF16Mark = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        guard hasUTF16Mark || String(validating: bytes, as: UTF8.self) != nil else {
            throw Invalid(path: path, key: "", reason: "不是 UTF-8 编码（可能是 GBK）：请用记事本或 WPS 另存为 UTF-8")
        }
        return Data(bytes)
    }

    /// A kind file that cannot be used: which file, which key, and what is wrong.
    public struct Invalid: Error, Equatable, Sendable {
        public var path: String
        /// Where in the file, as a path of keys (`columns[3].spellings`); empty: the whole file.
        public var key: String
        public var reason: String
        /// Whether `path` is the `--kinds` folder itself.
        public var isFolder = false

        init(path: String, key: String, reason: String) {
            self.path = path
            self.key = key
            self.reason = reason
        }

        init(folder: String, reason: String) {
            self.init(path: folder, key: "", reason: reason)
            isFolder = true
        }

        public var message: String {
            if isFolder { return "表类文件夹 \(path)：\(reason)" }
            return key.isEmpty ? "表类文件 \(path)：\(reason)" : "表类文件 \(path) 的 \(key)：\(reason)"
        }
    }

    /// Builds the catalog from files in order: the shipped ones define every kind, each later one
    /// (from `departmentFrom` on) adds spellings and labels to what they define.
    init(files: [(path: String, data: Data)], departmentFrom: Int? = nil) throws(Invalid) {
        var drafts: [KindDraft] = []
        var common = CommonDraft()
        var vocabularies = VocabularyDraft()
        let firstDepartment = departmentFrom ?? files.count
        for (position, file) in files.enumerated() {
            let isOwn = position >= firstDepartment
            let parsed = try KindFile.parse(file.data, path: file.path)
            if let words = parsed.vocabularies {
                try vocabularies.add(words, path: file.path, isOwn: isOwn)
            }
            switch parsed.kind {
            case nil:
                guard parsed.vocabularies != nil else {
                    throw Invalid(path: file.path, key: "kind", reason: "缺少：写表类名（如 \"staff_counts\"）或 \"all\"")
                }
                // Only vocabularies may stand without a kind: anything else would be read for no kind.
                if let key = parsed.statedKeys.first(where: { $0 != "vocabularies" }) {
                    throw Invalid(path: file.path, key: key, reason: "要写在有 kind 的文件中（写 \"kind\": 表类名 或 \"all\"）")
                }
            case "all":
                try common.add(parsed, path: file.path, isOwn: isOwn)
            case let name?:
                guard let kind = TableKind(rawValue: name) else {
                    throw Invalid(
                        path: file.path, key: "kind",
                        reason: "“\(name)”不是表类；可用：all、" + TableKind.allCases.map(\.rawValue).joined(separator: "、"))
                }
                if let index = drafts.firstIndex(where: { $0.kind == kind }) {
                    try drafts[index].add(parsed, path: file.path, isOwn: isOwn, personalData: common.personalData)
                } else if isOwn {
                    throw Invalid(path: file.path, key: "kind", reason: "内置表类中没有“\(name)”")
                } else {
                    drafts.append(try KindDraft(parsed, kind: kind, path: file.path))
                }
            }
        }
        try LabelCheck(drafts: drafts, common: common).check()
        for kind in TableKind.allCases where !drafts.contains(where: { $0.kind == kind }) {
            throw Invalid(path: "Kinds/", key: "kind", reason: "缺少表类“\(kind.rawValue)”的文件")
        }
        guard !common.moneyUnits.isEmpty else {
            throw Invalid(path: "Kinds/all.json", key: "money_units", reason: "缺少")
        }
        specs = TableKind.allCases.map { kind in
            drafts.first { $0.kind == kind }!.spec(common: common)
        }
        self.vocabularies = try vocabularies.tables()
        personalData = common.personalData
    }

    /// Header cells that name a person: read past, never into any output.
    package let personalData: Set<String>
}

/// One table kind as the catalog knows it.
struct KindSpec: Sendable {
    let kind: TableKind
    /// Its name for officers: 单位名录, 人数 …
    let name: String
    /// Whether every row names a unit (the department-level sheets do not).
    let isUnitLevel: Bool
    let columns: [ColumnSpec]
    /// Columns of which a table needs one, each set named by its first for messages.
    let oneOf: [[String]]
    /// Labels of rows that sum the rows above (合计 …): not data, checked.
    let totalRows: Set<String>
    /// Labels of rows that are neither data nor totals (a 栏次 row under the header, a printed
    /// voucher's 记账： 审核： line): read past, their lines shown by `inspect`.
    let nonDataRows: Set<String>
    /// A 序时账's own summary rows (期初余额, 本月合计, 本年累计 …), by label.
    let summaryRows: [String: JournalSummary]

    var required: [ColumnSpec] { columns.filter(\.required) }
}

/// The kinds in the order the catalog keeps them.
extension TableKind {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
