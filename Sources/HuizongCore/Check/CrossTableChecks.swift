/// A check across tables, run once every file is merged: a rule, the figures it compares, and
/// the findings where they disagree. Each is a small value; `Consolidator` runs them in order.
protocol CrossTableCheck {
    func findings(in department: Consolidation) -> [Finding]
}

/// A balance sheet (资产负债简表) and the cards must agree on every figure both state.
struct StatedAssetsAgree: CrossTableCheck {
    func findings(in department: Consolidation) -> [Finding] {
        // Cards of a unit whose assets are left out are not all its cards: nothing to compare.
        department.units.filter { !department.missing(of: $0.code).assets }.flatMap { unit in
            AssetFigure.allCases.compactMap { figure -> Finding? in
                guard let stated = unit.statedAssets[figure] else { return nil }
                let fromCards = figure.value(in: unit.assets)
                guard fromCards != .zero && fromCards != stated.amount else { return nil }
                return Finding(
                    .assetStatementDiffers(figure: figure, cards: fromCards, stated: stated.amount), unit: unit.code,
                    file: stated.file, line: stated.line)
            }
        }
    }
}

/// The internal transfers a unit's books show must be the ones its 决算 states (they are
/// eliminated from there).
struct BookedTransfersAgree: CrossTableCheck {
    let tolerance: Money

    func findings(in department: Consolidation) -> [Finding] {
        department.units.flatMap { unit in
            [BudgetItem.remittanceToParent, .grantToSubordinate].compactMap { item -> Finding? in
                guard let booked = unit.bookedTransfers[item], !department.missing(of: unit.code).budget(.final, item)
                else { return nil }
                let stated = unit.budget[.final][item]
                guard (booked.amount - stated).magnitude > tolerance else { return nil }
                return Finding(
                    .ledgerTransferDiffers(item: item, booked: booked.amount, stated: stated), unit: unit.code,
                    file: booked.file)
            }
        }
    }
}

/// A unit's own headcounts are its figures; a list of people it also sent must agree.
struct StaffListAgreesWithCounts: CrossTableCheck {
    /// Where each unit stated its counts.
    let places: [String: (file: String, line: Int)]

    func findings(in department: Consolidation) -> [Finding] {
        department.units.compactMap { unit in
            guard let counts = unit.staffCounts, case let list = unit.staff, list.total > 0 && list != counts,
                let place = places[unit.code]
            else { return nil }
            return Finding(
                .staffCountsDiffer(list: list, counts: counts), unit: unit.code, file: place.file, line: place.line)
        }
    }
}

/// Every unit of the registry sent something.
struct EveryUnitSubmitted: CrossTableCheck {
    func findings(in department: Consolidation) -> [Finding] {
        department.units.filter { !$0.isSubmitted }.map { unit in
            Finding(.unitNotSubmitted(name: unit.entry.name, code: unit.entry.code), unit: unit.entry.code)
        }
    }
}

/// A total two of a unit's 决算 forms state (01表's 本年支出合计 and 04表's, 04表's 基本支出 and
/// 05表's) must agree.
struct FormTotalsAgree {
    func findings(in files: [FileResult], duplicates: [String: String]) -> [Finding] {
        var first: [String: [String: (total: FormReader.FormTotal, file: String)]] = [:]
        var findings: [Finding] = []
        for file in files where duplicates[file.input.path] == nil && !file.input.unit.isEmpty {
            for total in file.formTotals {
                guard let earlier = first[file.input.unit]?[total.name] else {
                    first[file.input.unit, default: [:]][total.name] = (total, file.input.path)
                    continue
                }
                guard earlier.total.layout != total.layout, earlier.total.amount != total.amount else { continue }
                findings.append(
                    Finding(
                        .formTotalsDiffer(
                            name: total.name, layout: total.layout, amount: total.amount,
                            earlierLayout: earlier.total.layout, earlierAmount: earlier.total.amount,
                            earlier: Finding.Place(file: earlier.file, line: earlier.total.line)),
                        unit: file.input.unit, file: file.input.path, line: total.line))
            }
        }
        return findings
    }
}

extension FormTotalsAgree {
    /// The names a layout's check gives a 决算 form's spending from one source (财决07表's 合计,
    /// 财决09表's 本年支出): the unit's books are checked against them.
    static let spendingBySource: [String: FundingSource] = [
        "一般公共预算财政拨款支出": .generalBudget, "政府性基金预算财政拨款支出": .governmentFund,
    ]

    /// Each unit's spending by source as its 决算 forms state it, the first form's where two do.
    static func statedSpending(
        in files: [FileResult], duplicates: [String: String], units unitIndex: [String: Int],
        into result: inout Consolidation
    ) {
        for file in files where duplicates[file.input.path] == nil {
            guard let unit = unitIndex[file.input.unit] else { continue }
            for total in file.formTotals {
                guard let source = spendingBySource[total.name], result.units[unit].statedSpending[source] == nil
                else { continue }
                result.units[unit].statedSpending[source] = (total.amount, file.input.path, total.line)
            }
        }
    }
}

/// 合并抵销: each parent's grants to its subordinates against what they booked as received, and
/// their remittances against what it booked, stage by stage.
struct TransfersAgree: CrossTableCheck {
    let tolerance: Money

    func findings(in department: Consolidation) -> [Finding] {
        var findings: [Finding] = []
        // Each unit's subordinates, found once: a filter per unit made a registry of n units n² work.
        var childrenOf: [String: [UnitResult]] = [:]
        for unit in department.units where unit.parentCode != unit.code {
            childrenOf[unit.parentCode, default: []].append(unit)
        }
        let separately = Dictionary(grouping: department.separateUnits, by: \.parentCode)
        for stage in BudgetStage.allCases {
            for parent in department.units {
                let children = childrenOf[parent.code] ?? []
                guard
                    !children.isEmpty || parent.budget[stage][.grantToSubordinate] != .zero
                        || parent.budget[stage][.remittanceFromSubordinate] != .zero
                else { continue }
                // A side some unit's figure of is left out cannot be compared.
                let short = ([parent] + children).map { department.missing(of: $0.code) }
                guard
                    !short.contains(where: { missing in
                        BudgetItem.allCases.contains { $0.isInternalTransfer && missing.budget(stage, $0) }
                    })
                else { continue }
                let received = children.reduce(Money.zero) { $0 + $1.budget[stage][.grantFromParent] }
                let remitted = children.reduce(Money.zero) { $0 + $1.budget[stage][.remittanceToParent] }
                let outside = separately[parent.code] ?? []
                findings += [
                    compare(
                        parent, stage, paid: parent.budget[stage][.grantToSubordinate], .grantToSubordinate,
                        booked: received, .grantFromParent, parentPays: true, outside: outside),
                    compare(
                        parent, stage, paid: remitted, .remittanceToParent,
                        booked: parent.budget[stage][.remittanceFromSubordinate], .remittanceFromSubordinate,
                        parentPays: false, outside: outside),
                ].compactMap { $0 }
            }
        }
        return findings
    }

    /// The two sides of one kind of transfer between `parent` and its subordinates here. Where the
    /// parent's side is the larger and it has subordinates consolidated as another department
    /// (另行汇总), the difference is theirs: an info, checked by `huizong rollup`.
    func compare(
        _ parent: UnitResult, _ stage: BudgetStage, paid: Money, _ paidItem: BudgetItem, booked: Money,
        _ bookedItem: BudgetItem, parentPays: Bool, outside: [RegistryEntry]
    ) -> Finding? {
        guard (paid - booked).magnitude > tolerance else { return nil }
        let transfer = Finding.Transfer(
            stage: stage, parentName: parent.entry.name, paidItem: paidItem, paid: paid, bookedItem: bookedItem,
            booked: booked)
        if !outside.isEmpty && (parentPays ? paid > booked : booked > paid) {
            return Finding(
                .transferOutside(transfer, units: outside.map { "\($0.code) \($0.name)" }), unit: parent.code)
        }
        return Finding(.transferMismatch(transfer), unit: parent.code)
    }
}
