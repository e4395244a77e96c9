#!/usr/bin/env python3
"""Writes the national 部门整体支出绩效自评表 fixtures (the form: Scripts/national_form.py): as
.xlsx and as Excel's GB18030 CSV of it. `national-misprinted` is the same form with two slips:
产出指标 printed as 60分, and a 总分 of 99.34. LibreOffice (`soffice`) converts the workbook to .xls
when it is installed; it was not where these were made, so there is no .xls.
Run from anywhere: python3 Tests/HuizongCoreTests/Fixtures/self-evaluation/make-national.py"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "Scripts"))
from national_form import csv, sheet, xlsx  # noqa: E402


def xls(path, workbook):
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", folder, workbook],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(folder, os.path.splitext(os.path.basename(workbook))[0] + ".xls"), path)
    return True

rows, merges = sheet()
xlsx(os.path.join(HERE, "national.xlsx"), rows, merges)
csv(os.path.join(HERE, "national-gb18030.csv"), rows)
rows, merges = sheet(misprinted=True)
xlsx(os.path.join(HERE, "national-misprinted.xlsx"), rows, merges)
csv(os.path.join(HERE, "national-misprinted-gb18030.csv"), rows)
if not xls(os.path.join(HERE, "national.xls"), os.path.join(HERE, "national.xlsx")):
    print("soffice is not installed: national.xls not written")
