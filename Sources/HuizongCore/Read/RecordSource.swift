import CSVReading

/// Where a table's records come from: CSV text today, a workbook's sheet tomorrow. A source
/// yields records with the line they start on; the table builders never see the format.
protocol RecordSource {
    /// How findings name the table: the file's path in the drop folder, with its sheet for a workbook.
    var place: String { get }
    /// The non-blank records on the first `lines` lines: where the header is looked for.
    func leadingRecords(lines: Int) -> [Record]
    /// Every record in order. A record is first offered borrowed to `fast`, which may take it;
    /// the rest, and every stretch that is not a record, go to `consume`.
    func forEachRecord(fast: (RecordFields, Int) throws -> Bool, _ consume: (RecordEvent) throws -> Void) throws
        -> CSVFile.ReadSummary
}

/// How one file is read.
public struct ReadingOptions: Sendable {
    /// Keep the header→value pairs of every data row, for `inspect --rows`.
    public var keepRows = false
    /// Offer ledger rows to the fast path first. Off only to test that both paths agree.
    public var fastPath = true
    /// The fixed forms recognised (决算 tables): the shipped layouts and a department's own.
    public var layouts: [FormLayout]
    /// The table kinds recognised: the shipped specs and a department's own spellings (`--kinds`).
    public var kinds: KindCatalog = .shipped
    /// On how many cores a big ledger or book may be read, cut into parts (`ConcurrentReader`
    /// allows it when one file is most of the work).
    public var cores = 1
    /// For tests: where to aim the cuts (file offsets), instead of sharing the file out by size.
    package var partTargets: [Int]?
    /// The smallest file read in parts (lowered by tests).
    package var partsFrom = PartedReading.minimumBytes

    public init(keepRows: Bool = false, fastPath: Bool = true, layouts: [FormLayout] = FormLayout.shipped) {
        self.keepRows = keepRows
        self.fastPath = fastPath
        self.layouts = layouts
    }
}

/// A CSV file's records, split at `delimiter` by the strict libcsv parser.
struct CSVRecordSource: RecordSource {
    let file: CSVFile
    let delimiter: UInt8
    let place: String

    static let delimiters: [UInt8] = [0x2C, 0x09, 0x3B]  // comma, tab, semicolon

    func leadingRecords(lines: Int) -> [Record] {
        var records: [Record] = []
        let parser = RecordParser(delimiter: delimiter)
        let collect: (RecordEvent) -> Void = { event in
            if case .record(let record) = event, record.line <= lines, !record.isBlank {
                records.append(record)
            }
        }
        // Only the lines that matter are fed: a long file's prefix is 64 KiB.
        let prefix = file.decodedPrefix
        var end = prefix.startIndex
        var seen = 0
        while end < prefix.endIndex && seen <= lines {
            if prefix[end] == 0x0A { seen += 1 }
            end += 1
        }
        parser.feed(prefix[..<end], collect)
        parser.finish(collect)
        return records
    }

    func forEachRecord(fast: (RecordFields, Int) throws -> Bool, _ consume: (RecordEvent) throws -> Void) throws
        -> CSVFile.ReadSummary
    {
        try file.readRecords(delimiter: delimiter, fields: fast, consume)
    }

    /// The first delimiter under which a table's header appears, with where it is.
    static func find(in file: CSVFile, place: String, kinds: KindCatalog) -> (CSVRecordSource, TableHeader)? {
        for delimiter in delimiters {
            let source = CSVRecordSource(file: file, delimiter: delimiter, place: place)
            if let header = TableHeader.find(in: source, kinds: kinds) { return (source, header) }
        }
        return nil
    }

    /// The delimiter that splits the first lines into the most fields, for `inspect`.
    static func likelyDelimiter(_ file: CSVFile) -> UInt8 {
        // Each delimiter's widest record, parsed once; on a tie the earlier delimiter wins.
        let widths = delimiters.map { delimiter in
            CSVRecordSource(file: file, delimiter: delimiter, place: "").leadingRecords(lines: TableHeader.maxLine)
                .map(\.count).max() ?? 0
        }
        return zip(delimiters, widths).max { $0.1 < $1.1 }?.0 ?? 0x2C
    }
}
