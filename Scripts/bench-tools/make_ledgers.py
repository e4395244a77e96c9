#!/usr/bin/env python3
"""Writes a benchmark drop folder: a registry and one expenditure ledger per unit, in the input
contract's format (UTF-8, CRLF, some quoted memos), deterministic for a given size.

    make_ledgers.py FOLDER UNITS ROWS_PER_UNIT
"""
import os
import random
import sys

SOURCES = ["一般公共预算", "政府性基金预算", "事业收入", "其他收入", "上级补助收入"]
TYPES = ["基本支出", "项目支出", "经营支出"]
FUNCTIONAL = ["2200101 行政运行", "2200106 自然资源利用与保护", "2200109 自然资源调查与确权登记", "2080505 机关事业单位基本养老保险缴费支出"]
ECONOMIC = ["30101 基本工资", "30201 办公费", "30211 差旅费", "30227 委托业务费", "31005 基础设施建设"]
PROJECTS = ["", "国土空间总体规划编制", "不动产登记窗口建设", "矿山迹地综合治理核查"]
MEMOS = ["支付当月工资", "报销差旅费", "购置办公用品", "支付测绘服务费", "缴纳住房公积金", "冲销上月误记"]
QUOTED = ['"委托“国土空间规划”编制, 首期"', '"购置办公用品, 含打印纸"', '"报销差旅费 ""石家庄—北京"""']


def main():
    folder, units, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    codes = ["012%03d" % (i + 1) for i in range(units)]
    with open(os.path.join(folder, "单位名录.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("单位编码,单位名称\r\n")
        for code in codes:
            out.write("%s,单位%s\r\n" % (code, code))
    header = "单位编码,日期,凭证号,资金来源,支出类型,功能分类科目,经济分类科目,项目,摘要,金额(元)\r\n"
    for u, code in enumerate(codes):
        rng = random.Random(u)
        lines = [header]
        for n in range(rows):
            month = 1 + n * 12 // rows
            amount = rng.randrange(-20000, 5000000)
            sign = "-" if amount < 0 else ""
            amount = abs(amount)
            memo = rng.choice(QUOTED) if n % 20 == 0 else rng.choice(MEMOS)
            lines.append("%s,2022-%02d-%02d,记-%06d,%s,%s,%s,%s,%s,%s,%s%d.%02d\r\n" % (
                code, month, 1 + n % 28, n + 1, rng.choice(SOURCES), rng.choice(TYPES), rng.choice(FUNCTIONAL),
                rng.choice(ECONOMIC), rng.choice(PROJECTS), memo, sign, amount // 100, amount % 100))
            if len(lines) >= 100000:
                write(folder, code, lines)
                lines = []
        write(folder, code, lines)


def write(folder, code, lines):
    with open(os.path.join(folder, "支出明细-%s.csv" % code), "a", encoding="utf-8", newline="") as out:
        out.write("".join(lines))


if __name__ == "__main__":
    main()
