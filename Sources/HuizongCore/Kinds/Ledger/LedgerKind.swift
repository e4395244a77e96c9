/// A ledger (支出明细): summed per unit as it streams, merged into each unit's ledger.
enum LedgerKind: KindMerging {
    static func merge(
        _ ledgers: [String: LedgerSummary], _ file: inout FileMerge, into department: inout DepartmentMerge
    ) {
        for code in ledgers.keys.sorted(by: bytewise) {
            let summary = ledgers[code]!
            guard let unit = department.unit(code, line: summary.firstLine, rows: summary.rows, in: &file) else {
                continue
            }
            department.result.units[unit].ledger.merge(summary)
            department.receive(.expenditure, unit: unit)
            department.ledgerYears.append((file.index, code, summary.years))
        }
    }
}
