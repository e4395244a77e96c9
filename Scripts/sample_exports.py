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
  - the budget office's 年初/调整预算 (Huizong's long table: no unit system exports those), and
    the ledgers, registry and report figures as in SampleData/2022.

It consolidates to the same department figures and findings as SampleData/2022 (a test holds it
to that). Standard library only; deterministic.
"""
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
        sw.xlsx(os.path.join(folder, name + ".xlsx"), [z01, z04, cs08])

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
