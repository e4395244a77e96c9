import Foundation

/// A fixed form (a 决算 table as the 决算 software exports it) as configuration, not code: how
/// it is recognised (its sheet's name, or its title in the first rows) and where its figures
/// lie. `Layouts/*.json`, documented in `Layouts/README.md`; the shipped ones are built in, a
/// department adds its province's variant with `--layouts FOLDER`.
public struct FormLayout: Sendable, Hashable {
    package var name: String
    /// Any of these in the sheet's name recognises the form (`财决01表`, `Z01`).
    package var sheetNames: [String]
    /// Or any of these in a cell of the first rows (`收入支出决算总表`).
    package var titles: [String]
    /// The stage of a budget form's figures (决算 forms); nil for a balance sheet.
    package var stage: BudgetStage?
    /// Label and amount columns side by side: the two halves of a 收入支出决算总表.
    package var sides: [Side]
    /// Or one row (合计) read across its columns: 支出决算表's 基本支出, 项目支出 ….
    package var totalRow: TotalRow?
    /// A sheet that holds no data table (封面, 填报说明, a 附表 not consolidated): read past.
    package var readsNothing = false
    /// A department's own (`--layouts`): it wins a tie with a shipped one.
    package var isOwn = false

    /// How surely a sheet whose stated number is this layout's, and which neither its name nor a
    /// title recognises, is its form: above any title (`recognition`), below any sheet name.
    static let byNumber = 500

    /// The form numbers its sheet names give (`财决05-1表`, `Z05_1` → `05-1`): a sheet that states
    /// another number is not its form, whatever its title says.
    package var numbers: Set<String> { Set(sheetNames.compactMap(Self.formNumber)) }

    /// The number of a 决算 form a sheet's name or a title cell states: `财决08-1表`, `(财决08-`
    /// (cut at Excel's 31 characters), `Z08_1 …` → `08-1`, `08`; `F01 …`, `财决附01表` → `附01`.
    static func formNumber(_ text: String) -> String? {
        let text = normalizeLabel(text)
        func number(after rest: Substring) -> String? {
            let major = rest.prefix { $0.isASCII && $0.isNumber }
            guard !major.isEmpty else { return nil }
            var after = rest.dropFirst(major.count)
            guard let mark = after.first, mark == "-" || mark == "_" else { return String(major) }
            after = after.dropFirst()
            let minor = after.prefix { $0.isASCII && $0.isNumber }
            return minor.isEmpty ? String(major) : "\(major)-\(minor)"
        }
        if let first = text.first, first == "Z" || first == "F", let found = number(after: text.dropFirst()) {
            return first == "F" ? "附" + found : found
        }
        guard let range = text.range(of: "财决") else { return nil }
        var rest = text[range.upperBound...]
        let annex = rest.first == "附"
        if annex { rest = rest.dropFirst() }
        return number(after: rest).map { annex ? "附" + $0 : $0 }
    }

    /// One label column and its amount column; `occurrence` counts which pair of the header
    /// row it is (1: the left, income side; 2: the right one).
    package struct Side: Sendable, Hashable {
        /// The label column's header, and other headers prints give it (`项目(按功能分类)`).
        package var labels: [String]
        /// The amount column's header, and other headers exports give it (`决算数`).
        package var amount: [String]
        package var occurrence: Int
        /// Row label (normalized: no numbering, no spaces) → the figure it fills.
        package var items: [String: Figure]
        /// Labels the form has that feed no figure of Huizong's (subtotals, function classes).
        package var known: Set<String>
        /// Labels of totals other forms state too (`本年支出合计`): label → the name they are compared by.
        package var checks: [String: String]
    }

    package struct TotalRow: Sendable, Hashable {
        /// Labels of the row to read (`合计`).
        package var labels: [String]
        /// Column header (normalized) → the figure it fills.
        package var columns: [String: Figure]
        /// Column header → the name of a total other forms state too, compared across them.
        package var checks: [String: String]
    }

    /// What a form's cell fills: a budget item of the layout's stage, or an asset figure.
    package enum Figure: Sendable, Hashable {
        case budget(BudgetItem)
        case asset(AssetFigure)
    }

    /// How surely this layout is the form a sheet named `sheetName` (nil for a CSV) with `cells`
    /// in its first rows is: nil, not at all; a name it finds in the sheet's name beats a title;
    /// a longer title beats a shorter one (`基本支出决算明细表` is not merely `支出决算明细表`).
    func recognition(sheetName: String?, cells: [String]) -> Int? {
        if let sheetName, let name = sheetNames.filter({ sheetName.contains($0) }).max(by: { $0.count < $1.count }) {
            return 1_000 + name.count
        }
        let normalized = cells.map(normalizeLabel)
        return titles.filter { title in normalized.contains { $0.contains(title) } }.map(\.count).max()
    }

    /// A row label as the layout writes it: without spaces, numbering (`一、`, `（一）`, `1.`)
    /// and a trailing colon.
    static func normalizedLabel(_ text: String) -> String {
        var label = Substring(normalizeLabel(text))
        let numerals = Set("一二三四五六七八九十0123456789")
        if let mark = label.firstIndex(where: { $0 == "、" || $0 == "." }),
            label[..<mark].allSatisfy({ numerals.contains($0) || $0 == "(" || $0 == ")" }), mark != label.startIndex
        {
            label = label[label.index(after: mark)...]
        }
        if label.hasPrefix("("), let close = label.firstIndex(of: ")"),
            label[label.index(after: label.startIndex)..<close].allSatisfy({ numerals.contains($0) })
        {
            label = label[label.index(after: close)...]
        }
        for prefix in ["其中:", "减:"] where label.hasPrefix(prefix) { label = label.dropFirst(prefix.count) }
        while label.hasSuffix(":") { label = label.dropLast() }
        return String(label)
    }
}

extension FormLayout {
    /// Why a layout file cannot be used, in its own words.
    public struct Invalid: Error, Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// The file's keys are snake_case, as in `Layouts/*.json`.
    private struct File: Decodable {
        var schema: String
        var name: String
        var sheetNames: [String]?
        var titles: [String]?
        var stage: String?
        var sides: [FileSide]?
        var totalRow: FileTotalRow?
        var readsNothing: Bool?

        enum CodingKeys: String, CodingKey {
            case schema, name, titles, stage, sides
            case sheetNames = "sheet_names"
            case totalRow = "total_row"
            case readsNothing = "reads_nothing"
        }
    }

    private struct FileSide: Decodable {
        var label: Names
        var amount: Names
        var occurrence: Int?
        var items: [String: String]
        var known: [String]?
        var checks: [String: String]?
    }

    private struct FileTotalRow: Decodable {
        var labels: [String]
        var columns: [String: String]?
        var checks: [String: String]?
    }

    /// One name, or a list of the names a header is written as.
    private struct Names: Decodable {
        var names: [String]

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let list = try? value.decode([String].self) {
                names = list
            } else {
                names = [try value.decode(String.self)]
            }
        }
    }

    static func parse(_ data: Data, path: String) throws(Invalid) -> FormLayout {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw Invalid(path: path, reason: "不是有效的 JSON 版式（\(error)）")
        }
        if let key = DuplicateKeys.first(in: [UInt8](data)) {
            throw Invalid(path: path, reason: DuplicateKeys.reason(key))
        }
        guard file.schema == "huizong.layout/1" else { throw Invalid(path: path, reason: "schema 应为 huizong.layout/1") }
        var stage: BudgetStage?
        if let text = file.stage {
            guard let matched = BudgetStage.match(text) else {
                throw Invalid(path: path, reason: "stage“\(text)”不是 年初预算、调整预算 或 决算")
            }
            stage = matched
        }
        // A budget form's cells fill budget items (of its stage); a balance sheet's, asset figures.
        func item(_ text: String) throws(Invalid) -> Figure {
            if stage != nil, let item = BudgetItem.match(text) { return .budget(item) }
            if stage == nil, let figure = AssetFigure(name: text) { return .asset(figure) }
            throw Invalid(
                path: path,
                reason: stage != nil
                    ? "“\(text)”不是预决算科目（见 docs/SPEC.md）"
                    : "“\(text)”不是资产项目（货币资金、固定资产原值、固定资产累计折旧、在建工程、无形资产、其他资产）；预决算表请写 stage")
        }
        var sides: [Side] = []
        for (position, side) in (file.sides ?? []).enumerated() {
            var items: [String: Figure] = [:]
            for (label, name) in side.items { items[normalizedLabel(label)] = try item(name) }
            sides.append(
                Side(
                    labels: side.label.names.map(normalizeLabel), amount: side.amount.names.map(normalizeLabel),
                    occurrence: side.occurrence ?? position + 1, items: items,
                    known: Set((side.known ?? []).map(normalizedLabel)),
                    checks: Dictionary((side.checks ?? [:]).map { (normalizedLabel($0.key), $0.value) }) { a, _ in a }))
        }
        var totalRow: TotalRow?
        if let row = file.totalRow {
            var columns: [String: Figure] = [:]
            for (header, name) in row.columns ?? [:] { columns[normalizeLabel(header)] = try item(name) }
            totalRow = TotalRow(
                labels: row.labels.map(normalizedLabel), columns: columns,
                checks: Dictionary((row.checks ?? [:]).map { (normalizeLabel($0.key), $0.value) }) { a, _ in a })
        }
        let readsNothing = file.readsNothing ?? false
        guard !sides.isEmpty || totalRow != nil || readsNothing else {
            throw Invalid(path: path, reason: "既没有 sides 也没有 total_row：版式读不出任何数（不含数据的表请写 \"reads_nothing\": true）")
        }
        let layout = FormLayout(
            name: file.name, sheetNames: file.sheetNames ?? [], titles: (file.titles ?? []).map(normalizeLabel),
            stage: stage, sides: sides, totalRow: totalRow, readsNothing: readsNothing)
        guard !layout.sheetNames.isEmpty || !layout.titles.isEmpty else {
            throw Invalid(path: path, reason: "sheet_names 和 titles 都为空：版式无法识别任何表")
        }
        return layout
    }

    /// Every `*.json` of a folder, in name order.
    public static func load(folder: String) throws(Invalid) -> [FormLayout] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
                .sorted(by: bytewise)
        } catch {
            throw Invalid(path: folder, reason: "无法列出文件夹")
        }
        var layouts: [FormLayout] = []
        for name in names {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Invalid(path: path, reason: "无法读取")
            }
            var layout = try parse(data, path: path)
            layout.isOwn = true
            layouts.append(layout)
        }
        return layouts
    }

    /// The layouts shipped in `Layouts/`, built in (a test keeps them identical to the files).
    public static let shipped: [FormLayout] = ShippedLayouts.files.map { name, json in
        try! parse(Data(json.utf8), path: "Layouts/" + name)
    }
}
