import CSVReading

// The message catalog: every text a finding or a failed run shows an officer, made from typed
// details. The one place a translation would go (with the rules in Rules.swift).

extension Finding {
    /// What a finding found, with its particulars typed; `rule` and `message` come from them.
    package enum Detail: Sendable, Hashable {
        // Read: the drop folder and its files
        case folderLink(target: String)
        case folderHidden
        case folderUnreadable(reason: String)
        case folderTooDeep(maxDepth: Int)
        case fileLinkOutside(target: String)
        case fileNotRegular(FileType)
        case fileUnreadable(reason: String)
        case fileReadFailed(reason: String)
        case fileSystem
        case fileNotCSV(NotCSV)
        case fileEmpty
        case fileExcelWorkbook
        case fileBinary
        case fileEncoding(TextEncoding, line: Int)
        case fileNul(line: Int)
        case fileChangedWhileRead
        case fileHeaderTooLong(line: Int, limitKiB: Int)
        case workbookUnreadable(reason: WorkbookProblem)
        /// A workbook or web page with no table to read: `sheets` sheets (or tables), all empty.
        case workbookNoTable(sheets: Int)
        case sheetHidden
        case sheetTooManyColumns(rows: Int, cells: Int)
        case formUnknownLabel(label: String, layout: String, value: String)
        case formNoHeader(layout: String)
        case formTotalsDiffer(
            name: String, layout: String, amount: Money, earlierLayout: String, earlierAmount: Money, earlier: Place)
        case formNoTotalRow(layout: String, labels: [String])
        case formTooLong(layout: String, limit: Int)
        case rowsNotData(lines: [Int])
        /// A workbook's sheets that hold no data table (封面, 填报说明, 附表).
        case sheetsReadPast(names: [String])
        case manyBlankRows(count: Int)
        case fileUnrecognised(maxLine: Int, firstLine: [String], closest: TableKind?, missing: [String])
        /// A header that names one figure in several columns alike (在职人数 … 在职人数): which is not guessed.
        case fileColumnTwice(line: Int, header: String, columns: [Int])
        case fileCountsNotRegistry(columns: [String])
        case moneyUnitAssumed(header: String)
        /// Asset cards whose amount columns state no unit: 元, as the asset systems export them.
        case cardsInYuan(columns: [String])

        // Read: rows
        case rowMalformed(MalformedRecord)
        case rowTooFewFields(count: Int, width: Int)
        case rowTooManyFields(count: Int, width: Int)
        case rowMissingValue(header: String)
        case rowUnitCode(code: String, isParent: Bool)
        case rowAmount(header: String, value: String, MoneyParseError)
        case rowAmountsTooLarge
        case rowHeadcount(header: String, value: String)
        /// A row of a 基本数字表 whose counts break the form's own formula (在职 = 财政拨款开支 + 经费自理).
        case rowStaffFormula(whole: String, parts: [String], stated: Int, computed: Int)
        case rowVocabulary(header: String, value: String, allowed: [String])
        /// A card's national classification code that gives no category; `title`: the title line
        /// that named the edition, when the column's header did not.
        case rowClassificationCode(header: String, value: String, ClassificationCodeProblem, title: String?)
        case rowDate(value: String)
        case totalRowUnreadable(header: String, value: String)
        case totalRowMismatch([TotalDifference], unreadableRows: Int)
        case journalSummaryMismatch(label: String, header: String, stated: Money, sum: Money)
        /// `written`: the lines' 资金性质 when it names no source Huizong knows.
        case accountUnplaced(
            code: String, name: String, rows: Int, amount: Money, type: ExpenditureType?, source: FundingSource?,
            written: String = "")
        case accountsNotSpending(rows: Int, accounts: [String])
        /// Lines whose 资金性质 says another source than the account's name or the 科目对照表.
        case ledgerSourceDiffers(code: String, name: String, implied: String, sources: [FundingSource], rows: [Int])
        /// A 非财政专项资金支出 account whose lines name no source: counted as 其他收入.
        case ledgerSourceAssumed(code: String, name: String, rows: Int, amount: Money)
        /// A budget account whose credits take all its debits away.
        case accountClosedOut(code: String, name: String, debit: Money, credit: Money)
        /// A unit's books with no budget account (7xxx) among their lines.
        case booksWithoutBudgetAccounts(rows: Int, accounts: [String])
        /// Days of one account in two files of a unit's books (`earlier.line` 0: a 支出明细 beside them).
        case booksCountedTwice(account: String, day: Int, earlier: Place)
        case ledgerTransferDiffers(item: BudgetItem, booked: Money, stated: Money)

        // Consolidate
        case fileDuplicateCopy(original: String)
        case fileAmountsTooLarge
        case registrySuperseded(rows: Int)
        case registryDuplicateUnit(code: String, firstFile: String, firstLine: Int)
        case registryNoMainUnit
        case registryUnknownParent(name: String, parent: String, mainUnit: String)
        /// Units whose chain of parents comes back to them: `units` (code and name) in the order their parents go.
        case registryParentCycle(units: [[String]])
        case registryTooDeep
        case rowUnitUnknown(code: String, line: Int, rows: Int, withZeros: String?)
        case unitNotNamed(rows: Int)
        case unitAmbiguous(clue: FileUnit.Clue, candidates: [String], rows: Int)
        case rowDuplicateSame(RowKey, earlier: Place)
        case rowDuplicateKey(RowKey, earlier: Place, values: RowValues, earlierValues: RowValues)
        /// A row about a figure already left out for a doubt of its own (its parts, a rejected row).
        case rowFigureAlreadyMissing(RowKey, earlier: Place)
        case unitNotSubmitted(name: String, code: String)
        case staffCountsDiffer(list: StaffTotals, counts: StaffTotals)
        case staffCountsWithheld(StaffCountsDoubt)
        case transferMismatch(Transfer)
        case transferOutside(Transfer, units: [String])

        // Roll up
        case rollupTransferMismatch(RollupTransfer)
        case rollupDepartmentErrors(department: String, errors: Int)
        case rollupParentOutside(department: String, mainUnit: String, parent: String)

        // Check
        case assetNegative(assetID: String, original: Money, depreciation: Money)
        case assetDepreciationExceedsOriginal(assetID: String, original: Money, depreciation: Money)
        case assetNetValueMismatch(assetID: String, original: Money, depreciation: Money, stated: Money)
        case assetStatementDiffers(figure: AssetFigure, cards: Money, stated: Money)
        case budgetNegative(BudgetStage, BudgetItem, amount: Money)
        case budgetUnbalanced(BudgetStage, BudgetStageFigures, tolerance: Money)
        case ledgerDateOutsideYear(rows: Int, year: Int, firstLine: Int, fiscalYear: Int)
        case ledgerNoFinalAccounts(name: String)
        case ledgerMissing(name: String, spending: Money)
        case ledgerFinalMismatch(ExpenditureType, booked: Money, reported: Money)
        case ledgerFinalSourceMismatch(FundingSource, booked: Money, reported: Money)
        case unitIncomplete(name: String, sent: [TableKind], missing: [TableKind])
        case reportUnknownFigure(figure: String)
        case reportNotReconciled(figure: String, value: String)
        case reportBadValue(figure: String, value: String, measure: String, tooLarge: Bool)
        case reportMismatch(figure: String, reported: String, computed: String, difference: String, hint: ReportHint?)
        case fundsMismatch(column: String, basis: String, stated: Money, computed: Money, unit: MoneyUnit)
        case narrativeUnknownSection(heading: String)
        case narrativeDuplicateSection(section: String, earlier: String)
        case narrativeUnreadable
        case narrativeParagraphTooLong(Narrative.TooLongParagraph)
        case narrativeUnplacedParagraph(Narrative.UnplacedParagraph)
        case narrativeReportUnedited
        case previousCarryoverMismatch(opening: Money, closing: Money, thisFile: String, lastFile: String)
        case previousUnitNew
        case previousUnitGone(code: String, name: String)
        case previousLargeChange(figure: String, now: String, then: String)
        case narrativeDocxTooLarge(limit: Int)

        // Score
        case scoreNoIndicators
        case indicator(id: String, name: String, IndicatorProblem)
        case indicatorWeightsTotal(stated: String, required: String)
        case indicatorGroupWeight(group: String, stated: String, required: String)
        /// A printed 一级指标 cell's weight against the scheme's (`free`: against its rows' weights).
        case indicatorPrintedWeight(group: String, printed: String, expected: String, free: Bool)
        /// A printed 自评表's 总分 against the sum of the 得分 written above it.
        case scoreStatedTotal(stated: String, sum: String)
    }

    /// What a file that is not read as CSV looks like by its name.
    package enum NotCSV: Sendable, Hashable {
        case workbook, text, other
    }

    /// A 合计 row's stated amount against the sum of the rows above it.
    package struct TotalDifference: Sendable, Hashable {
        package var header: String
        package var stated: Money
        package var computed: Money
        package var unit: MoneyUnit
    }

    /// What identifies a row that must appear once.
    package enum RowKey: Sendable, Hashable {
        case asset(id: String)
        case person(id: String)
        case headcounts
        case budget(BudgetStage, BudgetItem)
        /// A unit's books, an expense account of which could not be placed.
        case books

        /// Which of a unit's figures rows with this key make (its name in department.json).
        package enum Figure: String, Sendable { case staff, assets, budget, expenditure }

        package var figure: Figure {
            switch self {
            case .headcounts, .person: .staff
            case .asset: .assets
            case .budget: .budget
            case .books: .expenditure
            }
        }
    }

    /// Why a unit's headcounts are left out though its rows were read.
    package enum StaffCountsDoubt: Sendable, Hashable {
        /// A row of its rows by 编制 type could not be read, so the parts cannot be checked.
        case rowUnreadable(line: Int)
        /// Several rows by 编制 type and no 合计 among them.
        case noTotalRow(rows: Int)
        /// Two 合计 rows that disagree.
        case totalsDiffer(lines: [Int])
        /// The top-level parts (行政单位, 事业单位 …) do not add up to the 合计.
        case partsDiffer(column: String, total: Int, parts: Int)

        var chinese: String {
            switch self {
            case .rowUnreadable(let line): "第 \(line) 行无法读取，合计与分项无法核对"
            case .noTotalRow(let rows): "按编制类型分 \(rows) 行填写，但没有“合计”行"
            case .totalsDiffer(let lines): "有两个不同的“合计”行（第 \(lines.map(String.init).joined(separator: "、")) 行）"
            case .partsDiffer(let column, let total, let parts):
                "“\(column)”的合计 \(total) 人，与各类单位之和 \(parts) 人不等"
            }
        }
    }

    /// The figures of such a row, to show how two copies differ.
    package enum RowValues: Sendable, Hashable {
        case asset(AssetCategory, original: Money, depreciation: Money)
        case person(StaffStatus)
        case headcounts(StaffTotals)
        case budget(Money)
    }

    /// Where an earlier row lies: in the same file (nil) or another.
    package struct Place: Sendable, Hashable {
        package var file: String?
        package var line: Int
    }

    /// Two sides of an internal transfer that should agree.
    package struct Transfer: Sendable, Hashable {
        package var stage: BudgetStage
        package var parentName: String
        package var paidItem: BudgetItem
        package var paid: Money
        package var bookedItem: BudgetItem
        package var booked: Money
    }

    /// Two departments' sides of a transfer between them that should agree: the 上级 department's
    /// unit's figure (what it paid or booked beyond its own units) and the 下级 departments' 本级.
    package struct RollupTransfer: Sendable, Hashable {
        package var stage: BudgetStage
        package var parentDepartment: String
        package var parentUnitName: String
        package var childDepartments: [String]
        package var parentItem: BudgetItem
        package var parentFigure: Money
        package var childItem: BudgetItem
        package var childFigure: Money
    }

    /// Why a reported figure may be wrong, when the data suggest it.
    package enum ReportHint: Sendable, Hashable {
        /// Smaller than one of its own parts.
        case smallerThanPart(part: String, value: String, partIsReported: Bool)
        /// Equal to the sum of other figures: a total written under a part's label.
        case equalsSum(of: String, label: String)
        /// Exactly 10,000 times the data's figure, or a 10,000th: 元 and 万元 mixed up.
        case unitsConfused(reportedIsLarger: Bool)
    }

    /// A problem with one indicator of the performance sheet.
    package enum IndicatorProblem: Sendable, Hashable {
        case duplicateID(firstLine: Int)
        case badDirection(String)
        case badWeight(String)
        case unknownGroup(String, groups: [String])
        case badTarget(String)
        case unknownSource(String, available: [String])
        /// A source whose total leaves out a unit's figure (`Consolidation.withheld`).
        case sourceIncomplete(String)
        case badActual(String)
        case badBand(String)
        case missingReason(score: String, weight: String)
        case targetTooLow(actual: String, target: String, ratio: String)
        case manualDiffers(stated: String, computed: String)
        case manualScoreMissing(band: Band, low: String, high: String)
        case manualOutOfBand(score: String, band: Band, low: String, high: String)
    }
}

extension Finding.Detail {
    /// The rule this finding breaks.
    package var rule: Rule {
        switch self {
        case .folderLink: .folderLink
        case .folderHidden: .folderHidden
        case .folderUnreadable: .folderUnreadable
        case .folderTooDeep: .folderTooDeep
        case .fileLinkOutside: .fileLinkOutside
        case .fileNotRegular: .fileNotRegular
        case .fileUnreadable, .fileReadFailed: .fileUnreadable
        case .fileSystem: .fileSystem
        case .fileNotCSV: .fileNotCSV
        case .fileEmpty: .fileEmpty
        case .fileExcelWorkbook: .fileExcelWorkbook
        case .fileBinary: .fileBinary
        case .fileEncoding: .fileEncoding
        case .fileNul: .fileNul
        case .fileChangedWhileRead: .fileChangedWhileRead
        case .fileHeaderTooLong: .fileHeaderTooLong
        case .workbookUnreadable: .workbookUnreadable
        case .workbookNoTable: .workbookNoTable
        case .sheetHidden: .sheetHidden
        case .sheetTooManyColumns: .sheetTooManyColumns
        case .formUnknownLabel: .formUnknownLabel
        case .formNoHeader, .formNoTotalRow, .formTooLong: .formUnreadable
        case .formTotalsDiffer: .formTotalsDiffer
        case .rowsNotData: .rowsNotData
        case .sheetsReadPast: .sheetsReadPast
        case .manyBlankRows: .manyBlankRows
        case .fileUnrecognised, .fileCountsNotRegistry, .fileColumnTwice: .fileUnrecognised
        case .moneyUnitAssumed: .moneyUnitAssumed
        case .cardsInYuan: .cardsInYuan
        case .rowMalformed: .rowMalformed
        case .rowTooFewFields, .rowTooManyFields: .rowFieldCount
        case .rowMissingValue: .rowMissingValue
        case .rowUnitCode: .rowUnitCode
        case .rowAmount, .rowAmountsTooLarge: .rowAmount
        case .rowHeadcount: .rowHeadcount
        case .rowStaffFormula: .rowStaffFormula
        case .rowVocabulary, .rowClassificationCode: .rowVocabulary
        case .rowDate: .rowDate
        case .totalRowUnreadable: .totalRowUnreadable
        case .totalRowMismatch: .totalRowMismatch
        case .journalSummaryMismatch: .journalSummaryMismatch
        case .accountUnplaced: .accountUnplaced
        case .accountsNotSpending: .accountsNotSpending
        case .ledgerSourceDiffers: .ledgerSourceDiffers
        case .ledgerSourceAssumed: .ledgerSourceAssumed
        case .booksWithoutBudgetAccounts: .booksWithoutBudgetAccounts
        case .accountClosedOut: .accountClosedOut
        case .booksCountedTwice: .booksCountedTwice
        case .ledgerTransferDiffers: .ledgerTransferDiffers
        case .fileDuplicateCopy: .fileDuplicateCopy
        case .fileAmountsTooLarge: .fileAmountsTooLarge
        case .registrySuperseded: .registrySuperseded
        case .registryDuplicateUnit: .registryDuplicateUnit
        case .registryNoMainUnit: .registryNoMainUnit
        case .registryUnknownParent: .registryUnknownParent
        case .registryParentCycle: .registryParentCycle
        case .registryTooDeep: .registryTooDeep
        case .rowUnitUnknown: .rowUnitUnknown
        case .unitNotNamed: .unitNotNamed
        case .unitAmbiguous: .unitAmbiguous
        case .rowDuplicateSame: .rowDuplicateSame
        case .rowDuplicateKey, .rowFigureAlreadyMissing: .rowDuplicateKey
        case .unitNotSubmitted: .unitNotSubmitted
        case .transferMismatch: .transferMismatch
        case .transferOutside: .transferOutside
        case .rollupTransferMismatch: .rollupTransferMismatch
        case .rollupDepartmentErrors: .rollupDepartmentErrors
        case .rollupParentOutside: .rollupParentOutside
        case .assetNegative: .assetNegative
        case .assetDepreciationExceedsOriginal: .assetDepreciationExceedsOriginal
        case .assetNetValueMismatch: .assetNetValueMismatch
        case .assetStatementDiffers: .assetStatementDiffers
        case .budgetNegative: .budgetNegative
        case .budgetUnbalanced: .budgetUnbalanced
        case .ledgerDateOutsideYear: .ledgerDateOutsideYear
        case .ledgerNoFinalAccounts: .ledgerNoFinalAccounts
        case .ledgerMissing: .ledgerMissing
        case .ledgerFinalMismatch, .ledgerFinalSourceMismatch: .ledgerFinalMismatch
        case .unitIncomplete: .unitIncomplete
        case .staffCountsDiffer: .staffCountsDiffer
        case .staffCountsWithheld: .staffCountsWithheld
        case .reportUnknownFigure: .reportUnknownFigure
        case .reportNotReconciled: .reportNotReconciled
        case .reportBadValue: .reportBadValue
        case .reportMismatch: .reportMismatch
        case .fundsMismatch: .fundsMismatch
        case .narrativeUnknownSection: .narrativeUnknownSection
        case .narrativeDuplicateSection: .narrativeDuplicateSection
        case .narrativeUnreadable: .narrativeUnreadable
        case .narrativeParagraphTooLong: .narrativeParagraphTooLong
        case .narrativeUnplacedParagraph: .narrativeUnplacedParagraph
        case .narrativeReportUnedited: .narrativeReportUnedited
        case .previousCarryoverMismatch: .previousCarryoverMismatch
        case .previousUnitNew: .previousUnitNew
        case .previousUnitGone: .previousUnitGone
        case .previousLargeChange: .previousLargeChange
        case .narrativeDocxTooLarge: .narrativeDocxTooLarge
        case .scoreNoIndicators: .scoreNoIndicators
        case .indicatorWeightsTotal: .indicatorWeightsTotal
        case .indicatorGroupWeight: .indicatorGroupWeight
        case .indicatorPrintedWeight: .indicatorPrintedWeight
        case .scoreStatedTotal: .scoreStatedTotal
        case .indicator(_, _, let problem):
            switch problem {
            case .duplicateID: .indicatorDuplicateID
            case .badDirection: .indicatorBadDirection
            case .badWeight: .indicatorBadWeight
            case .unknownGroup: .indicatorUnknownGroup
            case .badTarget: .indicatorBadTarget
            case .unknownSource: .indicatorUnknownSource
            case .sourceIncomplete: .indicatorSourceIncomplete
            case .badActual: .indicatorBadActual
            case .badBand: .indicatorBadBand
            case .missingReason: .scoreMissingReason
            case .targetTooLow: .scoreTargetTooLow
            case .manualDiffers: .scoreManualDiffers
            case .manualScoreMissing: .scoreManualScoreMissing
            case .manualOutOfBand: .scoreManualOutOfBand
            }
        }
    }

    /// What is wrong and what to do, in Chinese.
    package var message: String {
        switch self {
        case .folderLink(let target):
            "这是指向文件夹“\(target)”的链接，汇总不跟随文件夹链接，其中的文件都没有读取；请把要汇总的文件本身复制进来。"
        case .folderHidden:
            "隐藏文件夹（名称以“.”开头），没有读取其中的文件；如果里面有要汇总的文件，请移到普通文件夹中。"
        case .folderUnreadable(let reason):
            "无法打开或列出（\(reason)），其中的文件都没有读取；请检查权限后重试。"
        case .folderTooDeep(let maxDepth):
            "文件夹嵌套超过 \(maxDepth) 层，没有读取其中的文件；请把文件移到较浅的文件夹中。"
        case .fileLinkOutside(let target):
            "这是一个链接，指向输入文件夹之外的“\(target)”；汇总只读取输入文件夹里的文件，没有读取它。请把文件本身复制进来。"
        case .fileNotRegular(let type):
            "这不是普通文件，而是\(type.chinese)；汇总不读取它。请把导出的文件本身放进文件夹。"
        case .fileUnreadable(let reason):
            "无法读取该文件（\(reason)）；请检查文件权限后重试。"
        case .fileReadFailed(let reason):
            "读取中途出错（\(reason)）；整个文件未计入。"
        case .fileSystem:
            "系统或临时文件，已跳过。"
        case .fileNotCSV(.workbook):
            "这是 Excel/WPS 工作簿，汇总只读取 CSV；请在 Excel/WPS 中打开，另存为“CSV UTF-8（逗号分隔）”后放入同一文件夹。"
        case .fileNotCSV(.text):
            "这是文本文件，汇总只读取扩展名为 .csv 的文件；如果它是导出的表格，请把扩展名改为 .csv。"
        case .fileNotCSV(.other):
            "不是 CSV 文件，已跳过；如果它不属于本次汇总，可以把它移出文件夹。"
        case .fileEmpty:
            "文件是空的（0 字节），没有可读的数据；请确认导出是否成功。"
        case .fileExcelWorkbook:
            "这是 Excel 工作簿，只是扩展名写成了 .csv；请在 Excel/WPS 中打开，另存为“CSV UTF-8（逗号分隔）”后再放入。"
        case .fileBinary:
            "文件含有二进制内容（空字节），不是文本格式的 CSV；请重新从系统导出。"
        case .fileEncoding(let encoding, let line):
            "第 \(line) 行起的字节不是合法的 \(encoding.displayName) 编码（文件中途换了编码，或文件已损坏）；整个文件未计入。请用 Excel/WPS 重新另存为 CSV UTF-8。"
        case .fileNul(let line):
            "第 \(line) 行含有空字符（NUL），不是正常的文本；整个文件未计入。请用 Excel/WPS 重新另存为 CSV UTF-8。"
        case .fileChangedWhileRead:
            "读取过程中文件发生了变化（可能还在复制或导出中）；整个文件未计入，以免计入不完整的行。请等文件写完后重新运行汇总。"
        case .fileHeaderTooLong(let line, let limit):
            "第 \(line) 行超过 \(limit) KiB，找不到表头；表头和它上方的标题行合计不能超过 \(limit) KiB。请检查该文件是否是正常导出的表格。"
        case .fileColumnTwice(let line, let header, let columns):
            "第 \(line) 行的表头中“\(header)”出现在第 \(columns.map(String.init).joined(separator: "、")) 列，无法确定哪一列是要汇总的数（如上年数与本年数），整个文件未计入。请删去不用的列，或在表头上方加一行写明“上年数”“本年数”后重新汇总。"
        case .fileUnrecognised(let maxLine, let firstLine, let closest, let missing):
            "前 \(maxLine) 行中没有找到任何一类表的表头，整个文件未计入。第一行是“\(firstLine.joined(separator: "，"))”。"
                + (closest.map { "它最像“\($0.chinese)”表，但缺少列：\(missing.joined(separator: "、"))。" } ?? "")
                + "请按使用说明补全表头（中文或英文列名均可）。"
        case .workbookUnreadable(.notAWorkbook(let reason)):
            "无法作为 Excel 工作簿读取（\(reason)）；整个文件未计入。请用 Excel/WPS 打开，确认能正常打开后重新保存为 .xlsx，或另存为 CSV UTF-8。"
        case .workbookUnreadable(.malformed(let part, let line)):
            "工作簿的组成部分 \(part) 在第 \(line) 行损坏，不是完整的 XML；这张表未计入。请用 Excel/WPS 打开后重新保存。"
        case .workbookUnreadable(.tooLarge(let limit)):
            "工作簿（或其中一部分）解压后超过 \(limit / 1_048_576) MiB，不是正常导出的表格（可能是压缩炸弹）；未计入。请检查文件来源。"
        case .workbookUnreadable(.duplicatePart(let name)):
            "工作簿中有两个同名的组成部分 \(name)，不同软件会读出不同的内容；整个文件未计入。请用 Excel/WPS 打开后重新保存为 .xlsx。"
        case .workbookNoTable(let sheets) where sheets == 0:
            "文件中没有任何表格（工作表或网页中的表格），没有可读的数据；请确认导出是否成功，或另存为 CSV UTF-8。"
        case .workbookNoTable(let sheets):
            "工作簿的 \(sheets) 张工作表都是空的，没有可读的数据；请确认导出是否成功，或是否保存错了文件。"
        case .sheetTooManyColumns(let rows, let cells):
            "这一行\(rows > 1 ? "起共 \(rows) 行" : "")的单元格超出了 Excel 的最后一列（XFD，第 16384 列），多出的 \(cells) 个单元格已忽略，没有读取；其余单元格照常读取。请用 Excel/WPS 打开检查这张表后重新保存。"
        case .workbookUnreadable(.damaged(let part)):
            "工作簿的组成部分 \(part) 校验和不符，文件在复制或下载中已损坏；这张表未计入。请重新复制或重新导出该文件。"
        case .formUnknownLabel(let label, let layout, let value):
            "“\(layout)”中没有“\(label)”这一行（本行数值 \(value) 未计入）。如果这是本省表样新增的行，请在版式文件（Layouts/）中把它加入 items 或 known；否则请核对表格。"
        case .formTotalsDiffer(let name, let layout, let amount, let earlierLayout, let earlierAmount, let earlier):
            "“\(name)”在\(layout)中为 \(amount.yuanText) 元，在\(earlierLayout)（\(Self.placeText(earlier))）中为 \(earlierAmount.yuanText) 元，相差 \((amount - earlierAmount).yuanText) 元；两张表应当一致。请核对决算表。"
        case .formNoHeader(let layout):
            "表格看上去是“\(layout)”，但前 \(FormReader.headerRows) 行中找不到它的表头（如“项目”“金额”）；整张表未计入。请确认表格是从决算软件原样导出的，或为本省表样写一个版式文件（Layouts/）。"
        case .formNoTotalRow(let layout, let labels):
            "表格看上去是“\(layout)”，但找不到“\(labels.joined(separator: "”或“"))”行；这张表的数未计入。请核对表格。"
        case .formTooLong(let layout, let limit):
            "表格看上去是“\(layout)”，但超过 \(limit) 行，不像一张固定表样；整张表未计入。请核对是否选错了工作表。"
        case .sheetHidden:
            "这是一张隐藏的工作表，已照常读取并计入；如果它不属于本次汇总，请在 Excel/WPS 中删除它。"
        case .sheetsReadPast(let names):
            "\(names.count) 张工作表不是数据表（封面、目录、填报说明，或汇总不读的附表）：\(names.prefix(6).map { "“\($0)”" }.joined(separator: "、"))\(names.count > 6 ? " 等" : "")，已跳过。无需处理。"
        case .rowsNotData(let lines):
            "\(lines.count) 行不是数据（页眉页脚、签章栏、页码、附单据数、分隔线、重复的表头、栏次或审核公式），已跳过：第 "
                + lines.prefix(10).map(String.init).joined(separator: "、") + " 行" + (lines.count > 10 ? "等" : "")
                + "。无需处理。"
        case .manyBlankRows(let count):
            "表中有 \(count) 个空行（有格式、没有内容），已跳过，其余各行照常读取。无需处理；删除这些空行可使文件更小、汇总更快。"
        case .fileCountsNotRegistry(let columns):
            "表头有单位编码、单位名称，还有人数列（\(columns.joined(separator: "、"))）：这是按单位汇总人数的情况表，不是单位名录，也不是人员明细；汇总暂不读取这种表，整个文件未计入。单位名录请单独提供（单位编码、单位名称、上级单位编码），人员请按人员明细提供（单位编码、人员编号、人员类别）。"
        case .cardsInYuan(let columns):
            "资产卡片的金额列（\(columns.joined(separator: "、"))）没有注明单位，表头上方也没有“单位：万元/元”；资产管理系统导出的卡片以元为单位，已按元读取。"
                + "无需处理；如果这份卡片的金额不是元，请把表头写成“\(columns[0])(万元)”等后重新汇总。"
        case .moneyUnitAssumed(let header):
            "金额列“\(header)”没有注明单位，表头上方也没有“单位：万元/元”，已按元读取；请把表头写成“\(header)(元)”或“\(header)(万元)”。"

        case .rowMalformed(let record):
            Self.malformedText(record) + "该行未计入。"
        case .rowTooFewFields(let count, let width):
            "这一行只有 \(count) 列，表头有 \(width) 列；请检查是否漏了分隔符或有未加引号的换行。该行未计入。"
        case .rowTooManyFields(let count, let width):
            "这一行有 \(count) 列，比表头多 \(count - width) 列；常见原因是金额里的千位逗号没有加引号（如 1,234.50）。该行未计入。"
        case .rowMissingValue(let header):
            "“\(header)”为空，该行未计入；请补填后重新导出。"
        case .rowUnitCode(let code, let isParent):
            "\(isParent ? "上级单位编码" : "单位编码")“\(code)”含有字母、数字以外的字符，该行未计入。"
        case .rowAmount(let header, let value, let error):
            "“\(header)”的值“\(value)”\(Self.moneyText(error))。该行未计入。"
        case .rowAmountsTooLarge:
            "加上这一行后，本文件金额的合计超出可计算的范围（约 2.3 亿亿元）；该行未计入，请核对金额的单位和位数。"
        case .rowHeadcount(let header, let value):
            "“\(header)”的值“\(value)”不是人数（不为负的整数）。该行未计入。"
        case .rowStaffFormula(let whole, let parts, let stated, let computed) where parts.count == 1:
            // The one part that is a bound, not a sum: 在岗 cannot be more than 在职.
            "“\(parts[0])” \(computed) 人，多于“\(whole)” \(stated) 人（表内关系），该行未计入；请核对这一行的人数。"
        case .rowStaffFormula(let whole, let parts, let stated, let computed):
            "“\(whole)” \(stated) 人，不等于\(parts.map { "“\($0)”" }.joined(separator: " + ")) \(computed) 人（表内关系），该行未计入；请核对这一行的人数。"
        case .rowVocabulary(let header, let value, let allowed):
            "“\(header)”的值“\(value)”不在可选范围内（\(allowed.joined(separator: "、"))）。该行未计入。"
        case .rowClassificationCode(let header, let value, let problem, let title):
            Self.classificationText(header: header, value: value, problem, title: title)
        case .rowDate(let value):
            "日期“\(value)”无法识别；请写成 2022-03-15 或 2022/3/15。该行未计入。"
        case .totalRowUnreadable(let header, let value):
            "合计行的“\(header)”值“\(value)”无法读成金额，未能核对。"
        case .journalSummaryMismatch(let label, let header, let stated, let sum):
            "\(label)行的“\(header)”\(stated.yuanText) 元，与其上各行之和 \(sum.yuanText) 元不等（相差 \((stated - sum).yuanText) 元）；该行本身不计入。请核对账簿导出是否完整。"
        case .accountUnplaced(let code, let name, let rows, let amount, let type, let source, let written):
            "科目“\(code) \(name)”（\(rows) 行，借贷差 \(amount.yuanText) 元）是支出科目，但无法确定其"
                + [type == nil ? "支出类型（基本/项目/经营）" : nil, source == nil ? "资金来源" : nil].compactMap { $0 }
                .joined(separator: "和")
                + (written.isEmpty || source != nil ? "" : "（这些行的资金性质“\(written)”不是汇总认识的资金来源）")
                + "，该单位的支出明细因此未计入汇总（缺失，不按 0 计）。"
                + (written.isEmpty || source != nil
                    ? "请在文件夹中的科目对照表里为这个科目编码指定支出类型和资金来源。"
                    : "如“\(written)”是某一资金来源的写法，请在 --kinds 文件夹的词表（vocabularies 的 funding_source）中把它加为该资金来源的写法；如确实不是汇总所列的资金来源，请按决算口径调整。")
        case .ledgerSourceDiffers(let code, let name, let implied, let sources, let rows):
            "科目“\(code) \(name)”表明资金来源为\(implied)，但其中"
                + zip(sources, rows).map { "\($0.1) 行的资金性质为\($0.0.chinese)" }.joined(separator: "、")
                + "；这些行按各自的资金性质计。请核对科目设置或这些行的资金性质。"
        case .ledgerSourceAssumed(let code, let name, let rows, let amount):
            "科目“\(code) \(name)”是非财政专项资金支出（计入项目支出），其 \(rows) 行（\(amount.yuanText) 元）没有资金性质，资金来源按其他收入计。如为事业收入等，请在科目对照表中写明这个科目的资金来源。"
        case .booksCountedTwice(let account, let day, let earlier) where earlier.line == 0:
            "本单位既报送了账簿（科目“\(account)”等，\(Self.day(day)) 起），又报送了支出明细“\(earlier.file ?? "")”：同一笔支出会计两次，该单位的支出明细未计入（缺失）。请只保留其中一种。"
        case .booksCountedTwice(let account, let day, let earlier):
            "科目“\(account)”在本文件和“\(earlier.file ?? "")”（第 \(earlier.line) 行起）中都有 \(Self.day(day)) 那天笔数和借贷金额都相同的行：同一批凭证导出了两次，该单位的支出明细未计入（缺失）。请只保留一份账簿导出，或去掉重叠的期间。"
        case .accountClosedOut(let code, let name, let debit, let credit):
            "科目“\(code) \(name)”借方 \(debit.yuanText) 元，贷方 \(credit.yuanText) 元，相抵后为零或负数：账簿可能含年末结转分录（贷记支出科目），支出无法确定，该单位的支出明细未计入（缺失）。请导出不含年末结转的序时账，或核对这些贷方行（摘要写明“结转”的贷方行不计入支出）。"
        case .booksWithoutBudgetAccounts(let rows, let accounts):
            "本单位的账簿已读取（\(rows) 行），但其中没有预算会计的支出科目（7101 行政支出、7201 事业支出、7301 经营支出 等），只有 \(accounts.count) 个其他科目（\(accounts.prefix(3).joined(separator: "、"))\(accounts.count > 3 ? " 等" : "")）；无法得出支出，该单位的支出明细缺失（不按 0 计）。请导出含预算会计科目的序时账，或在科目对照表中为这些科目指定支出类型和资金来源。"
        case .accountsNotSpending(let rows, let accounts):
            "\(rows) 行记在 \(accounts.count) 个非支出科目上（\(accounts.prefix(3).joined(separator: "、"))\(accounts.count > 3 ? " 等" : "")），不计入支出。"
        case .ledgerTransferDiffers(let item, let booked, let stated):
            "账簿中的“\(item.chinese)”为 \(booked.yuanText) 元，决算为 \(stated.yuanText) 元，相差 \((booked - stated).yuanText) 元；内部往来按决算抵销。请核对账簿或决算表。"
        case .totalRowMismatch(let differences, let unreadableRows):
            differences.map { difference in
                let (stated, computed, unit) = (difference.stated, difference.computed, difference.unit)
                return
                    "“\(difference.header)”合计行写 \(Self.amount(stated, unit))，明细之和为 \(Self.amount(computed, unit))，相差 \(Self.amount(stated - computed, unit))"
            }.joined(separator: "；") + "。合计行不计入汇总；请核对明细或合计公式。"
                + (unreadableRows > 0 ? "（其上有 \(unreadableRows) 行的金额无法读取，未加入明细之和。）" : "")

        case .fileDuplicateCopy(let original):
            "与 \(original) 内容完全相同（重复放入的副本），只读取一次；可以删除这个副本。"
        case .fileAmountsTooLarge:
            "加上本文件后，全部金额的合计超出可计算的范围（约 2.3 亿亿元）；整个文件未计入。请核对金额的单位（元/万元）和位数。"
        case .registrySuperseded(let rows):
            "命令行用 --registry 指定了单位名录，文件夹中的这份名录（\(rows) 行）未使用。"
        case .registryDuplicateUnit(let code, let firstFile, let firstLine):
            "单位编码“\(code)”在单位名录中重复出现（第一次在 \(firstFile) 第 \(firstLine) 行）；这一行未使用。"
        case .registryNoMainUnit:
            "单位名录中每个单位都填了上级单位编码，找不到部门本级；内部往来按名录中的上级单位抵销。"
        case .registryUnknownParent(let name, let parent, let main):
            "单位“\(name)”的上级单位编码“\(parent)”不在名录中，按部门本级（\(main)）处理。"
        case .registryTooDeep:
            "单位名录的上下级层次过多（上级单位编码连成很长的链），没有计算层级汇总；部门合计和各单位的数不受影响。请核对单位名录的上级单位编码。"
        case .registryParentCycle(let units):
            "单位名录中 "
                + (units + units.prefix(1)).map { "\($0[0])（\($0[1])）" }.joined(separator: " → ")
                + " 的上级单位编码首尾相连成环，排不进部门的层级：这些单位及其下属单位没有层级小计，仍计入部门合计。请改正其中一个单位的上级单位编码。"
        case .rowUnitUnknown(let code, let line, let rows, let withZeros):
            "单位编码“\(code)”不在单位名录中（第 \(line) 行起共 \(rows) 行），这些行未计入。"
                + (withZeros.map { "名录中有“\($0)”：可能是 Excel 去掉了编码的前导零，请把该列设为文本格式后重新导出。" }
                    ?? "请核对编码，或把该单位加入单位名录。")
        case .unitNotNamed(let rows):
            "表中没有单位编码列，表头上方的“编制单位”、文件名和所在文件夹名也都对不上单位名录中的任何单位，\(rows) 行未计入。请在表中加“单位编码”列，或把文件放进以单位编码或单位全称命名的文件夹。"
        case .unitAmbiguous(let clue, let candidates, let rows):
            "表中没有单位编码列；\(clue.source.chinese)“\(clue.text)”同时对应名录中的 \(candidates.joined(separator: "、"))，无法确定是哪个单位，\(rows) 行未计入。请把文件名或文件夹名改成其中一个单位的编码或全称。"
        case .rowDuplicateSame(let key, let earlier):
            "\(Self.keyText(key))与\(Self.placeText(earlier))完全相同（重复报送），只计一次；可以删除这一行。"
        case .rowFigureAlreadyMissing(let key, let earlier):
            "\(Self.keyText(key))已因\(Self.placeText(earlier))的问题未计入汇总（见该处的问题），本行也未计入（报告中注明缺失）；请核对后重新报送。"
        case .rowDuplicateKey(let key, let earlier, let values, let earlierValues):
            "\(Self.keyText(key))与\(Self.placeText(earlier))重复但数值不同（\(Self.valuesText(values))，前者为 \(Self.valuesText(earlierValues))），无法确定哪一个对，两行都未计入（报告中注明缺失）；请核对哪一行正确，删除另一行。"
        case .unitNotSubmitted(let name, let code):
            "单位“\(name)”（\(code)）没有提交任何数据（资产、人员、预决算、支出明细都没有找到）；请联系该单位补交，或核对文件中的单位编码。"
        case .transferMismatch(let t):
            "\(t.stage.chinese)内部往来对不上：\(t.paidItem == .grantToSubordinate ? "本单位" : "下属单位合计")“\(t.paidItem.chinese)” \(t.paid.wanText) 万元，\(t.paidItem == .grantToSubordinate ? "下属单位合计" : "本单位")“\(t.bookedItem.chinese)” \(t.booked.wanText) 万元，相差 \((t.paid - t.booked).wanText) 万元（单位“\(t.parentName)”及其下属单位）；请双方核对。"
        case .transferOutside(let t, let units):
            "\(t.stage.chinese)“\(t.parentName)”的“\(t.paidItem == .grantToSubordinate ? t.paidItem.chinese : t.bookedItem.chinese)” "
                + "\((t.paidItem == .grantToSubordinate ? t.paid : t.booked).wanText) 万元，比本部门下属单位记的多 "
                + "\((t.paid - t.booked).magnitude.wanText) 万元：单位名录中另行汇总的下级单位（\(units.joined(separator: "、"))）"
                + "在另一个部门汇总，这部分由部门间汇总（huizong rollup）核对。"
        case .rollupTransferMismatch(let t):
            "\(t.stage.chinese)部门之间的往来对不上：上级部门 \(t.parentDepartment) 的单位“\(t.parentUnitName)”\(t.parentItem.chinese)（本部门内下属单位之外）\(t.parentFigure.yuanText) 元，下级部门 \(t.childDepartments.joined(separator: "、")) 本级的\(t.childItem.chinese) \(t.childFigure.yuanText) 元，相差 \((t.parentFigure - t.childFigure).yuanText) 元；请两个部门核对后改正，重新汇总各自的结果。"
        case .rollupDepartmentErrors(let department, let errors):
            "部门结果 \(department) 中有 \(errors) 条错误级问题，它的数字可能不全（缺失的数字不计入合计）；请先处理该部门 findings.csv 中的错误，重新汇总后再上报。"
        case .rollupParentOutside(let department, let main, let parent):
            "部门结果 \(department) 的本级“\(main)”的上级单位编码“\(parent)”不属于本次汇总的任何部门，与上级的补助、上缴按外部往来处理，没有抵销；如上级部门也应汇总，请一并给出它的结果文件夹。"

        case .assetNegative(let id, let original, let depreciation):
            "资产“\(id)”的原值或累计折旧为负数（原值 \(original.yuanText) 元，累计折旧 \(depreciation.yuanText) 元）；资产卡片上的数不能为负，请核对。"
        case .assetDepreciationExceedsOriginal(let id, let original, let depreciation):
            "资产“\(id)”的累计折旧 \(depreciation.yuanText) 元大于原值 \(original.yuanText) 元（多 \((depreciation - original).yuanText) 元），净值成了负数；请核对资产卡片。"
        case .assetNetValueMismatch(let id, let original, let depreciation, let stated):
            "资产“\(id)”卡片上的净值 \(stated.yuanText) 元不等于原值 \(original.yuanText) 元减累计折旧 \(depreciation.yuanText) 元（\((original - depreciation).yuanText) 元）；汇总按原值和累计折旧计，请核对资产卡片。"
        case .assetStatementDiffers(let figure, let cards, let stated):
            "资产负债简表的“\(figure.chinese)”\(stated.yuanText) 元，与资产卡片合计 \(cards.yuanText) 元不等（相差 \((stated - cards).yuanText) 元）；汇总按卡片计。请核对卡片是否漏录或重录，或简表是否填错。"
        case .budgetNegative(let stage, let item, let amount):
            "“\(stage.chinese) \(item.chinese)”为负数（\(amount.wanText) 万元）；预决算表中的数不能为负，请核对。"
        case .budgetUnbalanced(let stage, let f, let tolerance):
            "“\(stage.chinese)”收支不平衡：收入 \(f.ownIncome.wanText) + 上级补助收入 \(f[.grantFromParent].wanText) + 附属单位上缴收入 \(f[.remittanceFromSubordinate].wanText) + 年初结转和结余 \(f[.openingBalance].wanText) = \(f.sources.wanText) 万元；支出 \(f.spending.wanText) + 对附属单位补助支出 \(f[.grantToSubordinate].wanText) + 上缴上级支出 \(f[.remittanceToParent].wanText) + 年末结转和结余 \(f[.closingBalance].wanText) = \(f.uses.wanText) 万元；相差 \((f.sources - f.uses).wanText) 万元（容差 \(tolerance.wanText) 万元）。请核对该单位的\(stage.chinese)表。"
        case .ledgerDateOutsideYear(let rows, let year, let firstLine, let fiscalYear):
            "有 \(rows) 行凭证的日期在 \(year) 年（第 \(firstLine) 行起），不在 \(fiscalYear) 年度内；这些行已计入，请核对是否跨年度记账。"
        case .ledgerNoFinalAccounts(let name):
            "单位“\(name)”提交了支出明细，但预决算表中没有“决算”数，无法核对明细账；请补报决算数。"
        case .ledgerMissing(let name, let spending):
            "单位“\(name)”的决算支出为 \(spending.wanText) 万元，但没有提交支出明细，无法核对；请补交支出明细账。"
        case .ledgerFinalMismatch(let type, let booked, let reported):
            "支出明细中“\(type.chinese)”合计 \(booked.yuanText) 元，决算表为 \(reported.yuanText) 元，相差 \((booked - reported).yuanText) 元；请核对明细账是否漏记、重记，或决算表是否填错。"
        case .ledgerFinalSourceMismatch(let source, let booked, let reported):
            "账簿中资金来源为“\(source.chinese)”的支出合计 \(booked.yuanText) 元，决算表为 \(reported.yuanText) 元，相差 \((booked - reported).yuanText) 元；请核对账簿各行的资金性质，或决算表是否填错。"
        case .staffCountsWithheld(let doubt):
            "本单位的人数表\(doubt.chinese)，无法确定单位人数，人数未计入汇总（报告中注明缺失）；请核对后重新报送。"
        case .staffCountsDiffer(let list, let counts):
            "人员名单（\(Self.headcountText(list))）与人数表（\(Self.headcountText(counts))）不一致；汇总按人数表计。请核对名单是否漏报或重报，或人数表是否填错。"
        case .unitIncomplete(let name, let sent, let missing):
            "单位“\(name)”只提交了\(sent.map(\.chinese).joined(separator: "、"))，没有\(missing.map(\.chinese).joined(separator: "、"))；请联系该单位补交。"
        case .narrativeUnknownSection(let heading):
            "标题“\(heading)”不是报告的部分，其下的文字未采用；请改用叙述模板（输出文件夹中的 narrative.md）中的标题，如“部门职能”“存在的主要问题”“分项目标：……”。"
        case .narrativeDuplicateSection(let section, let earlier):
            "“\(section)”一节在 \(earlier) 中也写了，采用那里的文字（改过的 report.docx 优先，其次路径在前的文件），这里的未采用；请只保留一处。"
        case .narrativeUnreadable:
            "这个报告叙述文件超过 1 MiB 或不是文本，未采用；请保存为 UTF-8 文本。"
        case .narrativeParagraphTooLong(let left):
            "“\(left.section)”一节的第 \(left.paragraph) 段（以“\(left.opening)”开头）长 \(Self.mebibytes(left.bytes))，超过一段 \(ReportDocxReader.maxParagraphBytes / 1_048_576) MiB 的限度，未采用，报告中没有这一段；请在 Word/WPS 中删去这一段中大段粘贴的内容，或把它分成几段，保存后放回文件夹重新汇总。"
        case .narrativeUnplacedParagraph(let left):
            (left.heading.isEmpty ? "报告开头" : "标题“\(left.heading)”下") + "的第 \(left.paragraph) 段（\(left.characters) 个字）"
                + (left.editedFromData
                    ? "是按汇总数据写出的段落，被修改过；这类段落每次按数据重写，改动未采用。"
                    : "不在本部门撰写的部分之内，未采用。")
                + "请把要保留的文字写在【请填写】处或本部门撰写的各节（标题见输出文件夹中的 narrative.md），保存后放回文件夹重新汇总。"
        case .narrativeReportUnedited:
            "这是汇总写出的报告草稿，其中没有改写的文字，未取用任何内容；在【请填写】处和〔草拟〕处写好后放回文件夹，重新汇总即进入报告。"
        case .previousCarryoverMismatch(let opening, let closing, let thisFile, let lastFile):
            (thisFile.isEmpty ? "部门" : "")
                + "本年决算的年初结转和结余 \(opening.wanText) 万元\(thisFile.isEmpty ? "" : "（\(thisFile)）")与上年决算的年末结转和结余 "
                + "\(closing.wanText) 万元（上年结果 \(lastFile)）不一致，相差 \((opening - closing).wanText) 万元；上下年应当衔接，"
                + "请核对本年决算表的年初数；若上年决算已调整，请重新汇总上年数据。"
        case .previousUnitNew:
            "上年结果中没有这个单位：本年新增（或单位编码有变）；报告中宜说明。"
        case .previousUnitGone(let code, let name):
            "上年结果中的单位 \(code) \(name) 不在本年单位名录中：已撤并（或单位编码有变）；报告中宜说明。"
        case .previousLargeChange(let figure, let now, let then):
            "\(figure)本年 \(now)，上年 \(then)，变动超过说明门槛（金额 30% 且 100 万元，在职人员 20% 且 10 人）；报告中宜说明原因。"
        case .narrativeDocxTooLarge(let limit):
            "这个 Word 文档过大（文件超过 \(limit / 1_048_576) MiB，或正文解压后过大），没有读取其中的文字；如果它是改过的 report.docx，请删去其中大段粘贴的内容或大图片，保存后放回文件夹；如果它不属于本次汇总，可以把它移出文件夹。"
        case .reportUnknownFigure(let figure):
            "报告数“\(figure)”不是汇总能计算的项目，未核对；请改用使用说明中的名称（如 资产总额、货币资金、在职人员、决算-基本支出、决算支出合计）。"
        case .reportNotReconciled(let figure, let value):
            "报告数“\(figure)”为 \(value)；汇总未能算出这个数（没有绩效指标表，或有指标未能评分），暂不核对。"
        case .reportBadValue(let figure, let value, let measure, true):
            "报告数“\(figure)”的数值“\(value)”\(measure.isEmpty ? "" : "（\(measure)）")过大（超过 10 万亿元），不可能是本部门的金额，未核对；请核对位数和计量单位（万元/元）。"
        case .reportBadValue(let figure, let value, let measure, false):
            "报告数“\(figure)”的数值“\(value)”\(measure.isEmpty ? "" : "（\(measure)）")无法读取，未核对；金额请写数字并在计量单位列写“万元”或“元”，人数写整数。"
        case .reportMismatch(let figure, let reported, let computed, let difference, let hint):
            "报告写“\(figure)”\(reported)，汇总数据为 \(computed)，相差 \(difference)。"
                + (hint.map(Self.hintText) ?? "") + "请改正报告中的数字，或核对数据。"

        case .fundsMismatch(let column, let basis, let stated, let computed, let unit):
            "自评表资金情况中的“\(column)”写 \(Self.amount(stated, unit))，汇总数据（\(basis)）为 \(Self.amount(computed, unit))，相差 \(Self.amount(stated - computed, unit))；预算执行率按汇总数据计算。请核对自评表或预决算表。"

        case .scoreNoIndicators:
            "没有找到绩效指标表（表头含“指标编码、一级指标、指标名称、权重、方向、目标值”），未评分。"
        case .indicatorWeightsTotal(let stated, let required):
            "指标权重之和为 \(stated)，评分方案要求 \(required)；请调整权重。"
        case .indicatorGroupWeight(let group, let stated, let required):
            "一级指标“\(group)”下各指标权重之和为 \(stated)，评分方案规定为 \(required)；请调整权重。"
        case .indicatorPrintedWeight(let group, let printed, let expected, false):
            "一级指标“\(group)”的单元格中印的分值是 \(printed) 分，评分方案规定为 \(expected) 分；评分按评分方案的 \(expected) 分。请核对自评表上的一级指标分值。"
        case .indicatorPrintedWeight(let group, let printed, let expected, true):
            "一级指标“\(group)”的单元格中印的分值是 \(printed) 分，表中该一级指标下各指标分值之和为 \(expected) 分；评分按各指标的分值。请核对自评表上的一级指标分值。"
        case .scoreStatedTotal(let stated, let sum):
            "总分行写的得分是 \(stated)，表中各项得分（含预算执行率）相加为 \(sum)；总分按规则重新计算，不采用这一行。请核对总分行或各项得分。"
        case .indicator(let id, let name, let problem):
            "指标 \(id)“\(name)”：" + Self.indicatorText(problem)
        }
    }

    static func indicatorText(_ problem: Finding.IndicatorProblem) -> String {
        switch problem {
        case .duplicateID(let line): "编码与第 \(line) 行重复，这一行未评分；请给每个指标不同的编码。"
        case .badDirection(let value): "方向“\(value)”无法识别，未评分；应为 正向、反向、等于、定性 或 不适用。"
        case .badWeight(let value): "权重“\(value)”不是正数，未评分。"
        case .unknownGroup(let value, let groups): "一级指标“\(value)”不在评分方案中（\(groups.joined(separator: "、"))），未评分。"
        case .badTarget(let value): "目标值“\(value)”不是非负数，得 0 分；请填写数字目标。"
        case .sourceIncomplete(let value):
            "数据来源“\(value)”的汇总数缺了某个单位未计入的数字（见缺失的数字），不是完整的数，本指标暂不评分；请核对后重新汇总。"
        case .unknownSource(let value, let available):
            "数据来源“\(value)”不是汇总能计算的数（可用：\(available.joined(separator: "、"))），得 0 分。"
        case .badActual(let value): "实际值“\(value)”不是数字，得 0 分；请填写实际完成数。"
        case .badBand(let value): "定性指标的实际值“\(value)”应为 达成、部分达成 或 未达成，得 0 分。"
        case .missingReason(let score, let weight):
            "得分 \(score) 低于权重 \(weight)，但没有填写偏差原因；请在“偏差原因”列说明。"
        case .targetTooLow(let actual, let target, let ratio):
            "实际值 \(actual) 达到目标值 \(target) 的 \(ratio) 倍以上，目标可能定得过低；请在下一年度调整目标。"
        case .manualDiffers(let stated, let computed):
            "表中自评得分 \(stated) 与按规则计算的 \(computed) 不同；采用计算结果，请核对。"
        case .manualScoreMissing(let band, let low, let high):
            "定性指标为“\(band.chinese)”但没有填自评得分，按\(band.chinese)区间 [\(low), \(high)]的下限 \(low) 计；请填写得分。"
        case .manualOutOfBand(let score, let band, let low, let high):
            "自评得分 \(score) 不在\(band.chinese)区间 [\(low), \(high)]内，按区间边界计；请改正得分或定性结论。"
        }
    }

    static func classificationText(
        header: String, value: String, _ problem: ClassificationCodeProblem, title: String?
    ) -> String {
        switch problem {
        case .notACode(let expected):
            let rules = expected.map(\.classes) ?? NationalClassification.allCases.map(\.classes).joined(separator: "；")
            return "“\(header)”的值“\(value)”不是国标资产分类代码：\(rules)。该行未计入；请按资产卡片上的分类代码改正后重新导出。"
        case .noSuchClass(let edition):
            return "“\(header)”的值“\(value)”没有对应的门类：\(edition.classes)。该行未计入；请核对这张卡片的分类代码后重新导出。"
        case .otherEdition(let named, let code):
            let shape = code == .gb2010 ? "7 位数字" : "字母加 8 位数字"
            guard let title else {
                return "表头“\(header)”写明是 \(named.rawValue) 国标码，但“\(value)”是 \(code.rawValue) 国标码的写法"
                    + "（\(shape)）。该行未计入；请确认卡片用的是哪一版国标，把表头或分类代码改成一致后重新导出。"
            }
            return "标题“\(title)”写明是 \(named.rawValue) 国标码，但“\(header)”的值“\(value)”是 \(code.rawValue) 国标码的写法"
                + "（\(shape)）。该行未计入；请确认卡片用的是哪一版国标，把标题或分类代码改成一致后重新导出。"
        }
    }

    static func malformedText(_ record: MalformedRecord) -> String {
        switch record.reason {
        case .strayQuote:
            "第 \(record.errorLine) 行有多余的英文引号（引号不在字段开头，或引号后紧跟其他字符）。请在 Excel/WPS 中打开后重新另存为 CSV，或把该字段整体用引号括起、内部引号写成两个 \"\"。"
        case .unclosedQuote:
            "从第 \(record.line) 行开始的引号直到文件结尾都没有闭合。请检查该行是否缺少一个英文引号。"
        case .outOfMemory:
            "第 \(record.line) 行的字段过大，无法读入内存。"
        case .tooLong:
            "从第 \(record.line) 行开始的这一条记录超过 \(RecordParser.maxRecordBytes / 1_048_576) MiB（到第 \(record.errorLine) 行仍未结束），不是正常的表格行；请检查是否少了一个闭合的英文引号，或该单元格是否粘贴了大段内容。"
        }
    }

    static func moneyText(_ error: MoneyParseError) -> String {
        switch error {
        case .empty: "金额为空"
        case .notANumber: "不是数字"
        case .scientificNotation: "是科学计数法，精度已丢失；请在表格中把该列设为数值格式（两位小数）后重新导出"
        case .tooManyDecimals(let allowed, let unit):
            "小数位超过 \(allowed) 位（以\(unit.chineseName)计只能精确到分）；请核对原始数据，不要四舍五入后再报"
        case .badThousandsSeparators: "千位分隔符位置不对（应每三位一个逗号）"
        case .tooLarge: "数额过大（超过 10 万亿元），请核对"
        case .signInParentheses: "括号表示负数，括号里又有正负号（如“(-5)”），无法确定正负；请只用一种写法"
        }
    }

    static func amount(_ money: Money, _ unit: MoneyUnit) -> String {
        unit == .wan ? money.wanText + " 万元" : money.yuanText + " 元"
    }

    /// 20220301 → 2022-03-01.
    static func day(_ number: Int) -> String {
        String(format: "%04d-%02d-%02d", number / 10_000, number / 100 % 100, number % 100)
    }

    static func keyText(_ key: Finding.RowKey) -> String {
        switch key {
        case .asset(let id): "资产编号“\(id)”"
        case .person(let id): "人员编号“\(id)”"
        case .headcounts: "人数行"
        case .books: "账簿"
        case .budget(let stage, let item): "“\(stage.chinese) \(item.chinese)”"
        }
    }

    static func valuesText(_ values: Finding.RowValues) -> String {
        switch values {
        case .asset(let category, let original, let depreciation):
            "\(category.chinese) 原值 \(original.yuanText) 累计折旧 \(depreciation.yuanText)"
        case .person(let status): status.chinese
        case .headcounts(let counts): Self.headcountText(counts)
        case .budget(let amount): amount.wanText + " 万元"
        }
    }

    /// A size in MiB with one decimal: 63.0 MiB.
    static func mebibytes(_ bytes: Int) -> String {
        let tenths = bytes * 10 / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MiB"
    }

    static func headcountText(_ counts: StaffTotals) -> String {
        "在职 \(counts.active)、离休 \(counts.retiredVeteran)、退休 \(counts.retired) 人"
    }

    static func placeText(_ place: Finding.Place) -> String {
        place.file.map { "\($0) 第 \(place.line) 行" } ?? "本文件第 \(place.line) 行"
    }

    static func hintText(_ hint: Finding.ReportHint) -> String {
        switch hint {
        case .smallerThanPart(let part, let value, let partIsReported):
            "它比其中一项“\(part)”（\(partIsReported ? "报告中" : "汇总数据中")为 \(value)）还小——总额不可能小于其组成部分。"
        case .equalsSum(let description, let label):
            "它正好等于 \(description)——是否把合计数填在了“\(label)”名下？"
        case .unitsConfused(let reportedIsLarger):
            "报告的数正好是汇总数据的\(reportedIsLarger ? " 1 万倍" : "万分之一")——是否把元和万元弄混了？"
        }
    }
}

extension Finding.Severity {
    public var chinese: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        }
    }
}

extension FileType {
    /// What a file that is not a regular one is, in the officer's words.
    public var chinese: String {
        switch self {
        case .folder: "文件夹"
        case .fifo: "管道（FIFO）"
        case .characterDevice: "字符设备"
        case .blockDevice: "块设备"
        case .socket: "套接字"
        case .link: "链接"
        case .other: "特殊文件"
        }
    }
}

extension ConsolidateJob.Failure {
    /// Why the run wrote nothing, and what to do, for stderr.
    public var message: String {
        switch self {
        case .inputMissing(let path): "输入文件夹 \(path) 不存在；请检查路径。"
        case .previous(_, .folder(let problem)): "上年结果（--previous）不能使用：\(problem.message)本次没有写出任何结果。"
        case .previous(let path, .otherDepartment):
            "上年结果 \(path) 中没有一个单位编码与本年单位名录相同，不是本部门的结果；请给出本部门上年的结果文件夹（或用 --no-previous 不对照上年）。本次没有写出任何结果。"
        case .previous(let path, .wrongYear(let previous, let current)):
            "上年结果 \(path) 是\(previous.map { "\($0) 年度" } ?? "年度不明")的，本次汇总是\(current.map { "\($0) 年度" } ?? "年度不明（请用 --year 指明）")；上年结果应是前一年度的。本次没有写出任何结果。"
        case .inputNotAFolder(let path): "\(path) 不是文件夹；请给出存放各单位 CSV 的文件夹。"
        case .inputUnreadable(let path, let reason): "无法读取输入文件夹 \(path)（\(reason)）；请检查权限。"
        case .registryNotRegular(let path, let type): "单位名录 \(path) 不是普通文件，而是\(type.chinese)；请给出单位名录 CSV 文件。"
        case .registryUnreadable(let path): "单位名录文件 \(path) 不存在或无法读取。"
        case .scheme(let error): error.message
        case .layouts(let error): "版式文件 \(error.path) 有误：\(error.reason)。格式见 Layouts/README.md。"
        case .kinds(let error): "\(error.message)。请改正该文件后重新运行；格式见 Kinds/README.md。"
        case .severalRegistries(let paths):
            "文件夹中有 \(paths.count) 份单位名录（\(paths.joined(separator: "、"))），汇总不知道以哪一份为准，本次未运行；请只保留一份，或用 --registry 指定要用的那份。"
        case .noRegistry(let folder):
            "在 \(folder) 中没有找到单位名录（表头含“单位编码、单位名称”的 CSV）；请放入单位名录，或用 --registry 指定。"
        case .badRegistry(let path, let problem):
            "--registry 指定的 \(path) 不是可用的单位名录：\(problem?.message ?? "表头不是单位名录")"
        case .output(.refused(let path, let refusal)):
            "不能写入输出文件夹 \(path)：\(Self.refusalText(refusal))。没有写出任何结果，以前的结果保持不变。"
        case .output(.cannotCreate(let path, let reason)):
            "不能写入输出文件夹 \(path)：\(reason)。没有写出任何结果，以前的结果保持不变。"
        case .output(.io(let path, let reason)): "写出结果时出错：\(path)（\(reason)）；以前的结果保持不变。"
        case .lockUnavailable(let path, let reason): "无法创建锁文件 \(path)（\(reason)）；请检查输出文件夹所在位置的权限。"
        case .busy(let folder, let pid):
            "另一个汇总进程\(pid.map { "（进程号 \($0)）" } ?? "")正在写入 \(folder)；本次未运行。请等它结束后再试，或用 --out 指定其他文件夹。"
        }
    }

    static func refusalText(_ refusal: Publisher.Refusal) -> String {
        switch refusal {
        case .root: "不能把根目录作为输出文件夹；请指定一个专用的新文件夹"
        case .overlapsInput(let input):
            "输出文件夹与输入文件夹 \(input) 相同或互相包含，替换结果会删除或读入输入；请把结果写到输入文件夹之外的一个专用文件夹"
        case .notAFolder: "它是一个文件，不是文件夹；请指定一个新文件夹"
        case .empty: "--out 给出的路径是空的；请写出输出文件夹，例如 --out 结果"
        case .unresolvable(let reason):
            "无法确定它的完整路径（\(reason)，常见原因是当前目录已被删除）；请在一个存在的目录中运行，或给出绝对路径"
        case .changedSinceWritten(let names):
            "其中的 \(names.joined(separator: "、")) 在汇总写出之后被改动过（内容与 .huizong-manifest 记录的不符），替换结果会丢掉这些改动；请把要保留的文件移到别处，或自己删除后再运行"
        case .foreignManifest:
            "其中的 .huizong-manifest 不是汇总写出的（格式或校验行不对），汇总不能据它判断哪些文件可以删除；请把要保留的内容移走，或指定一个空文件夹或新文件夹"
        case .holdsOtherEntries(let shown, let count):
            "文件夹里有不是汇总写出的内容（\(shown.isEmpty ? "无法列出文件夹内容" : shown.joined(separator: "、") + (count > shown.count ? " 等 \(count) 项" : ""))），替换结果会删除它们；请指定一个空文件夹或新文件夹"
        }
    }
}

extension Consolidation {
    /// One line for the administrator's mail.
    public var summaryLine: String {
        let rows = inputs.reduce(0) { $0 + $1.rows }
        let accepted = inputs.reduce(0) { $0 + $1.accepted }
        let score =
            scorecard.map { card in
                guard let total = card.total, let grade = card.grade else {
                    return "自评未评分（\(Scorecard.unscoredText(card))）；"
                }
                return "自评 \(total.text(card.decimals)) 分（\(grade)）；"
            } ?? ""
        return
            "汇总完成：\(score)\(units.count) 个单位中 \(units.filter(\.isSubmitted).count) 个已提交；读取 \(inputs.count) 个文件 \(rows) 行，计入 \(accepted) 行，未计入 \(rows - accepted) 行；错误 \(errorCount) 条，警告 \(warningCount) 条。"
    }
}

extension Scorecard {
    /// Why there is no total, in words: for the summary line, score.csv and the report.
    public static func unscoredText(_ card: Scorecard) -> String {
        var reasons: [String] = []
        if card.status == .notScored { reasons.append("没有一个指标能够评分") }
        if !card.leftOut.isEmpty {
            let shown = card.leftOut.prefix(10).joined(separator: "、") + (card.leftOut.count > 10 ? " 等" : "")
            reasons.append("\(card.leftOut.count) 个指标未能评分：\(shown)")
        }
        if !card.weightsFit { reasons.append("指标权重与评分方案不符") }
        return reasons.joined(separator: "；")
    }
}
