import CSVReading
import Foundation

/// One department's result folder, checked against its `.huizong-manifest` and read for what a
/// rollup needs: its identity, its totals, and the few unit figures transfers between departments
/// are eliminated by. The folder is untrusted input: every file the manifest lists must have its
/// listed bytes, department.json is bounded in size, and every figure is checked as it is read.
package struct DepartmentResult: Sendable {
    /// The folder as given on the command line, and its last component (what outputs name it by).
    package var folder: String
    package var name: String
    /// department.json's SHA-256, as the manifest lists it (and as the bytes read have).
    package var departmentHash: String
    package var fiscalYear: Int
    package var mainCode: String
    package var mainName: String
    /// The 上级单位编码 its 本级 names outside the department; empty for most.
    package var mainParent: String
    package var unitCodes: [String]
    package var assets = AssetTotals()
    package var staff = StaffTotals()
    package var budget = BudgetFigures()
    package var eliminations: [TransferElimination] = []
    package var ledger = LedgerSummary()
    package var errors = 0
    package var warnings = 0
    package var scoreTotal: String?
    package var grade: String?
    /// Its 本级's 上级补助收入 and 上缴上级支出, stage by stage: its side of a transfer with the department above.
    package var mainReceived: [BudgetStage: Money] = [:]
    package var mainRemitted: [BudgetStage: Money] = [:]
    /// Per unit that has subordinates outside the department: the grants it paid and remittances it
    /// booked beyond what its own department's units booked, stage by stage (only where not zero).
    package var outside: [String: [BudgetStage: (grants: Money, remittances: Money)]] = [:]
    /// Each unit's name by code, for the units `outside` names.
    package var outsideNames: [String: String] = [:]
    /// The magnitudes of every amount in its totals, added up: what bounds the rollup's sums.
    package var magnitude = Money.zero
}

/// Why a result folder cannot be rolled up: each a refusal (exit 66), naming the folder.
public enum ResultFolderProblem: Error, Equatable, Sendable {
    case missing(folder: String)
    case notAFolder(folder: String)
    case noManifest(folder: String)
    /// The manifest's seal does not check, it names files Huizong never writes, or it has no seal.
    case badManifest(folder: String)
    case fileChanged(folder: String, name: String)
    case departmentNotListed(folder: String)
    case tooLarge(folder: String, limit: Int)
    case notJSON(folder: String)
    case wrongSchema(folder: String, found: String)
    case malformed(folder: String, key: String)
    case noYear(folder: String)
    case yearsDiffer(folder: String, year: Int, other: String, otherYear: Int)
    case sameUnit(folder: String, other: String, code: String)
    case amountsTooLarge(folder: String)
}

extension DepartmentResult {
    /// department.json larger than this is refused: no real department's comes near.
    package static let sizeLimit = 256 << 20

    /// Checks the folder against its manifest and reads its department.json.
    package static func read(folder: String) throws(ResultFolderProblem) -> DepartmentResult {
        let (bytes, hash, _) = try verifiedDepartment(folder: folder)
        return try parse(bytes, folder: folder, hash: hash)
    }

    /// A result folder proven as Huizong published it — its manifest sealed, every file it lists
    /// with its listed bytes — and its department.json's bytes (read once and hashed as read: the
    /// bytes parsed are the bytes checked), with their SHA-256 and the names the manifest lists.
    /// Shared by `rollup` and `--previous`.
    package static func verifiedDepartment(folder: String) throws(ResultFolderProblem) -> (
        bytes: [UInt8], sha256: String, listed: [String]
    ) {
        var status = stat()
        guard stat(folder, &status) == 0 else { throw .missing(folder: folder) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(folder: folder) }
        let manifestPath = (folder as NSString).appendingPathComponent(Publisher.manifestName)
        guard Publisher.openWithoutFollowing(manifestPath) != nil else { throw .noManifest(folder: folder) }
        guard let list = Publisher.writtenList(in: folder, name: Publisher.manifestName), list.isSealed else {
            throw .badManifest(folder: folder)
        }
        guard let department = list.files.first(where: { $0.name == "department.json" }) else {
            throw .departmentNotListed(folder: folder)
        }
        for entry in list.files where entry.name != department.name {
            guard Publisher.hasBytes(folder, entry) else { throw .fileChanged(folder: folder, name: entry.name) }
        }
        // Read once and hashed as read: the bytes parsed are the bytes checked.
        let path = (folder as NSString).appendingPathComponent(department.name)
        guard let file = Publisher.openWithoutFollowing(path) else {
            throw .fileChanged(folder: folder, name: department.name)
        }
        let bytes: [UInt8]
        do {
            guard let read = try file.contents(limit: sizeLimit) else {
                throw ResultFolderProblem.tooLarge(folder: folder, limit: sizeLimit)
            }
            bytes = read
        } catch let problem as ResultFolderProblem {
            throw problem
        } catch {
            throw .fileChanged(folder: folder, name: department.name)
        }
        guard Publisher.sha256(bytes) == department.sha256 else {
            throw .fileChanged(folder: folder, name: department.name)
        }
        return (bytes, department.sha256, list.files.map(\.name))
    }

    static func parse(_ bytes: [UInt8], folder: String, hash: String) throws(ResultFolderProblem) -> DepartmentResult {
        try parse(json(bytes, folder: folder), folder: folder, hash: hash)
    }

    /// department.json's bytes as JSON, or `notJSON`.
    static func json(_ bytes: [UInt8], folder: String) throws(ResultFolderProblem) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw .notJSON(folder: folder)
        }
    }

    /// department.json, parsed, read and every figure checked.
    static func parse(_ object: Any, folder: String, hash: String) throws(ResultFolderProblem) -> DepartmentResult {
        var reader = DepartmentJSON(folder: folder)
        let root = try reader.object(object, "")
        let schema = root["schema"] as? String ?? ""
        guard schema == OutputFiles.schema else { throw .wrongSchema(folder: folder, found: schema) }
        return try reader.department(root, hash: hash)
    }
}

/// Reads department.json's parts, each figure checked: money an exact decimal in 元 with two
/// decimals, counts whole numbers. Whatever does not fit is `malformed`, naming the key.
struct DepartmentJSON {
    let folder: String
    /// The magnitudes of every amount read so far (bounded by `Money.largestSum`).
    var magnitude = Money.zero

    init(folder: String) { self.folder = folder }

    func malformed(_ key: String) -> ResultFolderProblem { .malformed(folder: folder, key: key) }

    /// `true` or `false`, which Foundation may hand back as a number.
    static func isBoolean(_ value: Any?) -> Bool {
        guard let value else { return false }
        if type(of: value) == Bool.self { return true }
        // A JSON number is never a C char: only a Boolean is.
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    func object(_ value: Any?, _ key: String) throws(ResultFolderProblem) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw malformed(key) }
        return object
    }

    func count(_ value: Any?, _ key: String) throws(ResultFolderProblem) -> Int {
        // A JSON number that is a whole number, not a Boolean.
        guard !Self.isBoolean(value), let number = value as? NSNumber,
            let count = Int(exactly: number.doubleValue), Double(count) == number.doubleValue, count >= 0,
            count < 1 << 40
        else { throw malformed(key) }
        return count
    }

    /// `-1234.50`: a sign, digits, a point and exactly two decimals; null is nil.
    mutating func money(_ value: Any?, _ key: String, nullable: Bool = false) throws(ResultFolderProblem) -> Money? {
        if nullable, value is NSNull { return nil }
        guard let text = value as? String else { throw malformed(key) }
        let utf8 = Array(text.utf8)
        let digits = utf8.first == 0x2D ? utf8.dropFirst() : utf8[...]
        guard digits.count >= 4, digits.count <= 22, digits[digits.endIndex - 3] == 0x2E,
            digits.enumerated().allSatisfy({ $0.offset == digits.count - 3 || (0x30...0x39).contains($0.element) })
        else { throw malformed(key) }
        var fen: Int64 = 0
        for digit in digits where digit != 0x2E {
            let (times, o1) = fen.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(digit - 0x30))
            guard !o1, !o2, plus <= Money.largestSum.fen else { throw malformed(key) }
            fen = plus
        }
        guard let sum = magnitude.adding(Money(fen: fen)), sum <= Money.largestSum else {
            throw .amountsTooLarge(folder: folder)
        }
        magnitude = sum
        return Money(fen: utf8.first == 0x2D ? -fen : fen)
    }

    mutating func amount(_ value: Any?, _ key: String) throws(ResultFolderProblem) -> Money {
        try money(value, key)!
    }

    mutating func department(_ root: [String: Any], hash: String) throws(ResultFolderProblem) -> DepartmentResult {
        let summary = try object(root["summary"], "summary")
        guard !Self.isBoolean(summary["fiscal_year"]), let year = summary["fiscal_year"] as? NSNumber,
            let fiscalYear = Int(exactly: year.doubleValue), (1900...2200).contains(fiscalYear)
        else {
            if summary["fiscal_year"] is NSNull || summary["fiscal_year"] == nil { throw .noYear(folder: folder) }
            throw malformed("summary.fiscal_year")
        }
        guard let units = root["units"] as? [Any] else { throw malformed("units") }
        var result = DepartmentResult(
            folder: folder, name: (folder as NSString).lastPathComponent, departmentHash: hash,
            fiscalYear: fiscalYear, mainCode: "", mainName: "", mainParent: "", unitCodes: [])
        result.errors = try count(summary["errors"], "summary.errors")
        result.warnings = try count(summary["warnings"], "summary.warnings")
        try readUnits(units, main: summary["main_unit"], into: &result)
        try readTotals(try object(root["totals"], "totals"), into: &result)
        let score = try object(root["score"], "score")
        result.scoreTotal = try optionalText(score["total"], "score.total")
        result.grade = try optionalText(score["grade"], "score.grade")
        result.magnitude = magnitude
        return result
    }

    func text(_ value: Any?, _ key: String) throws(ResultFolderProblem) -> String {
        guard let text = value as? String, text.utf8.count <= 4096 else { throw malformed(key) }
        return text
    }

    func optionalText(_ value: Any?, _ key: String) throws(ResultFolderProblem) -> String? {
        value is NSNull ? nil : try text(value, key)
    }

    /// The units: their codes, the 本级, and each parent's transfers beyond its department's units.
    mutating func readUnits(_ units: [Any], main: Any?, into result: inout DepartmentResult) throws(ResultFolderProblem)
    {
        struct Unit {
            var code: String
            var name: String
            var parent: String
            var transfers: [BudgetStage: [BudgetItem: Money]]
        }
        var read: [Unit] = []
        for (index, value) in units.enumerated() {
            let key = "units[\(index)]"
            let unit = try object(value, key)
            let budget = try object(unit["budget"], key + ".budget")
            var transfers: [BudgetStage: [BudgetItem: Money]] = [:]
            for stage in BudgetStage.allCases {
                let figures = try object(budget[stage.key], "\(key).budget.\(stage.key)")
                for item in BudgetItem.allCases where item.isInternalTransfer {
                    // A figure left out (null) counts for nothing: the department's errors say why.
                    let amount = try money(figures[item.key], "\(key).budget.\(stage.key).\(item.key)", nullable: true)
                    transfers[stage, default: [:]][item] = amount ?? .zero
                }
            }
            read.append(
                Unit(
                    code: try text(unit["code"], key + ".code"), name: try text(unit["name"], key + ".name"),
                    parent: try text(unit["parent_code"], key + ".parent_code"), transfers: transfers))
        }
        result.unitCodes = read.map(\.code)
        // The 本级: summary.main_unit where the result has it, else the unit with no parent (older results).
        if let main = main, !(main is NSNull) {
            let object = try object(main, "summary.main_unit")
            result.mainCode = try text(object["code"], "summary.main_unit.code")
            result.mainName = try text(object["name"], "summary.main_unit.name")
            result.mainParent = try text(object["parent_code"], "summary.main_unit.parent_code")
            guard read.contains(where: { $0.code == result.mainCode }) else {
                throw malformed("summary.main_unit.code")
            }
        } else if let root = read.first(where: { $0.parent.isEmpty }) ?? read.first {
            (result.mainCode, result.mainName) = (root.code, root.name)
        }
        if let main = read.first(where: { $0.code == result.mainCode }) {
            for stage in BudgetStage.allCases {
                result.mainReceived[stage] = main.transfers[stage]?[.grantFromParent] ?? .zero
                result.mainRemitted[stage] = main.transfers[stage]?[.remittanceToParent] ?? .zero
            }
        }
        var children: [String: [Int]] = [:]
        for (index, unit) in read.enumerated() where !unit.parent.isEmpty && unit.parent != unit.code {
            children[unit.parent, default: []].append(index)
        }
        for unit in read {
            var parts: [BudgetStage: (grants: Money, remittances: Money)] = [:]
            for stage in BudgetStage.allCases {
                var grants = unit.transfers[stage]?[.grantToSubordinate] ?? .zero
                var remittances = unit.transfers[stage]?[.remittanceFromSubordinate] ?? .zero
                for child in children[unit.code] ?? [] {
                    grants = grants - (read[child].transfers[stage]?[.grantFromParent] ?? .zero)
                    remittances = remittances - (read[child].transfers[stage]?[.remittanceToParent] ?? .zero)
                }
                if grants != .zero || remittances != .zero { parts[stage] = (grants, remittances) }
            }
            if !parts.isEmpty {
                result.outside[unit.code] = parts
                result.outsideNames[unit.code] = unit.name
            }
        }
    }

    /// `totals`, every key the department writes: assets, staff, budget, eliminations, expenditure.
    mutating func readTotals(_ totals: [String: Any], into result: inout DepartmentResult) throws(ResultFolderProblem) {
        let assets = try object(totals["assets"], "totals.assets")
        result.assets.cash = try amount(assets["cash"], "totals.assets.cash")
        result.assets.fixedOriginal = try amount(assets["fixed_original"], "totals.assets.fixed_original")
        result.assets.accumulatedDepreciation = try amount(
            assets["accumulated_depreciation"], "totals.assets.accumulated_depreciation")
        result.assets.constructionInProgress = try amount(
            assets["construction_in_progress"], "totals.assets.construction_in_progress")
        result.assets.intangible = try amount(assets["intangible"], "totals.assets.intangible")
        result.assets.other = try amount(assets["other"], "totals.assets.other")
        result.assets.cards = try count(assets["cards"], "totals.assets.cards")
        // The derived figures must be what their parts make.
        guard try amount(assets["fixed_net"], "totals.assets.fixed_net") == result.assets.fixedNet else {
            throw malformed("totals.assets.fixed_net")
        }
        guard try amount(assets["total"], "totals.assets.total") == result.assets.total else {
            throw malformed("totals.assets.total")
        }
        let staff = try object(totals["staff"], "totals.staff")
        result.staff = StaffTotals(
            active: try count(staff["active"], "totals.staff.active"),
            retiredVeteran: try count(staff["retired_veteran"], "totals.staff.retired_veteran"),
            retired: try count(staff["retired"], "totals.staff.retired"))
        guard try count(staff["total"], "totals.staff.total") == result.staff.total else {
            throw malformed("totals.staff.total")
        }
        let budget = try object(totals["budget"], "totals.budget")
        let eliminations = try object(totals["eliminations"], "totals.eliminations")
        for stage in BudgetStage.allCases {
            let key = "totals.budget.\(stage.key)"
            let figures = try object(budget[stage.key], key)
            for item in BudgetItem.allCases where !item.isInternalTransfer {
                result.budget[stage][item] = try amount(figures[item.key], "\(key).\(item.key)")
            }
            guard try amount(figures["income_total"], key + ".income_total") == result.budget[stage].income else {
                throw malformed(key + ".income_total")
            }
            guard
                try amount(figures["expenditure_total"], key + ".expenditure_total") == result.budget[stage].expenditure
            else { throw malformed(key + ".expenditure_total") }
            let eliminationKey = "totals.eliminations.\(stage.key)"
            let elimination = try object(eliminations[stage.key], eliminationKey)
            var transfer = TransferElimination(stage: stage)
            transfer.grantsPaid = try amount(
                elimination["grant_to_subordinate"], eliminationKey + ".grant_to_subordinate")
            transfer.grantsReceived = try amount(
                elimination["grant_from_parent"], eliminationKey + ".grant_from_parent")
            transfer.remittancesPaid = try amount(
                elimination["remittance_to_parent"], eliminationKey + ".remittance_to_parent")
            transfer.remittancesReceived = try amount(
                elimination["remittance_from_subordinate"], eliminationKey + ".remittance_from_subordinate")
            guard
                try amount(elimination["grant_difference"], eliminationKey + ".grant_difference")
                    == transfer.grantsPaid - transfer.grantsReceived,
                try amount(elimination["remittance_difference"], eliminationKey + ".remittance_difference")
                    == transfer.remittancesPaid - transfer.remittancesReceived
            else { throw malformed(eliminationKey) }
            result.eliminations.append(transfer)
        }
        let ledger = try object(totals["expenditure"], "totals.expenditure")
        let bySource = try object(ledger["by_funding_source"], "totals.expenditure.by_funding_source")
        let byType = try object(ledger["by_type"], "totals.expenditure.by_type")
        var sources: [FundingSource: Money] = [:]
        var types: [ExpenditureType: Money] = [:]
        for source in FundingSource.allCases {
            sources[source] = try amount(bySource[source.key], "totals.expenditure.by_funding_source.\(source.key)")
        }
        for type in ExpenditureType.allCases {
            types[type] = try amount(byType[type.key], "totals.expenditure.by_type.\(type.key)")
        }
        result.ledger.addTotals(
            rows: try count(ledger["rows"], "totals.expenditure.rows"),
            total: try amount(ledger["total"], "totals.expenditure.total"), bySource: sources, byType: types)
    }
}
