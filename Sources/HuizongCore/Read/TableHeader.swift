import CSVReading

/// Where a table begins: the preamble above its header, the header and what it maps to.
/// Found the same way in every record source.
struct TableHeader {
    /// The header may lie on any of the first 11 lines (up to 10 preamble lines above it).
    static let maxLine = 11

    var line: Int
    var layout: TableLayout
    /// Lines above the header (title, 编制单位, 单位：万元), blank cells dropped.
    var preamble: [String]
    /// The money unit a preamble line states (`单位：万元`).
    var preambleUnit: MoneyUnit?
    /// The records above the header: where an exported 自评表 keeps its funds block.
    var preambleRecords: [Record] = []
    /// The lines the header spans (one line, or a band of up to `HeaderBand.maxRows`).
    var bandLines: ClosedRange<Int>? = nil
    /// Whether the table was printed turned (items down the side): its rows are its categories.
    var turned = false

    /// The first of the source's leading records that is some table kind's header.
    static func find(in source: some RecordSource, kinds: KindCatalog) -> TableHeader? {
        find(in: source.leadingRecords(lines: maxLine), kinds: kinds)
    }

    /// The same, among leading records already read (those past `maxLine` are not looked at).
    /// A header may span up to `HeaderBand.maxRows` rows: the band that names the most columns
    /// wins, and a row right under a header that continues it (words under a spanning label)
    /// joins it; a row of figures or numbers ends it.
    static func find(in leading: [Record], kinds: KindCatalog) -> TableHeader? {
        let records = leading.filter { $0.line <= maxLine }
        let cells = records.map(\.fields)
        var best: (top: Int, bottom: Int, layout: TableLayout, score: [Int])?
        for bottom in records.indices {
            if let found = best {
                guard bottom == found.bottom + 1, follows(records[found.bottom], records[bottom]),
                    HeaderBand.isWords(cells[bottom])
                else { break }
            }
            // The band ending on this row that names the most columns; the shortest on a tie.
            var here: (top: Int, layout: TableLayout, score: [Int])?
            // A header is words: a row with a number in it is data, or a 栏次 row.
            if !HeaderBand.isWords(cells[bottom]) {
                if best != nil { break }
                continue
            }
            for height in 1...min(HeaderBand.maxRows, bottom + 1) {
                let top = bottom - height + 1
                if height > 1 {
                    // Rows above the lowest are a header's upper rows only when consecutive words that span.
                    guard (top..<bottom).allSatisfy({ follows(records[$0], records[$0 + 1]) }),
                        (top..<bottom).allSatisfy({ HeaderBand.isWords(cells[$0]) }),
                        HeaderBand.spans(cells[top], over: cells[(top + 1)...bottom])
                    else { continue }
                }
                guard let layout = band(cells[top...bottom], kinds: kinds) else { continue }
                let score = [layout.requiredCount, layout.index.count, layout.ownSpelling ? 1 : 0]
                if here == nil || here!.score.lexicographicallyPrecedes(score) { here = (top, layout, score) }
            }
            guard let here else {
                if best != nil { break }
                continue
            }
            if let found = best {
                // A row under a header continues it when the band through it names no fewer columns.
                guard here.top <= found.top, !here.score.lexicographicallyPrecedes(found.score) else { break }
            }
            best = (here.top, bottom, here.layout, here.score)
        }
        guard let (top, bottom, layout, _) = best else { return nil }
        return TableHeader(
            line: records[bottom].line, layout: layout, above: records[..<top],
            bandLines: records[top].line...records[bottom].line)
    }

    /// Whether a cell may print a decoration `plainLabel` drops (most headers have none: read once).
    static func mayBeDecorated(_ cell: String) -> Bool {
        if cell.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return true }
        guard let first = cell.unicodeScalars.first(where: { $0 != " " && $0 != "\u{3000}" }) else { return false }
        return Self.decorationStarts.contains(first)
    }

    static let decorationStarts = Set("其一二三四五六七八九十(（0123456789指".unicodeScalars)

    /// Whether `next` is the row right under `record`, no blank line between: in a CSV a line
    /// break inside a cell (`上年\n数`) puts it that many lines further down.
    static func follows(_ record: Record, _ next: Record) -> Bool {
        let breaks = record.fields.reduce(0) { $0 + $1.count(where: \.isNewline) }
        return next.line > record.line && next.line <= record.line + 1 + breaks
    }

    /// The layout a band of rows is the header of: one row as written, several as paths.
    static func band(_ rows: ArraySlice<[String]>, kinds: KindCatalog) -> TableLayout? {
        if rows.count == 1 {
            let row = rows.first!
            let written = TableLayout.recognise(row, kinds: kinds)
            // Printed decorations (`其中：`, `一、`, a line break in the cell) hide no column.
            guard row.contains(where: mayBeDecorated) else { return written }
            let plain = row.map(plainLabel)
            guard plain != row.map(normalizeLabel), var layout = TableLayout.recognise(plain, kinds: kinds),
                layout.index.count > written?.index.count ?? 0
            else { return written }
            layout.header = row
            return layout
        }
        let paths = HeaderBand.paths(Array(rows))
        let labels = HeaderBand.keepCurrent(HeaderBand.labels(paths), paths: paths)
        guard var layout = TableLayout.recognise(labels, kinds: kinds) else { return nil }
        layout.header = paths.map(HeaderBand.display)
        return layout
    }

    /// `单位：万元`, `金额单位：元` in a preamble line; `编制单位：某某局` names no money unit.
    static func moneyUnit(in line: String) -> MoneyUnit? {
        let text = normalizeLabel(line)
        var rest = Substring(text)
        while let range = rest.firstRange(of: "单位:") {
            let after = rest[range.upperBound...]
            if after.hasPrefix("万元") { return .wan }
            if after.hasPrefix("元") { return .yuan }
            rest = after
        }
        return nil
    }

    /// The unit a preamble line names: what follows `编制单位：` or `单位名称：` up to a space
    /// (`编制单位：石家庄市规划馆 单位：万元`).
    static func statedUnit(in line: String) -> String? {
        for label in ["编制单位", "单位名称", "填报单位"] {
            guard let range = line.range(of: label) else { continue }
            let after = line[range.upperBound...].drop { $0 == ":" || $0 == "：" || $0.isWhitespace }
            let name = after.prefix { !$0.isWhitespace }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// The year a 明细账's title states: `2022年` (four digits before 年).
    static func statedYear(in line: String) -> Int? {
        let characters = Array(line)
        for index in characters.indices where characters[index] == "年" && index >= 4 {
            let digits = String(characters[(index - 4)..<index])
            if digits.allSatisfy(\.isASCIIDigit), let year = Int(digits), (1990...2100).contains(year),
                index == 4 || !characters[index - 5].isASCIIDigit
            {
                return year
            }
        }
        return nil
    }

    /// The account a 明细账 is of: `科目：7101 行政支出` (its code, digits, then its name).
    static func statedAccount(in line: String) -> (code: String, name: String)? {
        guard let range = line.range(of: "科目：") ?? line.range(of: "科目:") else { return nil }
        let after = line[range.upperBound...].drop { $0.isWhitespace }
        let code = after.prefix { $0.isASCIIDigit }
        guard !code.isEmpty else { return nil }
        let name = after.dropFirst(code.count).drop { $0.isWhitespace || $0 == "-" || $0 == "－" }
            .prefix { !$0.isWhitespace }
        return (String(code), String(name))
    }

    /// A header row that would be a kind's but for a figure headed in two columns.
    static func columnTwice(_ record: Record, kinds: KindCatalog) -> Finding.Detail? {
        let cells = record.fields.map(normalizeLabel)
        for kind in TableKind.allCases {
            for column in kinds[kind].columns where isFigure(column, of: kind) {
                let matching = cells.indices.filter { !cells[$0].isEmpty && column.match(cells[$0]) != nil }
                guard let first = matching.first else { continue }
                if matching.count > 1 {
                    return .fileColumnTwice(
                        line: record.line, header: record.fields[first], columns: matching.map { $0 + 1 })
                }
            }
        }
        return nil
    }

    /// What the first line looks like and which kind it came closest to.
    static func unrecognised(_ source: some RecordSource, kinds: KindCatalog) -> Finding.Detail {
        let records = source.leadingRecords(lines: maxLine)
        for record in records {
            let cells = record.fields.map(normalizeLabel)
            let counts = countColumns(cells, kinds: kinds)
            if cells.contains("单位编码") && cells.contains("单位名称") && !counts.isEmpty {
                return .fileCountsNotRegistry(columns: counts)
            }
        }
        for record in records {
            if let twice = columnTwice(record, kinds: kinds) { return twice }
        }
        var best: (kind: TableKind, missing: [String], found: Int)?
        for record in records {
            let cells = record.fields.map(normalizeLabel)
            for kind in TableKind.allCases {
                let spec = kinds[kind]
                let required = spec.required
                let found = required.filter { column in cells.contains { column.match($0) != nil } }
                guard !found.isEmpty else { continue }
                var missing = required.filter { column in !found.contains(column) }.map(\.chinese)
                for keys in spec.oneOf {
                    let columns = spec.columns.filter { keys.contains($0.key) }
                    if !columns.contains(where: { column in cells.contains { column.match($0) != nil } }) {
                        missing.insert(columns[0].chinese, at: 0)
                    }
                }
                if best == nil || found.count > best!.found {
                    best = (kind, missing, found.count)
                }
            }
        }
        return .fileUnrecognised(
            maxLine: maxLine, firstLine: records.first.map { Array($0.fields.prefix(8)) } ?? [],
            closest: best?.kind, missing: best?.missing ?? [])
    }
}

extension TableHeader {
    /// A header on `line`, the records `above` it its preamble (their non-blank cells, a line each).
    init(
        line: Int, layout: TableLayout, above: ArraySlice<Record>, bandLines: ClosedRange<Int>? = nil,
        turned: Bool = false
    ) {
        let preamble = above.map { $0.fields.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ") }
            .filter { !$0.isEmpty }
        self.init(
            line: line, layout: layout, preamble: preamble,
            preambleUnit: preamble.lazy.compactMap(Self.moneyUnit(in:)).first, preambleRecords: Array(above),
            bandLines: bandLines, turned: turned)
    }
}
