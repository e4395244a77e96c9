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
        return findings
    }

    /// Where a unit's stage was reported: its first budget row.
    func location(_ unit: String, _ stage: BudgetStage, _ result: Consolidation, item: BudgetItem? = nil) -> (file: String, line: Int?) {
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
            let sources = figures.income + figures[.openingBalance]
            let uses = figures.expenditure + figures[.closingBalance]
            let difference = sources - uses
            guard difference.magnitude > tolerance else { return nil }
            let place = location(unit.code, stage, result)
            let income = BudgetItem.allCases.filter { $0.side == .income && !$0.isInternalTransfer }
                .reduce(Money.zero) { $0 + figures[$1] }
            let spending = figures.spending
            return Finding(.error, "budget.unbalanced", unit: unit.code, file: place.file, line: place.line,
                "“\(stage.chinese)”收支不平衡：收入 \(income.wanText) + 上级补助收入 \(figures[.grantFromParent].wanText) + 附属单位上缴收入 \(figures[.remittanceFromSubordinate].wanText) + 年初结转和结余 \(figures[.openingBalance].wanText) = \(sources.wanText) 万元；支出 \(spending.wanText) + 对附属单位补助支出 \(figures[.grantToSubordinate].wanText) + 上缴上级支出 \(figures[.remittanceToParent].wanText) + 年末结转和结余 \(figures[.closingBalance].wanText) = \(uses.wanText) 万元；相差 \(difference.wanText) 万元（容差 \(tolerance.wanText) 万元）。请核对该单位的\(stage.chinese)表。")
        }
    }

    /// Each unit's ledger, summed by expenditure type, against its 决算 spending.
    func ledgerAgainstFinalAccounts(_ unit: UnitResult, _ result: Consolidation) -> [Finding] {
        let hasLedger = unit.tablesReceived.contains(.expenditure)
        guard let final = unit.budget.stages[.final] else {
            guard hasLedger else { return [] }
            return [Finding(.warning, "ledger.no_final_accounts", unit: unit.code,
                "单位“\(unit.entry.name)”提交了支出明细，但预决算表中没有“决算”数，无法核对明细账；请补报决算数。")]
        }
        guard hasLedger else {
            guard final.spending != .zero else { return [] }
            let place = location(unit.code, .final, result)
            return [Finding(.warning, "ledger.missing", unit: unit.code, file: place.file, line: place.line,
                "单位“\(unit.entry.name)”的决算支出为 \(final.spending.wanText) 万元，但没有提交支出明细，无法核对；请补交支出明细账。")]
        }
        return ExpenditureType.allCases.compactMap { type in
            let item = BudgetItem.spending(type)
            let booked = unit.ledger.byType[type] ?? .zero
            let reported = final[item]
            let difference = booked - reported
            guard difference.magnitude > tolerance else { return nil }
            let place = location(unit.code, .final, result, item: item)
            return Finding(.error, "ledger.final_mismatch", unit: unit.code, file: place.file, line: place.line,
                "支出明细中“\(type.chinese)”合计 \(booked.yuanText) 元，决算表为 \(reported.yuanText) 元，相差 \(difference.yuanText) 元；请核对明细账是否漏记、重记，或决算表是否填错。")
        }
    }

    /// A unit that sent some tables but not all four.
    func completeness(_ unit: UnitResult) -> Finding? {
        guard unit.isSubmitted else { return nil }
        let expected: [TableKind] = [.assets, .staff, .budget, .expenditure]
        let missing = expected.filter { !unit.tablesReceived.contains($0) }
        guard !missing.isEmpty else { return nil }
        let sent = expected.filter { unit.tablesReceived.contains($0) }
        return Finding(.warning, "unit.incomplete", unit: unit.code,
            "单位“\(unit.entry.name)”只提交了\(sent.map(\.chinese).joined(separator: "、"))，没有\(missing.map(\.chinese).joined(separator: "、"))；请联系该单位补交。")
    }
}
