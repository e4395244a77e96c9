#!/usr/bin/env python3
"""Turns a benchmark drop folder of CSV ledgers into the same ledgers as .xlsx workbooks, as
Excel would hold them: text cells, amounts as number cells, one sheet per file. The registry
stays CSV.

    make_workbooks.py CSV_FOLDER XLSX_FOLDER
"""
import csv
import glob
import os
import shutil
import sys

import xlsxwriter


def main():
    source, target = sys.argv[1], sys.argv[2]
    os.makedirs(target, exist_ok=True)
    shutil.copy(os.path.join(source, "单位名录.csv"), os.path.join(target, "单位名录.csv"))
    for path in sorted(glob.glob(os.path.join(source, "支出明细-*.csv"))):
        name = os.path.basename(path)[:-4] + ".xlsx"
        book = xlsxwriter.Workbook(os.path.join(target, name), {"constant_memory": True})
        sheet = book.add_worksheet("支出明细")
        with open(path, encoding="utf-8", newline="") as handle:
            for row, cells in enumerate(csv.reader(handle)):
                for column, cell in enumerate(cells):
                    if row > 0 and column == len(cells) - 1:
                        sheet.write_number(row, column, float(cell))
                    else:
                        sheet.write_string(row, column, cell)
        book.close()


if __name__ == "__main__":
    main()
