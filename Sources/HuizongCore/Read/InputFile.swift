import CSVReading

/// What `inputs[]` says of one file: what it was and how many of its rows counted.
public struct InputSummary: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    /// A table kind, or `not_csv`, `unrecognised`, `unreadable`, `empty`, `duplicate`.
    public var kind: String
    public var encoding: String
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
}

/// What Huizong saw in a file before its rows: for `inspect` and for messages.
public struct FileInspection: Sendable {
    public var signature: FileSignature?
    public var delimiter: UInt8?
    /// Lines before the header (title, 编制单位, 单位：万元), as written.
    public var preamble: [String] = []
    public var headerLine: Int?
    public var layout: TableLayout?
    public var moneyUnits: [String: MoneyUnit] = [:]
    public var blankRows = 0
    public var totalRows: [Int] = []
}

/// Everything one file contributed; produced by one worker, merged in path order.
public struct FileResult: Sendable {
    public var input: InputSummary
    public var findings: [Finding] = []
    public var contents: TableContents = .none
    public var inspection = FileInspection()
    /// Bytes on disk, for progress and throughput.
    public var bytes = 0
    /// The sum of the magnitudes of every accepted amount: what keeps totals inside `Int64`.
    public var amountMagnitude = Money.zero
    /// Data rows, by line, kept only when `inspect --rows` asks for them.
    public var rowsForInspection: [[(String, String)]]? = nil
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
    public static func read(path: String, displayPath: String, options: ReadingOptions = ReadingOptions()) -> FileResult {
        do {
            return read(try OpenedFile(path: path), displayPath: displayPath, options: options)
        } catch {
            return openFailure(error, displayPath: displayPath)
        }
    }

    /// Why a file could not be opened, as its result.
    static func openFailure(_ error: FileReadError, displayPath: String) -> FileResult {
        if case .notRegular(_, let kind) = error {
            return FileResult(notRead: displayPath, Finding(
                .error, "file.not_regular", file: displayPath, "这不是普通文件，而是\(kind)；汇总不读取它。请把导出的文件本身放进文件夹。"))
        }
        return FileResult(notRead: displayPath, Finding(
            .error, "file.unreadable", file: displayPath, "无法读取该文件（\(describe(error))）；请检查文件权限后重试。"))
    }

    /// Reads one opened file of the drop folder (see `read(path:displayPath:options:)`).
    public static func read(_ opened: OpenedFile, displayPath: String, options: ReadingOptions = ReadingOptions()) -> FileResult {
        var result = FileResult(input: InputSummary(path: displayPath, sha256: "", kind: "unreadable", encoding: ""))
        func finding(_ severity: Finding.Severity, _ rule: String, line: Int? = nil, unit: String = "", _ message: String) {
            result.findings.append(Finding(severity, rule, unit: unit, file: displayPath, line: line, message))
        }
        let lowerName = displayPath.lowercased()
        guard lowerName.hasSuffix(".csv") else {
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            let name = lowerName.split(separator: "/").last.map(String.init) ?? lowerName
            if name.hasPrefix(".") || name.hasPrefix("~$") || ["thumbs.db", "desktop.ini"].contains(name) {
                finding(.info, "file.system", "系统或临时文件，已跳过。")
            } else {
                finding(.warning, "file.not_csv", adviceForNonCSV(lowerName))
            }
            return result
        }
        let file: CSVFile
        do {
            file = try CSVFile(opened)
        } catch {
            finding(.error, "file.unreadable", "无法读取该文件（\(describe(error))）；请检查文件权限后重试。")
            return result
        }
        result.inspection.signature = file.signature
        let encoding: TextEncoding
        switch file.signature {
        case .empty:
            result.input.kind = "empty"
            result.input.sha256 = SHA256Hasher.emptyDigest
            finding(.warning, "file.empty", "文件是空的（0 字节），没有可读的数据；请确认导出是否成功。")
            return result
        case .zipArchive, .legacyOfficeDocument:
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.error, "file.excel_workbook", "这是 Excel 工作簿，只是扩展名写成了 .csv；请在 Excel/WPS 中打开，另存为“CSV UTF-8（逗号分隔）”后再放入。")
            return result
        case .binary:
            result.input.kind = "not_csv"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            finding(.error, "file.binary", "文件含有二进制内容（空字节），不是文本格式的 CSV；请重新从系统导出。")
            return result
        case .text(let detected):
            encoding = detected
        }
        result.input.encoding = encoding.rawValue

        guard let (source, header) = CSVRecordSource.find(in: file, place: displayPath) else {
            result.input.kind = "unrecognised"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            let likely = CSVRecordSource(file: file, delimiter: CSVRecordSource.likelyDelimiter(file), place: displayPath)
            result.inspection.delimiter = likely.delimiter
            let completeLines = file.decodedPrefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if !file.prefixIsWholeFile && completeLines < TableHeader.maxLine {
                // The header may lie past the first 64 KiB: one clear finding, not a row-by-row mess.
                finding(.error, "file.header_too_long", line: completeLines + 1,
                        "第 \(completeLines + 1) 行超过 \(CSVFile.sniffSize / 1024) KiB，找不到表头；表头和它上方的标题行合计不能超过 \(CSVFile.sniffSize / 1024) KiB。请检查该文件是否是正常导出的表格。")
            } else {
                finding(.error, "file.unrecognised", line: 1, TableHeader.unrecognisedMessage(likely))
            }
            return result
        }
        result.input.kind = header.layout.kind.rawValue
        result.inspection.delimiter = source.delimiter
        result.inspection.preamble = header.preamble
        result.inspection.headerLine = header.line
        result.inspection.layout = header.layout
        let (units, unitFindings) = TableBuilder.moneyUnits(for: header, place: displayPath)
        result.inspection.moneyUnits = units
        result.findings += unitFindings
        var table = TableBuilder(header: header, moneyUnits: units, place: displayPath, options: options)
        do {
            let summary = try table.read(source)
            let (contents, magnitude) = table.finish()
            result.input.sha256 = summary.sha256
            result.bytes = summary.byteCount
            result.input.rows = table.rows
            result.input.rejected = table.rejected
            result.input.accepted = table.rows - table.rejected
            result.findings += table.findings
            result.contents = contents
            result.amountMagnitude = magnitude
            result.inspection.blankRows = table.blankRows
            result.inspection.totalRows = table.totalRowLines
            result.rowsForInspection = table.rowsForInspection
        } catch let error as FileReadError {
            // The whole file is set aside: a half-read file would count some rows and not others.
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            result.input.rows = table.rows
            result.input.rejected = table.rows
            result.input.accepted = 0
            result.findings += table.findings.filter { !$0.rule.hasPrefix("row.") }
            switch error {
            case .invalidEncoding(_, let encoding, let line):
                finding(.error, "file.encoding", line: line,
                        "第 \(line) 行起的字节不是合法的 \(encoding.displayName) 编码（文件中途换了编码，或文件已损坏）；整个文件未计入。请用 Excel/WPS 重新另存为 CSV UTF-8。")
            case .nul(_, let line):
                finding(.error, "file.nul", line: line,
                        "第 \(line) 行含有空字符（NUL），不是正常的文本；整个文件未计入。请用 Excel/WPS 重新另存为 CSV UTF-8。")
            case .changedWhileRead:
                finding(.error, "file.changed_while_read",
                        "读取过程中文件发生了变化（可能还在复制或导出中）；整个文件未计入，以免计入不完整的行。请等文件写完后重新运行汇总。")
            case .unreadable(_, let reason):
                finding(.error, "file.unreadable", "读取中途出错（\(reason)）；整个文件未计入。")
            case .notRegular(_, let kind):
                finding(.error, "file.not_regular", "这不是普通文件，而是\(kind)；汇总不读取它。")
            }
        } catch {
            finding(.error, "file.unreadable", "读取中途出错（\(error)）；整个文件未计入。")
        }
        return result
    }

    static func adviceForNonCSV(_ name: String) -> String {
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xls") || name.hasSuffix(".et") {
            return "这是 Excel/WPS 工作簿，汇总只读取 CSV；请在 Excel/WPS 中打开，另存为“CSV UTF-8（逗号分隔）”后放入同一文件夹。"
        }
        if name.hasSuffix(".txt") || name.hasSuffix(".tsv") {
            return "这是文本文件，汇总只读取扩展名为 .csv 的文件；如果它是导出的表格，请把扩展名改为 .csv。"
        }
        return "不是 CSV 文件，已跳过；如果它不属于本次汇总，可以把它移出文件夹。"
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? FileReadError, case .unreadable(_, let reason) = error { return reason }
        return "\(error)"
    }
}
