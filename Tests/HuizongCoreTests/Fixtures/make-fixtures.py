#!/usr/bin/env python3
"""Writes the reading fixtures: one small ledger (支出明细) in every encoding and shape that
Excel, WPS, LibreOffice and accounting software write. Every shape holds the same five
voucher lines, so their records and totals must come out equal.
Run from anywhere: python3 Tests/HuizongCoreTests/Fixtures/make-fixtures.py"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shapes")
HEADER_ZH = ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "摘要", "金额(元)"]
ROWS = [
    ["012001", "2022-01-05", "记-0001", "一般公共预算", "基本支出", "支付1月工资", "123456.78"],
    ["012001", "2022/2/3", "记-0002", "政府性基金预算", "项目支出", '委托"国土空间规划"编制, 首期', "1,000,000.00"],
    ["012001", "2022-03-31", "记-0003", "一般公共预算", "基本支出", "冲销上月误记", "(200.50)"],
    ["012001", "2022-04-01", "记-0004", "事业收入", "项目支出", "测绘服务费\n含外业", "0.05"],
    ["012001", "2022-12-31", "记-0005", "其他收入", "基本支出", "年末调整", "-12.30"],
]
TOTAL = "1123244.03"  # 123456.78 + 1000000.00 - 200.50 + 0.05 - 12.30


def field(text, delimiter):
    if any(c in text for c in [delimiter, '"', "\n", "\r"]):
        return '"' + text.replace('"', '""') + '"'
    return text


def table(delimiter=",", newline="\r\n", header=HEADER_ZH, preamble=(), total=False):
    lines = [delimiter.join(field(c, delimiter) for c in row) for row in list(preamble)]
    lines.append(delimiter.join(field(c, delimiter) for c in header))
    lines += [delimiter.join(field(c.replace("\n", newline), delimiter) for c in row) for row in ROWS]
    if total:
        lines.append(delimiter.join(["合计", "", "", "", "", "", field("1,123,244.03", delimiter)]))
    return newline.join(lines) + newline


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


os.makedirs(HERE, exist_ok=True)
# Excel on Chinese Windows, "CSV (逗号分隔)": GB18030, CRLF, a title and a 合计 row.
write("excel-gb18030-preamble-total.csv", table(
    preamble=[["2022年支出明细账"], ["编制单位：石家庄市自然资源和规划局", "", "", "单位：元"], []], total=True).encode("gb18030"))
# Excel "CSV UTF-8 (逗号分隔)": BOM and CRLF.
write("excel-utf8-bom.csv", table().encode("utf-8-sig"))
# LibreOffice and most programs: UTF-8 without BOM, LF.
write("libreoffice-utf8-lf.csv", table(newline="\n").encode("utf-8"))
# Excel "Unicode 文本": UTF-16 LE with BOM, tab-delimited.
write("excel-unicode-text-utf16le-tab.csv", b"\xff\xfe" + table(delimiter="\t").encode("utf-16-le"))
# UTF-16 BE with BOM (some accounting exports).
write("accounting-utf16be.csv", b"\xfe\xff" + table().encode("utf-16-be"))
# European-locale Excel: semicolons, English headers.
write("semicolon-english.csv", table(delimiter=";", header=["unit_code", "date", "voucher", "funding_source",
                                                              "expenditure_type", "memo", "amount_yuan"]).encode("utf-8-sig"))
# Classic Mac line ends (CR only), WPS-style full-width brackets and spaces in the header.
write("wps-cr-fullwidth-header.csv", table(newline="\r", header=[" 单位编码 ", "日期", "凭证号", "资金来源", "支出类型", "摘要",
                                                                   "金额（元）"]).encode("utf-8-sig"))
