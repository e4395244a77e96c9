#!/usr/bin/env python3
"""Turns a benchmark drop folder of CSV ledgers into the same spending as 用友-style 序时账
(journal) files: each ledger line a voucher of two lines, 借 an expense account that encodes its
funding source and type (7101 行政支出 / source / 基本 or 项目) and 贷 8001 资金结存, with a
本月合计 after each month; and a 科目对照表 placing every expense account. The registry stays.
With --source-column, as GRP-U8 writes it instead: the funding source in each line's 资金性质
column (`111 一般公共预算资金`), the account by type and the standard numbering alone (71010101
财政拨款支出-基本支出, 71010302 其他资金支出-项目支出, 730101 经营支出), 功能科目 and 经济科目 beside
it, and no 科目对照表.

    make_journals.py [--source-column] CSV_FOLDER JOURNAL_FOLDER
"""
import csv
import glob
import os
import shutil
import sys

SOURCES = ["一般公共预算", "政府性基金预算", "事业收入", "经营收入", "其他收入", "上级补助收入"]
TYPES = ["基本支出", "项目支出", "经营支出"]


def account(source, kind):
    return "7101%02d%02d" % (SOURCES.index(source) + 1, TYPES.index(kind) + 1)


# How GRP-U8 writes the 资金性质 辅助核算 (the code before the name).
SOURCE_COLUMN = {"一般公共预算": "111 一般公共预算资金", "政府性基金预算": "121 政府性基金预算资金", "事业收入": "31 事业收入",
                 "经营收入": "32 经营收入", "其他收入": "39 其他收入", "上级补助收入": "33 上级补助收入"}


def standard_account(source, kind):
    """The account by the 政府会计制度's numbering: 01 财政拨款支出 / 03 其他资金支出, 01 基本 / 02 项目."""
    if kind == "经营支出":
        return "730101", "经营支出-经营支出"
    funds = "01" if source in ("一般公共预算", "政府性基金预算") else "03"
    name = "财政拨款支出" if funds == "01" else "其他资金支出"
    return "7101%s%s" % (funds, "01" if kind == "基本支出" else "02"), "行政支出-%s-%s" % (name, kind)


def journals(source_folder, target, header):
    """Each ledger of the folder with the 序时账 file it becomes (its header written): its rows
    (below their header) and the file's writer. The registry is copied too."""
    shutil.copy(os.path.join(source_folder, "单位名录.csv"), os.path.join(target, "单位名录.csv"))
    for path in sorted(glob.glob(os.path.join(source_folder, "支出明细-*.csv"))):
        name = os.path.basename(path).replace("支出明细", "序时账")
        with open(path, encoding="utf-8", newline="") as handle, \
                open(os.path.join(target, name), "w", encoding="utf-8", newline="") as out:
            rows = csv.reader(handle)
            next(rows)
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(header)
            yield rows, writer


def with_source_column(source_folder, target):
    header = ["单位编码", "凭证日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "资金性质", "功能科目", "经济科目"]
    for rows, writer in journals(source_folder, target, header):
        for unit, date, voucher, source, kind, function, economic, _, memo, amount in rows:
            code, account_name = standard_account(source, kind)
            writer.writerow([unit, date, voucher, memo, code, account_name, amount, "", SOURCE_COLUMN[source],
                             function, economic])
            writer.writerow([unit, date, voucher, memo, "8001", "资金结存", "", amount, SOURCE_COLUMN[source], "", ""])


def main():
    if sys.argv[1] == "--source-column":
        os.makedirs(sys.argv[3], exist_ok=True)
        with_source_column(sys.argv[2], sys.argv[3])
        return
    source_folder, target = sys.argv[1], sys.argv[2]
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "科目对照表.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["科目编码", "科目名称", "支出类型", "资金来源"])
        for source in SOURCES:
            for kind in TYPES:
                writer.writerow([account(source, kind), "行政支出-%s-%s" % (source, kind), kind, source])
    header = ["单位编码", "日期", "凭证字号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额"]
    for rows, writer in journals(source_folder, target, header):
        month, debit = None, 0
        for unit, date, voucher, source, kind, _, _, _, memo, amount in rows:
            if month is not None and date[:7] != month:
                writer.writerow([unit, "", "", "本月合计", "", "", fen_text(debit), fen_text(debit)])
                debit = 0
            month = date[:7]
            code = account(source, kind)
            writer.writerow([unit, date, voucher, memo, code, "行政支出-%s-%s" % (source, kind), amount, ""])
            writer.writerow([unit, date, voucher, memo, "8001", "资金结存", "", amount])
            debit += int(amount.replace(".", ""))
        if month is not None:
            writer.writerow([unit, "", "", "本月合计", "", "", fen_text(debit), fen_text(debit)])


def fen_text(fen):
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return "%s%d.%02d" % (sign, fen // 100, fen % 100)


if __name__ == "__main__":
    main()
