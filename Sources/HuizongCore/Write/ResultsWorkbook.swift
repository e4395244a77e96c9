import CXLSXWriter
import Foundation

/// 汇总结果.xlsx: the results for people, written by libxlsxwriter, to read on screen and to print.
/// Codes are text cells, money number cells in 元 formatted `#,##0.00`, counts integers; each
/// sheet has its header row frozen and filterable, and prints on A4 landscape one page wide, its
/// header row (and code and name columns) repeated on every page. units.csv's 74 columns are
/// shown in parts that each print readably: 单位 (概况和人员), 资产, 预决算-收入, 预决算-支出,
/// 支出明细 and 支出资金来源. Totals are SUBTOTAL formulas, so a filter changes them, wherever
/// the rows above add up to the department's figure; where they do not (transfers eliminated, a
/// figure left out) the total is the figure itself and its label says so. Two runs on the same
/// input give the same bytes (the document's timestamps are fixed).
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
        let book = Book(workbook, title: title)
        defer { book.freeStrings() }
        book.setProperties(created: createdTime)
        let rows = unitRows()
        units(book, rows)
        findings(book)
        score(book)
        part(book, "资产", columns: Self.assetColumns, rows)
        budget(book, "预决算-收入", items: BudgetItem.allCases.filter { [.income, .openingBalance].contains($0.side) })
        budget(
            book, "预决算-支出", items: BudgetItem.allCases.filter { [.expenditure, .closingBalance].contains($0.side) })
        part(book, "支出明细", columns: Self.ledgerColumns, rows, dropping: ["支出明细-", "支出明细"])
        part(book, "支出资金来源", columns: Self.sourceColumns, rows, dropping: ["支出明细-资金来源-"])
        levels(book)
        previousYear(book)
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            throw .io(path: Self.fileName, reason: String(cString: lxw_strerror(error)))
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .io(path: Self.fileName, reason: "the written workbook could not be read back")
        }
        return Array(bytes)
    }

    var title: String { Self.title(consolidation) }

    /// The department (its 本级's name without 本级) and the year: `…规划局2022年度汇总结果`.
    static func title(_ consolidation: Consolidation) -> String {
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

    // MARK: units.csv in parts

    /// units.csv's columns by index: the leading seven (code … 警告数), then the figures in
    /// `OutputFiles.unitFigures`' order: 8 assets, 4 staff, 3 × 14 budget items, the ledger's rows,
    /// total, 3 types and 8 funding sources.
    static let leading = 0..<7
    static let assetColumns = Array(leading.upperBound..<leading.upperBound + 8)
    static let staffColumns = Array(assetColumns.last! + 1..<assetColumns.last! + 5)
    static let budgetColumns = Array(
        staffColumns.last! + 1..<staffColumns.last! + 1 + BudgetStage.allCases.count * BudgetItem.allCases.count)
    static let ledgerColumns = Array(budgetColumns.last! + 1..<budgetColumns.last! + 3 + ExpenditureType.allCases.count)
    static let sourceColumns = Array(ledgerColumns.last! + 1..<ledgerColumns.last! + 1 + FundingSource.allCases.count)

    /// Each unit's units.csv row as cells, and the department's total row (its figures as totals).
    struct UnitRows {
        var header: [String]
        var units: [(unit: UnitResult, cells: [Book.Cell])]
        var total: [Book.Cell]
    }

    func unitRows() -> UnitRows {
        let header = files.unitsHeader(language: .zh)
        let units = consolidation.units.map { unit -> (unit: UnitResult, cells: [Book.Cell]) in
            let cells: [Book.Cell] =
                [
                    .code(unit.code), .text(unit.entry.name), .code(unit.parentCode),
                    .text(unit.isSubmitted ? "已提交" : "未提交"),
                    .text(
                        unit.tablesReceived.sorted { $0.rawValue < $1.rawValue }.map(\.chinese).joined(separator: "、")),
                    .count(unit.errors), .count(unit.warnings),
                ]
                + OutputFiles.unitFigures(
                    assets: unit.assets, staff: unit.staff, budget: unit.budget, ledger: unit.ledger, eliminated: false,
                    missing: consolidation.missing(of: unit.code)
                ).map(\.cell)
            return (unit, cells)
        }
        let all = consolidation
        let total: [Book.Cell] =
            [
                .text("合计"), .text("部门合计"), .empty, .empty, .empty,
                .total(.count(all.units.reduce(0) { $0 + $1.errors })),
                .total(.count(all.units.reduce(0) { $0 + $1.warnings })),
            ]
            + OutputFiles.unitFigures(
                assets: all.assets, staff: all.staff, budget: all.budget, ledger: all.ledger, eliminated: true
            ).map(\.total)
        precondition(units.allSatisfy { $0.cells.count == header.count } && total.count == header.count)
        precondition(Self.sourceColumns.last! == header.count - 1)
        return UnitRows(header: header, units: units, total: total)
    }

    /// 单位: who they are, what they sent, their findings and staff; a unit with errors filled red.
    func units(_ book: Book, _ rows: UnitRows) {
        let columns = Array(Self.leading) + Self.staffColumns
        let sheet = book.sheet("单位", keyColumns: 2)
        sheet.header(columns.map { rows.header[$0] })
        sheet.cap(4, 32)
        let block = sheet.block {
            for (unit, cells) in rows.units {
                sheet.row(columns.map { cells[$0] }, style: unit.errors > 0 ? .error : .plain)
            }
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        sheet.total(columns.map { rows.total[$0] }, of: block, label: 1)
        sheet.finish()
    }

    /// A part of units.csv: the code and name, then `columns` under units.csv's names, less the
    /// first of `dropping` they begin with (the sheet's name says it); the department total below.
    func part(_ book: Book, _ name: String, columns: [Int], _ rows: UnitRows, dropping prefixes: [String] = []) {
        let all = [0, 1] + columns
        let sheet = book.sheet(name, keyColumns: 2)
        sheet.header(
            all.map { column in
                let title = rows.header[column]
                guard column > 1, let prefix = prefixes.first(where: { title.hasPrefix($0) }) else { return title }
                return String(title.dropFirst(prefix.count))
            })
        let block = sheet.block {
            for (_, cells) in rows.units { sheet.row(all.map { cells[$0] }) }
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        sheet.total(all.map { rows.total[$0] }, of: block, label: 1)
        sheet.finish()
    }

    /// Units × stage × `items`, in 元, the rows grouped by stage; below, the department's three
    /// stages (transfers eliminated), each the total of its stage's rows where they add up to it.
    func budget(_ book: Book, _ name: String, items: [BudgetItem]) {
        let sheet = book.sheet(name, keyColumns: 3)
        sheet.header(["单位编码", "单位名称", "阶段"] + items.map { "\($0.chinese)(元)" })
        var blocks: [BudgetStage: Book.Block] = [:]
        for stage in BudgetStage.allCases {
            blocks[stage] = sheet.block {
                for unit in consolidation.units where unit.budget.stages[stage] != nil {
                    let missing = consolidation.missing(of: unit.code)
                    sheet.row(
                        [.code(unit.code), .text(unit.entry.name), .text(stage.chinese)]
                            + items.map { missing.budget(stage, $0) ? .empty : .money(unit.budget[stage][$0]) })
                }
            }
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        for stage in BudgetStage.allCases {
            sheet.total(
                [.text("合计"), .text("部门合计（内部往来已抵销）"), .text(stage.chinese)]
                    + items.map { $0.isInternalTransfer ? .empty : .total(.money(consolidation.budget[stage][$0])) },
                of: blocks[stage]!, label: 1)
        }
        sheet.finish()
    }

    /// 层级汇总: a row for every unit with subordinates, over it and every unit below it (tree
    /// order, its 层级 beside it), with the transfers between them eliminated; a figure some
    /// member's share of is left out is blank. The rows hold one another, so they have no total.
    func levels(_ book: Book) {
        let sheet = book.sheet("层级汇总", keyColumns: 2)
        sheet.header([
            "单位编码", "单位名称", "层级", "单位数", "资产总额(元)", "在职人员", "人员合计", "决算收入合计(元)", "决算支出合计(元)",
            "决算基本支出(元)", "决算项目支出(元)", "支出明细合计(元)", "决算上级补助收入(元)", "已抵销对附属单位补助(元)",
            "已抵销上缴上级(元)",
        ])
        sheet.cap(1, 36)
        let subtotals = consolidation.levelSubtotals
        let byCode = Dictionary(subtotals.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        // Tree order: each root's members, depth first, as its subtotal lists them.
        var seen = Set<String>()
        let order = subtotals.filter { $0.level == 1 }.flatMap(\.members).compactMap { code -> LevelSubtotal? in
            guard seen.insert(code).inserted else { return nil }
            return byCode[code]
        }
        for subtotal in order {
            let final = subtotal.budget[.final]
            let missing = subtotal.missing
            func money(_ amount: Money, missing: Bool) -> Book.Cell { missing ? .empty : .money(amount) }
            let elimination = subtotal.eliminations.first { $0.stage == .final } ?? TransferElimination(stage: .final)
            sheet.row([
                .code(subtotal.code), .text(subtotal.name), .count(subtotal.level), .count(subtotal.members.count),
                money(subtotal.assets.total, missing: missing.assets),
                missing.staff ? .empty : .count(subtotal.staff.active),
                missing.staff ? .empty : .count(subtotal.staff.total),
                money(final.income, missing: missing.budgetTotal(.final, side: .income)),
                money(final.expenditure, missing: missing.budgetTotal(.final, side: .expenditure)),
                money(final[.basicExpenditure], missing: missing.budget(.final, .basicExpenditure)),
                money(final[.projectExpenditure], missing: missing.budget(.final, .projectExpenditure)),
                money(subtotal.ledger.total, missing: missing.expenditure),
                money(final[.grantFromParent], missing: missing.budget(.final, .grantFromParent)),
                money(elimination.grantsPaid, missing: subtotal.eliminationMissing(.final, .grantToSubordinate)),
                money(elimination.remittancesPaid, missing: subtotal.eliminationMissing(.final, .remittanceToParent)),
            ])
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        sheet.remark(
            order.isEmpty
                ? "说明：名录中没有带下属单位的单位，没有层级小计。"
                : "说明：每行是该单位及其全部下属单位（按名录的上级单位编码）的小计，各行互相包含，不能相加。"
                    + "小计内各单位之间的补助和上缴已抵销；该单位与小计以外的上级之间的补助、上缴保留（本级没有上级，同部门合计全部抵销）。"
                    + "空白：某个下属单位的这项数字缺失，小计不以部分充当全部。")
        if consolidation.findings.contains(where: { $0.rule == Rule.registryParentCycle.id }) {
            sheet.remark("上级单位编码首尾相连成环的单位及其下属单位没有层级小计，见“问题”表的 registry.parent_cycle。")
        }
        sheet.finish()
    }

    /// 问题: every finding, its rule's meaning beside its id, its unit's name; errors red, warnings yellow.
    func findings(_ book: Book) {
        let sheet = book.sheet("问题", keyColumns: 0)
        sheet.header(["严重程度", "规则", "规则说明", "单位编码", "单位名称", "文件", "行号", "说明"])
        for (column, width) in [(2, 30), (4, 20), (5, 30), (7, 60)] { sheet.cap(column, width) }
        let names = files.unitNames
        let meanings = Dictionary(Rule.all.map { ($0.id, $0.meaning) }, uniquingKeysWith: { first, _ in first })
        for finding in consolidation.findings {
            sheet.row(
                [
                    .text(finding.severity.chinese), .text(finding.rule), .text(meanings[finding.rule] ?? ""),
                    .code(finding.unit), .text(names[finding.unit] ?? ""), .text(finding.file),
                    finding.line.map { .count($0) } ?? .empty, .text(finding.message),
                ],
                style: finding.severity == .error ? .error : finding.severity == .warning ? .warning : .plain)
        }
        sheet.filterAndFreeze()
        sheet.finish()
    }

    /// What the scoring flags mean, for people (score.csv keeps the keys).
    static let flagNames = [
        "below_full": "未得满分", "missing_reason": "缺偏差原因", "target_too_low": "目标值偏低",
        "negative_actual": "实际值为负", "manual_out_of_band": "自评得分超出档次", "manual_score_missing": "缺自评得分",
        "rescaled": "权重已折算", "unscored": "未评分", "not_applicable": "不适用",
    ]

    /// 评分: score.csv's rows with people's words (数据来源 and 标记 in Chinese), then the
    /// subtotals, 总分 and 等级. Numbers at fixed decimals: scores at the scheme's, weights,
    /// targets and actuals at most 2, the computed actuals and 完成率 at 2.
    func score(_ book: Book) {
        let sheet = book.sheet("评分", keyColumns: 0)
        sheet.header([
            "指标编码", "一级指标", "二级指标", "指标名称", "方向", "权重", "目标值", "实际值", "计量单位", "数据来源",
            "完成率(%)", "得分", "标记", "偏差原因",
        ])
        for (column, width) in [(3, 30), (9, 24), (12, 20), (13, 40)] { sheet.cap(column, width) }
        guard let card = consolidation.scorecard else {
            sheet.row([.text("未评分：没有找到绩效指标表")])
            sheet.finish()
            return
        }
        let places = card.decimals
        func flags(_ keys: [String]) -> Book.Cell {
            .text(keys.map { Self.flagNames[$0] ?? $0 }.joined(separator: "、"))
        }
        for scored in card.indicators {
            let indicator = scored.indicator
            let computed = !indicator.source.isEmpty
            let actual: Book.Cell =
                scored.band.map { .text($0.chinese) }
                ?? scored.actual.map { computed ? .decimal($0.rounded(2), places: 2) : .decimal($0, upTo: 2) } ?? .empty
            sheet.row([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text(scored.direction.chinese), .decimal(scored.weight, upTo: 2),
                scored.target.map { .decimal($0, upTo: 2) } ?? .empty, actual, .text(indicator.measure),
                .text(SourceFigures.label(indicator.source)),
                scored.completion.map { .decimal($0.rounded(2), places: 2) } ?? .empty,
                .decimal(scored.score.rounded(places), places: places), flags(scored.flags),
                .text(indicator.deviationReason),
            ])
        }
        for indicator in card.notApplicable {
            sheet.row([
                .text(indicator.id), .text(indicator.level1), .text(indicator.level2), .text(indicator.name),
                .text("不适用"), .empty, .empty, .empty, .text(indicator.measure), .empty, .empty, .empty,
                flags(["not_applicable"]), .text(indicator.deviationReason),
            ])
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        for group in card.groups {
            sheet.row(
                [
                    .text("小计"), .text(group.name), .empty, .empty, .empty, .decimal(group.weight, upTo: 2), .empty,
                    .empty, .empty, .empty, .empty, .decimal(group.score.rounded(places), places: places),
                ], style: .total)
        }
        let weights = card.groups.reduce(Decimal(0)) { $0 + $1.weight }
        sheet.row(
            [
                .text("总分"), .empty, .empty, .text(card.schemeName), .empty, .decimal(weights, upTo: 2), .empty, .empty,
                .empty, .empty, .empty, card.total.map { .decimal($0.rounded(places), places: places) } ?? .text("未评分"),
            ], style: .total)
        sheet.row(
            [.text("等级"), .empty, .empty, .text(card.grade ?? "未评分：" + Scorecard.unscoredText(card))],
            style: .total)
        sheet.finish()
    }
}

extension OutputFiles.UnitFigure {
    /// A unit's figure as a cell: blank when eliminated or left out.
    var cell: Book.Cell {
        switch self {
        case .money(let amount): .money(amount)
        case .count(let count): .count(count)
        case .eliminated, .missing: .empty
        }
    }

    /// The department's figure as a total cell.
    var total: Book.Cell {
        switch self {
        case .money(let amount): .total(.money(amount))
        case .count(let count): .total(.count(count))
        case .eliminated, .missing: .empty
        }
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
        /// A score, weight or rate, shown with exactly `places` decimals.
        case decimal(Decimal, places: Int)
        /// The department's figure for a column: a SUBTOTAL of the rows above where they add up to it.
        case total(Figure)
        case empty

        /// A value shown with as many decimals as it has, at most `limit`.
        static func decimal(_ value: Decimal, upTo limit: Int) -> Cell {
            let text = value.plainText(limit)
            return .decimal(
                value, places: text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0)
        }
    }

    enum Figure: Equatable {
        case money(Money)
        case count(Int)

        /// In the units the rows are summed in: 分 or a count.
        var units: Int64 {
            switch self {
            case .money(let amount): amount.fen
            case .count(let count): Int64(count)
            }
        }
    }

    enum Style: String {
        case plain, total, error, warning, header
    }

    /// Rows of a sheet whose figures a total adds up: 0-based, `last < first` when there are none.
    struct Block {
        var first: UInt32
        var last: UInt32
        /// Each column's figures added up, in 分 or counts.
        var sums: [Int: Int64] = [:]
        var isEmpty: Bool { last < first }
    }

    /// 宋体 on every format: the font Chinese Excel and WPS have always shipped, named as their
    /// own files name it. Calibri, libxlsxwriter's default, has no Chinese glyphs, so each program
    /// would pick a fallback of its own, with its own widths. Excel and WPS on Windows have 宋体
    /// (SimSun) itself; Excel for Mac ships it with Office; LibreOffice and WPS on Linux map it
    /// through fontconfig to the CJK font installed (Noto Sans/Serif CJK SC). 等线 (DengXian),
    /// Office 2016's default, is missing from older Office and WPS installs, which fall back to 宋体
    /// anyway. Family 3, as Chinese Excel writes it for 宋体.
    static let fontName = "宋体"

    let workbook: UnsafeMutablePointer<lxw_workbook>
    let title: String
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>, title: String) {
        self.workbook = workbook
        self.title = title
        // The workbook's default format (the Normal style, and blank cells): 宋体 too.
        if let normal = workbook.pointee.formats.pointee.stqh_first { Self.setFont(normal) }
    }

    static func setFont(_ format: UnsafeMutablePointer<lxw_format>) {
        format_set_font_name(format, fontName)
        format_set_font_size(format, 11)
        format_set_font_family(format, 3)
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

    func setProperties(created: time_t) {
        var properties = lxw_doc_properties()
        properties.title = keep(title)
        properties.subject = keep("部门整体支出绩效自评汇总")
        properties.author = keep("汇总 Huizong")
        properties.created = created
        workbook_set_properties(workbook, &properties)
    }

    /// The format for a number format (or text) in a style, made once: 宋体, thin borders, text wrapped.
    func format(_ numberFormat: String?, _ style: Style) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(numberFormat ?? "@text")|\(style)"
        if let format = formats[key] { return format }
        let format = workbook_add_format(workbook)!
        Self.setFont(format)
        format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        if let numberFormat {
            format_set_num_format(format, numberFormat)
        } else {
            format_set_text_wrap(format)
        }
        switch style {
        case .plain: break
        case .total: format_set_bold(format)
        case .error: format_set_bg_color(format, 0xF8D7DA)
        case .warning: format_set_bg_color(format, 0xFFF3CD)
        case .header:
            format_set_bold(format)
            format_set_bg_color(format, 0xD9E1F2)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        }
        formats[key] = format
        return format
    }

    func sheet(_ name: String, keyColumns: Int) -> Sheet {
        Sheet(book: self, worksheet: workbook_add_worksheet(workbook, name), keyColumns: keyColumns)
    }

    /// `H`, `AB`: a 0-based column's letters.
    static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column + 1
        while rest > 0 {
            name = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    final class Sheet {
        let book: Book
        let worksheet: UnsafeMutablePointer<lxw_worksheet>
        /// The code and name columns (and 阶段) that identify a row: frozen, and repeated on each printed page.
        let keyColumns: Int
        private(set) var row: UInt32 = 0
        private var headerNames: [String] = []
        private var widths: [Int] = []
        private var caps: [Int: Int] = [:]
        /// Each row's text cells: the column and the width of each of its lines, for the row's height.
        private var texts: [UInt32: [(column: Int, lines: [Int])]] = [:]
        private var lastColumn = 0
        private var current: Block?
        private var remarks: [(row: UInt32, text: String)] = []

        init(book: Book, worksheet: UnsafeMutablePointer<lxw_worksheet>, keyColumns: Int) {
            self.book = book
            self.worksheet = worksheet
            self.keyColumns = keyColumns
        }

        func header(_ names: [String]) {
            headerNames = names
            for (column, name) in names.enumerated() {
                worksheet_write_string(worksheet, row, UInt16(column), name, book.format(nil, .header))
                // On one line, unless longer than its column may be.
                note(column, name, wraps: true)
            }
            lastColumn = max(lastColumn, names.count - 1)
            row += 1
        }

        /// The widest `column` may be; longer text wraps.
        func cap(_ column: Int, _ width: Int) { caps[column] = width }

        /// Rows written by `body`, with their figures added up for a total.
        func block(_ body: () -> Void) -> Block {
            current = Block(first: row, last: row &- 1)
            body()
            defer { current = nil }
            var block = current!
            block.last = row &- 1  // none: last < first (first is ≥ 1, below the header)
            return block
        }

        func row(_ cells: [Cell], style: Style = .plain) {
            let padded = cells + Array(repeating: Cell.empty, count: max(0, headerNames.count - cells.count))
            for (index, cell) in padded.enumerated() { write(cell, column: index, style: style) }
            lastColumn = max(lastColumn, padded.count - 1)
            row += 1
        }

        /// The department's row: each `.total` a SUBTOTAL of `block`'s rows when they add up to it
        /// (so a filter changes it), else the figure itself, which the label (at `label`) then names.
        func total(_ cells: [Cell], of block: Block, label: Int) {
            var constants: [String] = []
            var cells = cells
            for (index, cell) in cells.enumerated() {
                if case .total(let figure) = cell, !adds(block, index, to: figure) {
                    constants.append(headerNames[index])
                }
            }
            if !constants.isEmpty, case .text(let text) = cells[label] {
                cells[label] = .text(text + "（" + constants.joined(separator: "、") + "为汇总数，不是上面各行之和，筛选时不变）")
            }
            for (index, cell) in cells.enumerated() {
                if case .total(let figure) = cell, adds(block, index, to: figure) {
                    let column = Book.columnName(index)
                    let formula = "=SUBTOTAL(109,\(column)\(block.first + 1):\(column)\(block.last + 1))"
                    let value = figure.value
                    worksheet_write_formula_num(
                        worksheet, row, UInt16(index), formula, book.format(figure.numberFormat, .total), value)
                    note(index, figure.text)
                } else {
                    write(cell, column: index, style: .total)
                }
            }
            row += 1
        }

        private func adds(_ block: Block, _ column: Int, to figure: Figure) -> Bool {
            !block.isEmpty && (block.sums[column] ?? 0) == figure.units
        }

        private func write(_ cell: Cell, column index: Int, style: Style) {
            let column = UInt16(index)
            switch cell {
            case .text(let text), .code(let text):
                // A cell holds at most 32,767 characters: longer text is cut, visibly.
                let fitting =
                    text.unicodeScalars.count > 32_000 ? String(text.unicodeScalars.prefix(32_000)) + "…" : text
                worksheet_write_string(worksheet, row, column, fitting, book.format(nil, style))
                note(index, fitting, wraps: true)
            case .money(let amount):
                add(amount.fen, to: index)
                writeFigure(.money(amount), column: column, style: style)
            case .count(let count):
                add(Int64(count), to: index)
                writeFigure(.count(count), column: column, style: style)
            case .total(let figure):
                writeFigure(figure, column: column, style: style)
            case .decimal(let value, let places):
                let text = value.text(places)
                let format = places > 0 ? "0." + String(repeating: "0", count: places) : "0"
                worksheet_write_number(worksheet, row, column, Double(text) ?? 0, book.format(format, style))
                note(index, text)
            case .empty:
                worksheet_write_blank(worksheet, row, column, book.format(nil, style))
            }
        }

        private func writeFigure(_ figure: Figure, column: UInt16, style: Style) {
            // Money: the nearest double to the exact amount in 元, what a spreadsheet holds, exact to the 分.
            worksheet_write_number(worksheet, row, column, figure.value, book.format(figure.numberFormat, style))
            note(Int(column), figure.text)
        }

        private func add(_ units: Int64, to column: Int) {
            guard current != nil else { return }
            current!.sums[column, default: 0] += units
        }

        func skipRow() { row += 1 }

        /// A line of explanation below the rows, across the header's columns, wrapped: it sets no column's width.
        func remark(_ text: String) {
            let last = UInt16(max(headerNames.count - 1, 0))
            worksheet_merge_range(worksheet, row, 0, row, last, text, book.format(nil, .plain))
            remarks.append((row, text))
            row += 1
        }

        /// The header row stays in view, with the key columns; the rows so far filter.
        func filterAndFreeze() {
            worksheet_freeze_panes(worksheet, 1, UInt16(keyColumns))
            if row > 1 { worksheet_autofilter(worksheet, 0, 0, row - 1, UInt16(lastColumn)) }
        }

        /// Widths, then the page: A4 landscape, one page wide however long, the header row and key
        /// columns on every page, the workbook's title and the sheet's name above, 第 n 页，共 m 页 below.
        func finish() {
            let final = widths.enumerated().map { column, width in min(max(width + 2, 6), caps[column] ?? 40) }
            for (column, width) in final.enumerated() {
                worksheet_set_column(worksheet, UInt16(column), UInt16(column), Double(width), nil)
            }
            // A row as tall as its longest wrapped text: spreadsheets do not all grow rows on opening.
            for (row, cells) in texts.sorted(by: { $0.key < $1.key }) {
                let lines =
                    cells.map { cell in
                        let room = max(final[cell.column] - 1, 1)
                        return cell.lines.reduce(0) { $0 + max(1, ($1 + room - 1) / room) }
                    }.max() ?? 1
                // 16 points a line: 宋体's 14.25 and the taller line of the Noto CJK fonts LibreOffice maps it to.
                if lines > 1 { worksheet_set_row(worksheet, row, Double(lines * 16), nil) }
            }
            let across = max(final.reduce(0, +) - 1, 1)
            for (row, text) in remarks {
                let width = text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
                worksheet_set_row(worksheet, row, Double(max(1, (width + across - 1) / across) * 16), nil)
            }
            worksheet_set_landscape(worksheet)
            worksheet_set_paper(worksheet, 9)  // A4
            worksheet_fit_to_pages(worksheet, 1, 0)
            worksheet_set_margins(worksheet, 0.4, 0.4, 0.7, 0.7)
            worksheet_center_horizontally(worksheet)
            worksheet_repeat_rows(worksheet, 0, 0)
            if keyColumns > 0 { worksheet_repeat_columns(worksheet, 0, UInt16(keyColumns - 1)) }
            // `&` starts a code in a header: a title's own is doubled.
            let title = book.title.replacingOccurrences(of: "&", with: "&&")
            worksheet_set_header(worksheet, book.keep("&C\(title)（&A）"))
            worksheet_set_footer(worksheet, book.keep("&C第 &P 页，共 &N 页"))
        }

        private func note(_ column: Int, _ text: String, wraps: Bool = false) {
            while widths.count <= column { widths.append(0) }
            // Each line's width; a Chinese character counts two.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            }
            widths[column] = max(widths[column], lines.max() ?? 0)
            if wraps { texts[row, default: []].append((column, lines)) }
        }
    }
}

extension Book.Figure {
    var value: Double {
        switch self {
        case .money(let amount): Double(amount.fen) / 100
        case .count(let count): Double(count)
        }
    }

    var numberFormat: String {
        switch self {
        case .money: "#,##0.00"
        case .count: "0"
        }
    }

    /// As shown, for the column's width.
    var text: String {
        switch self {
        case .money(let amount): amount.yuanText + "00,"
        case .count(let count): String(count)
        }
    }
}
