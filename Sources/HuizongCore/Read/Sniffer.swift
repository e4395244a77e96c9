import CSVReading

/// Where a file's table begins: its delimiter, the preamble above the header, the header.
struct Sniff {
    var delimiter: UInt8
    var headerLine: Int
    var layout: TableLayout
    var preamble: [String]
    var preambleUnit: MoneyUnit?
}

/// Finds the delimiter and header row by trying each delimiter until a header of some
/// table kind appears within the first 11 lines (up to 10 preamble lines above it).
enum Sniffer {
    static let delimiters: [UInt8] = [0x2C, 0x09, 0x3B]  // comma, tab, semicolon
    static let maxHeaderLine = 11

    static func sniff(_ prefix: [UInt8]) -> Sniff? {
        for delimiter in delimiters {
            let records = leadingRecords(prefix, delimiter: delimiter)
            for (position, record) in records.enumerated() {
                guard let layout = TableLayout.recognise(record.fields) else { continue }
                let above = records[..<position].map { $0.fields.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ") }
                let preamble = above.filter { !$0.isEmpty }
                return Sniff(delimiter: delimiter, headerLine: record.line, layout: layout, preamble: preamble,
                             preambleUnit: preamble.lazy.compactMap(moneyUnit(in:)).first)
            }
        }
        return nil
    }

    /// The records on the first 11 lines, blank ones left out.
    static func leadingRecords(_ prefix: [UInt8], delimiter: UInt8) -> [Record] {
        var records: [Record] = []
        let parser = RecordParser(delimiter: delimiter)
        let collect: (RecordEvent) -> Void = { event in
            if case .record(let record) = event, record.line <= maxHeaderLine, !record.isBlank {
                records.append(record)
            }
        }
        // Only the lines that matter are fed: a long file's prefix is 64 KiB.
        var end = prefix.startIndex
        var lines = 0
        while end < prefix.endIndex && lines <= maxHeaderLine {
            if prefix[end] == 0x0A { lines += 1 }
            end += 1
        }
        parser.feed(prefix[..<end], collect)
        parser.finish(collect)
        return records
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

    /// The delimiter that splits the first lines into the most fields, for `inspect`.
    static func likelyDelimiter(_ prefix: [UInt8]) -> UInt8 {
        // Each delimiter's widest record, parsed once; on a tie the earlier delimiter wins.
        let widths = delimiters.map { leadingRecords(prefix, delimiter: $0).map(\.count).max() ?? 0 }
        return zip(delimiters, widths).max { $0.1 < $1.1 }?.0 ?? 0x2C
    }

    /// Says what the first line looks like and which kind it came closest to.
    static func unrecognisedMessage(_ prefix: [UInt8]) -> String {
        let records = leadingRecords(prefix, delimiter: likelyDelimiter(prefix))
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
        var message = "前 \(maxHeaderLine) 行中没有找到任何一类表的表头，整个文件未计入。第一行是“\(first)”。"
        if let best {
            message += "它最像“\(best.kind.chinese)”表，但缺少列：\(best.missing.joined(separator: "、"))。"
        }
        message += "请按使用说明补全表头（中文或英文列名均可）。"
        return message
    }
}
