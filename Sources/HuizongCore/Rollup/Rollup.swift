/// The level above the department: many departments' results added up, transfers between two
/// departments that are both present eliminated as transfers between units are, and findings of
/// its own. Built one department at a time (`Roller.add`), keeping of each only its totals and
/// the few figures the eliminations need, so memory does not grow with the size of the results.
public struct Rollup: Sendable {
    package var fiscalYear: Int?
    /// In the order of their 本级's code.
    package var departments: [DepartmentRow] = []
    /// The departments' totals added up: transfers between units and between departments are in
    /// none of them (each department's `budget` leaves every internal transfer out), and
    /// `eliminations` adds up each department's, so a transfer between two departments present
    /// shows on both sides there and nets out.
    package var assets = AssetTotals()
    package var staff = StaffTotals()
    package var budget = BudgetFigures()
    package var eliminations: [TransferElimination] = BudgetStage.allCases.map { TransferElimination(stage: $0) }
    package var ledger = LedgerSummary()
    /// Transfers between a department's 本级 and its 上级 in another department present.
    package var links: [RollupLink] = []
    package var findings: [Finding] = []
    /// Names by unit code, for the units findings name.
    package var unitNames: [String: String] = [:]

    package var errorCount: Int { findings.filter { $0.severity == .error }.count }
    package var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

/// One department as the rollup lists it.
package struct DepartmentRow: Sendable {
    package var folder: String
    package var name: String
    package var departmentHash: String
    package var mainCode: String
    package var mainName: String
    package var mainParent: String
    /// The department present that holds `mainParent`, by name.
    package var parentDepartment: String?
    package var units: Int
    package var assets: AssetTotals
    package var staff: StaffTotals
    package var budget: BudgetFigures
    package var eliminations: [TransferElimination]
    package var ledger: LedgerSummary
    package var errors: Int
    package var warnings: Int
    package var scoreTotal: String?
    package var grade: String?
}

/// A unit of one department and the 本级 of the departments below it: what it paid and booked
/// beyond its own department's units against what they booked, stage by stage, in the shape of
/// `TransferElimination` (grants paid by the parent unit, received by the departments below;
/// remittances paid by them, received by the parent unit).
package struct RollupLink: Sendable {
    package var parentDepartment: String
    package var parentUnit: String
    package var parentUnitName: String
    package var childDepartments: [String]
    package var stages: [TransferElimination]
}

/// Adds departments' results up one at a time.
package struct Roller {
    package let tolerance: Money
    private var rollup = Rollup()
    /// Each unit code's department (its index in `rollup.departments` as added).
    private var owner: [String: Int] = [:]
    private var years: (year: Int, folder: String)?
    private var mainReceived: [[BudgetStage: Money]] = []
    private var mainRemitted: [[BudgetStage: Money]] = []
    private var outside: [[String: [BudgetStage: (grants: Money, remittances: Money)]]] = []
    private var magnitude = Money.zero

    package init(tolerance: Money) { self.tolerance = tolerance }

    /// Adds one department; refuses a second year, a unit already added with another department,
    /// or sums that would leave the range amounts are exact in.
    package mutating func add(_ department: DepartmentResult) throws(ResultFolderProblem) {
        if let years, years.year != department.fiscalYear {
            throw .yearsDiffer(
                folder: department.folder, year: department.fiscalYear, other: years.folder, otherYear: years.year)
        }
        years = years ?? (department.fiscalYear, department.folder)
        let index = rollup.departments.count
        for code in department.unitCodes {
            if let other = owner[code] {
                throw .sameUnit(folder: department.folder, other: rollup.departments[other].folder, code: code)
            }
        }
        guard let sum = magnitude.adding(department.magnitude), sum <= Money.largestSum else {
            throw .amountsTooLarge(folder: department.folder)
        }
        magnitude = sum
        for code in department.unitCodes { owner[code] = index }
        rollup.fiscalYear = department.fiscalYear
        rollup.assets.add(department.assets)
        rollup.staff.add(department.staff)
        rollup.budget.add(department.budget)
        for stage in rollup.eliminations.indices {
            let other = department.eliminations[stage]
            rollup.eliminations[stage].grantsPaid += other.grantsPaid
            rollup.eliminations[stage].grantsReceived += other.grantsReceived
            rollup.eliminations[stage].remittancesPaid += other.remittancesPaid
            rollup.eliminations[stage].remittancesReceived += other.remittancesReceived
        }
        rollup.ledger.merge(department.ledger)
        rollup.departments.append(
            DepartmentRow(
                folder: department.folder, name: department.name, departmentHash: department.departmentHash,
                mainCode: department.mainCode, mainName: department.mainName, mainParent: department.mainParent,
                units: department.unitCodes.count, assets: department.assets, staff: department.staff,
                budget: department.budget, eliminations: department.eliminations, ledger: department.ledger,
                errors: department.errors, warnings: department.warnings, scoreTotal: department.scoreTotal,
                grade: department.grade))
        rollup.unitNames[department.mainCode] = department.mainName
        for (code, name) in department.outsideNames { rollup.unitNames[code] = name }
        mainReceived.append(department.mainReceived)
        mainRemitted.append(department.mainRemitted)
        outside.append(department.outside)
    }

    /// The rollup: transfers between departments matched and compared, findings, departments in order.
    package func finish() -> Rollup {
        var result = rollup
        var below: [String: [Int]] = [:]  // parent unit → the departments whose 本级 it is the 上级 of
        for (index, department) in result.departments.enumerated() where !department.mainParent.isEmpty {
            if let parent = owner[department.mainParent], parent != index {
                below[department.mainParent, default: []].append(index)
                result.departments[index].parentDepartment = result.departments[parent].name
            } else {
                result.findings.append(
                    Finding(
                        .rollupParentOutside(
                            department: department.name, mainUnit: department.mainName, parent: department.mainParent),
                        unit: department.mainCode, file: department.name + "/department.json"))
            }
        }
        for (unit, children) in below.sorted(by: { bytewise($0.key, $1.key) }) {
            let parent = owner[unit]!
            let names = children.map { result.departments[$0].name }
            var link = RollupLink(
                parentDepartment: result.departments[parent].name, parentUnit: unit,
                parentUnitName: result.unitNames[unit] ?? "", childDepartments: names, stages: [])
            for stage in BudgetStage.allCases {
                var transfer = TransferElimination(stage: stage)
                transfer.grantsPaid = outside[parent][unit]?[stage]?.grants ?? .zero
                transfer.remittancesReceived = outside[parent][unit]?[stage]?.remittances ?? .zero
                for child in children {
                    transfer.grantsReceived += mainReceived[child][stage] ?? .zero
                    transfer.remittancesPaid += mainRemitted[child][stage] ?? .zero
                }
                link.stages.append(transfer)
                result.findings += compare(link, transfer)
            }
            result.links.append(link)
        }
        for department in result.departments where department.errors > 0 {
            result.findings.append(
                Finding(
                    .rollupDepartmentErrors(department: department.name, errors: department.errors),
                    unit: department.mainCode, file: department.name + "/department.json"))
        }
        result.departments.sort { bytewise($0.mainCode, $1.mainCode) }
        result.findings = Finding.sorted(result.findings)
        return result
    }

    func compare(_ link: RollupLink, _ transfer: TransferElimination) -> [Finding] {
        let sides: [(BudgetItem, Money, BudgetItem, Money)] = [
            (.grantToSubordinate, transfer.grantsPaid, .grantFromParent, transfer.grantsReceived),
            (.remittanceFromSubordinate, transfer.remittancesReceived, .remittanceToParent, transfer.remittancesPaid),
        ]
        return sides.compactMap { parentItem, parentFigure, childItem, childFigure in
            guard (parentFigure - childFigure).magnitude > tolerance else { return nil }
            return Finding(
                .rollupTransferMismatch(
                    .init(
                        stage: transfer.stage, parentDepartment: link.parentDepartment,
                        parentUnitName: link.parentUnitName, childDepartments: link.childDepartments,
                        parentItem: parentItem, parentFigure: parentFigure, childItem: childItem,
                        childFigure: childFigure)),
                unit: link.parentUnit, file: link.parentDepartment + "/department.json")
        }
    }
}

extension Rollup {
    /// Whether an error-level finding exists (exit 65).
    public var hasErrors: Bool { errorCount > 0 }

    /// The error findings' messages, for stderr.
    public var errorLines: [String] { findings.filter { $0.severity == .error }.map(\.message) }

    /// One line for the administrator's mail.
    public var summaryLine: String {
        let units = departments.reduce(0) { $0 + $1.units }
        return
            "部门汇总完成：\(fiscalYear.map { "\($0) 年度，" } ?? "")\(departments.count) 个部门、\(units) 个单位；部门之间的往来 \(links.count) 组；错误 \(errorCount) 条，警告 \(warningCount) 条。"
    }
}
