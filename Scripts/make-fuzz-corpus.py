#!/usr/bin/env python3
"""Writes the adversary's cases (issue 25) as fuzz inputs into Tests/HuizongCoreTests/Fixtures/fuzz/:
the fuzzer starts from them (Scripts/fuzz) and the tests replay every one (EscapingTests), with the
inputs the fuzzer found kept beside them (`freexl-memory-error`: an .xls on which FreeXL reads out
of bounds, under AddressSanitizer, in its child process).

An input's first byte holds the length of the file name that follows (its low six bits; 0 here,
so the name is `input`) and the extension (its top two bits: 0 .csv, 0x40 .xls, 0x80 .xlsx).
Standard library only; the same bytes every run (fixed ZIP times)."""
import io
import os
import struct
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "HuizongCoreTests", "Fixtures", "fuzz")
CSV, XLS, XLSX = b"\x00", b"\x40", b"\x80"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
LEDGER_HEADER = "单位编码,日期,凭证号,资金来源,支出类型,金额(元)"


def write(name, lead, content):
    # No extension on the file itself: the lead byte names it, and fixture scans for *.csv skip it.
    with open(os.path.join(OUT, os.path.splitext(name)[0]), "wb") as file:
        file.write(lead + content)


def workbook(sheets, extra=(), strings=None):
    """An .xlsx of (name, sheet XML) pairs, as Excel lays it out; `extra` adds raw (path, bytes) entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        def add(path, data):
            info = zipfile.ZipInfo(path, date_time=(2022, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, data)
        entries = "".join(
            f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (name, _) in enumerate(sheets))
        add("xl/workbook.xml", f"<workbook {MAIN} {RELS}><sheets>{entries}</sheets></workbook>")
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        add("xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        if strings is not None:
            add("xl/sharedStrings.xml", strings)
        for i, (_, xml) in enumerate(sheets):
            add(f"xl/worksheets/sheet{i + 1}.xml", xml)
        for path, data in extra:
            add(path, data)
    return buffer.getvalue()


def inline_row(number, cells, with_reference=True):
    def cell(column, value):
        reference = f' r="{chr(65 + column)}{number}"' if with_reference else ""
        return f'<c{reference} t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<row r="{number}">' + "".join(cell(i, v) for i, v in enumerate(cells)) + "</row>"


def ledger_sheet(amount_cell):
    header = inline_row(1, LEDGER_HEADER.split(","))
    row = ('<row r="2"><c r="A2" t="inlineStr"><is><t>012001</t></is></c>'
           '<c r="B2" t="inlineStr"><is><t>2022-03-01</t></is></c><c r="C2" t="inlineStr"><is><t>记-1</t></is></c>'
           '<c r="D2" t="inlineStr"><is><t>一般公共预算</t></is></c><c r="E2" t="inlineStr"><is><t>基本支出</t></is></c>'
           f"{amount_cell}</row>")
    return f"<worksheet {MAIN}><sheetData>{header}{row}</sheetData></worksheet>"


def main():
    os.makedirs(OUT, exist_ok=True)
    # Amounts past Int64 in 分, in every spelling, and past it in 万元.
    rows = ["92233720368547758.08", '"(¥92,233,720,368,547,758.08)"', "９２２３３７２０３６８５４７７５８．０８",
            "-92233720368547758.08", "1e9223372036854775807", "0x10"]
    text = LEDGER_HEADER + "\r\n" + "".join(f"012001,2022-03-0{i + 1},记-{i},一般公共预算,基本支出,{a}\r\n"
                                            for i, a in enumerate(rows))
    write("huge-amounts.csv", CSV, text.encode())
    write("huge-amount-wan.csv", CSV,
          "单位：万元\r\n\r\n单位编码,阶段,科目,金额\r\n012001,决算,基本支出,9223372036854.775808\r\n".encode())
    # The same amounts in .xlsx cells: a text cell, and a number cell Excel would never write.
    write("huge-amount-text-cell.xlsx", XLSX, workbook([(
        "明细", ledger_sheet('<c r="F2" t="inlineStr"><is><t>92233720368547758.08</t></is></c>'))]))
    write("hex-number-cell.xlsx", XLSX, workbook([("明细", ledger_sheet('<c r="F2"><v>0x10</v></c>'))]))
    write("huge-exponent-cell.xlsx", XLSX,
          workbook([("明细", ledger_sheet('<c r="F2"><v>1e9223372036854775807</v></c>'))]))
    # One row of many cells without `r=`: columns must stay capped.
    staff = inline_row(1, ["单位编码", "姓名", "人员类别"]) + '<row r="2">' + "<c><v>1</v></c>" * 40000 + "</row>"
    write("cells-without-references.xlsx", XLSX, workbook([("人员", f"<worksheet {MAIN}><sheetData>{staff}</sheetData></worksheet>")]))
    # Many one-row sheets in one workbook.
    sheets = [(f"表{i}", f"<worksheet {MAIN}><sheetData>{inline_row(1, ['x'])}</sheetData></worksheet>") for i in range(300)]
    write("many-sheets.xlsx", XLSX, workbook(sheets))
    # Two entries of one name: which one a reader takes must not be a silent choice.
    good = ledger_sheet('<c r="F2"><v>1.00</v></c>')
    other = ledger_sheet('<c r="F2"><v>999999.00</v></c>')
    buffer = io.BytesIO(workbook([("明细", good)]))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as book:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2022, 12, 31, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book.writestr(info, other)
    write("duplicate-entry.xlsx", XLSX, buffer.getvalue())
    # A shared string table that lies about its sizes in the central directory (0.7 MB that inflates far more).
    strings = f'<sst {MAIN}>' + "<si><t>" + "汇" * 200000 + "</t></si></sst>"
    lying = bytearray(workbook([("明细", ledger_sheet('<c r="F2"><v>1.00</v></c>'))], strings=strings))
    at = 0
    while True:
        at = lying.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_length = struct.unpack_from("<H", lying, at + 28)[0]
        if lying[at + 46:at + 46 + name_length] == b"xl/sharedStrings.xml":
            struct.pack_into("<II", lying, at + 20, 4096, 4096)  # compressed, uncompressed: both claimed tiny
        at += 4
    write("lying-sizes.xlsx", XLSX, bytes(lying))
    # An HTML .xls whose table sits inside a layout table, and an HTML .xls with no table at all.
    inner = "<table><tr><td>单位编码</td><td>姓名</td><td>人员类别</td></tr>" + "".join(
        f"<tr><td>012001</td><td>甲{i}</td><td>在职</td></tr>" for i in range(30)) + "</table>"
    write("nested-table.xls", XLS, f"<html><body><table><tr><td>{inner}</td></tr></table></body></html>".encode())
    write("no-table.xls", XLS, "<html><body><p>没有表格</p></body></html>".encode())
    # SpreadsheetML indexes past Excel's rows and columns, and a Data outside any Cell.
    spreadsheet = ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                   'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="人员"><Table>'
                   '<Row><Cell><Data ss:Type="String">单位编码</Data></Cell><Cell><Data ss:Type="String">姓名</Data></Cell></Row>'
                   '<Row ss:Index="9223372036854775807"><Cell ss:Index="-9223372036854775808"/></Row>'
                   '<Row><Data ss:Type="String">x</Data><Cell ss:MergeAcross="20000000"/></Row></Table></Worksheet></Workbook>')
    write("spreadsheetml-indexes.xls", XLS, spreadsheet.encode())
    # A quoted field that runs on over many lines, as it would across a part's cut.
    write("long-quoted-field.csv", CSV, (LEDGER_HEADER + "\r\n012001,2022-03-01,记-1,一般公共预算,基本支出,1.00\r\n"
                                         + '012001,2022-03-02,"记-2' + "\r\n,,,,," * 3000 + '",一般公共预算,基本支出,2.00\r\n'
                                         + "012001,2022-03-03,记-3,一般公共预算,基本支出,3.00\r\n").encode())
    # 012007's 支出明细.xls with the two bytes that crashed FreeXL.
    source = os.path.join(ROOT, "SampleData", "2022", "012007_自然资源和规划局裕华分局", "支出明细.xls")
    with open(source, "rb") as file:
        xls = bytearray(file.read())
    xls[4005], xls[9781] = 0xFF, 0xFC
    write("corrupted-old-workbook.xls", XLS, bytes(xls))


if __name__ == "__main__":
    main()
