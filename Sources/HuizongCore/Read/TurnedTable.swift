import CSVReading

/// A table printed with its items down the side and its categories across (人员情况: 编制数,
/// 在职人数, 其中：在岗人数 … down; 合计, 行政单位, 财政拨款事业单位 … across), read as the same
/// table turned: each category a row under a header of the items, into the same figures.
struct TurnedTable {
    /// Such a table is short: its whole file lies within this many lines.
    static let maxLines = 60

    /// Keys that head the side rather than name an item.
    static let sideKeys: Set<String> = ["category", "unit_code", "unit_name"]

    var header: TableHeader
    /// One record per category, its cells the items' values in the header's order.
    var rows: [Record]

    /// The turned table among a source's first records, when one column's cells name a kind's
    /// columns (all its required ones, two at least) and the row above them names categories.
    static func find(in source: some RecordSource, kinds: KindCatalog) -> TurnedTable? {
        let records = source.leadingRecords(lines: maxLines + 1)
        guard !records.isEmpty, records.allSatisfy({ $0.line <= maxLines }) else { return nil }
        return find(in: records, kinds: kinds)
    }

    static func find(in records: [Record], kinds: KindCatalog) -> TurnedTable? {
        let cells = records.map(\.fields)
        let width = cells.map(\.count).max() ?? 0
        for labelColumn in 0..<min(3, width) {
            let labels = cells.map { labelColumn < $0.count ? plainLabel($0[labelColumn]) : "" }
            // The items: the labels that name the kind's figures (not its 类别 or unit, which head the side).
            guard let layout = TableLayout.recognise(labels, kinds: kinds),
                case let items = layout.index.filter({ !sideKeys.contains($0.key) }).map(\.value), items.count >= 2,
                let firstItem = items.min(), firstItem > 0
            else { continue }
            let categoryRow = firstItem - 1
            var categories = (0..<width).filter { column in
                column != labelColumn && column < cells[categoryRow].count
                    && !normalizeLabel(cells[categoryRow][column]).isEmpty
            }
            // A value under no category of that row (a category printed in a row higher up): not read turned.
            let sides = Set(categories + [labelColumn])
            guard
                items.allSatisfy({ row in
                    cells[row].indices.allSatisfy { sides.contains($0) || normalizeLabel(cells[row][$0]).isEmpty }
                })
            else { continue }
            // Columns for this year and the last (本年数 | 上年数), not categories: this year's is the table.
            let periods = categories.map { HeaderBand.Period.of(plainLabel(cells[categoryRow][$0])) }
            if periods.allSatisfy({ $0 != nil }), periods.count(where: { $0 == .current }) == 1 {
                categories = zip(categories, periods).filter { $0.1 == .current }.map(\.0)
            }
            // Categories are words; the items' values under them are numbers or blank.
            guard !categories.isEmpty, HeaderBand.isWords(categories.map { cells[categoryRow][$0] }),
                items.allSatisfy({ row in
                    categories.allSatisfy { column in
                        let text = column < cells[row].count ? normalizeLabel(cells[row][column]) : ""
                        return text.isEmpty || HeaderBand.isNumeral(text)
                    }
                })
            else { continue }
            return turned(
                records, labelColumn: labelColumn, categoryRow: categoryRow, categories: categories, kinds: kinds)
        }
        return nil
    }

    private static func turned(
        _ records: [Record], labelColumn: Int, categoryRow: Int, categories: [Int], kinds: KindCatalog
    ) -> TurnedTable? {
        let items = records[(categoryRow + 1)...]
        func cell(_ record: Record, _ column: Int) -> String { column < record.count ? record[column] : "" }
        // The header: the category column, then each item's label as printed.
        let header = ["类别"] + items.map { cell($0, labelColumn) }
        guard let layout = TableHeader.band([header][...], kinds: kinds) else { return nil }
        let headerLine = records[categoryRow].line
        let rows = categories.map { column in
            Record(line: headerLine + 1, fields: [cell(records[categoryRow], column)] + items.map { cell($0, column) })
        }
        return TurnedTable(
            header: TableHeader(line: headerLine, layout: layout, above: records[..<categoryRow], turned: true),
            rows: rows)
    }
}

/// A turned table's records: the source is read through (its bytes hashed, its malformed records
/// named), and the categories are given as the rows.
struct TurnedSource<Base: RecordSource>: RecordSource {
    let base: Base
    let rows: [Record]

    var place: String { base.place }

    func leadingRecords(lines: Int) -> [Record] { base.leadingRecords(lines: lines) }

    func forEachRecord(fast: (RecordFields, Int) throws -> Bool, _ consume: (RecordEvent) throws -> Void) throws
        -> CSVFile.ReadSummary
    {
        let summary = try base.forEachRecord(
            fast: { _, _ in false },
            { event in
                if case .malformed = event { try consume(event) }
            })
        for row in rows { try consume(.record(row)) }
        return summary
    }
}
