"""The national 部门整体支出绩效自评表 as the provincial systems print it, for the sample
(SampleData/2022-exports) and the test fixtures (Tests/HuizongCoreTests/Fixtures/self-evaluation/
make-national.py): `sheet()` gives its cells and merged ranges, `xlsx` writes it as Excel does
(merged cells: the value in the top-left cell, the covered cells absent), `csv` as Excel saves it
as "CSV (逗号分隔)" on Chinese Windows (GB18030, CRLF, merged cells blank, every row as wide as
the sheet, numbers as displayed, a line break inside a cell kept inside its quotes).

The form, as 天长市 (2022) and 鄂州市 (2021) published it: a title, the year, 主管部门 and 实施单位,
the funds block (年初预算数 | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分, its rows
年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金, `-` where a figure does not apply),
年度总体目标 (预期目标 | 实际完成情况), then the indicators under a 绩效指标 column merged down
the table: each 一级指标 cell carries its weight (`产出指标（50分）`) and is merged down its rows,
二级指标 likewise, 三级指标 written `指标1：…`, an unfilled `指标2：` row left as the template has
it, a 总分 row and the 注 line. The figures are the sample department's
(SampleData/2022/绩效指标.csv). Standard library only, deterministic (fixed ZIP times).
"""

from sample_workbooks import SharedStrings, column_name, package

WIDTH = 9  # A 栏目 | B 一级指标 | C 二级指标 | D 三级指标 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 | I 偏差原因

# (一级指标 as printed, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因)
INDICATORS = [
    ("产出指标\n（50分）", "数量指标", "指标1：国土空间总体规划编制完成率", "≥90%", "100%", 5, 5, ""),
    (None, None, "指标2：各专项规划编制完成率", "≥70%", "70%", 4, 4, ""),
    (None, "质量指标", "指标1：国土变更调查成果数据率", "=100%", "100%", 4, 4, ""),
    (None, None, "指标2：", "", "", None, None, ""),
    (None, "数量指标", "指标3：专项用地监测面积", "≥120平方公里", "120平方公里", 3, 3, ""),
    (None, None, "指标4：启动确权登记的自然保护地、河流和水库", "≥14个", "14个", 3, 3, ""),
    (None, None, "指标5:被抽测矿山资料收集及实地核查", "20个", "20个", 3, 3, ""),
    (None, None, "指标6:灭失矿山迹地综合治理核查验收", "≥303处", "303处", 4, 4, ""),
    (None, None, "指标7：建设用地节约集约利用评价县（市、区）数", "≥21个", "21个", 3, 3, ""),
    (None, None, "指标8：批准建设及供地宗地数据分析", "≥8,700宗", "8,700宗", 3, 3, ""),
    (None, None, "指标9：土地整治项目立项和实地核实", "≥4万亩", "4万亩", 4, 4, ""),
    (None, None, "指标10：数字地形图修补测面积", "≥60平方公里", "60平方公里", 4, 4, ""),
    (None, None, "指标11：规划属性调查面积", "≥287平方公里", "287平方公里", 3, 3, ""),
    (None, None, "指标12：地形图修测数据处理及入库", "≥2万条", "2万条", 3, 3, ""),
    (None, None, "指标13：耕地卫片监督县（市、区）数", "＞=25个", "25个", 4, 4, ""),
    ("效益指标(30分)", "社会效益指标", "指标1：全年盘活批而未供土地", "≥1.5万亩", "1.56万亩", 8, 8, ""),
    (None, "经济效益指标", "指标1：全年供应土地", "≥45000亩", "49869.65亩", 8, 8, ""),
    (None, "生态效益指标", "指标1：全年补充耕地", "≥2万亩", "2万亩", 7, 7, ""),
    (None, "社会效益指标", "指标2：不动产登记办结时限", "≤5个工作日", "5个工作日", 7, 7, ""),
    ("满意度指标（10分）", "服务对象满意度指标", "指标1：服务对象满意度", "≥90%", "95%", 10, 10, ""),
]
NOTE = "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。"
NOTE_2 = "2.得分低于分值的指标，应在偏差原因分析及改进措施栏说明原因。"


def sheet(misprinted=False):
    """The form as rows of cells (None: a cell a merge covers, or nothing written) and its merges."""
    rows, merges = [], []

    def row(*cells):
        rows.append(list(cells) + [None] * (WIDTH - len(cells)))
        return len(rows)

    def merge(first_column, first_row, last_column, last_row):
        merges.append("%s%d:%s%d" % (column_name(first_column), first_row, column_name(last_column), last_row))

    title = row("部门整体支出绩效自评表")
    merge(0, title, WIDTH - 1, title)
    year = row("（2022年度）")
    merge(0, year, WIDTH - 1, year)
    owner = row("主管部门", "石家庄市自然资源和规划局", None, None, "实施单位", "石家庄市自然资源和规划局")
    merge(1, owner, 3, owner)
    merge(5, owner, WIDTH - 1, owner)
    funds = row("年度资金（万元）", None, "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
    row(None, "年度资金总额", 984574.84, 183681.01, 153231.51, 10, ("percent", 0.8342), 8.34)
    row(None, "其中：当年财政拨款", 36089.91, 39052.37, 35347.86, "-", "-", "-")
    row(None, "上年结转资金", "-", "-", "-", "-", "-", "-")
    last_funds = row(None, "其他资金", 948484.93, 144628.64, 117883.65, "-", "-", "-")
    merge(0, funds, 0, last_funds)
    for number in range(funds, last_funds + 1):
        merge(7, number, 8, number)
    goal = row("年度总体目标", "预期目标", None, None, None, "实际完成情况")
    merge(1, goal, 4, goal)
    merge(5, goal, 8, goal)
    text = row(None, "完善国土空间总体规划编制成果，掌握全民所有自然资源资产，推进国土空间的生态修复，为全市建设提供自然资源保障。",
               None, None, None, "国土空间总体规划已上报省政府，各项年度任务按计划完成。")
    merge(0, goal, 0, text)
    merge(1, text, 4, text)
    merge(5, text, 8, text)
    header = row("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    first = header + 1
    group_start = level2_start = None
    for offset, (level1, level2, name, target, actual, weight, score, reason) in enumerate(INDICATORS):
        number = first + offset
        if level1 is not None:
            if group_start is not None:
                merge(1, group_start, 1, number - 1)
            group_start = number
            if misprinted and level1.startswith("产出"):
                level1 = level1.replace("50", "60")
        if level2 is not None:
            if level2_start is not None and level2_start < number - 1:
                merge(2, level2_start, 2, number - 1)
            level2_start = number
        row(None, level1, level2, name, target or None, actual or None, weight, score, reason or None)
    last = first + len(INDICATORS) - 1
    merge(1, group_start, 1, last)
    if level2_start < last:
        merge(2, level2_start, 2, last)
    merge(0, header, 0, last)
    total = row("总分", None, None, None, None, None, 100, 99.34 if misprinted else 98.34)
    merge(0, total, 5, total)
    for line in (NOTE, NOTE_2):
        number = row(line)
        merge(0, number, WIDTH - 1, number)
    return rows, merges


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="宋体"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>
</cellXfs>
</styleSheet>
"""
TITLE_STYLE, PERCENT_STYLE, WRAP_STYLE = 1, 2, 3


def number_text(value):
    """A number as Excel stores it and shows it in a General cell: `10`, `8.34`."""
    return ("%.15g" % value)


def xlsx(path, rows, merges):
    strings = shared = SharedStrings()

    rows_xml = []
    for number, cells in enumerate(rows, start=1):
        out = []
        for k, value in enumerate(cells):
            reference = "%s%d" % (column_name(k), number)
            if value is None:
                continue   # Excel writes no element for an empty cell, nor for one a merge covers
            if isinstance(value, tuple):
                out.append('<c r="%s" s="%d"><v>%s</v></c>' % (reference, PERCENT_STYLE, number_text(value[1])))
            elif isinstance(value, (int, float)):
                out.append('<c r="%s"><v>%s</v></c>' % (reference, number_text(value)))
            else:
                style = TITLE_STYLE if number == 1 else WRAP_STYLE if "\n" in value else 0
                out.append('<c r="%s"%s t="s"><v>%d</v></c>' % (
                    reference, ' s="%d"' % style if style else "", shared(value)))
        rows_xml.append('<row r="%d">%s</row>' % (number, "".join(out)))
    worksheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                 '<dimension ref="A1:%s%d"/><sheetData>%s</sheetData><mergeCells count="%d">%s</mergeCells></worksheet>'
                 % (column_name(WIDTH - 1), len(rows), "".join(rows_xml), len(merges),
                    "".join('<mergeCell ref="%s"/>' % ref for ref in merges)))
    package(path, ["部门整体支出绩效自评表"], [worksheet], strings, STYLES)


def csv(path, rows):
    """As Excel saves the sheet as CSV: every row as wide as the sheet, covered cells blank, a
    percent cell as it shows (`83.42%`), a cell with a comma, quote or line break quoted."""
    def field(value):
        if value is None:
            return ""
        if isinstance(value, tuple):
            return "%.2f%%" % (value[1] * 100)
        text = number_text(value) if isinstance(value, (int, float)) else value
        if any(c in text for c in ',"\n\r'):
            return '"' + text.replace('"', '""') + '"'
        return text
    lines = [",".join(field(value) for value in cells) for cells in rows]
    with open(path, "wb") as out:
        out.write(("\r\n".join(lines) + "\r\n").encode("gb18030"))
