/// The checks that compare figures after consolidation: each unit's budget with itself, its
/// ledger with its final accounts, and the written report with the data.
struct Checks {
    let tolerance: Money

    func run(_ result: Consolidation) -> [Finding] {
        var findings: [Finding] = []
        for unit in result.units {
            findings += balance(unit, result)
            findings += ledgerAgainstFinalAccounts(unit, result)
            if let incomplete = completeness(unit) { findings.append(incomplete) }
        }
        findings += ReportReconciliation(result).findings()
        findings += fundsBlocks(result)
        return findings
    }

    /// An exported 自评表's 全年预算数 and 全年执行数 against the consolidated 调整预算 and 决算 spending.
    func fundsBlocks(_ result: Consolidation) -> [Finding] {
        result.fundsBlocks.flatMap { block -> [Finding] in
            let sides: [(String, String, Money?, Money)] = [
                ("全年预算数", "调整预算支出", block.annualBudget, result.budget[.adjusted].spending),
                ("全年执行数", "决算支出", block.executed, result.budget[.final].spending),
            ]
            return sides.compactMap { column, basis, stated, computed in
                guard let stated, (stated - computed).magnitude > tolerance else { return nil }
                return Finding(
                    .fundsMismatch(column: column, basis: basis, stated: stated, computed: computed, unit: block.unit),
                    file: block.file, line: block.line)
            }
        }
    }

    /// Where a unit's stage was reported: its first budget row.
    func location(_ unit: String, _ stage: BudgetStage, _ result: Consolidation, item: BudgetItem? = nil) -> (
        file: String, line: Int?
    ) {
        let rows = BudgetItem.allCases.filter { item == nil || $0 == item }
            .compactMap { result.budgetRowLocations[BudgetKey(unit: unit, stage: stage, item: $0)] }
        guard let first = rows.min(by: { $0.file != $1.file ? bytewise($0.file, $1.file) : $0.line < $1.line }) else {
            return ("", nil)
        }
        return (first.file, first.line)
    }

    /// 收入 + 上级补助收入 + 附属单位上缴收入 + 年初结转和结余
    /// = 支出 + 对附属单位补助支出 + 上缴上级支出 + 年末结转和结余, per unit and stage.
    func balance(_ unit: UnitResult, _ result: Consolidation) -> [Finding] {
        BudgetStage.allCases.compactMap { stage in
            guard let figures = unit.budget.stages[stage] else { return nil }
            guard (figures.sources - figures.uses).magnitude > tolerance else { return nil }
            let place = location(unit.code, stage, result)
            return Finding(
                .budgetUnbalanced(stage, figures, tolerance: tolerance), unit: unit.code, file: place.file,
                line: place.line)
        }
    }

    /// Each unit's ledger (or books), summed by expenditure type, against its 决算 spending; by
    /// funding source where a 决算 form states it (财决07表's 一般公共预算财政拨款支出 …).
    func ledgerAgainstFinalAccounts(_ unit: UnitResult, _ result: Consolidation) -> [Finding] {
        let hasLedger = unit.tablesReceived.contains(.expenditure)
        // Books an account of which could not be placed have no spending to compare (named already).
        let missing = result.missing(of: unit.code).expenditure
        let bySource = FundingSource.allCases.compactMap { source -> Finding? in
            guard hasLedger, !missing, let stated = unit.statedSpending[source] else { return nil }
            let booked = unit.ledger.bySource[source] ?? .zero
            guard (booked - stated.amount).magnitude > tolerance else { return nil }
            return Finding(
                .ledgerFinalSourceMismatch(source, booked: booked, reported: stated.amount), unit: unit.code,
                file: stated.file, line: stated.line)
        }
        guard let final = unit.budget.stages[.final] else {
            guard hasLedger else { return [] }
            return bySource + [Finding(.ledgerNoFinalAccounts(name: unit.entry.name), unit: unit.code)]
        }
        guard hasLedger else {
            guard final.spending != .zero else { return [] }
            let place = location(unit.code, .final, result)
            return [
                Finding(
                    .ledgerMissing(name: unit.entry.name, spending: final.spending), unit: unit.code, file: place.file,
                    line: place.line)
            ]
        }
        guard !missing else { return [] }
        return bySource
            + ExpenditureType.allCases.compactMap { type in
                let item = BudgetItem.spending(type)
                // A 决算 figure left out (its rows disagree) is not there to compare with.
                guard !result.missing(of: unit.code).budget(.final, item) else { return nil }
                let booked = unit.ledger.byType[type] ?? .zero
                let reported = final[item]
                guard (booked - reported).magnitude > tolerance else { return nil }
                let place = location(unit.code, .final, result, item: item)
                return Finding(
                    .ledgerFinalMismatch(type, booked: booked, reported: reported), unit: unit.code, file: place.file,
                    line: place.line)
            }
    }

    /// A unit that sent some tables but not all four.
    func completeness(_ unit: UnitResult) -> Finding? {
        guard unit.isSubmitted else { return nil }
        let expected: [TableKind] = [.assets, .staff, .budget, .expenditure]
        let missing = expected.filter { !unit.tablesReceived.contains($0) }
        guard !missing.isEmpty else { return nil }
        let sent = expected.filter { unit.tablesReceived.contains($0) }
        return Finding(.unitIncomplete(name: unit.entry.name, sent: sent, missing: missing), unit: unit.code)
    }
}
