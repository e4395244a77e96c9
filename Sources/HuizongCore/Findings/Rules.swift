/// A rule Huizong checks: a stable id that tests and scripts match on, how serious a breach is,
/// what it means and what to do, in the officers' language. `huizong rules` prints them all,
/// and docs/rules.md is generated from them.
public struct Rule: Sendable, Hashable, Comparable {
    public let id: String
    public let severity: Finding.Severity
    /// What a finding of this rule means.
    public let meaning: String
    /// What the officer should do about it.
    public let action: String
    /// What the rule is about: what behaviour goes by, never the id's text.
    package let topic: Topic

    init(_ id: String, _ severity: Finding.Severity, _ meaning: String, _ action: String) {
        self.id = id
        self.severity = severity
        self.meaning = meaning
        self.action = action
        // The one place an id's text is read: its first part names the topic.
        guard let topic = Topic(rawValue: String(id.prefix { $0 != "." })) else {
            preconditionFailure("the rule \(id) names no topic")
        }
        self.topic = topic
    }

    public static func < (a: Rule, b: Rule) -> Bool { a.id < b.id }

    /// What a rule is about, as the first part of its id names it: a folder, a file, a row, a
    /// ledger and so on. Package access: a new topic must not break an embedder's switch.
    package enum Topic: String, Sendable, Hashable, CaseIterable {
        case folder, file, sheet, form, table, header, row
        case totalRow = "total_row"
        case ledger, registry, unit, transfer, asset, budget, staff, report, funds, narrative, score, indicator
        case previous, rollup
    }
}

// The catalog: every rule, grouped by the stage that finds it. Translations go here and in
// Messages.swift, nowhere else.
extension Rule {
    // MARK: Read: the drop folder and its files

    static let folderLink = Rule("folder.link", .error, "指向文件夹的链接，汇总不跟随，其中的文件没有读取", "把要汇总的文件本身复制进输入文件夹")
    static let folderHidden = Rule("folder.hidden", .info, "隐藏文件夹（名称以“.”开头），没有读取", "要汇总的文件请放在普通文件夹中")
    static let folderUnreadable = Rule("folder.unreadable", .error, "文件夹无法打开或列出，其中的文件没有读取", "检查文件夹权限后重新运行")
    static let folderTooDeep = Rule("folder.too_deep", .error, "文件夹嵌套太深，没有读取", "把文件移到较浅的文件夹中")
    static let fileLinkOutside = Rule("file.link_outside", .error, "链接指向输入文件夹之外，没有读取", "把文件本身复制进输入文件夹")
    static let fileNotRegular = Rule("file.not_regular", .error, "不是普通文件（管道、设备、套接字等），没有读取", "把导出的文件本身放进文件夹")
    static let fileUnreadable = Rule("file.unreadable", .error, "文件无法打开或读取中途出错，整个文件未计入", "检查文件权限，或重新复制该文件")
    static let fileSystem = Rule("file.system", .info, "系统或临时文件（如 ~$ 开头、Thumbs.db），已跳过", "无需处理")
    static let fileNotCSV = Rule("file.not_csv", .warning, "不是 CSV 文件，已跳过", "工作簿请另存为 CSV UTF-8；无关文件可移出文件夹")
    static let fileEmpty = Rule("file.empty", .warning, "文件是空的（0 字节）", "确认导出是否成功，重新导出")
    static let fileExcelWorkbook = Rule(
        "file.excel_workbook", .error, "Excel 工作簿的扩展名写成了 .csv", "在 Excel/WPS 中打开，另存为 CSV UTF-8")
    static let fileBinary = Rule("file.binary", .error, "文件含二进制内容，不是文本 CSV", "从系统重新导出")
    static let fileEncoding = Rule("file.encoding", .error, "文件中途换了编码或已损坏，整个文件未计入", "用 Excel/WPS 重新另存为 CSV UTF-8")
    static let fileNul = Rule("file.nul", .error, "文件含空字符（NUL），整个文件未计入", "用 Excel/WPS 重新另存为 CSV UTF-8")
    static let fileChangedWhileRead = Rule("file.changed_while_read", .error, "读取过程中文件发生了变化，整个文件未计入", "等文件写完后重新运行汇总")
    static let workbookUnreadable = Rule(
        "file.workbook_unreadable", .error, "工作簿（或其中一张表）无法读取，未计入", "用 Excel/WPS 打开检查后重新保存或导出")
    static let workbookNoTable = Rule(
        "file.workbook_no_table", .warning, "工作簿的工作表都是空的，或网页中没有表格，没有可读的数据", "确认导出是否成功，重新导出")
    static let sheetHidden = Rule("sheet.hidden", .info, "隐藏的工作表，已照常读取", "确认它确实属于本次汇总")
    static let sheetTooManyColumns = Rule(
        "sheet.too_many_columns", .warning, "一行的单元格超出 Excel 的最后一列（16384 列），多出的已忽略", "用 Excel/WPS 打开检查后重新保存")
    static let formUnknownLabel = Rule(
        "form.unknown_label", .error, "决算表中有版式不认识的行，该行的数未计入", "在版式文件（Layouts/）中加入该行，或核对表格")
    static let formTotalsDiffer = Rule(
        "form.totals_differ", .error, "同一单位两张决算表上的同一合计数不一致（如01表与04表的本年支出合计）", "核对决算表")
    static let formUnreadable = Rule(
        "form.unreadable", .error, "认出是某张决算表，但找不到其表头或合计行，整张表未计入", "确认表格是原样导出的，或为本省表样写版式文件")
    static let sheetsReadPast = Rule(
        "sheet.not_a_table", .info, "工作簿中不是数据表的工作表（封面、目录、填报说明、汇总不读的附表），已跳过", "无需处理")
    static let rowsNotData = Rule(
        "row.not_data", .info, "表中不是数据的行（页眉页脚、签章栏、页码、附单据数、分隔线、重复的表头、栏次、审核公式等），已跳过", "无需处理；若有数据行被跳过，删去该行开头的说明文字")
    static let manyBlankRows = Rule(
        "table.many_blank_rows", .info, "表中有上万个空行（常见于整列设了格式的工作表），已跳过", "无需处理；删除空行可使文件更小")
    static let fileHeaderTooLong = Rule("file.header_too_long", .error, "文件开头的行过长，找不到表头", "检查该文件是否是正常导出的表格")
    static let fileUnrecognised = Rule("file.unrecognised", .error, "前几行中没有任何一类表的表头，整个文件未计入", "按使用说明补全表头（中文或英文列名均可）")
    static let moneyUnitAssumed = Rule(
        "header.money_unit_assumed", .warning, "金额列没有注明元或万元，已按元读取", "把表头写成“金额(元)”或“金额(万元)”，或在表头上方写“单位：万元”")
    static let cardsInYuan = Rule(
        "header.cards_in_yuan", .info, "资产卡片的金额列没有注明单位，按资产系统导出的惯例以元读取（每个文件一条）",
        "无需处理；卡片金额不是元时，在表头注明“(万元)”")

    // MARK: Read: rows

    static let rowMalformed = Rule("row.malformed", .error, "引号不成对或记录过长，该行无法读取，未计入", "在 Excel/WPS 中打开后重新另存为 CSV")
    static let rowFieldCount = Rule("row.field_count", .error, "该行的列数与表头不同，未计入", "检查分隔符、千位逗号是否加了引号")
    static let rowMissingValue = Rule("row.missing_value", .error, "必填的单元格为空，该行未计入", "补填后重新导出")
    static let rowUnitCode = Rule("row.unit_code", .error, "单位编码含字母、数字以外的字符，该行未计入", "改正单位编码")
    static let rowAmount = Rule("row.amount", .error, "金额无法读取、位数不对或超出范围，该行未计入", "按提示改正金额")
    static let rowHeadcount = Rule("row.headcount", .error, "人数不是不为负的整数，该行未计入", "填写整数人数")
    static let rowStaffFormula = Rule(
        "row.staff_formula", .error, "人数表一行中的人数不符合表内关系（如在职 = 财政拨款开支 + 经费自理），该行未计入", "核对这一行的人数")
    static let rowVocabulary = Rule(
        "row.vocabulary", .error, "类别、阶段、科目等不在可选范围内，或资产分类代码不合国标（GB/T 14885-2010 或 2022）的门类，该行未计入",
        "改用使用说明中列出的名称；分类代码按卡片所用那一版国标改正")
    static let rowDate = Rule("row.date", .error, "日期无法识别或不存在，该行未计入", "写成 2022-03-15 或 2022/3/15")
    static let totalRowUnreadable = Rule("total_row.unreadable", .warning, "合计行的金额无法读取，未能核对", "检查合计行的金额")
    static let totalRowMismatch = Rule(
        "total_row.mismatch", .error, "合计行与它所合计的各行（其上各行；合计印在表首时为其下各行）之和不等（合计行本身不计入汇总）", "核对明细或合计公式")

    // MARK: Consolidate

    static let journalSummaryMismatch = Rule(
        "ledger.summary_mismatch", .error, "序时账的本月合计或本年累计与其上各行之和不等", "核对账簿导出是否完整")
    static let fileDuplicateCopy = Rule("file.duplicate_copy", .warning, "与另一个文件内容完全相同，只读取一次", "删除重复的副本")
    static let fileAmountsTooLarge = Rule(
        "file.amounts_too_large", .error, "加上该文件后金额合计超出可计算的范围，整个文件未计入", "核对金额的单位（元/万元）和位数")
    static let registrySuperseded = Rule(
        "registry.superseded", .warning, "命令行指定了单位名录，文件夹中的名录未使用", "无需处理，或去掉 --registry")
    static let registryDuplicateUnit = Rule("registry.duplicate_unit", .error, "单位编码在名录中重复，后出现的一行未使用", "删除重复的一行")
    static let registryNoMainUnit = Rule("registry.no_main_unit", .warning, "名录中找不到部门本级（每个单位都有上级）", "把部门本级的上级单位编码留空")
    static let registryUnknownParent = Rule("registry.unknown_parent", .warning, "上级单位编码不在名录中，按部门本级处理", "改正上级单位编码")
    static let registryTooDeep = Rule(
        "registry.too_deep", .warning, "单位名录的上下级层次过多，没有计算层级汇总", "核对单位名录的上级单位编码")
    static let registryParentCycle = Rule(
        "registry.parent_cycle", .warning, "上级单位编码首尾相连成环，这些单位及其下属单位没有层级小计（仍计入部门合计）", "改正上级单位编码")
    static let rowUnitUnknown = Rule("row.unit_unknown", .error, "单位编码不在单位名录中，这些行未计入", "核对编码（常见原因是前导零被去掉），或把单位加入名录")
    static let unitNotNamed = Rule(
        "unit.not_named", .error, "表中没有单位编码，编制单位、文件名、文件夹名也对不上名录，整个文件未计入",
        "加“单位编码”列，或把文件放进以单位编码或全称命名的文件夹")
    static let unitAmbiguous = Rule(
        "unit.ambiguous", .error, "表中没有单位编码，而编制单位、文件名或文件夹名同时对应名录中的几个单位，整个文件未计入",
        "把文件名或文件夹名改成一个单位的编码或全称")
    static let rowDuplicateSame = Rule("row.duplicate_same", .warning, "与前面一行完全相同（重复报送），只计一次", "删除重复的一行")
    static let rowDuplicateKey = Rule(
        "row.duplicate_key", .error, "与前面一行编号相同但数值不同，两行都未计入（该数缺失）", "核对哪一行正确，删除另一行")
    static let unitNotSubmitted = Rule("unit.not_submitted", .error, "名录中的单位没有提交任何数据", "联系该单位补交，或核对文件中的单位编码")
    static let transferMismatch = Rule("transfer.mismatch", .error, "上下级之间的补助、上缴两边对不上", "请上下级单位双方核对")
    static let transferOutside = Rule(
        "transfer.outside", .info, "本级与另行汇总的下级单位之间的补助、上缴：在部门间汇总时核对", "用 huizong rollup 汇总两个部门")

    // MARK: Check

    static let assetNegative = Rule("asset.negative", .error, "资产原值或累计折旧为负数（该行已计入）", "核对资产卡片")
    static let assetDepreciationExceedsOriginal = Rule(
        "asset.depreciation_exceeds_original", .error, "累计折旧大于原值（该行已计入）", "核对资产卡片")
    static let assetNetValueMismatch = Rule(
        "asset.net_value_mismatch", .error, "卡片上的净值不等于原值减累计折旧（按原值和累计折旧计）", "核对资产卡片")
    static let assetStatementDiffers = Rule(
        "asset.statement_differs", .error, "资产负债简表与资产卡片合计不等（按卡片计）", "核对卡片或简表")
    static let budgetNegative = Rule("budget.negative", .error, "预决算表中的数为负数（该行已计入）", "核对预决算表")
    static let budgetUnbalanced = Rule("budget.unbalanced", .error, "单位某一阶段的收支不平衡", "核对该单位的预决算表")
    static let ledgerDateOutsideYear = Rule("ledger.date_outside_year", .warning, "凭证日期不在本年度内（这些行已计入）", "核对是否跨年度记账")
    static let ledgerNoFinalAccounts = Rule("ledger.no_final_accounts", .warning, "有支出明细但没有决算数，无法核对", "补报决算数")
    static let ledgerMissing = Rule("ledger.missing", .warning, "有决算支出但没有支出明细，无法核对", "补交支出明细账")
    static let ledgerFinalMismatch = Rule("ledger.final_mismatch", .error, "支出明细合计与决算表不等", "核对明细账是否漏记、重记，或决算表是否填错")
    static let staffCountsWithheld = Rule(
        "staff.counts_withheld", .error, "单位的人数表合计与分项不符、没有合计行或有一行无法读取，人数未计入（缺失）", "核对人数表后重新报送")
    static let staffCountsDiffer = Rule(
        "staff.counts_differ", .error, "单位的人员名单与人数表不一致（汇总按人数表计）", "核对名单或人数表")
    static let accountUnplaced = Rule(
        "ledger.account_unplaced", .error, "账簿中的支出科目无法确定支出类型或资金来源，该单位的支出明细未计入（缺失）", "在科目对照表中为该科目指定")
    static let ledgerSourceDiffers = Rule(
        "ledger.source_differs", .warning, "账簿中一个科目的资金性质（辅助核算）与科目名称所示的资金来源不同，按每行的资金性质计", "核对科目设置或该科目下各行的资金性质")
    static let booksWithoutBudgetAccounts = Rule(
        "ledger.no_budget_accounts", .error, "单位的账簿中没有预算会计的支出科目，无法得出支出，支出明细缺失", "导出含预算会计科目（7101、7201 等）的序时账，或在科目对照表中指定")
    static let accountClosedOut = Rule(
        "ledger.account_closed_out", .error, "账簿中支出科目的贷方抵消了全部借方（可能含未注明的年末结转），支出明细缺失", "导出不含年末结转的序时账，或在结转分录摘要中写明“结转”")
    static let booksCountedTwice = Rule(
        "ledger.counted_twice", .error, "单位的两份账簿（或账簿与支出明细）有同一科目同一期间的行，可能重复计算，支出明细缺失", "只保留一份导出，或去掉重叠的期间")
    static let ledgerSourceAssumed = Rule(
        "ledger.source_assumed", .warning, "非财政专项资金支出科目的行没有资金性质，资金来源按其他收入计", "如为事业收入等，在科目对照表中写明该科目的资金来源")
    static let accountsNotSpending = Rule("ledger.not_spending", .info, "序时账中记在非支出科目上的行，不计入支出", "无需处理")
    static let ledgerTransferDiffers = Rule(
        "ledger.transfer_differs", .error, "账簿中的上缴上级支出或对附属单位补助支出与决算不等", "核对账簿或决算表")
    static let unitIncomplete = Rule("unit.incomplete", .warning, "单位只提交了部分表", "联系该单位补交")
    static let reportUnknownFigure = Rule("report.unknown_figure", .warning, "报告数的项目不是汇总能计算的，未核对", "改用使用说明中的名称")
    static let reportNotReconciled = Rule("report.not_reconciled", .info, "报告数暂时无法计算（如没有绩效指标表时的自评得分），未核对", "无需处理")
    static let reportBadValue = Rule("report.bad_value", .warning, "报告数的数值无法读取，未核对", "金额写数字并注明万元或元，人数写整数")
    static let fundsMismatch = Rule(
        "funds.mismatch", .error, "自评表资金情况中的全年预算数或全年执行数与汇总数据不符", "核对自评表或预决算表；执行率仍按汇总数据计算")
    static let narrativeUnknownSection = Rule(
        "narrative.unknown_section", .warning, "报告叙述文件中的标题不是报告的部分，其下文字未采用", "改用叙述模板（narrative.md）中的标题")
    static let narrativeDuplicateSection = Rule(
        "narrative.duplicate_section", .warning, "两个报告叙述文件写了同一部分，采用改过的 report.docx 或路径在前的一个", "删去其中一处")
    static let narrativeUnreadable = Rule(
        "narrative.unreadable", .warning, "报告叙述文件过大或不是文本，未采用", "保存为 UTF-8 文本，1 MiB 以内")
    static let narrativeParagraphTooLong = Rule(
        "narrative.paragraph_too_long", .warning, "改过的 report.docx 中有一段超过 1 MiB，这一段未采用", "删去这一段中大段粘贴的内容，或分成几段")
    static let narrativeUnplacedParagraph = Rule(
        "narrative.unplaced_paragraph", .warning, "改过的 report.docx 中有一段不在本部门撰写的部分，或是被改过的数据段落，未采用",
        "把文字写在【请填写】处或本部门撰写的各节")
    static let narrativeReportUnedited = Rule(
        "narrative.report_unedited", .info, "文件夹中的 report.docx 是未改过的报告草稿，没有取用内容", "在【请填写】处写好后放回，或把它移出文件夹")
    static let previousCarryoverMismatch = Rule(
        "previous.carryover_mismatch", .error, "本年决算的年初结转和结余与上年决算的年末结转和结余不一致（上下年衔接）", "核对本年决算表的年初数或上年决算")
    static let previousUnitNew = Rule("previous.unit_new", .info, "上年结果中没有的单位（本年新增）", "报告中说明")
    static let previousUnitGone = Rule("previous.unit_gone", .info, "上年结果中有、本年名录中没有的单位", "报告中说明")
    static let previousLargeChange = Rule(
        "previous.large_change", .info, "与上年相比变动较大的数（金额 30% 且 100 万元，在职人员 20% 且 10 人）", "报告中说明原因")
    static let narrativeDocxTooLarge = Rule(
        "narrative.docx_too_large", .warning, "Word 文档超过 64 MiB 或正文解压后过大，没有读取其中的文字", "删去其中大段粘贴的内容或大图片；无关文件可移出文件夹")
    static let reportMismatch = Rule("report.mismatch", .error, "报告中的数字与汇总数据不符", "改正报告中的数字，或核对数据")

    // MARK: Score

    static let scoreNoIndicators = Rule("score.no_indicators", .info, "没有绩效指标表，未评分", "需要评分时放入绩效指标表")
    static let indicatorDuplicateID = Rule("indicator.duplicate_id", .error, "指标编码重复，后一个未评分", "给每个指标不同的编码")
    static let indicatorBadDirection = Rule("indicator.bad_direction", .error, "指标方向无法识别，未评分", "写 正向、反向、等于、定性 或 不适用")
    static let indicatorBadWeight = Rule("indicator.bad_weight", .error, "权重不是正数，未评分", "填写正数权重")
    static let indicatorUnknownGroup = Rule("indicator.unknown_group", .error, "一级指标不在评分方案中，未评分", "改用评分方案中的一级指标名称")
    static let indicatorWeightsTotal = Rule("indicator.weights_total", .error, "指标权重之和不等于评分方案的总分", "调整权重")
    static let indicatorGroupWeight = Rule("indicator.group_weight", .error, "一级指标下的权重之和与评分方案不符", "调整权重")
    static let indicatorPrintedWeight = Rule(
        "indicator.printed_weight", .warning, "自评表一级指标单元格中印的分值与评分方案不符，评分按评分方案", "核对自评表上的一级指标分值")
    static let indicatorBadTarget = Rule("indicator.bad_target", .error, "目标值不是非负数，得 0 分", "填写数字目标")
    static let indicatorUnknownSource = Rule(
        "indicator.unknown_source", .error, "数据来源不是汇总能计算的数，得 0 分", "改用使用说明中的数据来源名称，或留空并填写实际值")
    static let indicatorSourceIncomplete = Rule(
        "indicator.source_incomplete", .warning, "数据来源的汇总数缺了某个单位未计入的数字，本指标暂不评分",
        "按问题清单核对缺失的数字，改正后重新汇总")
    static let indicatorBadActual = Rule("indicator.bad_actual", .error, "实际值不是数字，得 0 分", "填写实际完成数")
    static let indicatorBadBand = Rule("indicator.bad_band", .error, "定性指标的实际值不是 达成、部分达成 或 未达成，得 0 分", "改正定性结论")
    static let scoreMissingReason = Rule("score.missing_reason", .warning, "得分低于权重但没有填写偏差原因", "在“偏差原因”列说明")
    static let scoreTargetTooLow = Rule("score.target_too_low", .warning, "实际值远超目标值，目标可能定得过低", "在下一年度调整目标")
    static let scoreManualDiffers = Rule("score.manual_differs", .warning, "表中自评得分与按规则计算的不同，采用计算结果", "核对自评得分")
    static let scoreManualScoreMissing = Rule("score.manual_score_missing", .warning, "定性指标没有填自评得分，按区间下限计", "填写自评得分")
    static let scoreStatedTotal = Rule(
        "score.stated_total", .warning, "自评表总分行的得分与各项得分之和不符，总分按规则计算", "核对总分行或各项得分")
    static let scoreManualOutOfBand = Rule("score.manual_out_of_band", .error, "自评得分不在定性结论对应的区间内，按区间边界计", "改正得分或定性结论")

    // MARK: Roll up: departments' results (`huizong rollup`)

    static let rollupTransferMismatch = Rule(
        "rollup.transfer_mismatch", .error, "两个部门之间的补助或上缴，上级部门和下级部门的数对不上", "请两个部门核对后改正，重新汇总各自的结果")
    static let rollupDepartmentErrors = Rule(
        "rollup.department_errors", .warning, "部门的汇总结果中有错误级问题，它的数字可能不全", "先处理该部门 findings.csv 中的错误，重新汇总后再上报")
    static let rollupParentOutside = Rule(
        "rollup.parent_outside", .info, "部门本级的上级单位不在本次汇总的部门中，与它的往来没有抵销", "无需处理；上级部门也应汇总时，请一并给出它的结果文件夹")

    /// Every rule, in the order of the pipeline.
    public static let all: [Rule] = [
        folderLink, folderHidden, folderUnreadable, folderTooDeep, fileLinkOutside, fileNotRegular, fileUnreadable,
        fileSystem, fileNotCSV, fileEmpty, fileExcelWorkbook, fileBinary, fileEncoding, fileNul, fileChangedWhileRead,
        workbookUnreadable, workbookNoTable, sheetHidden, sheetTooManyColumns, formUnknownLabel, formTotalsDiffer,
        formUnreadable, sheetsReadPast, rowsNotData, manyBlankRows,
        fileHeaderTooLong,
        fileUnrecognised, moneyUnitAssumed, cardsInYuan,
        rowMalformed, rowFieldCount, rowMissingValue, rowUnitCode, rowAmount, rowHeadcount, rowStaffFormula,
        rowVocabulary, rowDate,
        totalRowUnreadable, totalRowMismatch, journalSummaryMismatch,
        fileDuplicateCopy, fileAmountsTooLarge, registrySuperseded, registryDuplicateUnit, registryNoMainUnit,
        registryUnknownParent, registryParentCycle, registryTooDeep, rowUnitUnknown, unitNotNamed, unitAmbiguous,
        rowDuplicateSame,
        rowDuplicateKey,
        unitNotSubmitted, transferMismatch, transferOutside,
        assetNegative, assetDepreciationExceedsOriginal, assetNetValueMismatch, assetStatementDiffers, budgetNegative,
        budgetUnbalanced,
        ledgerDateOutsideYear,
        ledgerNoFinalAccounts, ledgerMissing, ledgerFinalMismatch, accountUnplaced, ledgerSourceDiffers,
        ledgerSourceAssumed, booksWithoutBudgetAccounts, booksCountedTwice, accountClosedOut,
        accountsNotSpending,
        ledgerTransferDiffers, staffCountsDiffer, staffCountsWithheld, unitIncomplete,
        reportUnknownFigure, reportNotReconciled, reportBadValue, reportMismatch, fundsMismatch,
        narrativeUnknownSection, narrativeDuplicateSection, narrativeUnreadable, narrativeParagraphTooLong,
        narrativeDocxTooLarge, narrativeUnplacedParagraph, narrativeReportUnedited, previousCarryoverMismatch,
        previousUnitNew, previousUnitGone, previousLargeChange,
        scoreNoIndicators, indicatorDuplicateID, indicatorBadDirection, indicatorBadWeight, indicatorUnknownGroup,
        indicatorWeightsTotal, indicatorGroupWeight, indicatorPrintedWeight, indicatorBadTarget, indicatorUnknownSource,
        indicatorSourceIncomplete,
        indicatorBadActual, indicatorBadBand, scoreMissingReason, scoreTargetTooLow, scoreManualDiffers,
        scoreManualScoreMissing, scoreManualOutOfBand, scoreStatedTotal,
        rollupTransferMismatch, rollupDepartmentErrors, rollupParentOutside,
    ]
}

extension Rule {
    /// Every rule as `huizong rules` prints it: one line each, aligned.
    public static func catalogText() -> String {
        let width = all.map(\.id.count).max() ?? 0
        return all.map { rule in
            rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + rule.meaning + "。处理：" + rule.action + "。"
        }.joined(separator: "\n") + "\n"
    }

    /// The catalog as docs/rules.md, generated (`huizong rules --markdown > docs/rules.md`).
    public static func catalogMarkdown() -> String {
        var text = """
            # Rules

            Every finding Huizong reports names one of these rules. This file is generated from the
            catalog in `Sources/HuizongCore/Findings/Rules.swift` by `huizong rules --markdown`;
            a test keeps the two the same. Messages themselves are in `Findings/Messages.swift`.

            | rule | severity | 含义 | 处理 |
            | --- | --- | --- | --- |

            """
        for rule in all {
            text += "| `\(rule.id)` | \(rule.severity.rawValue) | \(rule.meaning) | \(rule.action) |\n"
        }
        return text
    }
}
