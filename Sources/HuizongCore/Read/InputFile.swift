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
    ///   - keepRows: keep header→value pairs of data rows for `inspect --rows`.
    public static func read(path: String, displayPath: String, keepRows: Bool = false) -> FileResult {
        do {
            return read(try OpenedFile(path: path), displayPath: displayPath, keepRows: keepRows)
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

    /// Reads one opened file of the drop folder (see `read(path:displayPath:keepRows:)`).
    public static func read(_ opened: OpenedFile, displayPath: String, keepRows: Bool = false) -> FileResult {
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

        guard let sniff = Sniffer.sniff(file.decodedPrefix) else {
            result.input.kind = "unrecognised"
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            result.inspection.delimiter = Sniffer.likelyDelimiter(file.decodedPrefix)
            let completeLines = file.decodedPrefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if !file.prefixIsWholeFile && completeLines < Sniffer.maxHeaderLine {
                // The header may lie past the first 64 KiB: one clear finding, not a row-by-row mess.
                finding(.error, "file.header_too_long", line: completeLines + 1,
                        "第 \(completeLines + 1) 行超过 \(CSVFile.sniffSize / 1024) KiB，找不到表头；表头和它上方的标题行合计不能超过 \(CSVFile.sniffSize / 1024) KiB。请检查该文件是否是正常导出的表格。")
            } else {
                finding(.error, "file.unrecognised", line: 1, Sniffer.unrecognisedMessage(file.decodedPrefix))
            }
            return result
        }
        result.input.kind = sniff.layout.kind.rawValue
        result.inspection.delimiter = sniff.delimiter
        result.inspection.preamble = sniff.preamble
        result.inspection.headerLine = sniff.headerLine
        result.inspection.layout = sniff.layout

        // Money units: the header's word, else the preamble's 单位：万元, else 元 with a warning.
        var units: [String: MoneyUnit] = [:]
        for (key, stated) in sniff.layout.headerUnits {
            if let stated {
                units[key] = stated
            } else if let preambleUnit = sniff.preambleUnit {
                units[key] = preambleUnit
            } else {
                units[key] = .yuan
                let header = sniff.layout.header[sniff.layout.index[key]!].trimmingSpaces()
                finding(.warning, "header.money_unit_assumed", line: sniff.headerLine,
                        "金额列“\(header)”没有注明单位，表头上方也没有“单位：万元/元”，已按元读取；请把表头写成“\(header)(元)”或“\(header)(万元)”。")
            }
        }
        result.inspection.moneyUnits = units
        let parser = RowParser(layout: sniff.layout, moneyUnits: units)
        var collector = ContentCollector(kind: sniff.layout.kind)
        var totals = TotalRowChecker(parser: parser)
        if keepRows { result.rowsForInspection = [] }
        // Ledger rows as software writes them take the fast path; every other row the ordinary one.
        let fast = keepRows ? nil : FastLedgerRow(layout: sniff.layout, moneyUnits: units)
        let headerLine = sniff.headerLine

        func reject(_ line: Int, _ problem: RowProblem) {
            result.input.rows += 1
            result.input.rejected += 1
            finding(.error, problem.rule, line: line, unit: problem.unit, problem.message)
        }

        // A ledger row the fast path reads where it lies; false sends it the ordinary way.
        func takeLedgerRow(_ fields: RecordFields, line: Int) -> Bool {
            guard line > headerLine, let row = fast?.parse(fields), (try? collector.count(row.amount)) != nil else {
                return false
            }
            collector.addLedger(row, line: line)
            totals.addLedgerAmount(row.amount)
            result.input.rows += 1
            result.input.accepted += 1
            return true
        }

        do {
            let summary = try file.readRecords(delimiter: sniff.delimiter, fields: takeLedgerRow) { event in
                switch event {
                case .malformed(let problem):
                    guard problem.line > sniff.headerLine else { return }
                    reject(problem.line, RowProblem(rule: "row.malformed", message: problem.message + "该行未计入。"))
                case .record(let record):
                    guard record.line > sniff.headerLine else { return }
                    if record.withUnsafeFields({ takeLedgerRow($0, line: record.line) }) { return }
                    if record.isBlank {
                        result.inspection.blankRows += 1
                        return
                    }
                    if TotalRowChecker.isTotalRow(record) {
                        result.inspection.totalRows.append(record.line)
                        if let problem = totals.check(record) {
                            finding(problem.severity, problem.rule, line: record.line, problem.message)
                        }
                        return
                    }
                    // The 合计 row sums every row above it as written, counted or not.
                    totals.add(record)
                    do throws(RowProblem) {
                        try parser.checkWidth(record)
                        try collector.add(record, parser: parser)
                        result.input.rows += 1
                        result.input.accepted += 1
                        if keepRows {
                            result.rowsForInspection?.append(inspectionPairs(record, layout: sniff.layout))
                        }
                    } catch {
                        reject(record.line, error)
                    }
                }
            }
            result.input.sha256 = summary.sha256
            result.bytes = summary.byteCount
            result.contents = collector.finish()
            result.amountMagnitude = collector.magnitude
        } catch let error as FileReadError {
            // The whole file is set aside: a half-read file would count some rows and not others.
            result.input.sha256 = (try? SHA256Hasher.hash(opened)) ?? ""
            result.input.rejected = result.input.rows
            result.input.accepted = 0
            result.contents = .none
            result.findings.removeAll { $0.rule.hasPrefix("row.") }
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

    static func inspectionPairs(_ record: Record, layout: TableLayout) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (index, name) in layout.header.enumerated() where index < record.count {
            if personalDataHeaders.contains(normalizeLabel(name).lowercased()) { continue }
            pairs.append((name, record[index]))
        }
        return pairs
    }
}

/// Builds a file's typed contents row by row.
struct ContentCollector {
    let kind: TableKind
    var registry: [RegistryEntry] = []
    var assets: [AssetCard] = []
    var staff: [StaffMember] = []
    var budget: [BudgetLine] = []
    var ledgers: [String: LedgerSummary] = [:]
    /// The unit whose rows are streaming past, summed apart until another unit's row comes.
    var currentUnit: String?
    var current = LedgerSummary()
    var indicators: [Indicator] = []
    var figures: [ReportFigure] = []
    var magnitude = Money.zero

    /// Counts a row's amounts towards the file's magnitude, refusing the row past `Money.largestSum`.
    mutating func count(_ first: Money, _ second: Money = .zero) throws(RowProblem) {
        guard let sum = magnitude.adding(first.magnitude), let total = sum.adding(second.magnitude),
              total <= Money.largestSum else {
            throw RowProblem(rule: "row.amount", message: "加上这一行后，本文件金额的合计超出可计算的范围（约 2.3 亿亿元）；该行未计入，请核对金额的单位和位数。")
        }
        magnitude = total
    }

    mutating func add(_ record: Record, parser: RowParser) throws(RowProblem) {
        switch kind {
        case .registry: registry.append(try parser.registryEntry(record))
        case .assets:
            let card = try parser.assetCard(record)
            try count(card.originalValue, card.accumulatedDepreciation)
            assets.append(card)
        case .staff: staff.append(try parser.staffMember(record))
        case .budget:
            let line = try parser.budgetLine(record)
            try count(line.amount)
            budget.append(line)
        case .expenditure:
            let line = try parser.ledgerLine(record)
            try count(line.amount)
            addLedger(FastLedgerRow.Row(unit: line.unit, year: line.year, source: line.source, type: line.type,
                                        amount: line.amount), line: record.line)
        case .indicators: indicators.append(try parser.indicator(record))
        case .reportFigures: figures.append(try parser.reportFigure(record))
        }
    }

    mutating func addLedger(_ row: FastLedgerRow.Row, line: Int) {
        if row.unit != currentUnit {
            flushLedger()
            currentUnit = row.unit
        }
        current.add(row.amount, source: row.source, type: row.type, year: row.year, line: line)
    }

    mutating func flushLedger() {
        guard let unit = currentUnit else { return }
        ledgers[unit, default: LedgerSummary()].merge(current)
        current = LedgerSummary()
        currentUnit = nil
    }

    mutating func finish() -> TableContents {
        flushLedger()
        return switch kind {
        case .registry: .registry(registry)
        case .assets: .assets(assets)
        case .staff: .staff(staff)
        case .budget: .budget(budget)
        case .expenditure: .expenditure(ledgers)
        case .indicators: .indicators(indicators)
        case .reportFigures: .reportFigures(figures)
        }
    }
}

/// A 合计/总计 row is not data: its amounts must equal the rows above it.
struct TotalRowChecker {
    let parser: RowParser
    var sums: [String: Money] = [:]
    /// Rows above the total whose amount could not be read, so the sum cannot be complete.
    var unreadableSinceLastTotal = 0

    init(parser: RowParser) {
        self.parser = parser
    }

    static func isTotalRow(_ record: Record) -> Bool {
        for index in 0..<min(3, record.count) {
            var cell = normalizeLabel(record[index])
            if cell.isEmpty { continue }
            while cell.hasSuffix(":") { cell.removeLast() }
            return cell == "合计" || cell == "总计" || cell == "总合计"
        }
        return false
    }

    /// A ledger amount the fast path already read, summed apart from the dictionary (hot loop).
    var ledgerAmounts = Money.zero
    var ledgerOverflows = 0

    mutating func addLedgerAmount(_ amount: Money) {
        if let sum = ledgerAmounts.adding(amount) { ledgerAmounts = sum } else { ledgerOverflows += 1 }
    }

    mutating func add(_ record: Record) {
        var unreadable = false
        for (key, unit) in parser.moneyUnits {
            // Plain amounts straight from their bytes; anything else through Money.parse.
            if let index = parser.layout.index[key], index < record.count,
               let amount = record.withUnsafeFields({ Money.plain($0[index], maxDecimals: unit.maxDecimals) }) {
                if let sum = sums[key, default: .zero].adding(amount) { sums[key] = sum } else { unreadable = true }
                continue
            }
            let text = parser.cell(record, key)
            if text.isEmpty { continue }
            if case .success(let amount) = Money.parse(text, unit: unit),
               let sum = sums[key, default: .zero].adding(amount) {
                sums[key] = sum
            } else {
                unreadable = true
            }
        }
        if unreadable { unreadableSinceLastTotal += 1 }
    }

    /// Compares the total row with the sums since the previous one, then starts afresh.
    mutating func check(_ record: Record) -> (severity: Finding.Severity, rule: String, message: String)? {
        if ledgerAmounts != .zero || ledgerOverflows > 0 {
            if let sum = sums["amount", default: .zero].adding(ledgerAmounts) { sums["amount"] = sum } else { unreadableSinceLastTotal += 1 }
            unreadableSinceLastTotal += ledgerOverflows
        }
        defer {
            sums = [:]
            unreadableSinceLastTotal = 0
            ledgerAmounts = .zero
            ledgerOverflows = 0
        }
        var differences: [String] = []
        for key in parser.moneyUnits.keys.sorted() {
            let text = parser.cell(record, key)
            if text.isEmpty { continue }
            let unit = parser.moneyUnits[key]!
            guard case .success(let stated) = Money.parse(text, unit: unit) else {
                return (.warning, "total_row.unreadable", "合计行的“\(parser.header(key))”值“\(text)”无法读成金额，未能核对。")
            }
            let computed = sums[key] ?? .zero
            if stated != computed {
                differences.append("“\(parser.header(key))”合计行写 \(amountText(stated, unit))，明细之和为 \(amountText(computed, unit))，相差 \(amountText(stated - computed, unit))")
            }
        }
        guard !differences.isEmpty else { return nil }
        var message = differences.joined(separator: "；") + "。合计行不计入汇总；请核对明细或合计公式。"
        if unreadableSinceLastTotal > 0 {
            message += "（其上有 \(unreadableSinceLastTotal) 行的金额无法读取，未加入明细之和。）"
        }
        return (.error, "total_row.mismatch", message)
    }

    func amountText(_ money: Money, _ unit: MoneyUnit) -> String {
        unit == .wan ? money.wanText + " 万元" : money.yuanText + " 元"
    }
}
