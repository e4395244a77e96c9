#!/usr/bin/env python3
"""Writes the two long fixtures of the kind conformance test (KindConformanceTests): a 支出明细
(expenditure.csv) and a 序时账 (journal.csv), each well past the 64 KiB a file must exceed before
it can be read in parts. No randomness: every value is arithmetic on the row's index, so the
files are the same on every run. Run from anywhere:
python3 Tests/HuizongCoreTests/Fixtures/kinds/make-ledgers.py"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MEMOS = ["购置办公用品", '"差旅费, 含住宿"', '"测绘服务费\r\n（第二期）"', '"委托""规划""编制"', '"""国土空间规划""编制费"',
         "缴纳住房公积金", '"两行\n摘要"']
SOURCES = ["一般公共预算", "政府性基金预算", "事业收入", "其他收入"]
TYPES = ["基本支出", "项目支出", "经营支出"]
FUNCTIONAL = ["2200101 行政运行", "2200150 事业运行", "2120801 征地和拆迁补偿支出"]
ECONOMIC = ["30201 办公费", "30213 维修（护）费", "31005 基础设施建设"]


def yuan(fen, grouped=False):
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    text = f"{whole:,}" if grouped else str(whole)
    return f"{sign}{text}.{cents:02d}"


def cell(text):
    return f'"{text}"' if "," in text else text


def expenditure(rows=1200):
    lines = ["2022年支出明细账", "编制单位：某市自然资源和规划局,,,,,,,,,单位：元", "",
             "单位编码,日期,凭证号,资金来源,支出类型,功能分类科目,经济分类科目,项目,摘要,金额(元)"]
    since_total = 0
    for i in range(rows):
        if i == 600:
            # A 合计 of the first half, where a unit's export may print one per period.
            lines.append(f"合计,,,,,,,,,{cell(yuan(since_total, grouped=True))}")
            since_total = 0
        if i % 97 == 50:
            lines.append(",,,,,,,,,")
        unit = ["012001", "012002", "012003"][(i // 7) % 3]
        month = i * 12 // rows + 1
        day = i % 28 + 1
        date = f"2022-{month:02d}-{day:02d}" if i % 5 else f"2022/{month}/{day}"
        if i % 211 == 100:
            date = "2021-12-31"  # a row of the year before: counted, and named by the year check
        fen = (i * 7_919 * 31 + 12_345) % 9_000_000 + 100
        if i % 53 == 0:
            fen = -fen // 10
        amount = yuan(fen, grouped=i % 4 == 0)
        source, kind = SOURCES[i % 4], TYPES[(i // 4) % 3]
        memo = MEMOS[i % len(MEMOS)]
        readable = True
        if i % 300 == 150:
            amount, readable = "1.2.3", False  # row.amount
        elif i == 333 or i == 1033:
            date = "2022-02-30"  # row.date
        elif i == 700:
            source = "自筹资金"  # row.vocabulary
        row = [unit, date, f"记-{i + 1:04d}", source, kind, FUNCTIONAL[i % 3], ECONOMIC[(i // 3) % 3],
               f"项目{i % 7}", memo, cell(amount)]
        if i == 901:
            row, readable = row[:3], False  # row.field_count
        # The 合计 sums every amount as written above it, of rejected rows too: Huizong's rule.
        if readable:
            since_total += fen
        lines.append(",".join(row))
    lines.append(f"合计,,,,,,,,,{cell(yuan(since_total, grouped=True))}")
    return "\r\n".join(lines) + "\r\n"


def journal(vouchers_per_month=50):
    lines = ["序时账", "编制单位：某市自然资源和规划局本级      2022年1月—12月      单位：元",
             "日期,凭证字号,摘要,科目编码,科目名称,借方金额,贷方金额,功能科目,经济科目,项目",
             "期初余额,,,,,,,,,"]
    accounts = [("71010101", "行政支出-财政拨款支出-基本支出"), ("71010202", "行政支出-财政拨款支出-政府性基金-项目支出"),
                ("7201", "事业支出"), ("7301", "经营支出")]
    year = 0
    number = 0
    for month in range(1, 13):
        month_sum = 0
        for v in range(vouchers_per_month):
            number += 1
            day = v % 28 + 1
            date = f"2022-{month:02d}-{day:02d}"
            fen = (number * 104_729 + 777) % 5_000_000 + 1
            memo = MEMOS[number % len(MEMOS)]
            code, name = accounts[number % len(accounts)]
            functional = FUNCTIONAL[number % 3]
            economic = ECONOMIC[number % 3]
            lines.append(f"{date},记-{number:04d},{memo},{code},{name},{yuan(fen)},,{functional},{economic},")
            lines.append(f"{date},记-{number:04d},{memo},8001,资金结存,,{yuan(fen)},,,")
            month_sum += fen
            if v == 20 and month in (3, 9):
                lines.append(",,,,,,,,,")
            if v == 30 and month == 4:
                lines.append(f"{date},记-{number:04d},坏金额,8001,资金结存,1.2.3,,,,")  # row.amount
            if v == 10 and month == 10:
                lines.append(f"2022-10-32,记-{number:04d},坏日期,7201,事业支出,,,,,")  # row.date
        year += month_sum
        # October's 本月合计 was typed over by hand: one fen too much on the debit side.
        wrong = 1 if month == 10 else 0
        lines.append(f',,本月合计,,,"{yuan(month_sum + wrong, grouped=True)}","{yuan(month_sum, grouped=True)}",,,')
        lines.append(f',,本年累计,,,"{yuan(year, grouped=True)}","{yuan(year, grouped=True)}",,,')
    lines.append(f"合计,,,,,{yuan(year)},{yuan(year)},,,")
    return "\r\n".join(lines) + "\r\n"


for name, text in [("expenditure.csv", expenditure()), ("journal.csv", journal())]:
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
