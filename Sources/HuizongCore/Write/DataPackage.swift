import Foundation

/// A column of a CSV output: its header in each language, its Table Schema type and what it holds.
/// Each CSV's header and its entry in datapackage.json are made from one list of these, so a
/// column cannot be added to one without the other.
struct CSVColumn {
    /// Table Schema types, as the CSVs write them: `number` is a plain decimal (`-1234.50`, money
    /// in 元 with two decimals), `integer` a count, `string` anything else, codes included.
    enum FieldType: String {
        case string, number, integer
    }

    let zh: String
    let en: String
    let type: FieldType
    /// What the column holds, in Chinese, for datapackage.json.
    let description: String

    init(_ zh: String, _ en: String, _ type: FieldType, _ description: String) {
        (self.zh, self.en, self.type, self.description) = (zh, en, type, description)
    }

    func name(_ language: HeaderLanguage) -> String { language == .zh ? zh : en }
}

/// One CSV file as datapackage.json describes it.
struct CSVResource {
    let name: String
    let path: String
    let title: String
    let description: String
    let columns: [CSVColumn]
    let primaryKey: [CSVColumn]
}

extension OutputFiles {
    /// The CSVs this run writes, each with its columns (in the header's order).
    var csvResources: [CSVResource] {
        let units = unitsColumns
        let score = scoreColumns
        return [
            CSVResource(
                name: "units", path: "units.csv", title: "各单位汇总",
                description: "名录中每个单位一行（不论是否提交），只有记录、没有合计行：部门合计（内部往来已抵销）见 department.json 的 totals 和汇总结果.xlsx。",
                columns: units, primaryKey: [units[0]]),
            CSVResource(
                name: "findings", path: "findings.csv", title: "发现的问题",
                description: "每个发现一行，按严重程度、单位、文件、行号排序；规则编号的含义见 docs/rules.md（huizong rules）。",
                columns: findingsColumns, primaryKey: []),
            CSVResource(
                name: "score", path: "score.csv", title: "绩效指标评分",
                description: "每个绩效指标一行（不适用的指标在后），只有记录、没有小计、总分、等级行：这些见 department.json 的 score 和汇总结果.xlsx。",
                columns: score, primaryKey: [score[0]]),
        ]
    }

    /// datapackage.json: a Frictionless Tabular Data Package naming every CSV with a Table Schema
    /// whose fields are its header, exactly (in the language `--headers` chose).
    package func dataPackageJSON() -> JSONValue {
        let resources: [JSONValue] = csvResources.map { resource in
            var schema: [(String, JSONValue)] = [
                (
                    "fields",
                    .array(
                        resource.columns.map { column in
                            .object([
                                ("name", .string(column.name(headers))), ("title", .string(column.zh)),
                                ("type", .string(column.type.rawValue)), ("description", .string(column.description)),
                            ])
                        })
                ),
                ("missingValues", .array([.string("")])),
            ]
            if !resource.primaryKey.isEmpty {
                schema.append(("primaryKey", .array(resource.primaryKey.map { .string($0.name(headers)) })))
            }
            return .object([
                ("name", .string(resource.name)), ("path", .string(resource.path)),
                ("profile", .string("tabular-data-resource")), ("title", .string(resource.title)),
                ("description", .string(resource.description)), ("format", .string("csv")),
                ("mediatype", .string("text/csv")), ("encoding", .string("utf-8")),
                (
                    "dialect",
                    .object([
                        ("delimiter", .string(",")), ("lineTerminator", .string("\r\n")), ("quoteChar", .string("\"")),
                        ("doubleQuote", .bool(true)), ("header", .bool(true)),
                    ])
                ),
                ("schema", .object(schema)),
            ])
        }
        return .object([
            ("profile", .string("tabular-data-package")), ("name", .string("huizong-results")),
            ("title", .string(ResultsWorkbook(consolidation: consolidation, files: self).title)),
            (
                "description",
                .string(
                    "汇总 Huizong 写给程序读取的 CSV：UTF-8（带 BOM），CRLF 换行，RFC 4180 引号；单位编码等编码请按文本读取，保留前导零；"
                        + "金额为元，两位小数，没有千分位；某单位未计入的数字为空，不是 0；以 = + - @ 开头的文字前加了一个 '，以免电子表格当作公式。"
                        + "合计、小计、总分和等级不在 CSV 中，见 department.json。")
            ),
            ("resources", .array(resources)),
        ])
    }

    // MARK: The columns

    /// units.csv's columns; the workbook's unit sheets show the same figures.
    var unitsColumns: [CSVColumn] {
        let blank = "；该单位的这个数字未计入（见 department.json 的 missing）时为空"
        var columns: [CSVColumn] = [
            CSVColumn("单位编码", "unit_code", .string, "单位名录中的单位编码，文本，保留前导零"),
            CSVColumn("单位名称", "unit_name", .string, "单位名录中的单位名称"),
            CSVColumn("上级单位编码", "parent_code", .string, "上级单位的编码；部门本级为空"),
            CSVColumn("状态", "status", .string, "已提交（submitted）或未提交（not_submitted）"),
            CSVColumn("已收到的表", "tables_received", .string, "收到的表的种类，中文表头以“、”分隔，英文表头以“;”分隔"),
            CSVColumn("错误数", "errors", .integer, "该单位错误级别的发现数"),
            CSVColumn("警告数", "warnings", .integer, "该单位警告级别的发现数"),
        ]
        columns += assetColumns.map {
            CSVColumn($0.zh + "(元)", "assets_" + $0.en + "_yuan", .number, "资产：\($0.zh)，元，两位小数" + blank)
        }
        columns += staffColumns.map { CSVColumn($0.zh, "staff_" + $0.en, .integer, "人员：\($0.zh)，人" + blank) }
        for stage in BudgetStage.allCases {
            columns += BudgetItem.allCases.map {
                CSVColumn(
                    "\(stage.chinese)-\($0.chinese)(元)", "\(stage.key)_\($0.key)_yuan", .number,
                    "预决算收支：\(stage.chinese)的\($0.chinese)，元，两位小数；单位自己的数字，内部往来未抵销" + blank)
            }
        }
        columns += [
            CSVColumn("支出明细行数", "ledger_rows", .integer, "支出明细（或账簿）计入的行数" + blank),
            CSVColumn("支出明细合计(元)", "ledger_total_yuan", .number, "支出明细的支出合计，元，两位小数" + blank),
        ]
        columns += ExpenditureType.allCases.map {
            CSVColumn(
                "支出明细-\($0.chinese)(元)", "ledger_\($0.key)_yuan", .number, "支出明细中支出类型为\($0.chinese)的合计，元" + blank)
        }
        columns += FundingSource.allCases.map {
            CSVColumn(
                "支出明细-资金来源-\($0.chinese)(元)", "ledger_source_\($0.key)_yuan", .number,
                "支出明细中资金来源为\($0.chinese)的合计，元" + blank)
        }
        return columns
    }

    var findingsColumns: [CSVColumn] {
        [
            CSVColumn("严重程度", "severity", .string, "错误、警告或提示（英文表头时为 error、warning、info）"),
            CSVColumn("规则", "rule", .string, "规则编号，如 row.amount；含义和处理办法见 docs/rules.md"),
            CSVColumn("单位编码", "unit", .string, "所涉单位的编码，文本，保留前导零；与单位无关时为空"),
            CSVColumn("单位名称", "unit_name", .string, "所涉单位在名录中的名称；与单位无关或编码不在名录中时为空"),
            CSVColumn("文件", "file", .string, "所涉文件相对输入文件夹的路径（工作簿中的表写作 文件［表名］）；与文件无关时为空"),
            CSVColumn("行号", "line", .integer, "文件中的行号（文本编辑器显示的行号）；与行无关时为空"),
            CSVColumn("说明", "message", .string, "问题的说明和处理办法"),
        ]
    }

    var scoreColumns: [CSVColumn] {
        [
            CSVColumn("指标编码", "id", .string, "绩效指标表中的指标编码（没有编码的指标以其行号命名，如 R12），文本"),
            CSVColumn("一级指标", "level1", .string, "一级指标（评分方案中的组，如 产出、效益、满意度）"),
            CSVColumn("二级指标", "level2", .string, "二级指标"),
            CSVColumn("指标名称", "name", .string, "三级指标名称"),
            CSVColumn(
                "方向", "direction", .string, "正向、反向、等于、定性或不适用（英文表头时为 higher、lower、equal、qualitative、not_applicable）"),
            CSVColumn("权重", "weight", .number, "评分所用的权重（分）；有不适用指标时为折算后的权重；不适用的指标为空"),
            CSVColumn("目标值", "target", .number, "目标值；没有数值目标时为空"),
            CSVColumn("实际值", "actual", .string, "实际值：定量指标为数，定性指标为达成、部分达成或未达成（英文表头时为 achieved 等）"),
            CSVColumn("计量单位", "measure", .string, "目标值和实际值的计量单位"),
            CSVColumn("数据来源", "source", .string, "实际值由汇总计算时，所用汇总数的名称（如 budget_execution_rate）；否则为空"),
            CSVColumn("完成率(%)", "completion_percent", .number, "实际值 ÷ 目标值，百分数，两位小数；定性指标或目标值为 0 时为空"),
            CSVColumn("得分", "score", .number, "得分，按评分方案的小数位数四舍五入"),
            CSVColumn("标记", "flags", .string, "评分标记，以“;”分隔，如 below_full、missing_reason、rescaled"),
            CSVColumn("偏差原因", "deviation_reason", .string, "绩效指标表中填写的偏差原因"),
        ]
    }
}
