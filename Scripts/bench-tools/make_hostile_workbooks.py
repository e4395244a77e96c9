#!/usr/bin/env python3
"""Writes the workbooks of issue 25's adversary into a drop folder of one unit (with its
registry), for Huizong's time and memory on them:

    make_hostile_workbooks.py sheets FOLDER [SHEETS]   one workbook of SHEETS (10,000) one-row
                                                       expenditure sheets (4.4 MB)
    make_hostile_workbooks.py styled FOLDER            one sheet of a ledger's header and a row,
                                                       then styled empty rows inflating to 1 GB
                                                       from some 4 MB (about 240 times)

The parts are written with Python's zipfile (deflated), each sheet as Excel writes one.
"""
import os
import sys
import zipfile

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELATIONS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEADER = ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "金额(元)"]


def row(number, cells):
    """A row of inline-string cells, the last a number cell when it is an amount."""
    parts = []
    for column, cell in enumerate(cells):
        reference = "%s%d" % (chr(65 + column), number)
        if number > 1 and column == len(cells) - 1:
            parts.append('<c r="%s"><v>%s</v></c>' % (reference, cell))
        else:
            parts.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (reference, cell))
    return '<row r="%d">%s</row>' % (number, "".join(parts))


def ledger_row(number):
    return row(number, ["012001", "2022-01-05", "记-%05d" % number, "一般公共预算", "基本支出", "%d.50" % number])


def book(path, sheets, write_sheet):
    """A workbook of `sheets` sheets named 明细N; write_sheet(index, zip) writes each part."""
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # The package's own parts, which other readers (calamine) need to find the workbook.
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % office)
        archive.writestr("xl/workbook.xml", "<workbook %s %s><sheets>%s</sheets></workbook>" % (
            MAIN, RELATIONS, "".join('<sheet name="明细%d" sheetId="%d" r:id="rId%d"/>' % (i, i, i)
                                     for i in range(1, sheets + 1))))
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
                         "</Relationships>" % "".join(
                             '<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>'
                             % (i, office, i) for i in range(1, sheets + 1)))
        archive.writestr("xl/styles.xml", "<styleSheet %s><cellXfs count=\"3\"><xf numFmtId=\"0\"/>"
                         "<xf numFmtId=\"0\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>" % MAIN)
        for index in range(1, sheets + 1):
            write_sheet(index, archive)


def main():
    kind, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "单位名录.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("单位编码,单位名称\r\n012001,单位012001\r\n")
    if kind == "sheets":
        count = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000

        def one_row(index, archive):
            archive.writestr("xl/worksheets/sheet%d.xml" % index, "<worksheet %s><sheetData>%s%s</sheetData></worksheet>"
                             % (MAIN, row(1, HEADER), ledger_row(index + 1)))
        book(os.path.join(folder, "多表.xlsx"), count, one_row)
    elif kind == "styled":
        # Every 150th row carries its number and a style of its own, so deflate has a little to
        # say: about 240 bytes made per byte stored, near the adversary's 3 MB sheet of 1 GB.
        plain = ('<row s="2" customFormat="1" ht="14.25" customHeight="1"><c s="2"/><c s="2"/><c s="2"/>'
                 '<c s="2"/><c s="2"/><c s="2"/></row>')

        def styled(index, archive):
            with archive.open("xl/worksheets/sheet%d.xml" % index, "w", force_zip64=True) as part:
                part.write(("<worksheet %s><sheetData>%s%s" % (MAIN, row(1, HEADER), ledger_row(2))).encode())
                total, number, seed = 0, 3, 1
                while total < 1_000_000_000:
                    rows = []
                    for _ in range(5000):
                        if number % 150 == 0:
                            seed = seed * 1103515245 + 12345 & 0x7FFFFFFF
                            rows.append('<row r="%d" s="%d" customFormat="1"/>' % (number, seed % 1000))
                        else:
                            rows.append(plain)
                        number += 1
                    chunk = "".join(rows).encode()
                    part.write(chunk)
                    total += len(chunk)
                part.write(b"</sheetData></worksheet>")
        book(os.path.join(folder, "样式.xlsx"), 1, styled)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
