import Foundation

/// Why last year's result cannot be used: the run stops (exit 66) before anything is written.
public enum PreviousResultProblem: Error, Equatable, Sendable {
    /// Not a result folder, changed since it was published, or not a consolidation (as `rollup` says).
    case folder(ResultFolderProblem)
    case wrongYear(previous: Int?, current: Int?)
    /// Not this department's: no unit code in common with this year's registry.
    case otherDepartment
}

/// Last year's result (`--previous`), read only after its sealed manifest proves every file is as
/// Huizong published it: the figures this year's are compared with, and last year's words.
package struct PreviousResult: Sendable {
    /// One of last year's units: what this year's is compared with (nil: not known last year).
    package struct Unit: Sendable {
        package var code: String
        package var name: String
        package var tables: Set<String>
        /// 决算 年末结转和结余: this year's 年初结转和结余 must equal it (上下年衔接).
        package var closingBalance: Money?
        package var finalSpending: Money?
        package var assetsTotal: Money?
        package var staffActive: Int?
        /// The file last year's 决算 came from, for the message.
        package var budgetFile: String
    }

    /// The folder as given, for messages.
    package var folder: String
    package var fiscalYear: Int?
    /// The SHA-256 of its department.json, as its manifest lists it.
    package var sha256: String
    package var units: [Unit] = []
    /// The department's 决算 by item, after elimination (an item left out last year is absent).
    package var finalBudget: [BudgetItem: Money] = [:]
    package var finalIncome: Money?
    package var finalSpending: Money?
    package var closingBalance: Money?
    /// Last year's narrative.md, by section.
    package var narrative = Narrative()

    package typealias Problem = PreviousResultProblem

    /// Reads `folder`: its manifest sealed, every file it lists present with its bytes, its
    /// department.json a consolidation.
    package static func load(_ folder: String) throws(Problem) -> PreviousResult {
        let object: Any
        let sha256: String
        let listed: [String]
        do {
            let bytes: [UInt8]
            (bytes, sha256, listed) = try DepartmentResult.verifiedDepartment(folder: folder)
            object = try DepartmentResult.json(bytes, folder: folder)
            // Every figure checked as `rollup` checks it: a malformed one refuses the folder.
            _ = try DepartmentResult.parse(object, folder: folder, hash: sha256)
        } catch {
            throw .folder(error)
        }
        guard let json = object as? [String: Any] else { throw .folder(.notJSON(folder: folder)) }
        var previous = PreviousResult(folder: folder, sha256: sha256)
        previous.read(json)
        // narrative.md, when the result has one, is as published: the manifest listed it and its bytes checked.
        if listed.contains("narrative.md"),
            let narrative = Publisher.openWithoutFollowing((folder as NSString).appendingPathComponent("narrative.md")),
            let text = try? narrative.contents(limit: Narrative.maxFileBytes)
        {
            previous.narrative = Narrative.parse(String(decoding: text, as: UTF8.self)).narrative
        }
        return previous
    }

    /// An amount as department.json writes it (元, two decimals), or nil (null, absent, not money).
    static func money(_ value: Any?) -> Money? {
        guard let text = value as? String, case .success(let money) = Money.parse(text, unit: .yuan) else { return nil }
        return money
    }

    /// The figures compared, from department.json.
    mutating func read(_ json: [String: Any]) {
        fiscalYear = (json["summary"] as? [String: Any])?["fiscal_year"] as? Int
        var budgetFiles: [String: String] = [:]
        for input in json["inputs"] as? [[String: Any]] ?? [] where input["kind"] as? String == "budget" {
            if let unit = input["unit"] as? String, budgetFiles[unit] == nil {
                budgetFiles[unit] = input["path"] as? String
            }
        }
        for unit in json["units"] as? [[String: Any]] ?? [] {
            guard let code = unit["code"] as? String else { continue }
            let final = ((unit["budget"] as? [String: Any])?["final"] as? [String: Any]) ?? [:]
            let tables = Set((unit["tables_received"] as? [String]) ?? [])
            units.append(
                Unit(
                    code: code, name: unit["name"] as? String ?? "", tables: tables,
                    closingBalance: tables.contains("budget") ? Self.money(final["closing_balance"]) : nil,
                    finalSpending: tables.contains("budget") ? Self.money(final["expenditure_total"]) : nil,
                    assetsTotal: Self.money((unit["assets"] as? [String: Any])?["total"]),
                    staffActive: (unit["staff"] as? [String: Any])?["active"] as? Int,
                    budgetFile: budgetFiles[code] ?? ""))
        }
        let totals = json["totals"] as? [String: Any] ?? [:]
        let final = ((totals["budget"] as? [String: Any])?["final"] as? [String: Any]) ?? [:]
        for item in BudgetItem.allCases { finalBudget[item] = Self.money(final[item.key]) }
        finalIncome = Self.money(final["income_total"])
        finalSpending = Self.money(final["expenditure_total"])
        closingBalance = Self.money(final["closing_balance"])
    }

    /// The result folder a run with no `--previous` takes as last year's, by the documented
    /// convention: the output folder's name with its fiscal year one less (`结果/2022` →
    /// `结果/2021`, `out-2022` → `out-2021`), when that folder holds a manifest.
    package static func conventional(outputFolder: String, fiscalYear: Int?) -> String? {
        guard let year = fiscalYear else { return nil }
        let url = URL(fileURLWithPath: outputFolder).standardizedFileURL
        let name = url.lastPathComponent
        guard name.contains(String(year)) else { return nil }
        let folder = url.deletingLastPathComponent().appendingPathComponent(
            name.replacingOccurrences(of: String(year), with: String(year - 1))
        ).path
        let manifest = (folder as NSString).appendingPathComponent(Publisher.manifestName)
        return FileManager.default.fileExists(atPath: manifest) ? folder : nil
    }
}
