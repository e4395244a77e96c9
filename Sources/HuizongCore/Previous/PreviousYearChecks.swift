import Foundation

/// This year against last year's result (`--previous`): the 上下年衔接 of each unit's balances,
/// and what the report's explanations need — units that came or went, figures that moved a lot.
struct PreviousYearChecks {
    let tolerance: Money

    /// A change worth explaining: at least this share and this much (money), or this many people.
    static let changeShare = 30
    static let changeAmount = Money(fen: 100_000_000)  // 100 万元
    static let staffShare = 20
    static let staffPeople = 10

    func run(_ department: Consolidation, _ previous: PreviousResult) -> [Finding] {
        var findings: [Finding] = []
        let last = Dictionary(previous.units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let lastFile = (previous.folder as NSString).lastPathComponent
        var breaks = 0
        for unit in department.units {
            guard let before = last[unit.code] else {
                if unit.isSubmitted { findings.append(Finding(.previousUnitNew, unit: unit.code)) }
                continue
            }
            if let finding = carryover(unit, before, department, lastFile: lastFile) {
                findings.append(finding)
                breaks += 1
            }
            findings += changes(unit, before, department)
        }
        let codes = Set(department.units.map(\.code))
        for unit in previous.units where !codes.contains(unit.code) && !unit.tables.isEmpty {
            findings.append(Finding(.previousUnitGone(code: unit.code, name: unit.name)))
        }
        // The department's own balance, when no unit's break already says why it differs and the
        // units are the same: a figure only the department's totals show.
        let sameUnits = codes == Set(previous.units.map(\.code))
        if breaks == 0, sameUnits, let closing = previous.closingBalance,
            !department.withheld.contains(where: { $0.key == .budget(.final, .openingBalance) }),
            department.units.contains(where: { $0.budget.stages[.final] != nil })
        {
            let opening = department.budget[.final][.openingBalance]
            if (opening - closing).magnitude > tolerance {
                findings.append(
                    Finding(
                        .previousCarryoverMismatch(
                            opening: opening, closing: closing, thisFile: "", lastFile: lastFile + "/department.json"
                        )))
            }
        }
        return findings
    }

    /// The unit's 决算 年初结转和结余 against last year's 年末结转和结余, when both are known.
    func carryover(_ unit: UnitResult, _ before: PreviousResult.Unit, _ department: Consolidation, lastFile: String)
        -> Finding?
    {
        guard let closing = before.closingBalance, unit.budget.stages[.final] != nil,
            !department.missing(of: unit.code).budget(.final, .openingBalance)
        else { return nil }
        let opening = unit.budget[.final][.openingBalance]
        guard (opening - closing).magnitude > tolerance else { return nil }
        let place =
            department.budgetRowLocations[BudgetKey(unit: unit.code, stage: .final, item: .openingBalance)]
            ?? department.budgetRowLocations[BudgetKey(unit: unit.code, stage: .final, item: .closingBalance)]
        let lastPlace = before.budgetFile.isEmpty ? lastFile + "/department.json" : "\(lastFile)：\(before.budgetFile)"
        return Finding(
            .previousCarryoverMismatch(
                opening: opening, closing: closing, thisFile: place?.file ?? "", lastFile: lastPlace),
            unit: unit.code, file: place?.file ?? "", line: place?.line)
    }

    /// Figures that moved past the thresholds: notes for the report's explanations.
    func changes(_ unit: UnitResult, _ before: PreviousResult.Unit, _ department: Consolidation) -> [Finding] {
        let missing = department.missing(of: unit.code)
        var findings: [Finding] = []
        func money(_ figure: String, _ now: Money, _ then: Money?) {
            guard let then, isLarge(now, then) else { return }
            findings.append(
                Finding(.previousLargeChange(figure: figure, now: now.wanText, then: then.wanText), unit: unit.code))
        }
        if unit.budget.stages[.final] != nil, !missing.budgetTotal(.final, side: .expenditure) {
            money("决算支出合计（万元）", unit.budget[.final].expenditure, before.finalSpending)
        }
        if unit.tablesReceived.contains(.assets), !missing.assets, before.tables.contains("assets") {
            money("资产总额（万元）", unit.assets.total, before.assetsTotal)
        }
        if unit.tablesReceived.contains(.staff), !missing.staff, let then = before.staffActive {
            let now = unit.staff.active
            let change = abs(now - then)
            if change >= Self.staffPeople && change * 100 >= then * Self.staffShare {
                findings.append(
                    Finding(
                        .previousLargeChange(figure: "在职人员（人）", now: String(now), then: String(then)), unit: unit.code))
            }
        }
        return findings
    }

    func isLarge(_ now: Money, _ then: Money) -> Bool {
        let change = (now - then).magnitude
        // Compared in 分 as integers: change ≥ 30% of last year's, and ≥ 100 万元.
        return change >= Self.changeAmount
            && change.fen.multipliedFullWidth(by: 100)
                >= then.magnitude.fen.multipliedFullWidth(by: Int64(Self.changeShare))
    }
}
