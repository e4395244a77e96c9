#!/usr/bin/env python3
"""Turns a benchmark drop folder of CSV ledgers into the same ledgers as .xlsx workbooks, as
Excel would hold them: text cells, amounts as number cells, one sheet per file. The registry
stays CSV.

    make_workbooks.py CSV_FOLDER XLSX_FOLDER
    make_workbooks.py --formatted CSV_FOLDER XLSX_FOLDER

With --formatted, one workbook only: the first ledger, its sheet formatted (styled blank cells)
down to Excel's last row, 1,048,576, as a sheet whose whole columns were formatted is saved.
"""
import csv
import glob
import os
import shutil
import sys

import xlsxwriter


LAST_ROW = 1_048_576


def main():
    formatted = sys.argv[1] == "--formatted"
    source, target = sys.argv[2:4] if formatted else sys.argv[1:3]
    os.makedirs(target, exist_ok=True)
    shutil.copy(os.path.join(source, "单位名录.csv"), os.path.join(target, "单位名录.csv"))
    paths = sorted(glob.glob(os.path.join(source, "支出明细-*.csv")))
    for path in paths[:1] if formatted else paths:
        name = os.path.basename(path)[:-4] + ".xlsx"
        book = xlsxwriter.Workbook(os.path.join(target, name), {"constant_memory": True})
        sheet = book.add_worksheet("支出明细")
        style = book.add_format({"num_format": "#,##0.00"})
        row = -1
        with open(path, encoding="utf-8", newline="") as handle:
            for row, cells in enumerate(csv.reader(handle)):
                for column, cell in enumerate(cells):
                    if row > 0 and column == len(cells) - 1:
                        sheet.write_number(row, column, float(cell))
                    else:
                        sheet.write_string(row, column, cell)
        if formatted:
            for empty in range(row + 1, LAST_ROW):
                sheet.write_blank(empty, 0, None, style)  # a formatted cell with no value
                sheet.write_blank(empty, 9, None, style)
        book.close()


if __name__ == "__main__":
    main()
