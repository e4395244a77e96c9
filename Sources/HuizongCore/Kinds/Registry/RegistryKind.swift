import CSVReading
import Foundation

/// A row of the registry (单位名录): one unit expected to submit.
public struct RegistryEntry: Sendable, Hashable {
    public var code: String
    public var name: String
    public var alias: String
    /// Empty for the department's own 本级.
    public var parentCode: String
    public var line: Int
    /// A subordinate consolidated separately, as another department (另行汇总): no unit of this
    /// one, but its parent's transfers with it are expected to have no counterpart here.
    public var separate = false
}

/// The registry (单位名录): the units expected to submit. It is merged first, before any other
/// file: `--registry` wins over one in the folder, and two in the folder are not guessed between.
enum RegistryKind: ListKind {
    enum Column: String, ColumnKey {
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case alias
        case parentCode = "parent_code"
        case separate
    }

    /// What says no in the 另行汇总 column: anything else written there says yes (是, √, 另行汇总).
    static let noes: Set<String> = ["", "否", "不", "N", "n", "No", "no", "0", "×", "—", "-"]

    static let kind = TableKind.registry

    static func row(_ fields: RecordFields, line: Int, reader: RowReader) throws(RowProblem) -> RegistryEntry {
        reader.startRow()
        let code = try reader.unitCode(fields, reader.index(Column.unitCode))
        let parent =
            reader.text(fields, Column.parentCode).isEmpty
            ? ""
            : try reader.unitCode(
                fields, reader.index(Column.parentCode), key: Column.parentCode.rawValue, unit: code)
        return RegistryEntry(
            code: code, name: try reader.required(fields, Column.unitName, unit: code),
            alias: reader.text(fields, Column.alias), parentCode: parent, line: line,
            separate: !noes.contains(reader.text(fields, Column.separate).trimmingCharacters(in: .whitespaces)))
    }

    static func contents(_ rows: [RegistryEntry]) -> TableContents { .registry(rows) }

    /// The registry made the units before any other file was merged (`entries`, `units`).
    static func merge(_ entries: [RegistryEntry], _ file: inout FileMerge, into department: inout DepartmentMerge) {}

    /// The registry's entries, each with the file it came from (nil: `--registry`), and the
    /// `--registry` file's input row.
    static func entries(
        _ files: inout [FileResult], registryFile: FileResult?, setAside: inout [Int], into result: inout Consolidation
    ) throws(ConsolidationError) -> (entries: [(entry: RegistryEntry, file: Int?)], input: InputSummary?) {
        var entries: [(entry: RegistryEntry, file: Int?)] = []
        if let registryFile {
            guard case .registry(let given) = registryFile.contents else {
                throw .badRegistry(path: registryFile.input.path, problem: registryFile.findings.first)
            }
            entries = given.map { ($0, nil) }
            result.findings += registryFile.findings
        }
        let registries = files.indices.filter { index in
            guard result.duplicateOf[files[index].input.path] == nil, case .registry = files[index].contents else {
                return false
            }
            return true
        }
        if registryFile == nil && registries.count > 1 {
            throw .severalRegistries(registries.map { files[$0].input.path })
        }
        for index in registries {
            guard case .registry(let found) = files[index].contents else { continue }
            if registryFile != nil {
                let count = files[index].input.accepted
                setAside[index] = count
                files[index].findings.append(Finding(.registrySuperseded(rows: count), file: files[index].input.path))
            } else {
                entries += found.map { ($0, index) }
            }
        }
        guard !entries.isEmpty else { throw .noRegistry }
        return (entries, registryFile?.input)
    }

    /// A unit per code, in registry order; a code listed again is named and not counted.
    static func units(
        _ entries: [(entry: RegistryEntry, file: Int?)], files: [FileResult], registryInput: inout InputSummary?,
        setAside: inout [Int], into result: inout Consolidation
    ) -> [String: Int] {
        var unitIndex: [String: Int] = [:]
        var firstSeen: [String: (file: String, line: Int)] = [:]
        for (entry, file) in entries {
            let path = file.map { files[$0].input.path } ?? registryInput?.path ?? ""
            if let seen = firstSeen[entry.code] {
                if let file {
                    setAside[file] += 1
                } else {
                    registryInput?.rejected += 1
                }
                result.findings.append(
                    Finding(
                        .registryDuplicateUnit(code: entry.code, firstFile: seen.file, firstLine: seen.line),
                        unit: entry.code, file: path, line: entry.line))
                continue
            }
            firstSeen[entry.code] = (path, entry.line)
            // Consolidated as another department: not a unit here, nor expected to submit.
            if entry.separate {
                result.separateUnits.append(entry)
                continue
            }
            unitIndex[entry.code] = result.units.count
            result.units.append(UnitResult(entry: entry, parentCode: entry.parentCode))
        }
        return unitIndex
    }
}
