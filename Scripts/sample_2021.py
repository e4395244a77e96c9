"""SampleData/2021: the seed department's year before, written from 2022's figures so that the two
years join (上下年衔接): each unit's 2021 决算 年末结转和结余 is exactly its 2022 决算 年初结转和结余.

Plain UTF-8 CSVs (the variety of export shapes is 2022's business): the registry, and per unit its
预决算收支 (万元), 资产卡片 (元), 人员 (ids only) and 支出明细 (three vouchers a kind of spending),
each unit's 决算 balanced; a narrative file
with last year's 部门职能 and 单位性质, which a 2022 run with --previous carries into its draft.
"""
import csv
import io
import os
import shutil

STAGE_ZH = {"initial": "年初预算", "adjusted": "调整预算", "final": "决算"}
STEP = 10000  # 0.01 万元 in 分

NARRATIVE = """# 自评报告叙述

## 部门职能

（1）履行全民所有土地、矿产等自然资源资产所有者职责和所有国土空间用途管制职责。
（2）负责全市自然资源调查监测评价，负责自然资源统一确权登记工作。
（3）负责全市国土空间规划的编制和监督实施。

## 单位性质和经费形式

我单位系财政全额拨款单位，单位性质为行政单位。
"""


def scaled(amount, percent):
    """amount × percent / 100, to the 0.01 万元 the forms print."""
    return amount * percent // 100 // STEP * STEP


def wan(amount):
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return "%s%d.%02d" % (sign, amount // 1000000, amount % 1000000 // 10000)


def yuan(amount):
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return "%s%d.%02d" % (sign, amount // 100, amount % 100)


def write_csv(path, header, rows):
    """UTF-8 with BOM and CRLF, as Excel's 'CSV UTF-8' writes."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "wb") as out:
        out.write(buffer.getvalue().encode("utf-8-sig"))


def budget_2021(budget_2022, main, item_zh):
    """Each unit's 2021 figures by stage: its income 7% below 2022's, its 决算 closing balance 2022's
    opening one, its project spending what balances; 本级's grants to its subordinates as in 2022."""
    units = {}
    for i, stages in budget_2022.items():
        final = stages["final"]
        closing = final.get("opening_balance", 0)
        income = {k: scaled(final.get(k, 0), 93) for k in ["general_budget", "government_fund",
                                                           "public_service_revenue", "other_income"]}
        opening = scaled(closing, 80)
        grant = final.get("grant_from_parent", 0)
        basic = scaled(final.get("basic_expenditure", 0), 95)
        figures = dict(income, opening_balance=opening, basic_expenditure=basic, closing_balance=closing)
        if grant:
            figures["grant_from_parent"] = grant
        units[i] = figures
    units[main]["grant_to_subordinate"] = sum(u.get("grant_from_parent", 0) for u in units.values())
    for figures in units.values():
        sources = sum(figures.get(k, 0) for k in ["general_budget", "government_fund", "public_service_revenue",
                                                   "other_income", "opening_balance", "grant_from_parent"])
        uses = figures["basic_expenditure"] + figures["closing_balance"] + figures.get("grant_to_subordinate", 0)
        if sources < uses:
            # Too little income for last year's spending: more 一般公共预算 makes it balance.
            figures["general_budget"] += uses - sources
            sources = uses
        figures["project_expenditure"] = sources - uses
    rows = {}
    for i, final in units.items():
        initial = {k: scaled(final.get(k, 0), 90) for k in ["general_budget", "government_fund",
                                                            "public_service_revenue"]}
        income = sum(initial.values())
        initial["basic_expenditure"] = min(final["basic_expenditure"], income)
        initial["project_expenditure"] = income - initial["basic_expenditure"]
        stages = {"initial": initial, "adjusted": final, "final": final}
        rows[i] = [(STAGE_ZH[stage], item_zh[item], amount)
                   for stage in ["initial", "adjusted", "final"]
                   for item, amount in stages[stage].items()
                   if amount != 0 or item in ("basic_expenditure", "project_expenditure")]
    return rows, units


def write(exports, units, codes, unit_folder, root, main, item_zh):
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)
    write_csv(os.path.join(root, "单位名录.csv"), ["单位编码", "单位名称", "简称", "上级单位编码"],
              [[codes[i], name, "", "" if i == main else codes[main]] for i, name in enumerate(units)])
    budget, finals = budget_2021(exports["budget"], main, item_zh)
    for i in range(len(units)):
        folder = os.path.join(root, unit_folder(i))
        write_csv(os.path.join(folder, "预决算收支.csv"), ["单位编码", "阶段", "科目", "金额(万元)"],
                  [[codes[i], stage, item, wan(amount)] for stage, item, amount in budget[i]])
        cards = []
        for k, (category, name, original, depreciation) in enumerate(exports["cards"][i]):
            if category == "在建工程":
                continue    # 2022's construction began in 2022
            if category == "货币资金":
                original = original * 90 // 100
            else:
                depreciation = depreciation * 85 // 100
            cards.append([codes[i], "ZC%s-%04d" % (codes[i], k + 1), name, category, yuan(original),
                          yuan(depreciation) if depreciation else ""])
        write_csv(os.path.join(folder, "资产卡片.csv"),
                  ["单位编码", "资产编号", "资产名称", "资产类别", "原值(元)", "累计折旧(元)"], cards)
        # The books: each kind of 决算 spending in three vouchers, from the unit's largest source.
        final = finals[i]
        source = max(["general_budget", "government_fund", "public_service_revenue", "other_income",
                      "grant_from_parent"], key=lambda k: final.get(k, 0))
        lines = []
        for kind in ["basic_expenditure", "project_expenditure"]:
            amount = final.get(kind, 0)
            parts = [amount // 3, amount // 3, amount - 2 * (amount // 3)] if amount else []
            for month, part in zip([3, 7, 11], parts):
                lines.append([codes[i], "2021-%02d-15" % month, "记-%04d" % (len(lines) + 1), item_zh[source],
                              item_zh[kind], "2200101 行政运行" if kind == "basic_expenditure" else "2200106 自然资源利用与保护",
                              "30101 基本工资" if kind == "basic_expenditure" else "30227 委托业务费", "", "2021年支出",
                              yuan(part)])
        write_csv(os.path.join(folder, "支出明细.csv"),
                  ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "功能分类科目", "经济分类科目", "项目", "摘要", "金额(元)"],
                  lines)
        active, veteran, retired = exports["staff"][i]
        # A few more in post last year: 2022's retirements.
        statuses = ["在职"] * (active + i % 3) + ["退休"] * max(0, retired - i % 3) + ["离休"] * veteran
        write_csv(os.path.join(folder, "人员.csv"), ["单位编码", "人员编号", "人员类别"],
                  [[codes[i], "RY%s%04d" % (codes[i][-3:], k + 1), s] for k, s in enumerate(statuses)])
    with open(os.path.join(root, "报告叙述.md"), "w", encoding="utf-8") as out:
        out.write(NARRATIVE)
