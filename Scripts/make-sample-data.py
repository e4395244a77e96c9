#!/usr/bin/env python3
"""Writes SampleData/2022: the 22 units of the seed report (石家庄市自然资源和规划局, 2022)
as the exports a finance office would really receive.

Every department figure of the seed's section 一 is reproduced exactly when the folder is
consolidated. Where the seed contradicts itself, the unit data hold the consistent reading
and 报告数.csv holds what the report printed, so the checks can flag it:
  - 资产总额 printed 115019.20 万元, smaller than 货币资金 alone (176432.02);
  - 决算 经营支出 printed 153231.51, which is 基本支出 + 项目支出 (the units report 0);
  - 在职人员 printed 1162, which includes the 2 离休 and 27 退休 (1133 are active);
  - 决算 does not balance: income 149668.57 + 年初结转和结余 4430.59 (the adjusted budget's
    figure; the report gives none for 决算) against spending 153231.51 + 年末结转和结余 1265.60,
    397.95 万元 short. The gap sits in the 本级's 决算, where the report has it.

Four units send workbooks instead of some or all of their CSVs (WORKBOOKS below): an .xlsx, old
.xls files LibreOffice converts, an Excel 2003 XML ".xls" and a web system's HTML ".xls"; they hold
the same rows as the CSVs would.

Deterministic: the same script writes the same bytes (the .xls conversions are reused while their
data is unchanged; see sample_workbooks.py). Run: python3 Scripts/make-sample-data.py
"""
import csv
import io
import os
import random
import shutil
import sys

import sample_2021
import sample_exports
import sample_workbooks

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SampleData", "2022")
WAN = 1_000_000  # 分 per 万元

UNITS = [
    "石家庄市自然资源和规划局本级", "石家庄市自然资源执法监察支队", "石家庄市土地利用规划院",
    "石家庄市自然资源和规划局长安分局", "石家庄市自然资源和规划局桥西分局", "石家庄市自然资源和规划局新华分局",
    "石家庄市自然资源和规划局裕华分局", "石家庄市自然资源和规划局井陉矿区分局", "石家庄市土地储备中心",
    "石家庄市国土资源局循环化工园区分局", "石家庄市国土资源局综合保税区分局", "石家庄市不动产登记中心",
    "石家庄市勘察测绘设计研究院", "石家庄市自然资源和规划局市政监查分局", "石家庄市自然资源和规划信息中心",
    "石家庄市自然资源和规划局重点区域分局", "石家庄市规划馆", "石家庄市城乡规划局鹿泉分局",
    "石家庄市城乡规划局栾城分局", "石家庄市城乡规划局藁城分局", "石家庄市规划监察支队", "石家庄市城乡规划局园区分局",
]
CODES = ["012%03d" % (i + 1) for i in range(len(UNITS))]
MAIN = 0                                   # 本级: takes whatever the others leave of each figure
INSTITUTIONS = {2, 8, 11, 12, 14, 16}      # 事业单位: they have 事业收入
LAND_RESERVE = 8                           # 土地储备中心: most of the government fund
GRANTED = {8: 1850.00, 12: 420.50}         # 本级 → subordinate grants (万元), adjusted and final

# The seed's section 一, in 万元.
SEED = {
    "initial": {"general_budget": "36089.91", "government_fund": "945502.00", "public_service_revenue": "2982.93",
                "basic_expenditure": "18557.82", "project_expenditure": "966017.02"},
    "adjusted": {"general_budget": "39052.37", "government_fund": "137613.51", "public_service_revenue": "2579.14",
                 "other_income": "5.39", "opening_balance": "4430.59",
                 "basic_expenditure": "30145.19", "project_expenditure": "153535.82"},
    "final": {"general_budget": "35347.86", "government_fund": "111585.01", "public_service_revenue": "2579.14",
              "other_income": "156.56", "opening_balance": "4430.59",
              "basic_expenditure": "29007.27", "project_expenditure": "124224.24", "business_expenditure": "0.00",
              "closing_balance": "1265.60"},
}
ASSETS = {"cash": "176432.02", "fixed_original": "23575.36", "depreciation": "13362.87", "construction": "120.98"}
STAFF = {"在职": 1133, "离休": 2, "退休": 27}

STAGE_ZH = {"initial": "年初预算", "adjusted": "调整预算", "final": "决算"}
ITEM_ZH = {"general_budget": "一般公共预算", "government_fund": "政府性基金预算", "public_service_revenue": "事业收入",
           "business_revenue": "经营收入", "other_income": "其他收入", "opening_balance": "年初结转和结余",
           "basic_expenditure": "基本支出", "project_expenditure": "项目支出", "business_expenditure": "经营支出",
           "closing_balance": "年末结转和结余", "grant_from_parent": "上级补助收入",
           "grant_to_subordinate": "对附属单位补助支出"}
INCOME = ["general_budget", "government_fund", "public_service_revenue", "other_income", "opening_balance"]


def fen(wan_text):
    whole, _, frac = wan_text.partition(".")
    return int(whole) * WAN + int((frac + "000000")[:6])


def yuan(amount_fen, separators=False):
    sign = "-" if amount_fen < 0 else ""
    amount_fen = abs(amount_fen)
    whole = "{:,}".format(amount_fen // 100) if separators else str(amount_fen // 100)
    return "%s%s.%02d" % (sign, whole, amount_fen % 100)


def wan(amount_fen, decimals=2):
    sign = "-" if amount_fen < 0 else ""
    amount_fen = abs(amount_fen)
    frac = "%06d" % (amount_fen % WAN)
    return "%s%d.%s" % (sign, amount_fen // WAN, frac[:decimals])


def split(total, weights, step, rng=None):
    """Splits `total` 分 into len(weights) parts, each a multiple of `step`, summing exactly."""
    assert total % step == 0
    units = total // step
    scale = sum(weights)
    parts = [units * w // scale for w in weights]
    parts[-1] += units - sum(parts)
    return [p * step for p in parts]


# Units whose software writes workbooks: the format, the tables it holds, and what README says.
WORKBOOKS = {
    1: ("xlsx", {"预决算收支", "资产卡片", "人员", "支出明细"},
        "Excel 工作簿（.xlsx）：四张表在一个工作簿，标题合并居中，金额为数值、日期为日期单元格，合计行为公式"),
    6: ("xls", {"资产卡片", "支出明细"},
        "资产卡片、支出明细为 LibreOffice 另存的 Excel 97-2003 工作簿（.xls），其余为 Excel CSV UTF-8"),
    11: ("spreadsheetml", {"人员"}, "人员为 Excel 2003 XML 表格（.xls），其余为 Excel CSV UTF-8"),
    16: ("html", {"支出明细"}, "支出明细为网页系统导出的“.xls”（实为 GBK 编码的 HTML 表格），其余为 Excel CSV UTF-8"),
}
SHEET_NAMES = {"预决算收支": "预决算收支", "资产卡片": "资产卡片", "人员": "人员信息", "支出明细": "支出明细"}
# Beside the tests: the workbook units' tables as the CSVs they would otherwise have sent.
AS_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "HuizongCoreTests", "Fixtures",
                      "workbooks", "sample-as-csv")
BOOK_TABLES = {}     # unit → the tables of its one .xlsx, in order
# What SampleData/2022-exports is made from (sample_exports.py): each unit's cards, headcounts and
# ledger rows (sample_exports.LedgerRow, amounts in 分) as generated here.
EXPORTS = {"cards": {}, "staff": {}, "ledgers": {}, "institutions": INSTITUTIONS}
KEPT_XLS = {}        # the .xls files of the last run, reused while their data is unchanged


class Shape:
    """How one unit's software writes a CSV: encoding, delimiter, line end, headers, decoration;
    or, for the units in WORKBOOKS, which tables it sends as which workbook."""

    def __init__(self, index):
        self.index = index
        kind = index % 5
        self.encoding = ["gb18030", "utf-8-sig", "utf-8", "utf-16", "utf-8-sig"][kind]
        self.delimiter = [",", ",", ",", "\t", ";"][kind]
        self.newline = ["\r\n", "\r\n", "\n", "\r\n", "\r\n"][kind]
        self.english = kind == 4
        self.preamble = kind == 0
        self.total_row = kind in (0, 1)
        self.separators = kind == 0      # Chinese Excel with 千分位 number format
        self.label = ["Excel 默认 CSV（GB18030，带标题和合计行）", "Excel CSV UTF-8", "LibreOffice CSV（UTF-8，LF）",
                      "Excel Unicode 文本（UTF-16，制表符）", "欧洲区域设置（分号，英文表头）"][kind]

    def write(self, path, header, rows, title=None, unit_line=None, total=None):
        name = os.path.basename(path)[:-len(".csv")]
        shape, tables, _ = WORKBOOKS.get(self.index, (None, set(), None))
        if name in tables:
            table = sample_workbooks.Table(SHEET_NAMES[name], title, header, rows, total if self.total_row else None)
            base = path[:-len(".csv")]
            if shape == "xlsx":
                BOOK_TABLES.setdefault(self.index, []).append(table)
            elif shape == "xls":
                sample_workbooks.xls(base + ".xls", [table], KEPT_XLS)
            elif shape == "spreadsheetml":
                sample_workbooks.spreadsheet_ml(base + ".xls", table)
            else:
                sample_workbooks.html(base + ".xls", table)
            # The same table as CSV, for the tests that compare a workbook with its CSV.
            path = os.path.join(AS_CSV, os.path.relpath(path, ROOT))
        self.write_csv(path, header, rows, title, unit_line, total)

    def write_csv(self, path, header, rows, title, unit_line, total):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline)
        if self.preamble and title:
            writer.writerow([title])
            writer.writerow(["编制单位：石家庄市自然资源和规划局"] + ([unit_line] if unit_line else []))
            writer.writerow([])
        writer.writerow(header)
        writer.writerows(rows)
        if self.total_row and total:
            writer.writerow(total)
        text = buffer.getvalue()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            if self.encoding == "utf-16":
                out.write(b"\xff\xfe" + text.encode("utf-16-le"))
            else:
                out.write(text.encode(self.encoding))


def main():
    rng = random.Random(2022)
    if os.path.isdir(ROOT):
        KEPT_XLS.update(sample_workbooks.kept_xls(ROOT))
        shutil.rmtree(ROOT)
    if os.path.isdir(AS_CSV):
        shutil.rmtree(AS_CSV)
    os.makedirs(ROOT)
    n = len(UNITS)
    others = [i for i in range(n) if i != MAIN]

    # --- Registry ----------------------------------------------------------------------
    with open(os.path.join(ROOT, "单位名录.csv"), "wb") as out:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["单位编码", "单位名称", "简称", "上级单位编码"])
        for i, name in enumerate(UNITS):
            short = name.replace("石家庄市", "").replace("自然资源和规划局", "").replace("国土资源局", "").replace("城乡规划局", "") or "本级"
            writer.writerow([CODES[i], name, short, "" if i == MAIN else CODES[MAIN]])
        out.write(buffer.getvalue().encode("utf-8-sig"))

    # --- Budget: each subordinate balances; 本级 takes the remainder of every figure ----
    budget = {i: {} for i in range(n)}
    for stage, figures in SEED.items():
        per_unit = {i: {} for i in range(n)}
        for item in INCOME + ["basic_expenditure", "closing_balance"]:
            if item not in figures:
                continue
            if item == "public_service_revenue":
                weights = [0 if i not in INSTITUTIONS else 10 + i for i in others]
            elif item == "government_fund":
                weights = [600 if i == LAND_RESERVE else 8 for i in others]
            else:
                weights = [20 + rng.randrange(40) for _ in others]
            share = 55 if item != "government_fund" else 30    # percent of the figure the subordinates hold
            total = fen(figures[item]) * share // 100 // 10000 * 10000
            for i, part in zip(others, split(total, weights, 10000)):
                per_unit[i][item] = part
        for i in others:
            unit = per_unit[i]
            grant = int(round(GRANTED.get(i, 0) * 100)) * 10000 if stage != "initial" else 0
            if grant:
                unit["grant_from_parent"] = grant
            income = sum(unit.get(k, 0) for k in INCOME + ["grant_from_parent"])
            unit["project_expenditure"] = income - unit.get("basic_expenditure", 0) - unit.get("closing_balance", 0)
            assert unit["project_expenditure"] >= 0, (stage, i)
        main = {}
        for item, text in figures.items():
            main[item] = fen(text) - sum(per_unit[i].get(item, 0) for i in others)
        main["grant_to_subordinate"] = sum(per_unit[i].get("grant_from_parent", 0) for i in others)
        assert all(v >= 0 for v in main.values()), (stage, main)
        per_unit[MAIN] = main
        for i in range(n):
            budget[i][stage] = per_unit[i]

    for i in range(n):
        shape = Shape(i)
        in_wan = i % 3 != 1
        if shape.english:
            header = ["unit_code", "stage", "item", "amount_wan" if in_wan else "amount_yuan"]
        elif shape.preamble:
            header = ["单位编码", "阶段", "科目", "金额"]   # the unit comes from the 单位：万元 line
        else:
            header = ["单位编码", "阶段", "科目", "金额(万元)" if in_wan else "金额(元)"]
        unit_line = "单位：万元" if in_wan else "单位：元"
        rows, total = [], 0
        for stage in ["initial", "adjusted", "final"]:
            for item, amount in budget[i][stage].items():
                if amount == 0 and item not in ("basic_expenditure", "project_expenditure"):
                    continue
                stage_text = stage if shape.english else STAGE_ZH[stage]
                item_text = item if shape.english else ITEM_ZH[item]
                rows.append([CODES[i], stage_text, item_text, wan(amount) if in_wan else yuan(amount, shape.separators)])
                total += amount
        total_row = ["合计", "", "", wan(total) if in_wan else yuan(total, shape.separators)]
        shape.write(os.path.join(ROOT, unit_folder(i), "预决算收支.csv"), header, rows,
                    title="2022年预决算收支表", unit_line=unit_line, total=total_row)

    # --- Assets ----------------------------------------------------------------------------
    cash = split(fen(ASSETS["cash"]), [900 if i == LAND_RESERVE else 30 + rng.randrange(60) for i in range(n)], 1)
    fixed = split(fen(ASSETS["fixed_original"]), [400 if i == MAIN else 20 + rng.randrange(80) for i in range(n)], 1)
    depreciation = split(fen(ASSETS["depreciation"]), [f for f in fixed], 1)
    construction_units = [MAIN, 12, 14]
    construction = dict(zip(construction_units, split(fen(ASSETS["construction"]), [5, 3, 2], 1)))
    for i in range(n):
        shape = Shape(i)
        in_wan = i in (5, 15)
        cards = []
        for k, part in enumerate(split(cash[i], [7, 3], 1)):
            cards.append(("货币资金", ["零余额账户用款额度", "银行存款"][k], part, 0))
        count = 12 + rng.randrange(30) if i != MAIN else 60
        originals = split(fixed[i], [1 + rng.randrange(100) for _ in range(count)], 1)
        deps = split(depreciation[i], originals, 1)
        names = ["办公用房", "公务用车", "台式计算机", "服务器", "测绘仪器", "档案密集架", "复印机", "无人机"]
        for k, (orig, dep) in enumerate(zip(originals, deps)):
            assert dep <= orig
            cards.append(("固定资产", names[k % len(names)], orig, dep))
        if i in construction:
            cards.append(("在建工程", "业务用房改造工程", construction[i], 0))
        EXPORTS["cards"][i] = cards
        if shape.english:
            header = ["unit_code", "asset_id", "asset_name", "category", "original_value_yuan", "accumulated_depreciation_yuan"]
        else:
            unit = "万元" if in_wan else "元"
            header = ["单位编码", "资产编号", "资产名称", "资产类别", "原值(%s)" % unit, "累计折旧(%s)" % unit]
        category_en = {"货币资金": "cash", "固定资产": "fixed", "在建工程": "construction_in_progress"}
        rows = []
        for k, (category, name, orig, dep) in enumerate(cards):
            value = (lambda f: wan(f, 6)) if in_wan else (lambda f: yuan(f, shape.separators))
            rows.append([CODES[i], "ZC%s-%04d" % (CODES[i], k + 1), name,
                         category_en[category] if shape.english else category, value(orig), value(dep) if dep else ""])
        total_orig = sum(c[2] for c in cards)
        total_dep = sum(c[3] for c in cards)
        value = (lambda f: wan(f, 6)) if in_wan else (lambda f: yuan(f, shape.separators))
        shape.write(os.path.join(ROOT, unit_folder(i), "资产卡片.csv"), header, rows, title="2022年资产卡片",
                    total=["合计", "", "", "", value(total_orig), value(total_dep)])

    # --- Staff (ids only: names never leave the unit) -------------------------------------
    active = split(STAFF["在职"], [300 if i == MAIN else 20 + rng.randrange(40) for i in range(n)], 1)
    retired = split(STAFF["退休"], [3 if i in (MAIN, 2, 8, 12) else 1 for i in range(n)], 1)
    for i in range(n):
        shape = Shape(i)
        statuses = ["在职"] * active[i] + ["退休"] * retired[i] + (["离休"] * STAFF["离休"] if i == MAIN else [])
        EXPORTS["staff"][i] = (active[i], STAFF["离休"] if i == MAIN else 0, retired[i])
        header = ["unit_code", "person_id", "status"] if shape.english else ["单位编码", "人员编号", "人员类别"]
        en = {"在职": "active", "离休": "retired_veteran", "退休": "retired"}
        rows = [[CODES[i], "RY%s%04d" % (CODES[i][-3:], k + 1), en[s] if shape.english else s] for k, s in enumerate(statuses)]
        shape.write(os.path.join(ROOT, unit_folder(i), "人员.csv"), header, rows, title="2022年人员信息表")

    # --- Ledger: a few hundred voucher lines per unit, summing to its 决算 by type ---------
    functional = {"basic_expenditure": ["2200101 行政运行", "2080505 机关事业单位基本养老保险缴费支出", "2210201 住房公积金"],
                  "project_expenditure": ["2200106 自然资源利用与保护", "2200109 自然资源调查与确权登记",
                                          "2200113 地质矿产资源与环境调查", "2120801 征地和拆迁补偿支出", "2200150 事业运行"]}
    economic = {"basic_expenditure": ["30101 基本工资", "30102 津贴补贴", "30201 办公费", "30211 差旅费", "30228 工会经费"],
                "project_expenditure": ["30227 委托业务费", "31005 基础设施建设", "30213 维修（护）费", "39999 其他支出"]}
    memos = ["支付%d月工资", "报销差旅费（石家庄—北京）", "购置办公用品, 含打印纸", "委托“国土空间规划”编制费",
             "支付测绘服务费", "冲销上月误记", "缴纳%d月住房公积金"]
    for i in range(n):
        shape = Shape(i)
        final = budget[i]["final"]
        sources = [(k, final.get(k, 0)) for k in ["general_budget", "government_fund", "public_service_revenue",
                                                    "other_income", "grant_from_parent"] if final.get(k, 0) > 0]
        lines = []
        for kind in ["basic_expenditure", "project_expenditure"]:
            amount = final.get(kind, 0)
            if amount == 0:
                continue
            count = 120 + rng.randrange(120) if kind == "basic_expenditure" else 100 + rng.randrange(150)
            parts = split(amount, [50 + rng.randrange(1000) for _ in range(count)], 1)
            for part in parts:
                source = rng.choices([s for s, _ in sources], weights=[w // WAN + 1 for _, w in sources])[0]
                if rng.random() < 0.02 and part > 200_00:
                    # A reversal (冲销) and its correction: the pair nets to the original amount.
                    lines.append((kind, source, -50_00, "冲销上月误记"))
                    part += 50_00
                lines.append((kind, source, part, None))
        rng.shuffle(lines)
        if shape.english:
            header = ["unit_code", "date", "voucher", "funding_source", "expenditure_type", "functional_class",
                      "economic_class", "project", "memo", "amount_yuan"]
        else:
            header = ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "功能分类科目", "经济分类科目", "项目", "摘要", "金额(元)"]
        rows, ledger = [], []
        for k, (kind, source, amount, memo) in enumerate(lines):
            month = 1 + k * 12 // len(lines)
            day = 1 + rng.randrange(28)
            date = "2022-%02d-%02d" % (month, day) if k % 2 else "2022/%d/%d" % (month, day)
            memo = memo or rng.choice(memos)
            if "%d" in memo:
                memo = memo % month
            project = "" if kind == "basic_expenditure" else rng.choice(["国土空间总体规划编制", "不动产登记窗口建设", "矿山迹地综合治理核查", "基础测绘更新"])
            rows.append([CODES[i], date, "记-%04d" % (k + 1),
                         source if shape.english else ITEM_ZH[source],
                         kind if shape.english else ITEM_ZH[kind],
                         rng.choice(functional[kind]), rng.choice(economic[kind]), project, memo,
                         yuan(amount, shape.separators)])
            ledger.append(sample_exports.LedgerRow("2022-%02d-%02d" % (month, day), "记-%04d" % (k + 1), source, kind,
                                                   rows[-1][5], rows[-1][6], project, memo, amount))
        EXPORTS["ledgers"][i] = ledger
        total = ["合计", "", "", "", "", "", "", "", "", yuan(sum(l[2] for l in lines), shape.separators)]
        if i == 12:
            # 勘察测绘设计研究院 exports each half-year separately.
            half = len(rows) // 2
            shape.write(os.path.join(ROOT, unit_folder(i), "支出明细-上半年.csv"), header, rows[:half], title="2022年支出明细账")
            shape.write(os.path.join(ROOT, unit_folder(i), "支出明细-下半年.csv"), header, rows[half:], title="2022年支出明细账")
        else:
            shape.write(os.path.join(ROOT, unit_folder(i), "支出明细.csv"), header, rows, title="2022年支出明细账", total=total)

    for i, tables in BOOK_TABLES.items():
        sample_workbooks.xlsx(os.path.join(ROOT, unit_folder(i), "2022年报表.xlsx"), tables, empty_sheets=["Sheet5"])
    write_indicators()
    write_report_figures()
    write_readme()
    EXPORTS["budget"] = budget
    sample_exports.write(EXPORTS, UNITS, CODES, unit_folder, ROOT, AS_CSV)
    sample_2021.write(EXPORTS, UNITS, CODES, unit_folder, os.path.join(os.path.dirname(ROOT), "2021"), MAIN, ITEM_ZH)


def unit_folder(i):
    short = UNITS[i].replace("石家庄市", "")
    return "%s_%s" % (CODES[i], short)


def write_indicators():
    # The seed's six goals. Targets as the seed states them; actuals from its narrative where it
    # gives them, and otherwise an assumption written in 备注.
    rows = [
        ["Z01", "预算执行", "预算执行率", "预算执行率", "10", "正向", "100", "", "%", "budget_execution_rate", "", "", "由汇总数据计算：决算支出÷调整预算支出"],
        ["C01", "产出", "数量指标", "国土空间总体规划编制完成率", "5", "正向", "90", "100", "%", "", "", "", "《规划（草案）》已于12月24日上报省政府，按完成计"],
        ["C02", "产出", "数量指标", "各专项规划编制完成率", "4", "正向", "70", "70", "%", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C03", "产出", "质量指标", "国土变更调查成果数据率", "4", "正向", "100", "100", "%", "", "", "", "报告称保质保量完成国土调查"],
        ["C04", "产出", "数量指标", "专项用地监测面积", "3", "正向", "120", "120", "平方公里", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C05", "产出", "数量指标", "启动确权登记的自然保护地、河流和水库", "3", "正向", "14", "14", "个", "", "", "", "3个自然保护地、9条河流、2个水库；假定全部启动"],
        ["C06", "产出", "数量指标", "被抽测矿山资料收集及实地核查", "3", "正向", "20", "20", "个", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C07", "产出", "数量指标", "灭失矿山迹地综合治理核查验收", "4", "正向", "303", "303", "处", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C08", "产出", "数量指标", "建设用地节约集约利用评价县（市、区）数", "3", "正向", "21", "21", "个", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C09", "产出", "数量指标", "批准建设及供地宗地数据分析", "3", "正向", "8700", "8700", "宗", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C10", "产出", "数量指标", "土地整治项目立项和实地核实", "4", "正向", "4", "4", "万亩", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C11", "产出", "数量指标", "数字地形图修补测面积", "4", "正向", "60", "60", "平方公里", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C12", "产出", "数量指标", "规划属性调查面积", "3", "正向", "287", "287", "平方公里", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C13", "产出", "数量指标", "地形图修测数据处理及入库", "3", "正向", "2", "2", "万条", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["C14", "产出", "数量指标", "耕地卫片监督县（市、区）数", "4", "正向", "25", "25", "个", "", "", "", "报告未给出完成值，假定按目标完成"],
        ["X01", "效益", "社会效益", "全年盘活批而未供土地", "8", "正向", "1.5", "1.56", "万亩", "", "", "", "报告：盘活批而未供土地1.56万亩；目标值为假定"],
        ["X02", "效益", "经济效益", "全年供应土地", "8", "正向", "45000", "49869.65", "亩", "", "", "", "报告：供应土地49869.65亩；目标值为假定"],
        ["X03", "效益", "生态效益", "全年补充耕地", "7", "正向", "2", "2", "万亩", "", "", "", "报告：补充耕地2万余亩；目标值为假定"],
        ["X04", "效益", "社会效益", "不动产登记办结时限", "7", "反向", "5", "5", "个工作日", "", "", "", "报告未给出数值，假定按目标完成"],
        ["M01", "满意度", "服务对象满意度", "服务对象满意度", "10", "正向", "90", "95", "%", "", "", "", "报告未给出调查数，假定95%"],
    ]
    # Each indicator's 分项目标, as the seed's （三）2 lists them (预算执行率 and 满意度 serve none).
    goals = ["完善国土空间总体规划编制成果，按时完成编制报批工作", "掌握全民所有自然资源资产", "推进国土空间的生态修复",
             "为全市建设提供自然资源保障", "做好地理信息数据保障工作", "高标准做好违法用地整改各项工作"]
    goal_of = {"C01": 0, "C02": 0, "C03": 1, "C04": 1, "C05": 1, "C06": 1, "X04": 1, "C07": 2, "X03": 2,
               "C08": 3, "C09": 3, "C10": 3, "X01": 3, "X02": 3, "C11": 4, "C12": 4, "C13": 4, "C14": 5}
    rows = [[goals[goal_of[row[0]]] if row[0] in goal_of else ""] + row for row in rows]
    header = ["分项目标", "指标编码", "一级指标", "二级指标", "指标名称", "权重", "方向", "目标值", "实际值", "计量单位", "数据来源", "自评得分", "偏差原因", "备注"]
    sample_2021.write_csv(os.path.join(ROOT, "绩效指标.csv"), header, rows)


def write_report_figures():
    # What the seed report printed, slips included, in its own units.
    rows = [
        ["资产总额", "115019.20", "万元", "报告原文；小于货币资金一项"],
        ["货币资金", "176432.02", "万元", ""],
        ["固定资产原值", "23575.36", "万元", ""],
        ["固定资产累计折旧", "13362.87", "万元", ""],
        ["固定资产净值", "10212.49", "万元", ""],
        ["在建工程", "120.98", "万元", ""],
        ["在职人员", "1162", "人", "报告原文“本级在职人员1162人”，含离退休"],
        ["离休人员", "2", "人", ""],
        ["退休人员", "27", "人", ""],
    ]
    printed = {
        "initial": [("一般公共预算", "36089.91"), ("政府性基金预算", "945502"), ("事业收入", "2982.93"),
                    ("基本支出", "18557.82"), ("项目支出", "966017.02")],
        "adjusted": [("一般公共预算", "39052.37"), ("政府性基金预算", "137613.51"), ("事业收入", "2579.14"),
                     ("其他收入", "5.39"), ("年初结转和结余", "4430.59"), ("基本支出", "30145.19"), ("项目支出", "153535.82")],
        "final": [("一般公共预算", "35347.86"), ("政府性基金预算", "111585.01"), ("事业收入", "2579.14"),
                  ("其他收入", "156.56"), ("基本支出", "29007.27"), ("项目支出", "124224.24"),
                  ("经营支出", "153231.51"), ("年末结转和结余", "1265.60")],
    }
    for stage, figures in printed.items():
        for name, value in figures:
            note = ""
            if stage == "final" and name == "一般公共预算":
                note = "报告原文写作“决算收入35347.86万元”"
            if stage == "final" and name == "经营支出":
                note = "报告原文；等于基本支出+项目支出"
            rows.append(["%s-%s" % (STAGE_ZH[stage], name), value, "万元", note])
    rows.append(["自评得分", "99.44", "分", "评价等级：优秀"])
    sample_2021.write_csv(os.path.join(ROOT, "报告数.csv"), ["项目", "数值", "计量单位", "备注"], rows)


def write_readme():
    lines = ["# 样例数据 / sample data", "",
             "`2022/` is a year's drop folder, written by `Scripts/make-sample-data.py`; do not edit it by hand",
             "(change the script and run it again). It holds the 22 units of the seed report, each exporting",
             "in the shape its software writes, plus the department's 单位名录, 绩效指标 and 报告数:", ""]
    for i in range(len(UNITS)):
        lines.append("- `%s/`: %s" % (unit_folder(i), WORKBOOKS[i][2] if i in WORKBOOKS else Shape(i).label))
    lines += ["", "`2022-exports/` holds the same units and figures as their systems export them (written by",
              "`Scripts/sample_exports.py`): each unit's 决算 workbook named after it (封面 and 填报说明, which hold no",
              "data table, then the 01表 and 04表 — for 012011 the 财决02表 收入支出决算表 instead — and 资产负债简表),",
              "the asset system's fixed-asset cards (national codes, no category, no unit code: GB/T 14885-2010",
              "codes, and for 012003, 012006, … 012021 the new system's GB/T 14885-2022 codes with amounts in 元",
              "stating no unit), the headcounts (a plain 基本数字表 CSV; the form as .xlsx with a header over",
              "three rows, merged cells, 栏次, rows by 编制 type and 审核公式; or a 人员情况 turned on its side),",
              "the ledgers; the 部门整体支出绩效自评表 as the provincial system prints it (weights in merged",
              "一级指标 cells, 总分 and 注 rows); and the budget office's 年初/调整预算. The ledgers are each unit's",
              "支出明细 as in `2022/`, but for five units that send their books under the 政府会计制度 instead,",
              "written from the same ledger rows (one voucher per row; the 本级's 借 the spending account and",
              "贷 8001 资金结存, the other four's also with the 财务会计 line on 5001 业务活动费用 and the payment):", ""]
    books = {MAIN: ("序时账.csv", sample_exports.JOURNAL_LABEL)}
    books.update({i: (file, label) for i, (file, _, label) in sample_exports.BOOKS.items()})
    for i in sorted(books):
        lines.append("- `%s/%s`: %s" % (unit_folder(i), books[i][0], books[i][1]))
    lines += ["", "It consolidates to the same department figures and findings as `2022/`, with infos added: a note",
              "per 2022-coded card file that its amounts are read as 元, one per 决算 workbook naming its 封面 and 填报说明",
              "sheets as read past, one per book file that its lines on",
              "accounts other than 7101/7201 (财务会计, 1011/1002, 8001 资金结存) are not spending, and one per",
              "printed file (the 基本数字表 forms, the 自评表, the printed vouchers) naming the rows read past."]
    lines += ["", "## 2021: the year before", "",
              "`2021/` is the same department's year before, written by `Scripts/sample_2021.py` from 2022's figures:",
              "plain UTF-8 CSVs (registry, and per unit 预决算收支 in 万元, 资产卡片 and 人员 in 元 and ids, 支出明细",
              "with three vouchers a kind of spending) and a 报告叙述.md with last year's 部门职能 and 单位性质. Each",
              "unit's 2021 决算 balances, and its 年末结转和结余 is exactly its 2022 决算 年初结转和结余 (上下年衔接).",
              "Consolidated alone it has no error or warning; consolidating 2022 with `--previous` set to 2021's",
              "result adds no error, one `previous.large_change` note (裕华分局's spending), 上年 columns and last",
              "year's words:", "", "```",
              "huizong consolidate SampleData/2021 --out 结果/2021",
              "huizong consolidate SampleData/2022 --out 结果/2022     # finds 结果/2021 by its name",
              "```", "",
              "`rollup-2022/` holds three departments to consolidate and roll up (`huizong rollup`), written by",
              "`Scripts/make-rollup-sample.py`; its README says how."]
    lines.append("")
    # Beside the drop folder, not in it: every file in the folder is an input.
    with open(os.path.join(ROOT, "..", "README.md"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    status = main()
    __import__("runpy").run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-rollup-sample.py"), run_name="__main__")
    sys.exit(status)
