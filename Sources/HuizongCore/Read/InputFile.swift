import CSVReading
import Foundation

/// What `inputs[]` says of one file: what it was and how many of its rows counted.
public struct InputSummary: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    /// A table kind, or `not_csv`, `unrecognised`, `unreadable`, `empty`, `duplicate`.
    public var kind: String
    public var encoding: String
    /// Data rows, and how many were not counted: set by reading; consolidation adds what it sets aside.
    public var rows = 0
    public var rejected = 0
    public var accepted: Int { rows - rejected }
    /// For a unit-level table: the unit its rows belong to when it is one, and where that was
    /// found (`FileUnit.Source`: a column, the 编制单位 line, the file's or a folder's name).
    public var unit = ""
    public var unitSource = ""
    /// For a fixed form: the layout it was read by.
    public var layout = ""
}

/// What Huizong saw in a file before its rows: for `inspect` and for messages.
package struct FileInspection: Sendable {
    package var signature: FileSignature?
    package var delimiter: UInt8?
    /// Lines before the header (title, 编制单位, 单位：万元), as written.
    package var preamble: [String] = []
    package var headerLine: Int?
    /// The first line of a header over several rows.
    package var headerTop: Int?
    /// Whether the table was printed turned (items down the side, categories across).
    package var turned = false
    package var layout: TableLayout?
    package var moneyUnits: [String: MoneyUnit] = [:]
    package var blankRows = 0
    package var totalRows: [Int] = []
    package var nonDataRows: [Int] = []
    /// Which layout read a form, why, and which others recognised it (`FormReader.Recognition.explained`).
    package var formChoice: [String] = []
    /// Parts of the file read on cores of their own and joined (1: read whole).
    package var partsRead = 1
}

/// Everything one file contributed; produced by one worker, merged in path order.
public struct FileResult: Sendable {
    public var input: InputSummary
    public var findings: [Finding] = []
    package var contents: TableContents = .none
    package var inspection = FileInspection()
    /// Bytes on disk, for progress and throughput.
    public var bytes = 0
    /// The sum of the magnitudes of every accepted amount: what keeps totals inside `Int64`.
    public var amountMagnitude = Money.zero
    /// Data rows, by line, kept only when `inspect --rows` asks for them.
    package var rowsForInspection: [[(String, String)]]? = nil
    /// A workbook's sheets, each read as a table of its own (`file［sheet］`).
    public var sheets: [FileResult] = []
    /// For a sheet: the workbook it belongs to.
    public var sheetOf: String?
    /// The unit the preamble names (`编制单位：…`): whose the rows are when no column says.
    public var statedUnit: String?
    /// For a fixed form: the totals it states that the unit's other forms state too.
    var formTotals: [FormReader.FormTotal] = []
}

extension FileResult {
    /// An entry that was not read, with the finding that says why.
    init(notRead displayPath: String, _ finding: Finding) {
        input = InputSummary(path: displayPath, sha256: "", kind: "unreadable", encoding: "")
        findings = [finding]
    }
}

public enum InputFileReader {
    /// Reads one file of the drop folder.
    /// - Parameters:
    ///   - path: where it is.
    ///   - displayPath: how findings name it (relative to the input folder).
    ///   - options: how to read it (`inspect --rows` keeps the rows).
    public static func read(path: String, displayPath: String, options: ReadingOptions = ReadingOptions()) -> FileResult
    {
        do {
            return read(try OpenedFile(path: path), displayPath: displayPath, options: options)
        } catch {
            return openFailure(error, displayPath: displayPath)
        }
    }

    /// Why a file could not be opened, as its result.
    static func openFailure(_ error: FileReadError, displayPath: String) -> FileResult {
        if case .notRegular(_, let kind) = error {
            return FileResult(notRead: displayPath, Finding(.fileNotRegular(kind), file: displayPath))
        }
        return FileResult(notRead: displayPath, Finding(.fileUnreadable(reason: describe(error)), file: displayPath))
    }

    /// Reads one opened file of the drop folder (see `read(path:displayPath:options:)`).
    public static func read(_ opened: OpenedFile, displayPath: String, options: ReadingOptions = ReadingOptions())
        -> FileResult
    {
        var result = FileResult(input: InputSummary(path: displayPath, sha256: "", kind: "unreadable", encoding: ""))
        func finding(_ detail: Finding.Detail, line: Int? = nil) {
            result.findings.append(Finding(detail, file: displayPath, line: line))
        }
        let lowerName = displayPath.lowercased()
        let name = lowerName.split(separator: "/").last.map(String.init) ?? lowerName
        if name.hasPrefix(".") || name.hasPrefix("~$") || ["thumbs.db", "desktop.ini"].contains(name) {
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.fileSystem)
            return result
        }
        // A workbook by its name, read as what its bytes are (an ".xls" may be HTML, XML or text);
        // under a .csv name, a ZIP is a workbook saved with the wrong name.
        let prefix = (try? opened.prefix(4096)) ?? []
        let isWorkbookName = [".xlsx", ".xlsm", ".xls", ".et"].contains { lowerName.hasSuffix($0) }
        let shape = WorkbookShape.of(prefix)
        if (isWorkbookName && shape != .text) || (lowerName.hasSuffix(".csv") && shape == .xlsx) {
            return readWorkbook(opened, shape: shape, displayPath: displayPath, options: options)
        }
        if lowerName.hasSuffix(".md") { return readNarrative(opened, displayPath: displayPath) }
        if lowerName.hasSuffix(".docx") { return readReportDocx(opened, displayPath: displayPath) }
        guard lowerName.hasSuffix(".csv") || isWorkbookName else {
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.fileNotCSV(notCSV(lowerName)))
            return result
        }
        var text = readText(opened, displayPath: displayPath, options: options)
        if isWorkbookName && text.input.kind == "unrecognised" {
            // Named a workbook, read as text, and no table: say what it is not.
            text.findings = [
                Finding(.workbookUnreadable(reason: .notAWorkbook("既不是 Excel 工作簿，也不是能识别的表格文本")), file: displayPath)
            ]
        }
        return text
    }

    /// Reads a Markdown file: the department's words for the report when its headings name report
    /// sections (`Narrative`), else a file that is not read, as before.
    static func readNarrative(_ opened: OpenedFile, displayPath: String) -> FileResult {
        readWords(
            opened, displayPath: displayPath, limit: Narrative.maxFileBytes, tooLarge: .narrativeUnreadable,
            unreadable: .narrativeUnreadable
        ) { bytes in
            guard let (encoding, utf8) = TextEncoding.utf8Text(of: bytes) else { return nil }
            let (narrative, unknown) = Narrative.parse(String(decoding: utf8, as: UTF8.self))
            return (narrative, unknown, encoding.rawValue)
        }
    }

    /// Reads a Word document: an edited report.docx gives the department's words back by its
    /// headings; any other document is a file that is not read, as before.
    static func readReportDocx(_ opened: OpenedFile, displayPath: String) -> FileResult {
        let tooLarge = Finding.Detail.narrativeDocxTooLarge(limit: ReportDocxReader.maxFileBytes)
        var inflatesTooLarge = false
        var result = readWords(
            opened, displayPath: displayPath, limit: ReportDocxReader.maxFileBytes, tooLarge: tooLarge,
            unreadable: .fileNotCSV(notCSV(displayPath.lowercased()))
        ) { bytes in
            do throws(ReportDocxReader.Unread) {
                return (Narrative.fromReport(try ReportDocxReader.paragraphs(bytes)), [], "docx")
            } catch {
                inflatesTooLarge = error == .tooLarge
                return nil
            }
        }
        // Small on disk but its text inflates past the limits: too large too, not some other file.
        if inflatesTooLarge { result.findings = [Finding(tooLarge, file: displayPath)] }
        return result
    }

    /// A file of the department's words, read whole (up to `limit` bytes) and hashed from the same
    /// bytes: `parse` gives its sections, headings that name none, and its encoding, or nil when the
    /// file is not what it should be (`unreadable`). Without a section it is a file that is not read.
    private static func readWords(
        _ opened: OpenedFile, displayPath: String, limit: Int, tooLarge: Finding.Detail, unreadable: Finding.Detail,
        parse: ([UInt8]) -> (narrative: Narrative, unknown: [(line: Int, heading: String)], encoding: String)?
    ) -> FileResult {
        var result = FileResult(input: InputSummary(path: displayPath, sha256: "", kind: "not_csv", encoding: ""))
        let bytes = try? opened.contents(limit: limit)
        if let bytes {
            let hasher = SHA256Hasher()
            hasher.update(bytes[...])
            result.input.sha256 = hasher.finish()
        } else {
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
        }
        guard let bytes else {
            result.findings.append(Finding(opened.size > limit ? tooLarge : unreadable, file: displayPath))
            return result
        }
        guard let (narrative, unknown, encoding) = parse(bytes) else {
            result.findings.append(Finding(unreadable, file: displayPath))
            return result
        }
        let saysSomething = !narrative.sections.isEmpty || !narrative.tooLong.isEmpty || !narrative.unplaced.isEmpty
        // Huizong's own report, unedited, is that: not some file that is not CSV.
        guard saysSomething || narrative.fromWordDocument else {
            result.findings.append(Finding(.fileNotCSV(notCSV(displayPath.lowercased())), file: displayPath))
            return result
        }
        if !saysSomething { result.findings.append(Finding(.narrativeReportUnedited, file: displayPath)) }
        result.input.kind = "narrative"
        result.input.encoding = encoding
        let rejected = unknown.count + narrative.tooLong.count + narrative.unplaced.count
        result.input.rows = narrative.sections.count + rejected
        result.input.rejected = rejected
        result.findings += unknown.map {
            Finding(.narrativeUnknownSection(heading: $0.heading), file: displayPath, line: $0.line)
        }
        result.findings += narrative.tooLong.map { Finding(.narrativeParagraphTooLong($0), file: displayPath) }
        result.findings += narrative.unplaced.map { Finding(.narrativeUnplacedParagraph($0), file: displayPath) }
        result.contents = .narrative(narrative)
        return result
    }

    /// Reads a file of text (CSV, TSV, or a text ".xls"): its records through libcsv.
    static func readText(_ opened: OpenedFile, displayPath: String, options: ReadingOptions) -> FileResult {
        var result = FileResult(input: InputSummary(path: displayPath, sha256: "", kind: "unreadable", encoding: ""))
        func finding(_ detail: Finding.Detail, line: Int? = nil) {
            result.findings.append(Finding(detail, file: displayPath, line: line))
        }
        let file: CSVFile
        do {
            file = try CSVFile(opened)
        } catch {
            finding(.fileUnreadable(reason: describe(error)))
            return result
        }
        result.inspection.signature = file.signature
        let encoding: TextEncoding
        switch file.signature {
        case .empty:
            result.input.kind = "empty"
            result.input.sha256 = SHA256Hasher.emptyDigest
            finding(.fileEmpty)
            return result
        case .zipArchive, .legacyOfficeDocument:
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.fileExcelWorkbook)
            return result
        case .binary:
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.fileBinary)
            return result
        case .text(let detected):
            encoding = detected
        }
        result.input.encoding = encoding.rawValue

        guard let (source, header) = CSVRecordSource.find(in: file, place: displayPath, kinds: options.kinds) else {
            result.input.kind = "unrecognised"
            let likely = CSVRecordSource(
                file: file, delimiter: CSVRecordSource.likelyDelimiter(file), place: displayPath)
            result.inspection.delimiter = likely.delimiter
            // A 决算 form saved as CSV: read by its layout.
            let recognition = FormReader.recognise(
                leading: likely.leadingRecords(lines: FormReader.headerRows), sheetName: nil, layouts: options.layouts)
            let layouts = recognition.chosen
            if let first = layouts.first, first.readsNothing {
                result.input.kind = "not_a_table"
                result.input.layout = first.name
                result.inspection.formChoice = recognition.explained(read: first.name)
                result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
                return result
            }
            if !layouts.isEmpty {
                let summary = FormReader.read(likely, layouts: layouts, place: displayPath, into: &result)
                result.inspection.formChoice = recognition.explained(read: result.input.layout)
                result.input.sha256 = summary?.sha256 ?? (try? SHA256Hasher.hash(opened)) ?? ""
                result.bytes = summary?.byteCount ?? 0
                return result
            }
            // A table printed turned (人员情况: items down the side, categories across).
            if file.prefixIsWholeFile, let turned = TurnedTable.find(in: likely, kinds: options.kinds) {
                readTextTable(
                    turned.header, from: TurnedSource(base: likely, rows: turned.rows), opened, options, into: &result)
                return result
            }
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            let completeLines = file.decodedPrefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if !file.prefixIsWholeFile && completeLines < TableHeader.maxLine {
                // The header may lie past the first 64 KiB: one clear finding, not a row-by-row mess.
                finding(
                    .fileHeaderTooLong(line: completeLines + 1, limitKiB: CSVFile.sniffSize / 1024),
                    line: completeLines + 1)
            } else {
                finding(TableHeader.unrecognised(likely, kinds: options.kinds), line: 1)
            }
            return result
        }
        result.inspection.delimiter = source.delimiter
        readTextTable(header, from: source, opened, options, into: &result)
        return result
    }

    /// A text file's table read into `result`, with the file's digest and size; a read that stops
    /// part way (the bytes change, or are not the encoding) is the file's finding.
    static func readTextTable(
        _ header: TableHeader, from source: some RecordSource, _ opened: OpenedFile, _ options: ReadingOptions,
        into result: inout FileResult
    ) {
        let place = result.input.path
        do {
            let summary = try result.readTable(
                header, from: source, place: place, options: options, setsAside: { $0 is FileReadError })
            result.input.sha256 = summary.sha256
            result.bytes = summary.byteCount
        } catch let error as FileReadError {
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            let (detail, line) = readFailure(error)
            result.findings.append(Finding(detail, file: place, line: line))
        } catch {
            result.findings.append(Finding(.fileReadFailed(reason: "\(error)"), file: place))
        }
    }

    /// Why a file's reading stopped part way, and the line it stopped on.
    static func readFailure(_ error: FileReadError) -> (Finding.Detail, Int?) {
        switch error {
        case .invalidEncoding(_, let encoding, let line): (.fileEncoding(encoding, line: line), line)
        case .nul(_, let line): (.fileNul(line: line), line)
        case .changedWhileRead: (.fileChangedWhileRead, nil)
        case .unreadable(_, let reason): (.fileReadFailed(reason: reason), nil)
        case .notRegular(_, let kind): (.fileNotRegular(kind), nil)
        }
    }

    static func notCSV(_ name: String) -> Finding.NotCSV {
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xls") || name.hasSuffix(".et") { return .workbook }
        if name.hasSuffix(".txt") || name.hasSuffix(".tsv") { return .text }
        return .other
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? FileReadError, case .unreadable(_, let reason) = error { return reason }
        return "\(error)"
    }
}
