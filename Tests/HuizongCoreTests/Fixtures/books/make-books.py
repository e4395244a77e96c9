#!/usr/bin/env python3
"""Writes a small drop folder of unit books (序时账 and 凭证) under the 政府会计制度, one unit per
package shape, and expected.json: the spending each unit's books must come to, by 支出类型 and by
资金来源, in 分. Every amount is an integer of 分 in the tables below; the files are written
from those tables and expected.json is computed from the same tables (integers only, never a
float), so the two cannot drift apart. No randomness, no clock: every run writes the same bytes.
Run from anywhere: python3 Tests/HuizongCoreTests/Fixtures/books/make-books.py (the folder is drop/).

What a correct reader does with every shape: spending is the 预算会计 lines on 7101 行政支出,
7201 事业支出 and 7301 经营支出, each counted 借 − 贷. The 财务会计 lines of the same vouchers
(5001 业务活动费用, 5301 经营费用, 1011 零余额账户用款额度, 1002 银行存款) and the 8001 资金结存
lines are not spending, even where they carry a 资金性质. Codes below the first level are read by
level (4-2-2-2 undotted, or dotted `7201.01.01.01`): second level 01 财政拨款支出 / 02 非财政专项
资金支出 / 03 其他资金支出; under 01 and 03 the third level is 01 基本支出 / 02 项目支出.
- 支出类型 from the account: 基本支出 (人员经费, 日常公用经费 below it) → 基本支出; 项目支出 and
  any project below it → 项目支出; 非财政专项资金支出 → 项目支出; 7301 → 经营支出.
- 资金来源 from the line where the line states one (资金性质 / 资金来源 / 核算项目's 资金性质),
  else from the account: 财政拨款 → 一般公共预算, 其他资金 → 其他收入, 经营支出 → 经营收入, and
  非财政专项 with nothing stated → 其他收入, which is an assumption the reader must warn about
  (expected.json: assumed_source_accounts).
- A line whose stated source the account's name rules out is a disagreement to report
  (expected.json: source_disagreements); the line's source still counts. 财政拨款 admits
  一般公共预算 and 政府性基金预算 (both are 财政拨款, so `121 政府性基金预算资金` on a 财政拨款
  account is NOT a disagreement); 非财政专项 and 其他资金 admit only non-fiscal sources (事业收入,
  经营收入, 其他收入); 经营支出 admits 经营收入.

The shapes (folder → file):
- 单位名录.csv: the registry (UTF-8 with BOM, CRLF), 本级 013001 and the four units below it.
- 013002_规划院/序时账.xlsx — GRP-U8 序时账. Title row, a `核算单位：… 会计期间：… 单位：元` line,
  then 凭证日期 | 凭证号 | 摘要 | 科目编码 | 科目名称 | 借方金额 | 贷方金额 | 资金性质 | 功能科目 |
  经济科目 | 项目; dates and amounts are number cells (some amounts stored in Excel's 17-digit
  form, e.g. 1234.5599999999999, as sample_workbooks writes them). Undotted 4-2-2-2 codes with
  full names. Tests: the source comes from each line — 72010102 项目支出 carries both
  `111 一般公共预算资金` and `121 政府性基金预算资金`; 7201010101 人员经费 has a 121 line; a
  72010301 其他资金支出 line says `111 一般公共预算资金` (a disagreement); 其他资金 lines say
  `其他资金` or nothing; 资金性质 also sits on the 5001 and 8001 lines, which are not spending; a
  红字 reversal is a negative 借方 on all four lines of its voucher.
- 013003_测绘院/序时账.xls — a web system's "Excel" export: an HTML table in GBK (charset in a
  meta tag), 日期 | 凭证字号 | 摘要 | 科目编码 | 科目名称 | 借方 | 贷方, amounts as text with
  thousands separators, and only each account's own (leaf) name: `人员经费`, `国土空间规划编制`,
  `资金结存`. No source column. Tests: type and source from the code's levels alone; 7101030101
  is also named `人员经费` but is 其他资金 → 其他收入; 7101020101 (非财政专项) has no stated source
  → 项目支出 from 其他收入, assumed.
- 013004_信息中心/凭证.csv — vouchers as printed (UTF-8 with BOM, CRLF): a header row with
  资金来源, then per voucher a `[日期:… 凭证字号:…]` row, its lines with full names, a `[合计]`
  row, the signature footer (spread over cells, in one cell, or starting in the 2nd or 4th cell
  — text in the amount columns), `附单据 n 张`, and at page ends `第 n 页 共 3 页`, a row of
  dashes, the repeated title `记账凭证` and once the header again. Tests: none of the printed
  rows is a line or an amount; one account (72010102) with two sources in one voucher; a
  退回 credited to a spending account counts negative; 72010301 其他资金 lines with no source
  (→ 其他收入) and with `事业收入` (→ 事业收入).
- 013005_储备中心/凭证列表.xlsx — 金蝶 凭证 list: 日期 | 会计期间 | 凭证字 | 凭证号 | 附件数 | 分录序号 |
  摘要 | 科目代码 | 科目名称 | 借方金额 | 贷方金额 | 客户 | 供应商 | 职员 | 项目 | 部门 | 核算项目, dotted
  codes, names joined by `_`, 会计期间/凭证号/附件数/分录序号 as number cells, 科目代码 as text
  (also `8001`), dates as date cells, the source inside the combined 核算项目 column
  (`资金性质:111 一般公共预算资金;功能科目:2200150 事业运行`). Tests: 7301.01 经营支出 → 经营支出
  from 经营收入 (one of its lines has a 核算项目 without 资金性质); 7201.02.01 非财政专项 with
  `资金性质:事业收入` → 项目支出 from 事业收入, not assumed; a 收回 credited to 7201.01.01.01.

expected.json, per unit code: by_type and by_source (分, zero entries left out), rows (every
account line the book holds — 财务会计, 预算会计 and 资金结存 alike — and nothing else: not the
title, header, voucher, 合计, footer, 附单据, page or separator rows), spending_rows (the lines on
7101/7201/7301 accounts alone), assumed_source_accounts and source_disagreements (codes as the
book prints them).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The drop folder the tests consolidate; expected.json and this script stay beside it.
DROP = os.path.join(HERE, "drop")
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "Scripts"))
import sample_workbooks as sw  # noqa: E402

# --- What an account means, from its code alone -------------------------------------------------

FISCAL, SPECIAL, OTHER, BUSINESS = "财政拨款", "非财政专项", "其他资金", "经营支出"
TYPES = ("基本支出", "项目支出", "经营支出")
SOURCES = ("一般公共预算", "政府性基金预算", "事业收入", "经营收入", "其他收入")
NON_FISCAL = {"事业收入", "经营收入", "其他收入"}
DEFAULT_SOURCE = {FISCAL: "一般公共预算", SPECIAL: "其他收入", OTHER: "其他收入", BUSINESS: "经营收入"}
ADMITTED = {FISCAL: {"一般公共预算", "政府性基金预算"}, SPECIAL: NON_FISCAL, OTHER: NON_FISCAL, BUSINESS: {"经营收入"}}


def levels(code):
    """`7201.01.01.01` or `7201010101` as ['7201', '01', '01', '01'] (4-2-2-2)."""
    if "." in code:
        return code.split(".")
    return [code[:4]] + [code[k:k + 2] for k in range(4, len(code), 2)]


def place(code):
    """(支出类型, funding class) of a spending account, None for any other account."""
    parts = levels(code)
    if parts[0] == "7301":
        return "经营支出", BUSINESS
    if parts[0] not in ("7101", "7201"):
        return None
    second = parts[1] if len(parts) > 1 else ""
    third = parts[2] if len(parts) > 2 else ""
    if second == "02":
        return "项目支出", SPECIAL
    fund = {"01": FISCAL, "03": OTHER}[second]
    return {"01": "基本支出", "02": "项目支出"}[third], fund


def stated_source(text):
    """The 资金来源 a line's 资金性质 / 资金来源 cell names, None when it names none."""
    for word, source in (("一般公共预算", "一般公共预算"), ("政府性基金", "政府性基金预算"), ("事业收入", "事业收入"),
                         ("经营收入", "经营收入"), ("其他资金", "其他收入"), ("其他收入", "其他收入")):
        if word in text:
            return source
    assert text.strip() == "", "unknown source %r" % text
    return None


def check_names(names, leaf_only=False):
    """The names typed below say what the codes say (a full name holds its levels' words)."""
    for code, name in names.items():
        placed = place(code)
        if placed is None or leaf_only:
            continue
        kind, fund = placed
        assert fund in name, (code, name)
        if fund in (FISCAL, OTHER):
            assert kind in name, (code, name)


# --- The books: vouchers of spending lines; the parallel lines are derived ------------------------

class Spend:
    """One 预算会计 line: account, 借 (side '借', fen may be negative: 红字) or 贷, the source as the
    system writes it ('' when blank), the 财务会计 expense account beside it, and 辅助 tags."""

    def __init__(self, code, fen, source="", expense="", side="借", **tags):
        self.code, self.fen, self.source, self.expense, self.side, self.tags = code, fen, source, expense, side, tags


class Voucher:
    def __init__(self, date, number, summary, pay, spends, **print_info):
        self.date, self.number, self.summary, self.pay, self.spends = date, number, summary, pay, spends
        self.info = print_info


class Line:
    """One account line as the book holds it. role: expense / pay / budget / balance."""

    def __init__(self, voucher, role, code, side, fen, source="", tags=None):
        self.voucher, self.role, self.code, self.source, self.tags = voucher, role, code, source, tags or {}
        self.debit = fen if side == "借" else 0
        self.credit = fen if side == "贷" else 0
        self.side = side


def opposite(side):
    return "贷" if side == "借" else "借"


def expand(voucher, balance_code="8001", tags_on_expense=True):
    """A voucher's lines in 平行记账 order: the 财务会计 expense lines, the payment, then the
    预算会计 spending lines and 资金结存, one 资金结存 line per source stated."""
    sides = {spend.side for spend in voucher.spends}
    assert len(sides) == 1
    side = sides.pop()
    total = sum(spend.fen for spend in voucher.spends)
    lines = [Line(voucher, "expense", spend.expense, spend.side, spend.fen, spend.source,
                  dict(spend.tags) if tags_on_expense else {}) for spend in voucher.spends]
    lines.append(Line(voucher, "pay", voucher.pay, opposite(side), total))
    lines += [Line(voucher, "budget", spend.code, spend.side, spend.fen, spend.source, dict(spend.tags))
              for spend in voucher.spends]
    by_source = {}
    for spend in voucher.spends:
        by_source[spend.source] = by_source.get(spend.source, 0) + spend.fen
    lines += [Line(voucher, "balance", balance_code, opposite(side), fen, source) for source, fen in by_source.items()]
    return lines


def book(vouchers, **options):
    return [line for voucher in vouchers for line in expand(voucher, **options)]


def yuan(fen, grouped=False):
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return "%s%s.%02d" % (sign, "{:,}".format(whole) if grouped else whole, cents)


def amount(fen, grouped=False):
    return yuan(fen, grouped) if fen else ""


# 013002 规划院: GRP-U8 序时账, 资金性质 on each line.
GP, GF, OWN = "111 一般公共预算资金", "121 政府性基金预算资金", "其他资金"
NAMES_013002 = {
    "7201010101": "事业支出-财政拨款支出-基本支出-人员经费",
    "7201010102": "事业支出-财政拨款支出-基本支出-日常公用经费",
    "72010102": "事业支出-财政拨款支出-项目支出",
    "72010301": "事业支出-其他资金支出-基本支出",
    "500101": "业务活动费用-工资福利费用",
    "500102": "业务活动费用-商品和服务费用",
    "1011": "零余额账户用款额度",
    "1002": "银行存款",
    "8001": "资金结存",
}
RUN = {"功能科目": "2200150 事业运行"}
PLAN = {"功能科目": "2200106 自然资源利用与保护", "经济科目": "30227 委托业务费"}
VOUCHERS_013002 = [
    Voucher("2022-01-10", "记-0001", "发放1月工资", "1011",
            [Spend("7201010101", 28543620, GP, "500101", 经济科目="30101 基本工资", **RUN)]),
    Voucher("2022-01-18", "记-0006", "支付规划编制人员劳务费（基金安排）", "1011",
            [Spend("7201010101", 4621835, GF, "500101", 经济科目="30199 其他工资福利支出", **RUN)]),
    Voucher("2022-03-22", "记-0015", "支付国土空间总体规划编制费（首期）", "1011",
            [Spend("72010102", 126000000, GP, "500102", 项目="国土空间总体规划编制", **PLAN)]),
    Voucher("2022-04-08", "记-0021", "支付村庄规划编制费", "1011",
            [Spend("72010102", 238451766, GF, "500102", 项目="村庄规划编制", **PLAN)]),
    Voucher("2022-05-11", "记-0030", "冲销记-0021多记金额", "1011",
            [Spend("72010102", -8451766, GF, "500102", 项目="村庄规划编制", **PLAN)]),
    Voucher("2022-06-20", "记-0042", "支付技术咨询费及资料费（自有资金）", "1002",
            [Spend("72010301", 3680000, OWN, "500102", 经济科目="30299 其他商品和服务支出", **RUN),
             Spend("72010301", 532015, "", "500102", 经济科目="30202 印刷费", **RUN)]),
    Voucher("2022-07-05", "记-0048", "支付专家评审费", "1002",
            [Spend("72010301", 1240000, GP, "500102", 经济科目="30226 劳务费", **RUN)]),
    Voucher("2022-12-28", "记-0093", "发放12月工资及支付公用经费", "1011",
            [Spend("7201010101", 29100487, GP, "500101", 经济科目="30101 基本工资", **RUN),
             Spend("7201010102", 986350, GP, "500102", 经济科目="30201 办公费", **RUN)]),
]
LINES_013002 = book(VOUCHERS_013002)

# 013003 测绘院: a web system's HTML .xls, leaf names, no source column.
NAMES_013003 = {
    "7101010101": "人员经费",
    "7101010102": "日常公用经费",
    "7101010201": "国土空间规划编制",
    "7101020101": "测绘成果转化专项",
    "7101030101": "人员经费",
    "500101": "工资福利费用",
    "500102": "商品和服务费用",
    "1011": "零余额账户用款额度",
    "1002": "银行存款",
    "8001": "资金结存",
}
VOUCHERS_013003 = [
    Voucher("2022-01-12", "记-0003", "发放1月工资", "1011", [Spend("7101010101", 31284655, expense="500101")]),
    Voucher("2022-02-20", "记-0011", "支付物业管理费", "1011", [Spend("7101010102", 4860000, expense="500102")]),
    Voucher("2022-03-30", "记-0019", "支付国土空间规划编制费（第一期）", "1011",
            [Spend("7101010201", 187500000, expense="500102")]),
    Voucher("2022-06-15", "记-0034", "测绘成果转化专项劳务费", "1002", [Spend("7101020101", 12635880, expense="500102")]),
    Voucher("2022-09-09", "记-0052", "发放自聘人员工资", "1002", [Spend("7101030101", 8321547, expense="500101")]),
]
LINES_013003 = book(VOUCHERS_013003)

# 013004 信息中心: printed voucher blocks with a 资金来源 column.
GP4, GF4 = "一般公共预算资金", "政府性基金预算资金"
NAMES_013004 = {
    "72010101": "事业支出-财政拨款支出-基本支出",
    "72010102": "事业支出-财政拨款支出-项目支出",
    "72010301": "事业支出-其他资金支出-基本支出",
    "500101": "业务活动费用-工资福利费用",
    "500102": "业务活动费用-商品和服务费用",
    "1011": "零余额账户用款额度",
    "1002": "银行存款",
    "8001": "资金结存",
}
VOUCHERS_013004 = [
    Voucher("2022-03-01", "记-0001", "支付3月工资", "1011", [Spend("72010101", 16842036, GP4, "500101")],
            footer="cells", attachments=2),
    Voucher("2022-03-08", "记-0002", "支付机房运维费", "1011",
            [Spend("72010102", 9650000, GP4, "500102"), Spend("72010102", 5800000, GF4, "500102")],
            footer="one", attachments=3, page_end=(1, False)),
    Voucher("2022-03-15", "记-0003", "退回多付机房运维费", "1011", [Spend("72010102", 650000, GP4, "500102", side="贷")],
            footer="second", attachments=1),
    Voucher("2022-03-22", "记-0004", "支付网络安全等级保护测评费", "1011", [Spend("72010102", 23488090, GF4, "500102")],
            footer="fourth", attachments=4, page_end=(2, True)),
    Voucher("2022-03-28", "记-0005", "支付临时人员劳务费及培训费", "1002",
            [Spend("72010301", 2136000, "", "500101"), Spend("72010301", 875540, "事业收入", "500102")],
            footer="cells", attachments=2),
    Voucher("2022-03-31", "记-0006", "支付3月水电费", "1011", [Spend("72010101", 1274508, GP4, "500102")],
            footer="one", attachments=1, page_end=(3, False)),
]
LINES_013004 = book(VOUCHERS_013004, tags_on_expense=False)

# 013005 储备中心: 金蝶 凭证 list, dotted codes, the source in 核算项目.
NAMES_013005 = {
    "7201.01.01.01": "事业支出_财政拨款支出_基本支出_人员经费",
    "7201.01.02": "事业支出_财政拨款支出_项目支出",
    "7201.02.01": "事业支出_非财政专项资金支出_土地整理专项",
    "7301.01": "经营支出_商品和服务支出",
    "5001.01": "业务活动费用_工资福利费用",
    "5001.02": "业务活动费用_商品和服务费用",
    "5301": "经营费用",
    "1011": "零余额账户用款额度",
    "1002": "银行存款",
    "8001": "资金结存",
}
RUN5 = {"功能科目": "2200150 事业运行"}
VOUCHERS_013005 = [
    Voucher("2022-03-01", 1, "发放3月工资", "1011", [Spend("7201.01.01.01", 19876543, GP, "5001.01", **RUN5)],
            attachments=2, department="综合科"),
    Voucher("2022-03-10", 2, "支付土地收储前期勘测费", "1011",
            [Spend("7201.01.02", 152000000, GF, "5001.02", 功能科目="2120801 征地和拆迁补偿支出", 项目="土地收储前期费用")],
            attachments=5, department="储备科"),
    Voucher("2022-04-12", 3, "支付储备地块看护费", "1011",
            [Spend("7201.01.02", 8624000, GP, "5001.02", 功能科目="2200199 其他自然资源事务支出", 项目="储备地块管护")],
            attachments=3, department="储备科"),
    Voucher("2022-05-20", 4, "支付土地整理专项费用", "1002",
            [Spend("7201.02.01", 30500000, "事业收入", "5001.02", 功能科目="2200199 其他自然资源事务支出", 项目="土地整理专项")],
            attachments=4, department="储备科"),
    Voucher("2022-06-30", 5, "经营性停车场运维支出", "1002", [Spend("7301.01", 4231876, "", "5301", **RUN5)],
            attachments=2, department="经营科", supplier="某某停车管理有限公司"),
    Voucher("2022-07-15", 6, "经营性停车场设备维修", "1002", [Spend("7301.01", 1890000, "", "5301")],
            attachments=1, department="经营科", supplier="某某机电维修有限公司"),
    Voucher("2022-08-05", 7, "收回多发7月工资", "1011", [Spend("7201.01.01.01", 215030, GP, "5001.01", side="贷", **RUN5)],
            attachments=1, department="综合科"),
]
LINES_013005 = book(VOUCHERS_013005, tags_on_expense=False)

UNITS = [
    ("013001", "某某自然资源局本级", ""),
    ("013002", "某某规划院", "013001"),
    ("013003", "某某测绘院", "013001"),
    ("013004", "某某信息中心", "013001"),
    ("013005", "某某土地储备中心", "013001"),
]


# --- Writers -----------------------------------------------------------------------------------

def write(relative, data):
    path = os.path.join(HERE if relative == "expected.json" else DROP, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def csv_bytes(rows):
    """UTF-8 with BOM and CRLF, as Excel's "CSV UTF-8" writes a sheet: every row as wide as the header."""
    width = len(rows[0])
    out = []
    for row in rows:
        cells = list(row) + [""] * (width - len(row))
        assert len(cells) == width and not any(c in cell for cell in cells for c in ',"\r\n'), row
        out.append(",".join(cells))
    return ("\ufeff" + "\r\n".join(out) + "\r\n").encode("utf-8")


class Text(str):
    """A cell kept as text though all digits (科目代码 `8001`): sw.xlsx with counts=True makes
    every all-digit cell a number, which 凭证号 and 分录序号 want and codes do not."""

    def isdigit(self):
        return False


class WebTable(sw.Table):
    """sw.Table for the web export: its 借方/贷方 headers hold no word sw.Table takes for an
    amount, and would be marked text (mso-number-format '@')."""

    def kinds(self):
        return ["amount" if name in ("借方", "贷方") else kind for name, kind in zip(self.header, super().kinds())]


def registry():
    rows = [["单位编码", "单位名称", "上级单位编码"]] + [list(unit) for unit in UNITS]
    write("单位名录.csv", csv_bytes(rows))


def grp_u8():
    header = ["凭证日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "资金性质", "功能科目", "经济科目", "项目"]
    rows = []
    for line in LINES_013002:
        v = line.voucher
        rows.append([v.date, v.number, v.summary, line.code, NAMES_013002[line.code], amount(line.debit),
                     amount(line.credit), line.source, line.tags.get("功能科目", ""), line.tags.get("经济科目", ""),
                     line.tags.get("项目", "")])
    sw.xlsx(os.path.join(DROP, "013002_规划院", "序时账.xlsx"),
            [sw.Table("序时账", "序时账", header, rows,
                      note="核算单位：某某规划院    会计期间：2022年01月—2022年12月    单位：元")])


def web_export():
    header = ["日期", "凭证字号", "摘要", "科目编码", "科目名称", "借方", "贷方"]
    assert all(line.source == "" for line in LINES_013003), "this export has no source column"
    rows = [[line.voucher.date, line.voucher.number, line.voucher.summary, line.code, NAMES_013003[line.code],
             amount(line.debit, grouped=True), amount(line.credit, grouped=True)] for line in LINES_013003]
    sw.html(os.path.join(DROP, "013003_测绘院", "序时账.xls"), WebTable("序时账", "序时账", header, rows),
            encoding="gb18030")


SIGNERS = ("记账：张三", "审核：李四", "出纳：王五", "制单：赵六")


def printed_vouchers():
    header = ["摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "资金来源"]
    footers = {
        "cells": list(SIGNERS) + ["", ""],
        "one": ["  ".join(SIGNERS)],
        "second": [""] + list(SIGNERS) + [""],
        "fourth": ["", "", "", SIGNERS[0], SIGNERS[1] + "  " + SIGNERS[2], SIGNERS[3]],
    }
    pages = max(v.info["page_end"][0] for v in VOUCHERS_013004 if "page_end" in v.info)
    rows = [header]
    for voucher in VOUCHERS_013004:
        lines = [line for line in LINES_013004 if line.voucher is voucher]
        rows.append(["[日期:%s 凭证字号:%s]" % (voucher.date, voucher.number)])
        for line in lines:
            source = line.source if line.role in ("budget", "balance") else ""
            rows.append([voucher.summary, line.code, NAMES_013004[line.code], amount(line.debit), amount(line.credit),
                         source])
        rows.append(["[合计]", "", "", yuan(sum(l.debit for l in lines)), yuan(sum(l.credit for l in lines)), ""])
        rows.append(footers[voucher.info["footer"]])
        rows.append(["附单据 %d 张" % voucher.info["attachments"]])
        if "page_end" in voucher.info:
            page, repeat_header = voucher.info["page_end"]
            rows.append(["第 %d 页 共 %d 页" % (page, pages)])
            if page < pages:
                rows += [["-" * 20], ["记账凭证"]] + ([header] if repeat_header else [])
    write(os.path.join("013004_信息中心", "凭证.csv"), csv_bytes(rows))


def kingdee():
    header = ["日期", "会计期间", "凭证字", "凭证号", "附件数", "分录序号", "摘要", "科目代码", "科目名称", "借方金额", "贷方金额",
              "客户", "供应商", "职员", "项目", "部门", "核算项目"]
    rows = []
    for voucher in VOUCHERS_013005:
        lines = [line for line in LINES_013005 if line.voucher is voucher]
        for entry, line in enumerate(lines, 1):
            tags = []
            if line.role in ("budget", "balance") and line.source:
                tags.append("资金性质:" + line.source)
            if line.role == "budget" and "功能科目" in line.tags:
                tags.append("功能科目:" + line.tags["功能科目"])
            project = line.tags.get("项目", "") if line.role == "budget" else ""
            if project:
                tags.append("项目:" + project)
            department = voucher.info["department"] if line.role in ("expense", "budget") else ""
            supplier = voucher.info.get("supplier", "") if line.role == "pay" else ""
            rows.append([voucher.date, str(int(voucher.date[5:7])), "记", str(voucher.number),
                         str(voucher.info["attachments"]), str(entry), voucher.summary, Text(line.code),
                         NAMES_013005[line.code], amount(line.debit), amount(line.credit), "", supplier, "", project,
                         department, ";".join(tags)])
    sw.xlsx(os.path.join(DROP, "013005_储备中心", "凭证列表.xlsx"),
            [sw.Table("凭证", "会计分录序时簿", header, rows, counts=True)])


# --- What a correct reader must find -----------------------------------------------------------

def expected(lines):
    by_type, by_source = {}, {}
    assumed, disagreements = set(), set()
    spending_rows = 0
    for line in lines:
        placed = place(line.code)
        if placed is None:
            continue
        spending_rows += 1
        kind, fund = placed
        net = line.debit - line.credit
        stated = stated_source(line.source)
        if stated is None:
            source = DEFAULT_SOURCE[fund]
            if fund == SPECIAL:
                assumed.add(line.code)
        else:
            source = stated
            if stated not in ADMITTED[fund]:
                disagreements.add(line.code)
        by_type[kind] = by_type.get(kind, 0) + net
        by_source[source] = by_source.get(source, 0) + net
    assert sum(by_type.values()) == sum(by_source.values())
    return {
        "by_type": {k: by_type[k] for k in TYPES if by_type.get(k, 0) != 0},
        "by_source": {k: by_source[k] for k in SOURCES if by_source.get(k, 0) != 0},
        "rows": len(lines),
        "spending_rows": spending_rows,
        "assumed_source_accounts": sorted(assumed),
        "source_disagreements": sorted(disagreements),
    }


def main():
    check_names(NAMES_013002)
    check_names(NAMES_013003, leaf_only=True)
    check_names(NAMES_013004)
    check_names(NAMES_013005)
    for lines in (LINES_013002, LINES_013003, LINES_013004, LINES_013005):
        for voucher in {id(l.voucher): l.voucher for l in lines}.values():
            mine = [l for l in lines if l.voucher is voucher]
            assert sum(l.debit for l in mine) == sum(l.credit for l in mine), voucher.number
    registry()
    grp_u8()
    web_export()
    printed_vouchers()
    kingdee()
    figures = {"013002": expected(LINES_013002), "013003": expected(LINES_013003),
               "013004": expected(LINES_013004), "013005": expected(LINES_013005)}
    text = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
    write("expected.json", text.encode("utf-8"))


if __name__ == "__main__":
    main()
