import CSVReading
import Foundation

/// One sheet of an .xlsx as records: each row a record on its row number, cells at their
/// columns (a merged range holds its value in its top-left cell; the rest are blank).
/// A sheet of any workbook shape: its rows as records, trailing blank cells left out.
protocol SheetSource: RecordSource {
    /// The header's width, once known: shorter rows are padded with blank fields.
    var width: Int { get set }
    /// Whether the sheet holds no cell; throws what keeps it from being read.
    func isEmpty() throws(XLSXWorkbook.Problem) -> Bool
    /// The finding for cells past Excel's last column that the last full read left out, if any.
    func ignoredCellsFinding() -> Finding?
}

extension SheetSource {
    func ignoredCellsFinding() -> Finding? { nil }
}

/// Cells past Excel's last column, counted while a sheet is read: the first row that had them,
/// how many rows did, how many cells in all.
final class IgnoredCells {
    var firstRow = 0
    var rows = 0
    var cells = 0

    func reset() { (firstRow, rows, cells) = (0, 0, 0) }

    func add(row: Int, cells count: Int) {
        if rows == 0 { firstRow = row }
        rows += 1
        cells += count
    }
}

struct XLSXSheetSource: SheetSource {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorkbook.Sheet
    let place: String
    /// The header's width, once known: a sheet leaves out trailing blank cells, which are blank
    /// fields, not a short row.
    var width = 0
    /// What the last full read left out past column XFD.
    let ignored = IgnoredCells()

    /// Stops a sheet early once the leading rows are in.
    private struct Enough: Error {}

    func leadingRecords(lines: Int) -> [Record] {
        var records: [Record] = []
        try? workbook.forEachRow(of: sheet, width: width) { record in
            guard record.line <= lines else { throw Enough() }
            if !record.isBlank { records.append(record) }
        }
        return records
    }

    /// Each row goes to `fast` first, where it lies (a ledger row every rule accepts is taken
    /// there), and otherwise to `consume` as a record, as a CSV file's rows do.
    func forEachRecord(fast: (RecordFields, Int) throws -> Bool, _ consume: (RecordEvent) throws -> Void) throws
        -> CSVFile.ReadSummary
    {
        ignored.reset()
        try workbook.forEachRow(of: sheet, width: width, ignored: ignored) { record in
            if try record.withUnsafeFields({ try fast($0, record.line) }) { return }
            try consume(.record(record))
        }
        return CSVFile.ReadSummary(sha256: "", byteCount: 0)
    }

    func ignoredCellsFinding() -> Finding? {
        guard ignored.rows > 0 else { return nil }
        return Finding(
            .sheetTooManyColumns(rows: ignored.rows, cells: ignored.cells), file: place, line: ignored.firstRow)
    }

    /// Whether the sheet holds no cell at all; throws what keeps its part from being read.
    func isEmpty() throws(XLSXWorkbook.Problem) -> Bool {
        var empty = true
        do {
            try workbook.forEachRow(of: sheet) { record in
                if record.count > 0 {
                    empty = false
                    throw Enough()
                }
            }
        } catch let problem as XLSXWorkbook.Problem {
            throw problem
        } catch {}
        return empty
    }
}

extension InputFileReader {
    /// The largest workbook read (compressed): its bytes are held while its sheets are read.
    static let maxWorkbookBytes = 256 << 20

    /// Reads an .xlsx: the workbook's own entry (its hash, and what kept it from being read), and
    /// one entry per sheet, each read like a CSV file and named `file［sheet］`.
    static func readWorkbook(
        _ opened: OpenedFile, shape: WorkbookShape = .xlsx, displayPath: String, options: ReadingOptions
    ) -> FileResult {
        let format = shape.rawValue
        var result = FileResult(input: InputSummary(path: displayPath, sha256: "", kind: "workbook", encoding: format))
        func finding(_ detail: Finding.Detail) { result.findings.append(Finding(detail, file: displayPath)) }
        let bytes: [UInt8]
        do {
            guard let contents = try opened.contents(limit: maxWorkbookBytes) else {
                finding(.workbookUnreadable(reason: .tooLarge(limit: maxWorkbookBytes)))
                result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
                return result
            }
            bytes = contents
        } catch {
            return openFailure(error, displayPath: displayPath)
        }
        let hasher = SHA256Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        result.input.sha256 = hasher.finish()
        result.bytes = bytes.count
        if shape != .xlsx {
            do {
                let sheets =
                    switch shape {
                    case .biff: try BIFFWorkbook.read(bytes)
                    case .html: try OtherWorkbooks.html(bytes)
                    default: try OtherWorkbooks.spreadsheetML(bytes)
                    }
                for sheet in sheets {
                    let place = "\(displayPath)［\(sheet.name)］"
                    if let reason = sheet.unreadable {
                        var aside = FileResult(
                            input: InputSummary(
                                path: place, sha256: result.input.sha256, kind: "unrecognised", encoding: format))
                        aside.sheetOf = displayPath
                        aside.findings.append(Finding(.workbookUnreadable(reason: .notAWorkbook(reason)), file: place))
                        result.sheets.append(aside)
                        continue
                    }
                    var sheetResult = readSheet(
                        MemorySheetSource(sheet: sheet, place: place), place: place, sheetName: sheet.name,
                        options: options)
                    sheetResult.input.encoding = format
                    sheetResult.sheetOf = displayPath
                    sheetResult.input.sha256 = result.input.sha256
                    if sheetResult.input.kind != "empty" { result.sheets.append(sheetResult) }
                }
                // A file that gave no table says so, as an empty CSV does.
                if result.sheets.isEmpty { finding(.workbookNoTable(sheets: sheets.count)) }
                result.noteSheetsReadPast()
                result.noteCardsInYuanOnce()
            } catch {
                finding(.workbookUnreadable(reason: WorkbookProblem(error)))
            }
            return result
        }
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(bytes)
        } catch {
            finding(.workbookUnreadable(reason: WorkbookProblem(error)))
            return result
        }
        for sheet in workbook.sheets {
            let place = "\(displayPath)［\(sheet.name)］"
            let source = XLSXSheetSource(workbook: workbook, sheet: sheet, place: place)
            var sheetResult = readSheet(source, place: place, sheetName: sheet.name, options: options)
            sheetResult.sheetOf = displayPath
            sheetResult.input.sha256 = result.input.sha256  // the hash of the file the sheet is in
            if sheet.isHidden && sheetResult.input.kind != "empty" {
                sheetResult.findings.append(Finding(.sheetHidden, file: place))
            }
            if sheetResult.input.kind == "empty" { continue }  // an empty sheet is no table
            result.sheets.append(sheetResult)
        }
        if result.sheets.isEmpty { finding(.workbookNoTable(sheets: workbook.sheets.count)) }
        result.noteSheetsReadPast()
        result.noteCardsInYuanOnce()
        return result
    }

    /// One sheet, read as a CSV file's records are.
    static func readSheet(_ source: some SheetSource, place: String, sheetName: String, options: ReadingOptions)
        -> FileResult
    {
        var source = source
        var result = FileResult(input: InputSummary(path: place, sha256: "", kind: "unrecognised", encoding: "xlsx"))
        // A fixed form (a 决算 table) is read by its layout, before any table header is looked for;
        // the first rows are read once for both.
        let leading = source.leadingRecords(lines: max(FormReader.headerRows, TableHeader.maxLine))
        let recognition = FormReader.recognise(leading: leading, sheetName: sheetName, layouts: options.layouts)
        let layouts = recognition.chosen
        // A 封面, 填报说明 or 目录 (a layout that reads nothing): listed as read, and read past.
        if let first = layouts.first, first.readsNothing {
            result.input.kind = "not_a_table"
            result.input.layout = first.name
            result.inspection.formChoice = recognition.explained(read: first.name)
            return result
        }
        if !layouts.isEmpty {
            FormReader.read(source, layouts: layouts, place: place, into: &result)
            result.inspection.formChoice = recognition.explained(read: result.input.layout)
            if let finding = source.ignoredCellsFinding() { result.findings.append(finding) }
            return result
        }
        guard let header = TableHeader.find(in: leading, kinds: options.kinds) else {
            // A table printed turned (人员情况: items down the side, categories across).
            if let turned = TurnedTable.find(in: source, kinds: options.kinds) {
                readSheetTable(
                    turned.header, from: TurnedSource(base: source, rows: turned.rows), options, into: &result)
                return result
            }
            do {
                if try source.isEmpty() {
                    result.input.kind = "empty"
                    return result
                }
            } catch {
                result.findings.append(Finding(.workbookUnreadable(reason: WorkbookProblem(error)), file: place))
                return result
            }
            // A numbered 决算 form no layout reads (财决附01表, 财决08-1表): a 附表 the department does
            // not consolidate, read past.
            if recognition.isUnreadForm {
                result.input.kind = "not_a_table"
                result.inspection.formChoice =
                    recognition.explained(read: "")
                    + ["没有表号为 \(recognition.statedNumber ?? "") 的版式：汇总不读这张表"]
                return result
            }
            result.findings.append(
                Finding(TableHeader.unrecognised(source, kinds: options.kinds), file: place, line: 1))
            return result
        }
        source.width = header.layout.header.count
        if readSheetTable(header, from: source, options, into: &result), let finding = source.ignoredCellsFinding() {
            result.findings.append(finding)
        }
        return result
    }

    /// A sheet's table read into `result`; false, with the workbook's finding, when the sheet
    /// cannot be read to its end.
    @discardableResult
    static func readSheetTable(
        _ header: TableHeader, from source: some RecordSource, _ options: ReadingOptions, into result: inout FileResult
    ) -> Bool {
        do {
            _ = try result.readTable(header, from: source, place: result.input.path, options: options)
            return true
        } catch {
            let problem = (error as? XLSXWorkbook.Problem).map(WorkbookProblem.init) ?? .malformed(part: "", line: 0)
            result.findings.append(Finding(.workbookUnreadable(reason: problem), file: result.input.path))
            return false
        }
    }
}

/// Why a workbook (or one of its sheets) could not be read, for its finding.
package enum WorkbookProblem: Sendable, Hashable {
    case notAWorkbook(String)
    case malformed(part: String, line: Int)
    case tooLarge(limit: Int)
    /// A part whose CRC-32 is not the one the ZIP directory records.
    case damaged(part: String)
    /// Two ZIP entries of one name.
    case duplicatePart(String)

    init(_ problem: XLSXWorkbook.Problem) {
        switch problem {
        case .notAWorkbook(let reason): self = .notAWorkbook(reason)
        case .malformed(let part, let line, _): self = .malformed(part: part, line: line)
        case .tooLarge(_, let limit): self = .tooLarge(limit: limit)
        case .damaged(let part): self = .damaged(part: part)
        case .duplicatePart(let name): self = .duplicatePart(name)
        }
    }
}

extension FileResult {
    /// The sheets that hold no data table (封面, 填报说明, a 附表 not consolidated), named once for
    /// the workbook: listed in `inputs[]` as read, never an error.
    mutating func noteSheetsReadPast() {
        let names = sheets.filter { $0.input.kind == "not_a_table" }.map { sheet in
            sheet.input.path.hasPrefix(input.path + "［")
                ? String(sheet.input.path.dropFirst(input.path.count + 1).dropLast()) : sheet.input.path
        }
        if !names.isEmpty { findings.append(Finding(.sheetsReadPast(names: names), file: input.path)) }
    }
}
