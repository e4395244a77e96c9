"""SampleData/2022-exports for make-sample-data.py: the same 22 units and figures as
SampleData/2022, but as the units' systems export them rather than in Huizong's long tables:

  - the 决算 software's workbook, named after the unit (久其 style), with the sheets
    `Z01 收入支出决算总表(财决01表)`, `Z04 支出决算表(财决04表)` and `CS08 资产负债简表`, in 元,
    `—` where a figure does not apply, the unit only in `编制单位：` and the file's name;
  - the asset system's card export: fixed assets only (货币资金 and 在建工程 are on no card: the
    资产负债简表 states them), no 资产类别 but the GB/T 14885-2010 code, 价值 and 净值, no unit code;
    a third of the units (CODES_2022_UNITS) on the new system's GB/T 14885-2022 codes (`A02010104`),
    whose amounts state no unit (元, one note per file);
  - the headcounts, not people: a plain 基本数字表 CSV, the form itself as .xlsx (three header
    rows, merged cells, 栏次, rows by 编制 type, 审核公式), or a 人员情况 turned on its side;
  - the department's 部门整体支出绩效自评表 as the provincial system prints it (Scripts/national_form.py:
    一级指标 cells with their weight merged down their rows, `指标1：` labels, 总分 and 注 rows);
  - the units' books instead of their 支出明细 for five units, written from the same ledger rows
    (one voucher per row, under the 政府会计制度): the 本级's 用友 序时账 CSV (journal), a GRP-U8
    序时账 .xlsx with 资金性质 and 辅助核算 columns, a 金蝶 凭证列表 .xlsx with the source inside
    核算项目, printed vouchers as CSV, and a web system's HTML ".xls" with leaf names only (BOOKS);
  - the budget office's 年初/调整预算 (Huizong's long table: no unit system exports those), and
    the other ledgers, registry and report figures as in SampleData/2022.

It consolidates to the same department figures and findings as SampleData/2022 (a test holds it
to that). Standard library only; deterministic.
"""
import collections
import os
import shutil

import national_form
import sample_workbooks as sw

INCOME_ROWS = [  # 01表 income side, 2022 set: label, budget key
    ("一、一般公共预算财政拨款收入", "general_budget"), ("二、政府性基金预算财政拨款收入", "government_fund"),
    ("三、国有资本经营预算财政拨款收入", None), ("四、上级补助收入", "grant_from_parent"), ("五、事业收入", "public_service_revenue"),
    ("六、经营收入", "business_revenue"), ("七、附属单位上缴收入", "remittance_from_subordinate"), ("八、其他收入", "other_income"),
]
SPENDING = ["basic_expenditure", "project_expenditure", "business_expenditure", "grant_to_subordinate",
            "remittance_to_parent"]
# GB/T 14885-2010 codes at the level of the 大类 its table of contents lists (1020000 房屋, 2010000
# 计算机设备及软件, 2020000 办公设备, 2030000 车辆, 2400000 仪器仪表, 3080000 航空航天工业专用设备),
# and 6010000 under 门类 6 家具、用具、装具及动植物: 门类 1, 2, 3 and 6, all 固定资产.
NATIONAL_CODES = {"办公用房": "1020000", "公务用车": "2030000", "台式计算机": "2010000", "服务器": "2010000",
                  "测绘仪器": "2400000", "档案密集架": "6010000", "复印机": "2020000", "无人机": "3080000"}
# GB/T 14885-2022 codes (a letter and eight digits, A and the next two the 门类): the item code where
# the asset systems' new classification has one (A01010100 办公用房, A02010104 服务器, A02010105
# 台式计算机, A02020000 办公设备), else the code of the class the item falls in; 门类 A01, A02 and
# A05, all 固定资产. The units of CODES_2022_UNITS export on these, as the new asset system does.
NATIONAL_CODES_2022 = {"办公用房": "A01010100", "公务用车": "A02030000", "台式计算机": "A02010105", "服务器": "A02010104",
                       "测绘仪器": "A02100000", "档案密集架": "A05010500", "复印机": "A02020000", "无人机": "A02000000"}
CODES_2022_UNITS = range(2, 22, 3)  # 012003, 012006, … 012021: a third of the units, not the 本级


def yuan(fen):
    """`1,234.56` as the 决算 software prints it; `—` for nothing."""
    if fen == 0:
        return "—"
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return "%s{:,}.%02d".format(fen // 100) % (sign, fen % 100)


# The unit (by index) whose 决算 workbook holds the 财决02表 instead of the 01表 and 04表.
FORM_02_UNIT = 10


def z02(final, initial, note):
    """The 财决02表 收入支出决算表: one label column, 年初预算数 beside 决算数."""
    def pair(key):
        return [yuan(initial.get(key, 0)) if key in initial else "—", yuan(final.get(key, 0))]
    income = sum(final.get(key, 0) for _, key in INCOME_ROWS if key)
    planned = sum(initial.get(key, 0) for _, key in INCOME_ROWS if key)
    fiscal = final.get("general_budget", 0) + final.get("government_fund", 0)
    spending = sum(final.get(key, 0) for key in SPENDING)
    planned_spending = sum(initial.get(key, 0) for key in SPENDING)
    rows = [["栏次", "", "1", "2"],
            ["一、本年收入", "1", yuan(planned), yuan(income)],
            ["（一）财政拨款收入", "2", yuan(initial.get("general_budget", 0) + initial.get("government_fund", 0)),
             yuan(fiscal)],
            ["其中：一般公共预算财政拨款", "3"] + pair("general_budget"),
            ["政府性基金预算财政拨款", "4"] + pair("government_fund"),
            ["国有资本经营预算财政拨款", "5", "—", "—"],
            ["（二）上级补助收入", "6"] + pair("grant_from_parent"),
            ["（三）事业收入", "7"] + pair("public_service_revenue"),
            ["（四）经营收入", "8"] + pair("business_revenue"),
            ["（五）附属单位上缴收入", "9"] + pair("remittance_from_subordinate"),
            ["（六）其他收入", "10"] + pair("other_income"),
            ["二、本年支出", "11", yuan(planned_spending), yuan(spending)],
            ["（一）基本支出", "12"] + pair("basic_expenditure"),
            ["（二）项目支出", "13"] + pair("project_expenditure"),
            ["（三）上缴上级支出", "14"] + pair("remittance_to_parent"),
            ["（四）经营支出", "15"] + pair("business_expenditure"),
            ["（五）对附属单位补助支出", "16"] + pair("grant_to_subordinate"),
            ["三、本年收支结余", "17", "—", yuan(income - spending)],
            ["四、年初结转和结余", "18"] + pair("opening_balance"),
            ["五、年末结转和结余", "19"] + pair("closing_balance")]
    return sw.Table("Z02 收入支出决算表(财决02表)", "收入支出决算表", ["项目", "行次", "年初预算数", "决算数"], rows, note=note)


def plain(fen):
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return "%s%d.%02d" % (sign, fen // 100, fen % 100)


def write(exports, units, codes, unit_folder, root, as_csv):
    target = os.path.join(os.path.dirname(root), "2022-exports")
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.makedirs(target)
    for name in ["单位名录.csv", "报告数.csv"]:
        shutil.copy(os.path.join(root, name), os.path.join(target, name))
    # The department's 自评表 as the provincial system prints it, not Huizong's indicator sheet.
    national_form.xlsx(os.path.join(target, "部门整体支出绩效自评表.xlsx"), *national_form.sheet())
    budget = exports["budget"]
    planned = []   # 年初预算 and 调整预算 of every unit, as the budget office compiles them
    for i, name in enumerate(units):
        folder = os.path.join(target, unit_folder(i))
        os.makedirs(folder)
        final = budget[i]["final"]
        note = "编制单位：%s      2022年度      单位：元" % name
        income = sum(final.get(key, 0) for _, key in INCOME_ROWS if key)
        spending = sum(final.get(key, 0) for key in SPENDING)
        opening, closing = final.get("opening_balance", 0), final.get("closing_balance", 0)
        left = [(label, str(k + 1), yuan(final.get(key, 0) if key else 0)) for k, (label, key) in enumerate(INCOME_ROWS)]
        left += [("本年收入合计", "26", yuan(income)), ("使用非财政拨款结余", "27", "—"),
                 ("年初结转和结余", "28", yuan(opening)), ("总计", "31", yuan(income + opening))]
        right = [("一、自然资源海洋气象等支出", "32", yuan(spending)), ("", "33", ""), ("", "34", ""), ("", "35", ""),
                 ("", "36", ""), ("", "37", ""), ("", "38", ""), ("", "39", ""),
                 ("本年支出合计", "58", yuan(spending)), ("结余分配", "59", "—"), ("年末结转和结余", "60", yuan(closing)),
                 ("总计", "64", yuan(spending + closing))]
        rows01 = [["栏次", "", "1", "栏次", "", "2"]] + [list(a) + list(b) for a, b in zip(left, right)]
        z01 = sw.Table("Z01 收入支出决算总表(财决01表)", "收入支出决算总表", ["项目", "行次", "金额", "项目", "行次", "金额"],
                       rows01, note=note)
        header04 = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        total04 = ["合计", "", yuan(spending)] + [yuan(final.get(key, 0)) for key in
                                                ["basic_expenditure", "project_expenditure", "remittance_to_parent",
                                                 "business_expenditure", "grant_to_subordinate"]]
        z04 = sw.Table("Z04 支出决算表(财决04表)", "支出决算表", header04,
                       [["栏次", "", "1", "2", "3", "4", "5", "6"], total04,
                        ["220", "自然资源海洋气象等支出", yuan(spending)] + total04[3:]], note=note)
        cards = exports["cards"][i]
        cash = sum(c[2] for c in cards if c[0] == "货币资金")
        construction = sum(c[2] for c in cards if c[0] == "在建工程")
        original = sum(c[2] for c in cards if c[0] == "固定资产")
        depreciation = sum(c[3] for c in cards if c[0] == "固定资产")
        sheet = [("货币资金", "1", yuan(cash)), ("财政应返还额度", "2", "—"), ("流动资产合计", "9", yuan(cash)),
                 ("固定资产原值", "10", yuan(original)), ("减：固定资产累计折旧", "11", yuan(depreciation)),
                 ("固定资产净值", "12", yuan(original - depreciation)), ("在建工程", "13", yuan(construction)),
                 ("无形资产净值", "14", "—"), ("非流动资产合计", "19", yuan(original - depreciation + construction)),
                 ("资产总计", "20", yuan(cash + original - depreciation + construction))]
        cs08 = sw.Table("CS08 资产负债简表", "资产负债简表", ["项目", "行次", "年初数", "年末数"],
                        [[label, line, "", value] for label, line, value in sheet], note=note)
        # The 决算 software's workbook opens with its 封面 and 填报说明, which hold no data table; and one
        # unit sends its 财决02表 (收入支出决算表) instead of the 01表 and 04表.
        cover = sw.Table("封面", "2022年度部门决算报表", ["单位名称", name],
                         [["单位负责人", "（签章）"], ["财务负责人", "（签章）"], ["填表人", "（签章）"]])
        instructions = sw.Table("填报说明", "填报说明", ["一、本套报表按2022年度部门决算报表格式填报。"],
                                [["二、金额单位为元。"], ["三、表间关系见各表审核公式。"]])
        forms = [z02(final, budget[i]["initial"], note)] if i == FORM_02_UNIT else [z01, z04]
        sw.xlsx(os.path.join(folder, name + ".xlsx"), [cover, instructions] + forms + [cs08])

        # The asset system's fixed-asset cards: no unit code, no category, the national code. The
        # new system's (GB/T 14885-2022 codes) states no money unit: its cards are in 元.
        if i in CODES_2022_UNITS:
            national = NATIONAL_CODES_2022
            header = ["卡片编号", "资产名称", "资产分类代码（2022国标码）", "使用状况", "取得方式", "价值类型", "价值",
                      "累计折旧", "净值", "入账日期"]
        else:
            national = NATIONAL_CODES
            header = ["卡片编号", "资产名称", "固定资产分类代码（2010国标码）", "使用状况", "取得方式", "价值类型", "价值(元)",
                      "累计折旧(元)", "净值(元)", "入账日期"]
        rows = []
        for k, (category, asset, orig, dep) in enumerate(cards):
            if category != "固定资产":
                continue
            rows.append(["ZC%s-%04d" % (codes[i], k + 1), asset, national[asset], "在用", "新购", "原值",
                         plain(orig), plain(dep), plain(orig - dep), "2018-%02d-15" % (1 + k % 12)])
        write_csv(os.path.join(folder, "固定资产卡片.csv"), header, rows, title="固定资产卡片导出")

        staff_table(folder, name, *exports["staff"][i], shape=i % 4)

        # The ledgers as the unit sent them to SampleData/2022 (012002's is a sheet of its
        # workbook there: its CSV form here).
        ledgers = [os.path.join(root, unit_folder(i), f) for f in sorted(os.listdir(os.path.join(root, unit_folder(i))))
                   if f.startswith("支出明细")]
        if not ledgers:
            ledgers = [os.path.join(as_csv, unit_folder(i), "支出明细.csv")]
        if i == 0:
            # The 本级 exports its books from 用友 as a 序时账 (see journal below).
            journal(ledgers, name, os.path.join(folder, "序时账.csv"))
        elif i in BOOKS:
            # These units send their books, written from the same ledger rows (see BOOKS below).
            file_name, writer, _ = BOOKS[i]
            writer(exports["ledgers"][i], name, os.path.join(folder, file_name), i in exports["institutions"])
        else:
            for path in ledgers:
                shutil.copy(path, os.path.join(folder, os.path.basename(path)))
        for stage, stage_name in [("initial", "年初预算"), ("adjusted", "调整预算")]:
            for key, amount in budget[i][stage].items():
                planned.append([codes[i], stage_name, ITEM_ZH[key], plain(amount)])
    write_csv(os.path.join(target, "预算.csv"), ["单位编码", "阶段", "科目", "金额(元)"], planned,
              title="2022年部门预算（年初与调整）")
    # The department's own account mapping: what the default (政府会计制度 names) cannot tell.
    write_csv(os.path.join(target, "科目对照表.csv"), ["科目编码", "科目名称", "支出类型", "资金来源"],
              [[code, name, kind, source] for code, name, kind, source in MAPPED], title="会计科目对照表")


# The 本级's expense accounts (行政支出 by funding and by 基本/项目): code, full name, and for
# those the default mapping cannot place by name, the department's 科目对照表 row.
ACCOUNTS = {
    ("general_budget", "basic_expenditure"): ("7101010101", "行政支出-财政拨款支出-一般公共预算-基本支出"),
    ("general_budget", "project_expenditure"): ("7101010102", "行政支出-财政拨款支出-一般公共预算-项目支出"),
    ("government_fund", "basic_expenditure"): ("7101010201", "行政支出-财政拨款支出-政府性基金-基本支出"),
    ("government_fund", "project_expenditure"): ("7101010202", "行政支出-财政拨款支出-政府性基金-项目支出"),
    ("public_service_revenue", "basic_expenditure"): ("7101020101", "行政支出-非财政专项资金支出-基本支出"),
    ("public_service_revenue", "project_expenditure"): ("7101020102", "行政支出-非财政专项资金支出-项目支出"),
    ("other_income", "basic_expenditure"): ("7101030101", "行政支出-其他资金支出-基本支出"),
    ("other_income", "project_expenditure"): ("7101030102", "行政支出-其他资金支出-项目支出"),
}
MAPPED = [("71010201", "行政支出-非财政专项资金支出", "", "事业收入")]
SOURCE_OF = {"一般公共预算": "general_budget", "政府性基金预算": "government_fund", "事业收入": "public_service_revenue",
             "其他收入": "other_income", "上级补助收入": "grant_from_parent"}
TYPE_OF = {"基本支出": "basic_expenditure", "项目支出": "project_expenditure"}


def journal(ledgers, unit_name, path):
    """The 本级's ledger rows as 用友 writes a 序时账: each row a voucher of two lines (借 the
    expense account, 贷 8001 资金结存), 期初余额 first, 本月合计 and 本年累计 after each month,
    红字 (a reversal) as a negative 借方."""
    import csv as reader
    rows = []
    for ledger in ledgers:
        with open(ledger, encoding="utf-8-sig" if open(ledger, "rb").read(3) == b"\xef\xbb\xbf" else "gb18030",
                  newline="") as handle:
            records = list(reader.reader(handle))
        header = next(k for k, r in enumerate(records) if r and r[0] == "单位编码")
        for record in records[header + 1:]:
            if not record or record[0] == "合计":
                continue
            rows.append(record)
    def day(text):
        year, month, date = (int(p) for p in text.replace("/", "-").split("-"))
        return "%04d-%02d-%02d" % (year, month, date)
    rows.sort(key=lambda r: (day(r[1]), r[2]))
    out = [["期初余额", "", "", "", "", "", "", "", "", ""]]
    year_debit = 0
    month, month_debit = None, 0
    def close(month, month_debit, year_debit):
        out.append(["", "", "本月合计", "", "", yuan(month_debit), yuan(month_debit), "", "", ""])
        out.append(["", "", "本年累计", "", "", yuan(year_debit), yuan(year_debit), "", "", ""])
    for row in rows:
        date = day(row[1])
        if month is not None and date[:7] != month:
            close(month, month_debit, year_debit)
            month_debit = 0
        month = date[:7]
        whole, _, frac = row[9].replace(",", "").partition(".")
        amount = int(whole) * 100 + (-1 if whole.startswith("-") else 1) * int((frac + "00")[:2])
        code, name = ACCOUNTS[(SOURCE_OF[row[3]], TYPE_OF[row[4]])]
        out.append([date, row[2], row[8], code, name, plain(amount), "", row[5], row[6], row[7]])
        out.append([date, row[2], row[8], "8001", "资金结存", "", plain(amount), "", "", ""])
        month_debit += amount
        year_debit += amount
    close(month, month_debit, year_debit)
    write_csv(path, ["日期", "凭证字号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "功能科目", "经济科目", "项目"],
              out, title="序时账", note="编制单位：%s      2022年1月—12月      单位：元" % unit_name)


# --- Books under the 政府会计制度, from a unit's ledger rows ----------------------------------------

class LedgerRow(collections.namedtuple("LedgerRow", "date voucher source kind functional economic project memo fen")):
    """One row of a unit's 支出明细 as make-sample-data.py generates it: the date (`2022-03-05`),
    voucher, source and type as keys (`general_budget`, `basic_expenditure`), 功能/经济分类 as
    written (`2200101 行政运行`), project, 摘要, and the amount in 分 (negative: a 冲销)."""


FISCAL = {"general_budget", "government_fund"}   # 财政拨款: spent through second level 01 and 1011


class BookLine:
    """One account line of a voucher: its role (expense: 财务会计 5001; pay: 1011/1002; budget: the
    预算会计 spending line; balance: 8001 资金结存), the account as (code, name) levels, 借 or 贷
    in 分 (a 冲销 negative on its side, 红字), and the ledger row it comes from (its source, 摘要, tags)."""

    def __init__(self, row, role, levels, side, fen):
        self.row, self.role, self.levels, self.side = row, role, levels, side
        self.debit = fen if side == "借" else 0
        self.credit = fen if side == "贷" else 0

    def code(self, dotted=False):
        return (".".join if dotted else "".join)(code for code, _ in self.levels)

    def name(self, joiner="-", leaf=False):
        return self.levels[-1][1] if leaf else joiner.join(name for _, name in self.levels)


def voucher_lines(row, institution, projects, project_leaf):
    """A ledger row as the voucher 平行记账 makes of it: 借 5001 业务活动费用, 贷 1011 零余额账户用款额度
    (财政拨款) or 1002 银行存款, 借 the 7101 行政支出 / 7201 事业支出 account (second level 01 财政拨款
    支出 or 03 其他资金支出, third 01 基本支出 / 02 项目支出, a basic line's fourth 01 人员经费 / 02 日常
    公用经费 by its 经济分类, a project's fourth its name when `project_leaf`), 贷 8001 资金结存."""
    fiscal = row.source in FISCAL
    spending = [("7201", "事业支出") if institution else ("7101", "行政支出"),
                ("01", "财政拨款支出") if fiscal else ("03", "其他资金支出")]
    if row.kind == "basic_expenditure":
        spending += [("01", "基本支出"),
                     ("01", "人员经费") if row.economic.startswith("301") else ("02", "日常公用经费")]
    else:
        spending.append(("02", "项目支出"))
        if project_leaf:
            spending.append(("%02d" % (projects.index(row.project) + 1), row.project))
    expense = [("5001", "业务活动费用"),
               {"301": ("01", "工资福利费用"), "302": ("02", "商品和服务费用")}.get(row.economic[:3], ("99", "其他费用"))]
    pay = [("1011", "零余额账户用款额度")] if fiscal else [("1002", "银行存款")]
    return [BookLine(row, "expense", expense, "借", row.fen), BookLine(row, "pay", pay, "贷", row.fen),
            BookLine(row, "budget", spending, "借", row.fen), BookLine(row, "balance", [("8001", "资金结存")], "贷", row.fen)]


def vouchers(rows, institution, project_leaf=False):
    """The unit's vouchers, one per ledger row, by date and number, each its four lines; checked
    to balance and, on their spending lines, to come to the rows' figures by type and source."""
    projects = sorted({row.project for row in rows if row.project})
    ordered = sorted(rows, key=lambda row: (row.date, row.voucher))
    books = [(row, voucher_lines(row, institution, projects, project_leaf)) for row in ordered]
    figures, spent = {}, {}
    for row in rows:
        figures[(row.kind, row.source)] = figures.get((row.kind, row.source), 0) + row.fen
    for row, lines in books:
        assert sum(line.debit for line in lines) == sum(line.credit for line in lines), row.voucher
        for line in lines:
            if line.role == "budget":
                key = (row.kind, row.source)
                spent[key] = spent.get(key, 0) + line.debit - line.credit
    assert spent == figures
    return books


def fen_text(fen, grouped=False):
    """`1234.56` (`1,234.56` grouped), blank for nothing: a book leaves the other side empty."""
    if fen == 0:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return "%s%s.%02d" % (sign, "{:,}".format(whole) if grouped else whole, cents)


# 资金性质 as GRP-U8 and 金蝶 write the 辅助核算 (the 一般公共预算/政府性基金 codes of the 资金性质
# vocabulary), and as a printed voucher's 资金来源 column does.
SOURCE_CODED = {"general_budget": "111 一般公共预算资金", "government_fund": "121 政府性基金预算资金",
                "public_service_revenue": "事业收入", "other_income": "其他收入", "grant_from_parent": "上级补助收入"}
SOURCE_PRINTED = {"general_budget": "一般公共预算资金", "government_fund": "政府性基金预算资金",
                  "public_service_revenue": "事业收入", "other_income": "其他收入", "grant_from_parent": "上级补助收入"}


def grp_u8(rows, unit_name, path, institution):
    """GRP-U8's 序时账 as .xlsx: undotted 4-2-2-2 codes with full names, the 资金性质 on the 5001,
    spending and 8001 lines, 功能科目 / 经济科目 / 项目 辅助核算 on the 5001 and spending lines;
    dates and amounts as number cells."""
    header = ["凭证日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "资金性质", "功能科目", "经济科目", "项目"]
    out = []
    for row, lines in vouchers(rows, institution):
        for line in lines:
            tagged = line.role in ("expense", "budget")
            out.append([row.date, row.voucher, row.memo, line.code(), line.name(), fen_text(line.debit),
                        fen_text(line.credit), SOURCE_CODED[row.source] if line.role != "pay" else "",
                        row.functional if tagged else "", row.economic if tagged else "",
                        row.project if tagged else ""])
    sw.xlsx(path, [sw.Table("序时账", "序时账", header, out,
                            note="核算单位：%s    会计期间：2022年01月—2022年12月    单位：元" % unit_name)])


class WebTable(sw.Table):
    """sw.Table for a web system's export: its 借方/贷方 headers hold no word sw.Table takes for
    an amount, and would be marked text (mso-number-format '@')."""

    def kinds(self):
        return ["amount" if name in ("借方", "贷方") else kind for name, kind in zip(self.header, super().kinds())]


def web_books(rows, unit_name, path, institution):
    """A web finance system's 序时账 "Excel" export: an HTML table in GBK, amounts as text with
    thousands separators, each account by its own (leaf) name only (`人员经费`, a project's name,
    `资金结存`). Every unit of the sample spends 政府性基金 as well as 一般公共预算, which the
    code's levels cannot tell apart (both 01 财政拨款支出), so the export keeps the ledger's
    资金来源 column on the spending and 资金结存 lines."""
    header = ["日期", "凭证字号", "摘要", "科目编码", "科目名称", "借方", "贷方", "资金来源"]
    out = []
    for row, lines in vouchers(rows, institution, project_leaf=True):
        for line in lines:
            out.append([row.date, row.voucher, row.memo, line.code(), line.name(leaf=True),
                        fen_text(line.debit, grouped=True), fen_text(line.credit, grouped=True),
                        ITEM_ZH[row.source] if line.role in ("budget", "balance") else ""])
    sw.html(path, WebTable("序时账", "序时账", header, out), encoding="gb18030")


VOUCHERS_PER_PAGE = 5
SIGNATURES = ["记账：", "审核：", "出纳：", "制单："]   # as printed: the roles, no one's name


def printed_vouchers(rows, unit_name, path, institution):
    """Vouchers as printed to CSV (UTF-8 with BOM, CRLF): the header, then per voucher its
    `[日期:… 凭证字号:…]` row, its lines (full names, 资金来源 on the spending and 资金结存 lines),
    `[合计]`, the signature footer (across cells, or in one), `附单据 n 张`; at each page's end
    `第 n 页 共 m 页`, and before the next page a rule, the title `记账凭证` and the header again."""
    header = ["摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "资金来源"]
    books = vouchers(rows, institution)
    pages = (len(books) + VOUCHERS_PER_PAGE - 1) // VOUCHERS_PER_PAGE
    out = []
    for k, (row, lines) in enumerate(books):
        number = int(row.voucher.split("-")[1])
        out.append(["[日期:%s 凭证字号:%s]" % (row.date, row.voucher)])
        for line in lines:
            out.append([row.memo, line.code(), line.name(), fen_text(line.debit), fen_text(line.credit),
                        SOURCE_PRINTED[row.source] if line.role in ("budget", "balance") else ""])
        out.append(["[合计]", "", "", plain(sum(l.debit for l in lines)), plain(sum(l.credit for l in lines)), ""])
        out.append(SIGNATURES if number % 2 else ["  ".join(SIGNATURES)])
        out.append(["附单据 %d 张" % (1 + number % 4)])
        if (k + 1) % VOUCHERS_PER_PAGE == 0 or k + 1 == len(books):
            page = (k + 1 + VOUCHERS_PER_PAGE - 1) // VOUCHERS_PER_PAGE
            out.append(["第 %d 页 共 %d 页" % (page, pages)])
            if page < pages:
                out += [["-" * 24], ["记账凭证"], header]
    write_csv(path, header, [cells + [""] * (len(header) - len(cells)) for cells in out])


class Text(str):
    """A cell kept as text though all digits (科目代码 `8001`): sw.xlsx with counts=True makes
    every all-digit cell a number, which 凭证号 and 分录序号 want and codes do not."""

    def isdigit(self):
        return False


def kingdee(rows, unit_name, path, institution):
    """金蝶's 凭证 list (会计分录序时簿) as .xlsx: dotted codes (`7201.01.01.01`), names joined by
    `_`, 会计期间 / 凭证号 / 附件数 / 分录序号 as number cells, the 资金性质 inside the combined
    核算项目 column (`资金性质:111 一般公共预算资金;功能科目:2200101 行政运行`)."""
    header = ["日期", "会计期间", "凭证字", "凭证号", "附件数", "分录序号", "摘要", "科目代码", "科目名称", "借方金额", "贷方金额",
              "核算项目"]
    out = []
    for row, lines in vouchers(rows, institution):
        number = int(row.voucher.split("-")[1])
        for entry, line in enumerate(lines, 1):
            tags = []
            if line.role in ("budget", "balance"):
                tags.append("资金性质:" + SOURCE_CODED[row.source])
            if line.role == "budget":
                tags += ["功能科目:" + row.functional, "经济科目:" + row.economic]
                if row.project:
                    tags.append("项目:" + row.project)
            out.append([row.date, str(int(row.date[5:7])), "记", str(number), str(1 + number % 3), str(entry), row.memo,
                        Text(line.code(dotted=True)), line.name("_"), fen_text(line.debit), fen_text(line.credit),
                        ";".join(tags)])
    sw.xlsx(path, [sw.Table("凭证", "会计分录序时簿", header, out, counts=True)])


JOURNAL_LABEL = ("用友序时账（CSV UTF-8，带编制单位行）：期初余额、本月合计、本年累计行，科目全称（7101 行政支出，"
                 "非财政专项资金支出由部门的科目对照表定为事业收入），每张凭证借支出科目、贷 8001 资金结存，红字冲销为负的借方")

# Units (by index) that send their books instead of their 支出明细: the file, its writer, and
# what SampleData/README.md says of it. The 本级 (0) sends a 用友 序时账 (journal above).
BOOKS = {
    8: ("序时账.xlsx", grp_u8,
        "GRP-U8 序时账（.xlsx）：4-2-2-2 科目编码不带点、科目全称（7201 事业支出），每张凭证含 5001 业务活动费用、"
        "1011/1002 与 8001 资金结存分录，资金性质（111 一般公共预算资金、121 政府性基金预算资金、事业收入、其他收入、"
        "上级补助收入）与功能科目、经济科目、项目辅助核算列"),
    11: ("凭证列表.xlsx", kingdee,
         "金蝶凭证列表（.xlsx）：日期、会计期间、凭证字、凭证号、附件数、分录序号、摘要、科目代码（带点，7201.01.01.01）、"
         "科目名称（以 _ 连接）、借方金额、贷方金额、核算项目（资金性质:…;功能科目:…;经济科目:…）"),
    14: ("记账凭证.csv", printed_vouchers,
         "打印的记账凭证（CSV UTF-8，CRLF）：[日期:… 凭证字号:…]、分录（科目全称，7201 事业支出，资金来源列）、[合计]、"
         "记账/审核/出纳/制单签章行、附单据张数，每页末页码、分隔线、标题“记账凭证”和重复的表头"),
    21: ("序时账.xls", web_books,
         "网页系统导出的序时账“.xls”（GBK 编码的 HTML 表格）：只有末级科目名称（人员经费、日常公用经费、项目名称，7101 行政支出），"
         "金额带千分位；政府性基金与一般公共预算同在 01 财政拨款支出下，科目编码分不出，故保留资金来源列"),
}


ITEM_ZH = {"general_budget": "一般公共预算", "government_fund": "政府性基金预算", "public_service_revenue": "事业收入",
           "business_revenue": "经营收入", "other_income": "其他收入", "opening_balance": "年初结转和结余",
           "basic_expenditure": "基本支出", "project_expenditure": "项目支出", "business_expenditure": "经营支出",
           "closing_balance": "年末结转和结余", "grant_from_parent": "上级补助收入",
           "remittance_from_subordinate": "附属单位上缴收入", "grant_to_subordinate": "对附属单位补助支出",
           "remittance_to_parent": "上缴上级支出"}


def staff_table(folder, name, active, veteran, retired, shape):
    """The unit's headcounts as its staff system prints them: a plain 基本数字表 CSV; the form
    itself as .xlsx (header over three rows with merged cells, 栏次, rows by 编制 type with 合计
    first, 审核公式 under it); or a 人员情况 turned on its side (items down, unit types across)."""
    self_funded = active // 5
    if shape == 1:
        band = [["项目", "编制人数", "年末实有人数", "", "", "", "", "", ""],
                ["", "", "合计", "在职人员", "", "", "离休人员", "退休人员", "遗属人员"],
                ["", "", "", "小计", "其中：公共预算财政拨款开支人数", "经费自理人数", "", "", ""]]
        merges = [(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 0, 8), (1, 2, 2, 2), (1, 3, 1, 5), (1, 6, 2, 6), (1, 7, 2, 7),
                  (1, 8, 2, 8)]

        def row(label, authorized, act, funded, vet, ret):
            return [label] + [str(n) for n in [authorized, act + vet + ret, act, funded, act - funded, vet, ret, 0]]
        # 参照公务员法管理 staff are a part of the 事业单位 row, under it.
        civil = active // 3
        rows = [["栏次", "1", "2", "3", "4", "5", "6", "7", "8"],
                row("合计", active + 5, active, active - self_funded, veteran, retired),
                row("一、行政单位", 0, 0, 0, 0, 0),
                row("二、事业单位", active + 5, active, active - self_funded, veteran, retired),
                row("其中：参照公务员法管理事业单位", civil, civil, civil, 0, 0),
                ["审核公式：2栏=3+6+7+8栏；3栏=4+5栏"]]
        sw.xlsx(os.path.join(folder, "基本数字表.xlsx"),
                [sw.Table("基本数字表", "2022年基本数字表", band[-1], rows, note="编制单位：%s          单位：人" % name,
                          band=band, merges=merges, counts=True)])
    elif shape == 3:
        items = [("编制数", active + 5), ("在职人数", active), ("其中：在岗人数", active - active // 10),
                 ("离退休人数", veteran + retired), ("其中：离休", veteran), ("退休", retired)]
        write_csv(os.path.join(folder, "人员情况.csv"), ["项目", "合计", "行政单位", "事业单位"],
                  [[label, str(n), "0", str(n)] for label, n in items], title="人员情况表",
                  note="填报单位：%s" % name)
    else:
        write_csv(os.path.join(folder, "基本数字表.csv"), ["编制人数", "在职人数", "离休人数", "退休人数"],
                  [[str(active + 5), str(active), str(veteran), str(retired)]],
                  title="2022年基本数字表", note="编制单位：%s" % name)


def write_csv(path, header, rows, title=None, note=None):
    lines = []
    if title:
        lines.append(title)
    if note:
        lines.append(note)
    for row in [header] + rows:
        lines.append(",".join(quote(cell) for cell in row))
    with open(path, "wb") as out:
        out.write(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def quote(cell):
    return '"%s"' % cell.replace('"', '""') if any(c in cell for c in ',"\r\n') else cell
