/// Whose a table is when no column says it, as a unit's own export is: the unit its preamble
/// names (`编制单位：…`), else its file's name (a 决算 workbook is named after its unit), else its
/// folders' names, nearest first — each matched against the registry's codes, names and aliases.
/// The first of these that names any unit decides; naming two is an error, not a guess.
package enum FileUnit {
    /// The unit code a row carries when its table has no unit column, until the file's unit is found.
    static let unnamed = ""

    /// Where a file's unit was found: `inputs[].unit_source`.
    package enum Source: String, Sendable, Hashable {
        case column
        case preamble
        case fileName = "file_name"
        case folder

        var chinese: String {
            switch self {
            case .column: "单位编码列"
            case .preamble: "表头上方的编制单位"
            case .fileName: "文件名"
            case .folder: "文件夹名"
            }
        }
    }

    /// One place that may name the unit, and what it says.
    package struct Clue: Sendable, Hashable {
        package var source: Source
        package var text: String
    }

    enum Resolution: Equatable {
        case found(code: String, clue: Clue)
        case ambiguous(codes: [String], clue: Clue)
        case notFound
    }

    /// The clues of a table at `path` (relative to the input folder; a sheet's is its workbook's),
    /// in the order they are tried.
    static func clues(statedUnit: String?, path: String) -> [Clue] {
        var parts = path.split(separator: "/").map(String.init)
        var clues: [Clue] = []
        if let statedUnit, !statedUnit.isEmpty { clues.append(Clue(source: .preamble, text: statedUnit)) }
        if let file = parts.popLast() {
            let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
            clues.append(Clue(source: .fileName, text: stem))
        }
        clues += parts.reversed().map { Clue(source: .folder, text: $0) }
        return clues
    }

    static func resolve(_ clues: [Clue], in registry: [RegistryEntry]) -> Resolution {
        for clue in clues {
            let codes = units(named: clue.text, in: registry)
            if codes.count == 1 { return .found(code: codes[0], clue: clue) }
            if codes.count > 1 { return .ambiguous(codes: codes, clue: clue) }
        }
        return .notFound
    }

    /// The registry units `text` names: a code standing alone in it (`012002_执法支队`); else
    /// the longest full names it contains (so `…规划局长安分局` is not also `…规划局`); else the
    /// longest aliases of two characters or more it contains.
    static func units(named text: String, in registry: [RegistryEntry]) -> [String] {
        let text = normalizeLabel(text)
        let tokens = Set(text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init))
        let byCode = registry.filter { tokens.contains($0.code) }.map(\.code)
        if !byCode.isEmpty { return byCode }
        for names in [registry.map { normalizeLabel($0.name) }, registry.map { normalizeLabel($0.alias) }] {
            let contained = names.indices.filter { names[$0].count >= 2 && text.contains(names[$0]) }
            guard let longest = contained.map({ names[$0].count }).max() else { continue }
            return contained.filter { names[$0].count == longest }.map { registry[$0].code }
        }
        return []
    }
}

/// A row of a unit-level table: it belongs to a unit.
protocol UnitRow {
    var unit: String { get set }
}

extension AssetCard: UnitRow {}
extension StaffMember: UnitRow {}
extension StaffCount: UnitRow {}
extension BudgetLine: UnitRow {}
extension StatedAsset: UnitRow {}
extension AccountSummary: UnitRow {}

extension TableContents {
    /// The same rows, those of the file's own unit (`FileUnit.unnamed`) given `code`.
    func assigningFileUnit(_ code: String) -> TableContents {
        func assign<Row: UnitRow>(_ rows: [Row]) -> [Row] {
            rows.map { row in
                var row = row
                if row.unit == FileUnit.unnamed { row.unit = code }
                return row
            }
        }
        switch self {
        case .assets(let cards): return .assets(assign(cards))
        case .staff(let people): return .staff(assign(people))
        case .staffCounts(let counts): return .staffCounts(assign(counts))
        case .budget(let lines): return .budget(assign(lines))
        case .statedAssets(let figures): return .statedAssets(assign(figures))
        case .journal(let accounts): return .journal(assign(accounts))
        case .expenditure(let ledgers):
            var assigned: [String: LedgerSummary] = [:]
            for (key, summary) in ledgers {
                assigned[key == FileUnit.unnamed ? code : key, default: LedgerSummary()].merge(summary)
            }
            return .expenditure(assigned)
        case .none, .registry, .accountMap, .indicators, .reportFigures, .narrative:
            return self
        }
    }

    /// The units the rows name, in order of first appearance.
    var unitCodes: [String] {
        let codes: [String] =
            switch self {
            case .assets(let rows): rows.map(\.unit)
            case .staff(let rows): rows.map(\.unit)
            case .staffCounts(let rows): rows.map(\.unit)
            case .budget(let rows): rows.map(\.unit)
            case .statedAssets(let rows): rows.map(\.unit)
            case .journal(let rows): rows.map(\.unit)
            case .expenditure(let ledgers): ledgers.keys.sorted(by: bytewise)
            case .none, .registry, .accountMap, .indicators, .reportFigures, .narrative: []
            }
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// Whether some row belongs to the file's unit, not yet found.
    var hasUnnamedRows: Bool { unitCodes.contains(FileUnit.unnamed) }
}
