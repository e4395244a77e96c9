#!/usr/bin/env python3
"""Writes SampleData/rollup-2022: three small departments' drop folders, to consolidate each
(huizong consolidate) and roll the three results up (huizong rollup).

- 交通运输局 (1xxxxx), a 一级 department: its 本级 grants its own 公路管理处 and, beyond the
  department, the 本级 of 交通运输综合执法支队;
- 交通运输综合执法支队 (2xxxxx), a 二级 department: its 本级's 上级单位编码 is 101001, the 交通运输局
  本级, so the grant between the two departments is eliminated when both are rolled up;
- 文化广电和旅游局 (3xxxxx), a department with no transfer to another.

Each unit's budget balances at every stage, its ledger adds up to its 决算 spending, and the
transfers agree on both sides (see the README for the one error 交通运输局's own check reports). Deterministic:
the same script writes the same bytes. Run: python3 Scripts/make-rollup-sample.py (or
Scripts/make-sample-data.py, which calls it).
"""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SampleData", "rollup-2022")
YEAR = 2022
STAGES = [("initial", "年初预算"), ("adjusted", "调整预算"), ("final", "决算")]

# department folder → units: (code, name, parent code or "", general budget in 元 (final),
# opening balance, basic share, closing, staff (active, retired)).
DEPARTMENTS = {
    "交通运输局": [
        ("101001", "示范市交通运输局本级", "", 8_600_000_00, 320_000_00, 0.55, 210_000_00, (48, 12)),
        ("101002", "示范市公路管理处", "101001", 2_150_000_00, 60_000_00, 0.40, 45_000_00, (31, 9)),
    ],
    "交通运输综合执法支队": [
        ("201001", "示范市交通运输综合执法支队本级", "101001", 1_480_000_00, 35_000_00, 0.70, 20_000_00, (26, 4)),
        ("201002", "示范市交通运输综合执法支队第一大队", "201001", 410_000_00, 8_000_00, 0.80, 5_000_00, (14, 2)),
    ],
    "文化广电和旅游局": [
        ("301001", "示范市文化广电和旅游局本级", "", 3_920_000_00, 150_000_00, 0.50, 90_000_00, (37, 15)),
        ("301002", "示范市图书馆", "301001", 1_260_000_00, 42_000_00, 0.65, 30_000_00, (22, 11)),
        ("301003", "示范市群众艺术馆", "301001", 640_000_00, 18_000_00, 0.75, 12_000_00, (16, 6)),
    ],
}
# Grants (元 × 100, final; the budgets are 95% and 100% of it): payer → receiver.
GRANTS = {("101001", "101002"): 500_000_00, ("101001", "201001"): 1_200_000_00,
          ("201001", "201002"): 300_000_00, ("301001", "301002"): 260_000_00}
STAGE_SHARE = {"initial": 0.95, "adjusted": 1.0, "final": 1.0}


# UTF-8 with BOM and CRLF, as Excel's 'CSV UTF-8' writes; amounts in 元: the generator's own.
from sample_2021 import write_csv as write, yuan


def scaled(fen, stage):
    return int(round(fen * STAGE_SHARE[stage]))


def budget_rows(unit):
    code, _, _, general, opening, basic_share, closing, _ = unit
    rows = []
    for stage, stage_name in STAGES:
        received = sum(scaled(v, stage) for (payer, receiver), v in GRANTS.items() if receiver == code)
        paid = sum(scaled(v, stage) for (payer, receiver), v in GRANTS.items() if payer == code)
        income = scaled(general, stage)
        spending = income + received + opening - paid - closing
        basic = int(spending * basic_share) // 100 * 100
        project = spending - basic
        for item, amount in [("一般公共预算", income), ("上级补助收入", received), ("年初结转和结余", opening),
                             ("基本支出", basic), ("项目支出", project), ("对附属单位补助支出", paid),
                             ("年末结转和结余", closing)]:
            if amount:
                rows.append([code, stage_name, item, yuan(amount)])
    return rows


def ledger_rows(unit):
    code = unit[0]
    final = {row[2]: row[3] for row in budget_rows(unit) if row[1] == "决算"}
    rows = []
    number = 0
    for kind, item in [("基本支出", "基本支出"), ("项目支出", "项目支出")]:
        total = int(final.get(item, "0").replace(".", ""))
        parts = [total * 3 // 10, total * 5 // 10]
        parts.append(total - sum(parts))
        for month, part in zip((3, 7, 11), parts):
            number += 1
            rows.append([code, "%d-%02d-15" % (YEAR, month), "记-%03d" % number, "一般公共预算", kind,
                         "2140101", "30201" if kind == "基本支出" else "31002", "" if kind == "基本支出" else "日常运行保障",
                         "%d月%s" % (month, kind), yuan(part)])
    return rows


def asset_rows(unit):
    code, general = unit[0], unit[3]
    cash = general // 20
    return [
        [code, code + "-Z001", "银行存款", "货币资金", yuan(cash), "0.00"],
        [code, code + "-Z002", "办公楼", "固定资产", yuan(general // 4), yuan(general // 16)],
        [code, code + "-Z003", "公务用车", "固定资产", yuan(general // 40), yuan(general // 80)],
        [code, code + "-Z004", "业务软件", "无形资产", yuan(general // 50), "0.00"],
    ]


def staff_rows(unit):
    code, (active, retired) = unit[0], unit[7]
    return [[code, "%s-%04d" % (code, i + 1), "在职" if i < active else "退休"] for i in range(active + retired)]


def main():
    for department, units in DEPARTMENTS.items():
        folder = os.path.join(ROOT, department)
        # The 交通运输局's registry names the 执法支队 本级 it grants to as 另行汇总: another department's.
        separate = [[u[0], u[1], u[2], "是"] for other, rows in DEPARTMENTS.items() if other != department
                    for u in rows if any(u[2] == own[0] for own in units)]
        write(os.path.join(folder, "单位名录.csv"), ["单位编码", "单位名称", "上级单位编码", "另行汇总"],
              [[u[0], u[1], u[2], ""] for u in units] + separate)
        write(os.path.join(folder, "预决算收支.csv"), ["单位编码", "阶段", "科目", "金额(元)"],
              [row for u in units for row in budget_rows(u)])
        write(os.path.join(folder, "资产.csv"), ["单位编码", "资产编号", "资产名称", "资产类别", "原值(元)", "累计折旧(元)"],
              [row for u in units for row in asset_rows(u)])
        write(os.path.join(folder, "人员.csv"), ["单位编码", "人员编号", "人员类别"],
              [row for u in units for row in staff_rows(u)])
        write(os.path.join(folder, "支出明细.csv"),
              ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "功能分类科目", "经济分类科目", "项目", "摘要", "金额(元)"],
              [row for u in units for row in ledger_rows(u)])
    grant = GRANTS[("101001", "201001")]
    readme = f"""# 部门汇总示例（2022 年度）

Three small departments' drop folders, written by `Scripts/make-rollup-sample.py` (which
`Scripts/make-sample-data.py` calls): consolidate each, then roll the three results up.

| folder | department | units |
| --- | --- | --- |
| `交通运输局/` | 一级 department | 101001 本级, 101002 公路管理处 |
| `交通运输综合执法支队/` | 二级 department: its 本级 201001's 上级单位编码 is 101001 | 201001 本级, 201002 第一大队 |
| `文化广电和旅游局/` | no transfer with another department | 301001 本级, 301002 图书馆, 301003 群众艺术馆 |

The 交通运输局 本级 (101001) grants {yuan(grant)} 元 (决算) to the 执法支队 本级 (201001), which
books it as 上级补助收入: the rollup eliminates it, and both sides agree.

```
huizong consolidate SampleData/rollup-2022/交通运输局 --year 2022 --out 结果/交通运输局
huizong consolidate SampleData/rollup-2022/交通运输综合执法支队 --year 2022 --out 结果/交通运输综合执法支队
huizong consolidate SampleData/rollup-2022/文化广电和旅游局 --year 2022 --out 结果/文化广电和旅游局
huizong rollup 结果/交通运输局 结果/交通运输综合执法支队 结果/文化广电和旅游局 --out 结果/汇总
```

All three consolidate with exit 0. 交通运输局's 单位名录 lists the 执法支队 本级 (201001) with
另行汇总 = 是: a subordinate consolidated as another department, so it is no unit of 交通运输局's,
and its 本级's 对附属单位补助支出 exceeding what its own units booked is an info
(`transfer.outside`, one per stage), not a `transfer.mismatch`. The rollup exits 0: it matches
that grant with the 执法支队 本级's 上级补助收入 (both sides agree). It writes `rollup.json`,
`汇总结果.xlsx`, `findings.csv`, `report.md` and `report.html`.
"""
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as out:
        out.write(readme)


if __name__ == "__main__":
    main()
