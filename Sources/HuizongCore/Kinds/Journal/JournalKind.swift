/// The books (序时账, 明细账): each account's 借 − 贷 placed by the department's account mapping —
/// spending into the unit's ledger, internal transfers beside it for their check, the rest named.
enum JournalKind: KindMerging {
    static func merge(_ accounts: [AccountSummary], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        var notSpending: (rows: Int, accounts: [String]) = (0, [])
        for account in accounts {
            guard let unit = department.unit(account.unit, line: account.firstLine, rows: account.rows, in: &file)
            else { continue }
            let amount = account.debit - account.credit
            switch department.mapping.place(code: account.code, name: account.name) {
            case .spending(let type, let source):
                department.result.units[unit].ledger.add(account, amount: amount, source: source, type: type)
                department.receive(.expenditure, unit: unit)
                let years = account.years.keys.map { year in
                    (year, (rows: account.years[year]!, firstLine: account.firstLineOfYear[year]!))
                }
                department.ledgerYears.append((file.index, account.unit, Dictionary(uniqueKeysWithValues: years)))
            case .transfer(let item):
                let booked = department.result.units[unit].bookedTransfers[item]?.amount ?? .zero
                department.result.units[unit].bookedTransfers[item] = (booked + amount, file.path)
                department.receive(.expenditure, unit: unit)
            case .notSpending:
                notSpending.rows += account.rows
                notSpending.accounts.append("\(account.code) \(account.name)".trimmingSpaces())
            case .unplaced(let type, let source):
                file.note(
                    Finding(
                        .accountUnplaced(
                            code: account.code, name: account.name, rows: account.rows, amount: amount, type: type,
                            source: source),
                        unit: account.unit, file: file.path, line: account.firstLine))
            }
        }
        if notSpending.rows > 0 {
            file.note(
                Finding(.accountsNotSpending(rows: notSpending.rows, accounts: notSpending.accounts), file: file.path))
        }
    }
}
