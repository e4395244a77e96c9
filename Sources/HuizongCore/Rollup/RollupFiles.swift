import CXLSXWriter
import Foundation

/// `huizong rollup`'s output files, rendered to bytes: rollup.json for programs, 汇总结果.xlsx for
/// people, findings.csv, and a short report (report.md, report.html).
struct RollupFiles {
    static let schema = "huizong.rollup/1"
    static let jsonName = "rollup.json"

    let rollup: Rollup

    init(_ rollup: Rollup) { self.rollup = rollup }

    func render() throws(Publisher.Problem) -> [(name: String, bytes: [UInt8])] {
        let report = document()
        return [
            (ResultsWorkbook.fileName, try workbook()),
            ("findings.csv", findingsCSV()),
            (Self.jsonName, Array(json().serialized().utf8)),
            ("report.html", Array(report.html(title: title).utf8)),
            ("report.md", Array(report.markdown().utf8)),
        ]
    }

    var title: String { "\(rollup.fiscalYear.map { "\($0)年度" } ?? "")部门汇总结果" }

    // MARK: rollup.json

    func json() -> JSONValue {
        let departments: [JSONValue] = rollup.departments.map { department in
            .object([
                ("folder", .string(department.name)), ("department_json_sha256", .string(department.departmentHash)),
                (
                    "main_unit",
                    .object([
                        ("code", .string(department.mainCode)), ("name", .string(department.mainName)),
                        ("parent_code", .string(department.mainParent)),
                    ])
                ),
                ("parent_department", department.parentDepartment.map(JSONValue.string) ?? .null),
                ("units", .int(department.units)), ("errors", .int(department.errors)),
                ("warnings", .int(department.warnings)),
                (
                    "score",
                    .object([
                        ("total", department.scoreTotal.map(JSONValue.string) ?? .null),
                        ("grade", department.grade.map(JSONValue.string) ?? .null),
                    ])
                ),
                (
                    "totals",
                    OutputFiles.totalsJSON(
                        assets: department.assets, staff: department.staff, budget: department.budget,
                        eliminations: department.eliminations, ledger: department.ledger)
                ),
            ])
        }
        let eliminations: [JSONValue] = rollup.links.map { link in
            .object([
                ("parent_department", .string(link.parentDepartment)),
                ("parent_unit", .object([("code", .string(link.parentUnit)), ("name", .string(link.parentUnitName))])),
                ("subordinate_departments", .array(link.childDepartments.map(JSONValue.string))),
                ("stages", .object(link.stages.map { ($0.stage.key, OutputFiles.eliminationJSON($0)) })),
            ])
        }
        let findings: [JSONValue] = rollup.findings.map { finding in
            .object([
                ("severity", .string(finding.severity.rawValue)), ("rule", .string(finding.rule)),
                ("unit", .string(finding.unit)), ("file", .string(finding.file)),
                ("line", finding.line.map(JSONValue.int) ?? .null), ("message", .string(finding.message)),
            ])
        }
        return .object([
            ("schema", .string(Self.schema)),
            (
                "summary",
                .object([
                    ("fiscal_year", rollup.fiscalYear.map(JSONValue.int) ?? .null),
                    ("departments", .int(rollup.departments.count)),
                    ("units", .int(rollup.departments.reduce(0) { $0 + $1.units })),
                    ("department_errors", .int(rollup.departments.reduce(0) { $0 + $1.errors })),
                    ("department_warnings", .int(rollup.departments.reduce(0) { $0 + $1.warnings })),
                    ("errors", .int(rollup.errorCount)), ("warnings", .int(rollup.warningCount)),
                    ("infos", .int(rollup.findings.count - rollup.errorCount - rollup.warningCount)),
                ])
            ),
            ("departments", .array(departments)),
            (
                "totals",
                OutputFiles.totalsJSON(
                    assets: rollup.assets, staff: rollup.staff, budget: rollup.budget,
                    eliminations: rollup.eliminations,
                    ledger: rollup.ledger)
            ),
            ("eliminations", .array(eliminations)),
            ("findings", .array(findings)),
        ])
    }

    // MARK: findings.csv (the department findings.csv's columns)

    func findingsCSV() -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(["严重程度", "规则", "单位编码", "单位名称", "文件", "行号", "说明"].map(CSVCell.text))
        for finding in rollup.findings {
            writer.writeRow([
                .text(finding.severity.chinese), .text(finding.rule), .code(finding.unit),
                .text(rollup.unitNames[finding.unit] ?? ""), .text(finding.file),
                finding.line.map { .number(String($0)) } ?? .empty, .text(finding.message),
            ])
        }
        return writer.bytes
    }

    // MARK: 汇总结果.xlsx

    static let workbookHeader = [
        "部门（结果文件夹）", "本级编码", "本级名称", "上级部门", "单位数", "错误数", "警告数", "自评得分", "等级", "资产总额(元)", "在职人员",
        "人员合计", "决算收入合计(元)", "决算支出合计(元)", "支出明细合计(元)",
    ]

    func workbook() throws(Publisher.Problem) -> [UInt8] {
        var template = Array((NSTemporaryDirectory() + "/huizong-rollup.XXXXXX").utf8CString)
        guard let folderPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .io(path: ResultsWorkbook.fileName, reason: String(cString: strerror(errno)))
        }
        let folder = String(cString: folderPointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + ResultsWorkbook.fileName
        guard let workbook = workbook_new(path) else {
            throw .io(path: ResultsWorkbook.fileName, reason: "libxlsxwriter could not start the workbook")
        }
        let book = Book(workbook, title: title)
        defer { book.freeStrings() }
        book.setProperties(created: createdTime)
        departmentsSheet(book)
        eliminationsSheet(book)
        findingsSheet(book)
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            throw .io(path: ResultsWorkbook.fileName, reason: String(cString: lxw_strerror(error)))
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .io(path: ResultsWorkbook.fileName, reason: "the written workbook could not be read back")
        }
        return Array(bytes)
    }

    /// The end of the fiscal year (UTC), else the ZIP epoch: never the time of the run.
    var createdTime: time_t {
        guard let year = rollup.fiscalYear else { return 315_532_800 }
        var date = DateComponents()
        (date.year, date.month, date.day) = (year, 12, 31)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return time_t(calendar.date(from: date)?.timeIntervalSince1970 ?? 315_532_800)
    }

    /// 部门: one row per department, its key totals; the 合计 row SUBTOTALs where the rows add up.
    func departmentsSheet(_ book: Book) {
        let sheet = book.sheet("部门", keyColumns: 3)
        sheet.header(Self.workbookHeader)
        sheet.cap(0, 30)
        sheet.cap(2, 30)
        let block = sheet.block {
            for department in rollup.departments {
                sheet.row(
                    [
                        .text(department.name), .code(department.mainCode), .text(department.mainName),
                        .text(department.parentDepartment ?? ""), .count(department.units), .count(department.errors),
                        .count(department.warnings), .text(department.scoreTotal ?? ""), .text(department.grade ?? ""),
                        .money(department.assets.total), .count(department.staff.active),
                        .count(department.staff.total),
                        .money(department.budget[.final].income), .money(department.budget[.final].expenditure),
                        .money(department.ledger.total),
                    ], style: department.errors > 0 ? .error : .plain)
            }
        }
        sheet.filterAndFreeze()
        sheet.skipRow()
        let all = rollup
        sheet.total(
            [
                .text("合计"), .empty, .text("\(all.departments.count) 个部门合计"), .empty,
                .total(.count(all.departments.reduce(0) { $0 + $1.units })),
                .total(.count(all.departments.reduce(0) { $0 + $1.errors })),
                .total(.count(all.departments.reduce(0) { $0 + $1.warnings })), .empty, .empty,
                .total(.money(all.assets.total)), .total(.count(all.staff.active)), .total(.count(all.staff.total)),
                .total(.money(all.budget[.final].income)), .total(.money(all.budget[.final].expenditure)),
                .total(.money(all.ledger.total)),
            ], of: block, label: 2)
        sheet.finish()
    }

    /// 抵销: each transfer between departments, stage by stage, both sides.
    func eliminationsSheet(_ book: Book) {
        let sheet = book.sheet("部门间往来抵销", keyColumns: 3)
        sheet.header([
            "上级部门", "上级单位编码", "上级单位名称", "下级部门", "阶段", "对附属单位补助支出(元)", "上级补助收入(元)", "补助差额(元)", "附属单位上缴收入(元)",
            "上缴上级支出(元)", "上缴差额(元)",
        ])
        for link in rollup.links {
            for stage in link.stages {
                let differs =
                    (stage.grantsPaid - stage.grantsReceived).magnitude > .zero
                    || (stage.remittancesReceived - stage.remittancesPaid).magnitude > .zero
                sheet.row(
                    [
                        .text(link.parentDepartment), .code(link.parentUnit), .text(link.parentUnitName),
                        .text(link.childDepartments.joined(separator: "、")), .text(stage.stage.chinese),
                        .money(stage.grantsPaid), .money(stage.grantsReceived),
                        .money(stage.grantsPaid - stage.grantsReceived), .money(stage.remittancesReceived),
                        .money(stage.remittancesPaid), .money(stage.remittancesReceived - stage.remittancesPaid),
                    ], style: differs ? .warning : .plain)
            }
        }
        if rollup.links.isEmpty { sheet.row([.text("没有两个都在本次汇总中的部门之间的往来")]) }
        sheet.filterAndFreeze()
        sheet.finish()
    }

    func findingsSheet(_ book: Book) {
        let sheet = book.sheet("问题", keyColumns: 0)
        sheet.header(["严重程度", "规则", "规则说明", "单位编码", "单位名称", "文件", "说明"])
        for (column, width) in [(2, 30), (4, 20), (5, 30), (6, 60)] { sheet.cap(column, width) }
        let meanings = Dictionary(Rule.all.map { ($0.id, $0.meaning) }, uniquingKeysWith: { first, _ in first })
        for finding in rollup.findings {
            sheet.row(
                [
                    .text(finding.severity.chinese), .text(finding.rule), .text(meanings[finding.rule] ?? ""),
                    .code(finding.unit), .text(rollup.unitNames[finding.unit] ?? ""), .text(finding.file),
                    .text(finding.message),
                ],
                style: finding.severity == .error ? .error : finding.severity == .warning ? .warning : .plain)
        }
        if rollup.findings.isEmpty { sheet.row([.text("没有问题")]) }
        sheet.filterAndFreeze()
        sheet.finish()
    }

    // MARK: report.md, report.html

    /// The short summary: the level, the departments, the totals, the eliminations, the findings.
    func document() -> ReportDocument {
        var doc = ReportDocument()
        let all = rollup
        doc.add(
            .title(title, subtitle: "\(all.departments.count) 个部门、\(all.departments.reduce(0) { $0 + $1.units }) 个单位"))
        doc.add(
            .note(
                "本页由 huizong rollup 从各部门的汇总结果（department.json，已按各自的 .huizong-manifest 校验）生成；金额单位为万元，数字的出处见 rollup.json。"
            ))
        doc.add(.heading(1, "一、汇总的部门"))
        doc.add(
            .table(
                header: ["部门", "本级编码", "本级名称", "上级部门", "单位数", "错误", "警告", "自评得分", "等级"],
                rows: all.departments.map { department in
                    [
                        department.name, department.mainCode, department.mainName, department.parentDepartment ?? "",
                        String(department.units), String(department.errors), String(department.warnings),
                        department.scoreTotal ?? "", department.grade ?? "",
                    ]
                }, numeric: [4, 5, 6, 7], caption: nil))
        doc.add(.heading(1, "二、合计"))
        doc.add(
            .paragraph([
                .text("各部门合计：资产总额"), .figure(all.assets.total.wanText, source: "rollup.json → totals.assets.total"),
                .text("万元，在职人员"), .figure(String(all.staff.active), source: "rollup.json → totals.staff.active"),
                .text("人，决算支出"),
                .figure(
                    all.budget[.final].expenditure.wanText,
                    source: "rollup.json → totals.budget.final.expenditure_total"),
                .text("万元（内部往来已抵销）。"),
            ]))
        doc.add(
            .table(
                header: ["阶段", "收入合计（万元）", "支出合计（万元）"],
                rows: BudgetStage.allCases.map { stage in
                    [stage.chinese, all.budget[stage].income.wanText, all.budget[stage].expenditure.wanText]
                }, numeric: [1, 2], caption: "预决算收支合计（单位、部门之间的往来已抵销）"))
        doc.add(.heading(1, "三、部门之间的往来抵销"))
        if all.links.isEmpty {
            doc.add(.paragraph([.text("本次汇总的部门之间没有上下级往来。")]))
        } else {
            var rows: [[String]] = []
            for link in all.links {
                for stage in link.stages {
                    rows.append([
                        link.parentDepartment, link.parentUnitName, link.childDepartments.joined(separator: "、"),
                        stage.stage.chinese, stage.grantsPaid.wanText, stage.grantsReceived.wanText,
                        stage.remittancesReceived.wanText, stage.remittancesPaid.wanText,
                    ])
                }
            }
            doc.add(
                .table(
                    header: ["上级部门", "上级单位", "下级部门", "阶段", "补助支出", "补助收入", "上缴收入", "上缴支出"], rows: rows,
                    numeric: [4, 5, 6, 7], caption: "部门之间的补助和上缴（万元）：两边相等的已抵销"))
        }
        doc.add(.heading(1, "四、问题"))
        if all.findings.isEmpty {
            doc.add(.paragraph([.text("没有发现问题。")]))
        } else {
            doc.add(.list(all.findings.map { [.strong($0.severity.chinese + "："), .text($0.message)] }))
        }
        return doc
    }
}
