#!/usr/bin/env python3
"""Writes the staff-table fixtures: a unit's 基本数字表 and 人员情况 as staff systems print them,
and the traps that must leave a figure out rather than give a wrong one. Every good shape says
the same thing: 在职 30, 离休 2, 退休 12 (the 合计 row).
Run from anywhere: python3 Tests/HuizongCoreTests/Fixtures/staff/make-staff.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "Scripts"))
import sample_workbooks as sw  # noqa: E402

# The 基本数字表's header over three rows, as printed: 年末实有人数 spans 合计 … 遗属人员,
# 在职人员 spans 小计 and its two parts; 编制人数 and the labels beside reach down all three rows.
BAND = [
    ["项目", "编制人数", "年末实有人数", "", "", "", "", "", ""],
    ["", "", "合计", "在职人员", "", "", "离休人员", "退休人员", "遗属人员"],
    ["", "", "", "小计", "其中：公共预算财政拨款开支人数", "经费自理人数", "", "", ""],
]
MERGES = [(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 0, 8), (1, 2, 2, 2), (1, 3, 1, 5), (1, 6, 2, 6), (1, 7, 2, 7),
          (1, 8, 2, 8)]
NUMBERING = ["栏次", "1", "2", "3", "4", "5", "6", "7", "8"]
ROWS = [
    ["合计", "40", "45", "30", "20", "10", "2", "12", "1"],
    ["一、行政单位", "10", "12", "10", "10", "0", "0", "2", "0"],
    ["二、事业单位", "30", "33", "20", "10", "10", "2", "10", "1"],
    ["其中：参照公务员法管理事业单位", "5", "5", "5", "5", "0", "0", "0", "0"],
]
AUDIT = "审核公式：2栏=3+6+7+8栏；3栏=4+5栏"
TITLE, NOTE = "2022年基本数字表", "编制单位：执法支队          单位：人"


def csv_bytes(rows, encoding="gb18030"):
    """As Excel saves a sheet "CSV (逗号分隔)" on Chinese Windows: a merged range's text in its
    first cell only, every row as wide as the widest, CRLF."""
    width = max(len(row) for row in rows)
    lines = []
    for row in rows:
        cells = list(row) + [""] * (width - len(row))
        lines.append(",".join('"%s"' % c.replace('"', '""') if any(x in c for x in ',"\n') else c for c in cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def html_xls(rows_html):
    """A staff system's "导出Excel": a GBK HTML table saved as .xls, merged cells as rowspan/colspan."""
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<table border="1">%s</table></body></html>' % "".join(rows_html))
    return page.encode("gb18030")


def cell(text, rows=1, columns=1):
    spans = (' rowspan="%d"' % rows if rows > 1 else "") + (' colspan="%d"' % columns if columns > 1 else "")
    return "<td%s>%s</td>" % (spans, text)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


def form(rows, numbering=True, audit=True):
    """The 基本数字表 as a CSV holds it: title, 编制单位, the three header rows, 栏次, rows, 审核公式."""
    body = [[TITLE], [NOTE]] + BAND + ([NUMBERING] if numbering else []) + rows
    return body + ([[AUDIT]] if audit else [])


# The good shapes: .xlsx with merged cells (number cells), the same sheet saved as CSV, the HTML .xls.
sw.xlsx(os.path.join(HERE, "基本数字表-三行表头.xlsx"),
        [sw.Table("基本数字表", TITLE, BAND[-1], [NUMBERING] + ROWS + [[AUDIT]], note=NOTE, band=BAND, merges=MERGES,
                  counts=True)])
write("基本数字表-三行表头-gb18030.csv", csv_bytes(form(ROWS)))
head = [
    "<tr>" + cell("项目", 3) + cell("编制人数", 3) + cell("年末实有人数", 1, 7) + "</tr>",
    "<tr>" + cell("合计", 2) + cell("在职人员", 1, 3) + cell("离休人员", 2) + cell("退休人员", 2) + cell("遗属人员", 2) + "</tr>",
    "<tr>" + cell("小计") + cell("其中：公共预算<br>财政拨款开支人数") + cell("经费自理人数") + "</tr>",
    "<tr>" + "".join(cell(c) for c in NUMBERING) + "</tr>",
]
write("基本数字表-网页.xls", html_xls(
    ["<tr>" + cell(TITLE, 1, 9) + "</tr>", "<tr>" + cell(NOTE, 1, 9) + "</tr>"] + head
    + ["<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in ROWS] + ["<tr>" + cell(AUDIT, 1, 9) + "</tr>"]))

# 人员情况 turned: items down the side, unit types across (合计 first).
TURNED = [["人员情况表"], ["项目", "合计", "行政单位", "财政拨款事业单位", "经费自理事业单位"],
          ["编制数", "40", "10", "25", "5"], ["在职人数", "30", "10", "15", "5"], ["其中：在岗人数", "29", "10", "14", "5"],
          ["离退休人数", "14", "2", "10", "2"], ["其中：离休", "2", "0", "2", "0"], ["退休", "12", "2", "8", "2"]]
write("人员情况-转置-gb18030.csv", csv_bytes(TURNED))
sw.xlsx(os.path.join(HERE, "人员情况-转置.xlsx"),
        [sw.Table("人员情况", TURNED[0][0], TURNED[1], TURNED[2:], band=[TURNED[1]], counts=True)])

# The traps: each must leave the unit's figure out with a finding, never give a number.
# 合计 last, and 事业单位's 在职 one more than the 合计 says.
parts_differ = [ROWS[1], ["二、事业单位", "30", "34", "21", "11", "10", "2", "10", "1"], ROWS[3], ROWS[0]]
write("陷阱-合计与分项不符.csv", csv_bytes(form(parts_differ)))
# Rows by 编制 type and no 合计: which is the unit's figure?
write("陷阱-无合计.csv", csv_bytes(form(ROWS[1:])))
# The 合计 row's 在职 小计 is not 财政拨款开支 + 经费自理 (the form's own 审核公式).
broken = [["合计", "40", "45", "30", "20", "11", "2", "12", "1"]] + ROWS[1:]
write("陷阱-审核公式不符.csv", csv_bytes(form(broken)))
# A one-row header over units, a numbering row under it without its 栏次 label.
write("陷阱-编号行.csv", csv_bytes([["单位编码", "单位名称", "编制人数", "在职人数", "离休人数", "退休人数"],
                                 ["1", "2", "3", "4", "5", "6"], ["012002", "执法支队", "40", "30", "2", "12"]]))
