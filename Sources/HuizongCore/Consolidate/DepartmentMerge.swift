/// The department as its files are merged into it, one file at a time in path order: the units of
/// the registry, the keys seen so far (a row must appear once per unit), and what the later checks
/// need (the ledgers' years, where each unit's headcounts were stated).
struct DepartmentMerge {
    var result: Consolidation
    let unitIndex: [String: Int]
    /// The department's account mapping, from every 科目对照表, before any books are merged.
    let mapping: AccountMapping
    /// Each key's first row and its values; nil values: the figure was left out for a doubt of
    /// its own (`withhold`), before any row of it was counted.
    var seenKeys: [SeenKey: (file: String, line: Int, values: Finding.RowValues?)] = [:]
    /// Each ledger's (or book's) lines per year, for the fiscal-year check once the year is known.
    var ledgerYears: [(file: Int, unit: String, years: [Int: (rows: Int, firstLine: Int)])] = []
    var staffCountPlaces: [String: (file: String, line: Int)] = [:]
    /// Keys whose figure is left out (`claim`, `withhold`): no later row counts for them.
    var withheldKeys: Set<SeenKey> = []
    /// Budget figures a 决算 form stated: the same figure on another form is counted once.
    var formFigures: [SeenKey: Money] = [:]
    /// Books of a unit with no budget account (7xxx) among their lines: a 财务会计-only export. Said
    /// once the files are merged, for a unit no other file gave spending.
    var booksWithoutBudgetAccounts: [(unit: String, file: String, line: Int, rows: Int, accounts: [String])] = []
    /// Each budget account's days in each file of a unit's books, and the files of its 支出明细:
    /// two that hold the same lines would count them twice.
    var bookSpans: [BookSpan] = []
    var ledgerFiles: [String: String] = [:]

    /// The registry unit a row names; nil (the row counted against its file as an unknown unit) when
    /// the registry has none.
    mutating func unit(_ code: String, line: Int, rows: Int = 1, in file: inout FileMerge) -> Int? {
        if let index = unitIndex[code] { return index }
        let previous = file.unknown[code]
        file.unknown[code] = (min(previous?.line ?? line, line), (previous?.rows ?? 0) + rows)
        file.rejected += rows
        return nil
    }

    /// Whether the row's figure counts: the first with its key in its unit. A repeat with the same
    /// values is counted once (a warning). Two rows that disagree are both left out (an error): a
    /// figure is right or missing, never a guess between two; the earlier one is taken back out.
    mutating func claim(
        _ key: Finding.RowKey, values: Finding.RowValues, unit: String, line: Int, in file: inout FileMerge
    ) -> Bool {
        let seenKey = SeenKey(unit: unit, key: key)
        guard let seen = seenKeys[seenKey] else {
            seenKeys[seenKey] = (file.path, line, values)
            return true
        }
        file.rejected += 1
        let place = Finding.Place(file: seen.file == file.path ? nil : seen.file, line: seen.line)
        guard let seenValues = seen.values else {
            file.note(Finding(.rowFigureAlreadyMissing(key, earlier: place), unit: unit, file: file.path, line: line))
            addPlace(of: seenKey, file: file.path, line: line)
            return false
        }
        if seen.values == values {
            file.note(Finding(.rowDuplicateSame(key, earlier: place), unit: unit, file: file.path, line: line))
        } else {
            file.note(
                Finding(
                    .rowDuplicateKey(key, earlier: place, values: values, earlierValues: seenValues), unit: unit,
                    file: file.path, line: line))
            if !withheldKeys.contains(seenKey) {
                takeBack(seenValues, key: key, unit: unit)
                withhold(key, unit: unit, because: seen.file, line: seen.line)
            }
        }
        addPlace(of: seenKey, file: file.path, line: line)
        return false
    }

    /// Another row about a figure left out: the report's list of its rows names it too.
    private mutating func addPlace(of key: SeenKey, file: String, line: Int) {
        guard withheldKeys.contains(key),
            let index = result.withheld.firstIndex(where: { $0.unit == key.unit && $0.key == key.key })
        else { return }
        result.withheld[index].places.append(.init(file: file, line: line))
    }

    /// A figure left out: later rows with its key are not counted either, and the report says so.
    mutating func withhold(_ key: Finding.RowKey, unit: String, because file: String, line: Int) {
        let seenKey = SeenKey(unit: unit, key: key)
        if withheldKeys.insert(seenKey).inserted {
            seenKeys[seenKey] = seenKeys[seenKey] ?? (file, line, nil)
            result.withheld.append(WithheldFigure(unit: unit, key: key, places: [.init(file: file, line: line)]))
        }
    }

    /// A unit's headcounts, people, asset cards or books one of whose rows was rejected are
    /// incomplete: left out, not short (a budget or ledger row rejected is named, and the rest
    /// counted).
    mutating func withholdRejected(_ findings: [Finding], kind: String, file: String) {
        let key: Finding.RowKey
        let received: TableKind
        switch TableKind(rawValue: kind) {
        case .staffCounts: (key, received) = (.headcounts, .staff)
        case .staff: (key, received) = (.person(id: ""), .staff)
        case .assets: (key, received) = (.asset(id: ""), .assets)
        case .journal: (key, received) = (.books, .expenditure)
        default: return
        }
        for finding in findings where finding.isRejectedRow {
            guard let unit = unitIndex[finding.unit], let line = finding.line else { continue }
            receive(received, unit: unit)
            if withheldKeys.contains(SeenKey(unit: finding.unit, key: key)) {
                addPlace(of: SeenKey(unit: finding.unit, key: key), file: file, line: line)
            } else {
                withhold(key, unit: finding.unit, because: file, line: line)
            }
        }
    }

    /// Undoes what a counted row added, when a later row disagrees with it.
    private mutating func takeBack(_ values: Finding.RowValues, key: Finding.RowKey, unit code: String) {
        guard let unit = unitIndex[code] else { return }
        switch (key, values) {
        case (_, .asset(let category, let original, let depreciation)):
            result.units[unit].assets.remove(category, original: original, depreciation: depreciation)
        case (_, .person(let status)):
            result.units[unit].staff.remove(status)
        case (_, .headcounts):
            result.units[unit].staffCounts = nil
            staffCountPlaces[code] = nil
        case (.budget(let stage, let item), .budget(let amount)):
            result.units[unit].budget[stage][item] = result.units[unit].budget[stage][item] - amount
            result.budgetRowLocations[BudgetKey(unit: code, stage: stage, item: item)] = nil
        case (_, .budget):
            break
        }
    }

    /// The unit's row in the result, a table of `kind` received from it.
    mutating func receive(_ kind: TableKind, unit index: Int) {
        result.units[index].tablesReceived.insert(kind)
    }

    /// What only all of a unit's books together show: books with no budget account, and lines
    /// that two files hold.
    mutating func checkBooks() {
        sayBooksWithoutBudgetAccounts()
        sayBooksCountedTwice()
    }

    /// Two files of a unit's books with days of one account in common, or books beside a 支出明细:
    /// the same spending would count twice. Said once per unit; its spending is missing.
    mutating func sayBooksCountedTwice() {
        var said: Set<String> = []
        for (index, span) in bookSpans.enumerated() where !said.contains(span.unit) {
            let other = bookSpans[..<index].lazy.compactMap { earlier -> (span: BookSpan, day: Int)? in
                guard earlier.unit == span.unit, earlier.file != span.file, earlier.account == span.account,
                    earlier.firstDay <= span.lastDay, span.firstDay <= earlier.lastDay,
                    let day = earlier.sharedDay(with: span)
                else { return nil }
                return (earlier, day)
            }.first
            let ledger = ledgerFiles[span.unit]
            guard other != nil || ledger != nil else { continue }
            said.insert(span.unit)
            let earlier =
                other.map { Finding.Place(file: $0.span.file, line: $0.span.line) }
                ?? Finding.Place(file: ledger, line: 0)
            result.findings.append(
                Finding(
                    .booksCountedTwice(account: span.account, day: other?.day ?? span.firstDay, earlier: earlier),
                    unit: span.unit, file: span.file, line: span.line))
            withhold(.books, unit: span.unit, because: span.file, line: span.line)
        }
    }

    /// A unit whose books were read but hold no budget account, and that no other file gave
    /// spending: its spending is missing, and the finding says what the books held.
    mutating func sayBooksWithoutBudgetAccounts() {
        var said: Set<String> = []
        for books in booksWithoutBudgetAccounts {
            guard let unit = unitIndex[books.unit], !result.units[unit].tablesReceived.contains(.expenditure),
                said.insert(books.unit).inserted
            else { continue }
            result.findings.append(
                Finding(
                    .booksWithoutBudgetAccounts(rows: books.rows, accounts: books.accounts), unit: books.unit,
                    file: books.file, line: books.line))
            withhold(.books, unit: books.unit, because: books.file, line: books.line)
        }
        for unit in said { receive(.expenditure, unit: unitIndex[unit]!) }
    }
}

/// One file as it is merged: its place, the findings merging adds, and the rows it sets aside.
struct FileMerge {
    /// Its position among the files (sheets after their workbook).
    let index: Int
    let path: String
    var findings: [Finding] = []
    /// Codes no registry unit has, with the first line and the rows naming each.
    var unknown: [String: (line: Int, rows: Int)] = [:]
    /// Rows read and accepted that merging did not count (unknown unit, repeated key, …).
    var rejected = 0

    mutating func note(_ finding: Finding) { findings.append(finding) }

    /// One finding per unknown code, with the registry code it may be missing zeros of.
    mutating func noteUnknownUnits(registry: [String: Int]) {
        for code in unknown.keys.sorted(by: bytewise) {
            let (line, rows) = unknown[code]!
            let padded = registry.keys.sorted(by: bytewise).first {
                $0.count > code.count && $0.hasSuffix(code) && $0.dropLast(code.count).allSatisfy { $0 == "0" }
            }
            note(
                Finding(
                    .rowUnitUnknown(code: code, line: line, rows: rows, withZeros: padded), unit: code, file: path,
                    line: line))
        }
    }
}

/// How one kind of table counts in its unit and the department: each kind's folder says how the
/// contents one file gave are merged (`TableContents.merge` dispatches to it). Its metatype crosses
/// threads when a file is read in parts.
protocol KindMerging: SendableMetatype {
    associatedtype Contents: Sendable
    static func merge(_ contents: Contents, _ file: inout FileMerge, into department: inout DepartmentMerge)
}

/// The days of one budget account in one file of a unit's books.
struct BookSpan {
    var unit: String
    var file: String
    /// The account's code, its digits.
    var account: String
    var firstDay: Int
    var lastDay: Int
    var line: Int
    /// Its lines, 借 and 贷 per day of `dayYear` (`AccountSummary.days`).
    var dayYear: Int
    var days: [DayTotals]

    /// The first day that holds the same lines, 借 and 贷 in both (20220601): the same lines, twice.
    func sharedDay(with other: BookSpan) -> Int? {
        guard dayYear == other.dayYear, !days.isEmpty, days.count == other.days.count else { return nil }
        return days.indices.first { days[$0].lines > 0 && days[$0] == other.days[$0] }.map { index in
            dayYear * 10_000 + (index / 31 + 1) * 100 + index % 31 + 1
        }
    }
}
