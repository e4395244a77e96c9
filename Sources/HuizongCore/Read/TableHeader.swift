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

    /// The first of the source's leading records that is some table kind's header.
    static func find(in source: some RecordSource) -> TableHeader? {
        let records = source.leadingRecords(lines: maxLine)
        for (position, record) in records.enumerated() {
            guard let layout = TableLayout.recognise(record.fields) else { continue }
            let above = records[..<position].map { $0.fields.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ") }
            let preamble = above.filter { !$0.isEmpty }
            return TableHeader(line: record.line, layout: layout, preamble: preamble,
                               preambleUnit: preamble.lazy.compactMap(moneyUnit(in:)).first)
        }
        return nil
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

    /// Says what the first line looks like and which kind it came closest to.
    static func unrecognisedMessage(_ source: some RecordSource) -> String {
        let records = source.leadingRecords(lines: maxLine)
        var best: (kind: TableKind, missing: [String], found: Int)?
        for record in records {
            let cells = record.fields.map(normalizeLabel)
            for kind in TableKind.allCases {
                let required = kind.columns.filter(\.required)
                let found = required.filter { column in cells.contains { column.match($0) != nil } }
                guard !found.isEmpty else { continue }
                let missing = required.filter { column in !found.contains(column) }.map(\.chinese)
                if best == nil || found.count > best!.found {
                    best = (kind, missing, found.count)
                }
            }
        }
        let first = records.first.map { $0.fields.prefix(8).joined(separator: "，") } ?? ""
        var message = "前 \(maxLine) 行中没有找到任何一类表的表头，整个文件未计入。第一行是“\(first)”。"
        if let best {
            message += "它最像“\(best.kind.chinese)”表，但缺少列：\(best.missing.joined(separator: "、"))。"
        }
        message += "请按使用说明补全表头（中文或英文列名均可）。"
        return message
    }
}
