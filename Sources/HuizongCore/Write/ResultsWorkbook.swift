import CXLSXWriter
import Foundation

/// 汇总结果.xlsx: the results for people, one sheet per result, written by libxlsxwriter.
/// Codes are text cells, money number cells in 元 formatted `#,##0.00`, counts integers; each
/// sheet has its header row frozen and filterable. Two runs on the same input give the same bytes
/// (the document's timestamps are fixed).
struct ResultsWorkbook {
    static let fileName = "汇总结果.xlsx"

    let consolidation: Consolidation
    let files: OutputFiles

    /// The workbook's bytes. libxlsxwriter writes to a path: a private temporary folder.
    func render() throws(Publisher.Problem) -> [UInt8] {
        var template = Array((NSTemporaryDirectory() + "/huizong-workbook.XXXXXX").utf8CString)
        guard let folderPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .io(path: Self.fileName, reason: String(cString: strerror(errno)))
        }
        let folder = String(cString: folderPointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + Self.fileName
        guard let workbook = workbook_new(path) else {
            throw .io(path: Self.fileName, reason: "libxlsxwriter could not start the workbook")
        }
        let book = Book(workbook)
        defer { book.freeStrings() }
        book.setProperties(title: title, created: createdTime)
        units(book)
        findings(book)
        score(book)
        budget(book)
        assets(book)
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            throw .io(path: Self.fileName, reason: String(cString: lxw_strerror(error)))
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .io(path: Self.fileName, reason: "the written workbook could not be read back")
        }
        return Array(bytes)
    }

    var title: String {
        let main = consolidation.units.first { $0.parentCode.isEmpty } ?? consolidation.units.first
        let name = main.map { $0.entry.name.hasSuffix("本级") ? String($0.entry.name.dropLast(2)) : $0.entry.name } ?? ""
        let year = consolidation.fiscalYear.map { "\($0)年度" } ?? ""
        return "\(name)\(year)汇总结果"
    }

    /// The end of the fiscal year (UTC), else the ZIP epoch: never the time of the run.
    var createdTime: time_t {
        guard let year = consolidation.fiscalYear else { return 315_532_800 }  // 1980-01-01
        var date = DateComponents()
        (date.year, date.month, date.day) = (year, 12, 31)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return time_t(calendar.date(from: date)?.timeIntervalSince1970 ?? 315_532_800)
    }

    // MARK: Sheets

    func units(_ book: Book) {
        let sheet = book.sheet("单位")
        let header = files.unitsHeader(language: .zh)
        sheet.header(header)
        for unit in consolidation.units {
            sheet.row(
                [
                    .code(unit.code), .text(unit.entry.name), .code(unit.parentCode), .text(files.statusText(unit)),
                    .text(
                        unit.tablesReceived.sorted { $0.rawValue < $1.rawValue }.map(\.chinese).joined(separator: "、")),
                    .count(unit.errors), .count(unit.warnings),
                ]
                    + figureCells(
                        assets: unit.assets, staff: unit.staff, budget: unit.budget, ledger: unit.ledger,
                        eliminated: false, missing: consolidation.missing(of: unit.code)))
        }
        sheet.filterAndFreeze(columns: 2)
        sheet.skipRow()
        let all = consolidation
        sheet.row(
            [
                .text("合计"), .text("部门合计（内部往来已抵销）"), .empty, .empty, .empty,
                .count(all.units.reduce(0) { $0 + $1.errors }), .count(all.units.reduce(0) { $0 + $1.warnings }),
            ]
                + figureCells(
                    assets: all.assets, staff: all.staff, budget: all.budget, ledger: all.ledger, eliminated: true),
            style: .total)
        sheet.fitColumns()
    }

    func figureCells(
        assets: AssetTotals, staff: StaffTotals, budget: BudgetFigures, ledger: LedgerSummary, eliminated: Bool,
        missing: MissingFigures = MissingFigures()
    ) -> [Book.Cell] {
        OutputFiles.unitFigures(
            assets: assets, staff: staff, budget: budget, ledger: ledger, eliminated: eliminated, missing: missing
        )
        .map {
            switch $0 {
            case .money(let amount): .money(amount)
            case .count(let count): .count(count)
            case .eliminated, .missing: .empty
            }
        }
    }

    func findings(_ book: Book) {
        let sheet = book.sheet("问题")
        sheet.header(["严重程度", "规则", "单位编码", "单位名称", "文件", "行号", "说明"])
        let names = Dictionary(consolidation.units.map { ($0.code, $0.entry.name) }, uniquingKeysWith: { a, _ in a })
        for finding in consolidation.findings {
            sheet.row(
                [
                    .text(finding.severity.chinese), .text(finding.rule), .code(finding.unit),
                    .text(names[finding.unit] ?? ""), .text(finding.file), finding.line.map { .count($0) } ?? .empty,
                    .text(finding.message),
                ],
                style: finding.severity == .error ? .error : finding.severity == .warning ? .warning : .plain)
        }
        sheet.filterAndFreeze(columns: 0)
        sheet.fitColumns()
    }

    func score(_ book: Book) {
        let sheet = book.sheet("评分")
        sheet.header([
            "指标编码", "一级指标", "二级指标", "指标名称", "方向", "权重", "目标值", "实际值", "计量单位", "数据来源",
            "完成率(%)", "得分", "标记", "偏差原因",
        ])
        guard let card = consolidation.scorecard else {
            sheet.row([.text("未评分：没有找到绩效指标表")])
            sheet.fitColumns()
            return
        }
        for scored in card.indicators {
            let indicator = scored.indicator
            sheet.row([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text(scored.direction.chinese), .decimal(scored.weight), scored.target.map { .decimal($0) } ?? .empty,
                scored.band.map { .text($0.chinese) } ?? scored.actual.map { .decimal($0) } ?? .empty,
                .text(indicator.measure), .text(indicator.source),
                scored.completion.map { .decimal($0.rounded(2)) } ?? .empty, .decimal(scored.score),
                .text(scored.flags.joined(separator: "、")), .text(indicator.deviationReason),
            ])
        }
        for indicator in card.notApplicable {
            sheet.row([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text("不适用"), .empty, .empty, .empty, .text(indicator.measure), .empty, .empty, .empty,
                .text("not_applicable"), .text(indicator.deviationReason),
            ])
        }
        sheet.filterAndFreeze(columns: 0)
        sheet.skipRow()
        for group in card.groups {
            sheet.row(
                [
                    .text("小计"), .text(group.name), .empty, .empty, .empty, .decimal(group.weight), .empty, .empty,
                    .empty, .empty, .empty, .decimal(group.score),
                ], style: .total)
        }
        let weights = card.groups.reduce(Decimal(0)) { $0 + $1.weight }
        sheet.row(
            [
                .text("总分"), .empty, .empty, .text(card.schemeName), .empty, .decimal(weights), .empty, .empty, .empty,
                .empty, .empty, card.total.map { .decimal($0) } ?? .text("未评分"),
            ], style: .total)
        sheet.row(
            [.text("等级"), .empty, .empty, .text(card.grade ?? "未评分：" + Scorecard.unscoredText(card))],
            style: .total)
        sheet.fitColumns()
    }

    func budget(_ book: Book) {
        let sheet = book.sheet("预决算")
        sheet.header(["单位编码", "单位名称", "阶段"] + BudgetItem.allCases.map { "\($0.chinese)(元)" })
        for unit in consolidation.units {
            for stage in BudgetStage.allCases where unit.budget.stages[stage] != nil {
                sheet.row(
                    [.code(unit.code), .text(unit.entry.name), .text(stage.chinese)]
                        + BudgetItem.allCases.map { .money(unit.budget[stage][$0]) })
            }
        }
        sheet.filterAndFreeze(columns: 3)
        sheet.skipRow()
        for stage in BudgetStage.allCases {
            sheet.row(
                [.text("合计"), .text("部门合计（内部往来已抵销）"), .text(stage.chinese)]
                    + BudgetItem.allCases.map {
                        $0.isInternalTransfer ? .empty : .money(consolidation.budget[stage][$0])
                    },
                style: .total)
        }
        sheet.fitColumns()
    }

    func assets(_ book: Book) {
        let sheet = book.sheet("资产")
        let columns = files.assetColumns
        sheet.header(["单位编码", "单位名称"] + columns.map { "\($0.zh)(元)" })
        func cells(_ assets: AssetTotals) -> [Book.Cell] { OutputFiles.assetFigures(assets).map(Book.Cell.money) }
        for unit in consolidation.units where unit.tablesReceived.contains(.assets) {
            sheet.row([.code(unit.code), .text(unit.entry.name)] + cells(unit.assets))
        }
        sheet.filterAndFreeze(columns: 2)
        sheet.skipRow()
        sheet.row([.text("合计"), .text("部门合计")] + cells(consolidation.assets), style: .total)
        sheet.fitColumns()
    }
}

/// A workbook being written, with the handful of formats the sheets use.
final class Book {
    enum Cell {
        case text(String)
        /// An identifier such as a unit code: always a text cell, leading zeros kept.
        case code(String)
        case money(Money)
        case count(Int)
        /// A score, weight or rate: not money, shown as written.
        case decimal(Decimal)
        case empty
    }

    enum Style {
        case plain, total, error, warning
    }

    let workbook: UnsafeMutablePointer<lxw_workbook>
    let header: UnsafeMutablePointer<lxw_format>
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bg_color(header, 0xD9E1F2)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
    }

    /// A C string that lives until the workbook is closed (libxlsxwriter keeps some pointers).
    func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        strings.append(copy)
        return copy
    }

    func freeStrings() {
        for string in strings { free(string) }
        strings.removeAll()
    }

    func setProperties(title: String, created: time_t) {
        var properties = lxw_doc_properties()
        properties.title = keep(title)
        properties.subject = keep("部门整体支出绩效自评汇总")
        properties.author = keep("汇总 Huizong")
        properties.created = created
        workbook_set_properties(workbook, &properties)
    }

    /// The format for a number format (or none) in a style, made once.
    func format(_ numberFormat: String?, _ style: Style) -> UnsafeMutablePointer<lxw_format>? {
        if numberFormat == nil && style == .plain { return nil }
        let key = "\(numberFormat ?? "")|\(style)"
        if let format = formats[key] { return format }
        let format = workbook_add_format(workbook)!
        if let numberFormat { format_set_num_format(format, numberFormat) }
        switch style {
        case .plain: break
        case .total:
            format_set_bold(format)
            format_set_top(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .error: format_set_bg_color(format, 0xF8D7DA)
        case .warning: format_set_bg_color(format, 0xFFF3CD)
        }
        formats[key] = format
        return format
    }

    func sheet(_ name: String) -> Sheet {
        Sheet(book: self, worksheet: workbook_add_worksheet(workbook, name))
    }

    final class Sheet {
        let book: Book
        let worksheet: UnsafeMutablePointer<lxw_worksheet>
        private(set) var row: UInt32 = 0
        private var widths: [Int] = []
        private var lastColumn = 0

        init(book: Book, worksheet: UnsafeMutablePointer<lxw_worksheet>) {
            self.book = book
            self.worksheet = worksheet
        }

        func header(_ names: [String]) {
            for (column, name) in names.enumerated() {
                worksheet_write_string(worksheet, row, UInt16(column), name, book.header)
                note(column, name)
            }
            lastColumn = max(lastColumn, names.count - 1)
            row += 1
        }

        func row(_ cells: [Cell], style: Style = .plain) {
            for (index, cell) in cells.enumerated() {
                let column = UInt16(index)
                switch cell {
                case .text(let text), .code(let text):
                    // A cell holds at most 32,767 characters: longer text is cut, visibly.
                    let fitting =
                        text.unicodeScalars.count > 32_000 ? String(text.unicodeScalars.prefix(32_000)) + "…" : text
                    worksheet_write_string(worksheet, row, column, fitting, book.format(nil, style))
                    note(index, fitting)
                case .money(let amount):
                    // The nearest double to the exact amount in 元: what a spreadsheet holds, exact to the 分.
                    worksheet_write_number(
                        worksheet, row, column, Double(amount.fen) / 100, book.format("#,##0.00", style))
                    note(index, amount.yuanText + "00,")
                case .count(let count):
                    worksheet_write_number(worksheet, row, column, Double(count), book.format("0", style))
                    note(index, String(count))
                case .decimal(let value):
                    let text = value.plainText()
                    worksheet_write_number(worksheet, row, column, Double(text) ?? 0, book.format("General", style))
                    note(index, text)
                case .empty:
                    if style != .plain { worksheet_write_blank(worksheet, row, column, book.format(nil, style)) }
                }
            }
            lastColumn = max(lastColumn, cells.count - 1)
            row += 1
        }

        func skipRow() { row += 1 }

        /// The header row stays in view, with the first `columns` columns; the rows so far filter.
        func filterAndFreeze(columns: Int) {
            worksheet_freeze_panes(worksheet, 1, UInt16(columns))
            if row > 1 { worksheet_autofilter(worksheet, 0, 0, row - 1, UInt16(lastColumn)) }
        }

        /// Widths that fit the longest cell of each column (a Chinese character counts two).
        func fitColumns() {
            for (column, width) in widths.enumerated() {
                worksheet_set_column(worksheet, UInt16(column), UInt16(column), Double(min(max(width + 2, 8), 80)), nil)
            }
        }

        private func note(_ column: Int, _ text: String) {
            while widths.count <= column { widths.append(0) }
            let width = text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            widths[column] = max(widths[column], width)
        }
    }
}
