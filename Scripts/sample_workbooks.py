"""Workbook writers for make-sample-data.py: the sample units that export workbooks rather than
CSV, as their software writes them. Standard library only, and deterministic: the same rows give
the same bytes (fixed ZIP times, fixed order), except the old .xls, which LibreOffice converts
once and the record in sample-data-xls.txt keeps (see `xls`).

A table reaches a writer as its title, header, rows and total row, all text as the CSV writer
had them; the writers turn amounts into number cells and dates into date cells, as Excel holds
them.
"""
import datetime
import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

AMOUNT_WORDS = ("金额", "原值", "累计折旧", "amount", "value", "depreciation")
DATE_WORDS = ("日期", "date")
FIXED_TIME = (2023, 1, 15, 9, 30, 0)   # every ZIP entry's time: the bytes do not depend on today


class Table:
    def __init__(self, sheet, title, header, rows, total=None, note=None, band=None, merges=(), counts=False):
        self.sheet, self.title, self.header, self.rows, self.total = sheet, title, header, rows, total
        self.note = note   # a line under the title (`编制单位：…  单位：元`), as 决算 forms have
        # A header printed over several rows (`band`, top first; a merged cell's text in its
        # first cell only) and its merged cells as (first row, first column, last row, last
        # column) within the band, as a 基本数字表 prints them.
        self.band = band or [header]
        self.merges = merges
        self.counts = counts   # whole numbers in the rows are number cells (headcounts)

    def kinds(self):
        """Per column: 'amount', 'date' or 'text'."""
        def kind(name):
            lower = name.lower()
            if any(word in lower for word in AMOUNT_WORDS):
                return "amount"
            if any(word in lower for word in DATE_WORDS):
                return "date"
            return "text"
        return [kind(name) for name in self.header]


def serial(text):
    """A ledger date (`2022-03-05` or `2022/3/5`) as Excel's 1900-system serial number."""
    year, month, day = (int(part) for part in text.replace("/", "-").split("-"))
    return (datetime.date(year, month, day) - datetime.date(1899, 12, 30)).days


def column_name(index):
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def is_number(text):
    """Whether an amount cell holds a number (a form writes `—` where a figure does not apply)."""
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False


def stored_number(text, position):
    """What Excel stores for an amount typed as `text`: the double's shortest decimal, or now
    and then its 17-digit form (`1234.5599999999999`), as Excel writes some values."""
    value = float(text.replace(",", ""))
    if position % 7 == 3:
        return "%.17g" % value
    shortest = repr(value)
    return shortest[:-2] if shortest.endswith(".0") else shortest


def package(path, names, parts, strings, styles):
    """The .xlsx package around its sheets (`parts`, named `names`), shared strings and styles,
    in the order Excel writes its parts, every ZIP entry at FIXED_TIME."""
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>'
                % "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), k + 1, k + 1)
                          for k, name in enumerate(names)))
    relations = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
                 '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>'
                 % ("".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                            'Target="worksheets/sheet%d.xml"/>' % (k + 1, k + 1) for k in range(len(names))),
                    len(names) + 1, len(names) + 2))
    shared_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
                  % (len(strings), len(strings), "".join("<si><t>%s</t></si>" % escape(s) for s in strings)))
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '%s'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '</Types>'
                     % "".join('<Override PartName="/xl/worksheets/sheet%d.xml" '
                               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (k + 1)
                               for k in range(len(names))))
    package_relations = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                         '</Relationships>')
    entries = [("[Content_Types].xml", content_types), ("_rels/.rels", package_relations),
               ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", relations),
               ("xl/styles.xml", styles), ("xl/sharedStrings.xml", shared_xml)]
    entries += [("xl/worksheets/sheet%d.xml" % (k + 1), part) for k, part in enumerate(parts)]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))


# --- .xlsx -------------------------------------------------------------------------------------

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="14"/><name val="宋体"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
</styleSheet>
"""
DATE_STYLE, MONEY_STYLE, TITLE_STYLE, CHINESE_DATE_STYLE = 1, 2, 3, 4


class SharedStrings(list):
    """A workbook's shared strings, each once in the order first used; calling it gives a text's index."""

    def __init__(self):
        super().__init__()
        self.index = {}

    def __call__(self, text):
        if text not in self.index:
            self.index[text] = len(self)
            self.append(text)
        return self.index[text]


def xlsx(path, tables, empty_sheets=()):
    """One workbook, a sheet per table (a bold title row merged across the table, a blank row,
    the header, the rows, a 合计 row whose amounts are SUM formulas with their cached values),
    then `empty_sheets`, as Excel leaves Sheet2 and Sheet3."""
    strings = shared = SharedStrings()

    parts = []
    for table in tables:
        kinds = table.kinds()
        rows_xml = []
        width = len(table.header)
        last = column_name(width - 1)
        rows_xml.append('<row r="1"><c r="A1" s="%d" t="s"><v>%d</v></c></row>' % (TITLE_STYLE, shared(table.title)))
        if table.note:
            rows_xml.append('<row r="2"><c r="A2" t="s"><v>%d</v></c></row>' % shared(table.note))
        header_row = 3
        for offset, band_row in enumerate(table.band):
            cells = "".join('<c r="%s%d" t="s"><v>%d</v></c>' % (column_name(k), header_row + offset, shared(name))
                            for k, name in enumerate(band_row) if name != "")
            rows_xml.append('<row r="%d">%s</row>' % (header_row + offset, cells))
        first_data = header_row + len(table.band)
        merges = ["A1:%s1" % last] + ["%s%d:%s%d" % (column_name(c0), header_row + r0, column_name(c1), header_row + r1)
                                      for r0, c0, r1, c1 in table.merges]
        for offset, row in enumerate(table.rows):
            number = first_data + offset
            cells = []
            for k, text in enumerate(row):
                reference = "%s%d" % (column_name(k), number)
                if text == "":
                    continue   # Excel writes no element for an empty cell
                if table.counts and text.isdigit():
                    cells.append('<c r="%s"><v>%s</v></c>' % (reference, text))
                elif kinds[k] == "amount" and is_number(text):
                    cells.append('<c r="%s" s="%d"><v>%s</v></c>' % (reference, MONEY_STYLE, stored_number(text, number + k)))
                elif kinds[k] == "date":
                    style = DATE_STYLE if number % 2 else CHINESE_DATE_STYLE
                    cells.append('<c r="%s" s="%d"><v>%d</v></c>' % (reference, style, serial(text)))
                else:
                    cells.append('<c r="%s" t="s"><v>%d</v></c>' % (reference, shared(text)))
            rows_xml.append('<row r="%d">%s</row>' % (number, "".join(cells)))
        if table.total:
            number = first_data + len(table.rows)
            cells = []
            for k, text in enumerate(table.total):
                reference = "%s%d" % (column_name(k), number)
                if text == "":
                    continue
                if kinds[k] == "amount":
                    column = column_name(k)
                    cells.append('<c r="%s" s="%d"><f>SUM(%s%d:%s%d)</f><v>%s</v></c>' % (
                        reference, MONEY_STYLE, column, first_data, column, number - 1, stored_number(text, 0)))
                else:
                    cells.append('<c r="%s" t="s"><v>%d</v></c>' % (reference, shared(text)))
            rows_xml.append('<row r="%d">%s</row>' % (number, "".join(cells)))
        parts.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<dimension ref="A1:%s%d"/><sheetData>%s</sheetData>'
            '<mergeCells count="%d">%s</mergeCells></worksheet>'
            % (last, first_data + len(table.rows), "".join(rows_xml), len(merges),
               "".join('<mergeCell ref="%s"/>' % ref for ref in merges)))
    for _ in empty_sheets:
        parts.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     '<dimension ref="A1"/><sheetData/></worksheet>')
    names = [table.sheet for table in tables] + list(empty_sheets)
    package(path, names, parts, strings, STYLES)


# --- .xls: LibreOffice's Excel 97-2003 (BIFF8), converted once and recorded ---------------------

RECORD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample-data-xls.txt")


def xls(path, tables, kept):
    """An Excel 97-2003 workbook as LibreOffice saves one: the tables go to an .xlsx (above),
    which `soffice` converts. LibreOffice stamps the time into the file, so a conversion is kept:
    `kept` holds the .xls bytes from before this run, and sample-data-xls.txt the hash of the
    .xlsx each came from; when the hash still matches, the kept bytes are written again."""
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "book.xlsx")
        xlsx(source, tables)
        with open(source, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        name = os.path.relpath(path, os.path.join(os.path.dirname(RECORD), "..", "SampleData"))
        record = read_record()
        if record.get(name) == digest and name in kept:
            data = kept[name]
        else:
            soffice = shutil.which("soffice")
            if soffice is None:
                raise SystemExit("%s must be converted again and LibreOffice (soffice) is not installed" % name)
            subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", folder, source],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(folder, "book.xls"), "rb") as handle:
                data = handle.read()
            record[name] = digest
            with open(RECORD, "w", encoding="utf-8") as out:
                out.write("# SampleData .xls files and the sha256 of the .xlsx LibreOffice converted each from\n")
                for key in sorted(record):
                    out.write("%s %s\n" % (key, record[key]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def read_record():
    record = {}
    if os.path.exists(RECORD):
        with open(RECORD, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    key, digest = line.rsplit(" ", 1)
                    record[key] = digest.strip()
    return record


def kept_xls(root):
    """The .xls files under `root` before the generator clears it, by path from SampleData."""
    kept = {}
    for folder, _, files in os.walk(root):
        for file in files:
            if file.endswith(".xls"):
                path = os.path.join(folder, file)
                with open(path, "rb") as handle:
                    kept[os.path.relpath(path, os.path.join(root, ".."))] = handle.read()
    return kept


# --- a web system's ".xls": an HTML table in GBK --------------------------------------------

def html(path, table, encoding="gb18030"):
    """What a web finance system sends as `支出明细.xls`: an HTML page with one table, the title
    a cell spanning the table, text columns marked `mso-number-format:'\\@'` so Excel keeps
    leading zeros, in GBK with the charset in a meta tag."""
    width = len(table.header)
    lines = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
             '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
             "<title>%s</title></head>" % escape(table.title), "<body>", '<table border="1" cellspacing="0">',
             '<tr><td colspan="%d" align="center"><b>%s</b></td></tr>' % (width, escape(table.title)),
             "<tr>%s</tr>" % "".join("<th>%s</th>" % escape(name) for name in table.header)]
    kinds = table.kinds()
    for row in table.rows + ([table.total] if table.total else []):
        cells = []
        for k, text in enumerate(row):
            if kinds[k] == "text":
                cells.append("<td style=\"mso-number-format:'\\@'\">%s</td>" % escape(text))
            else:
                cells.append('<td align="right">%s</td>' % escape(text))
        lines.append("<tr>%s</tr>" % "".join(cells))
    lines += ["</table>", "</body>", "</html>", ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write("\r\n".join(lines).encode(encoding))


# --- Excel 2003 XML (SpreadsheetML) -------------------------------------------------------------

def spreadsheet_ml(path, table):
    """Excel's "XML 表格" (2003): one worksheet, the title merged across, amounts as Number
    cells and dates as DateTime cells."""
    kinds = table.kinds()
    width = len(table.header)

    def cell(text, kind):
        if text == "":
            return "<Cell/>"
        if kind == "amount":
            return '<Cell><Data ss:Type="Number">%s</Data></Cell>' % stored_number(text, 0)
        if kind == "date":
            year, month, day = (int(part) for part in text.replace("/", "-").split("-"))
            return '<Cell><Data ss:Type="DateTime">%04d-%02d-%02dT00:00:00.000</Data></Cell>' % (year, month, day)
        return '<Cell><Data ss:Type="String">%s</Data></Cell>' % escape(text)

    rows = ['<Row><Cell ss:MergeAcross="%d"><Data ss:Type="String">%s</Data></Cell></Row>' % (width - 1, escape(table.title)),
            "<Row>%s</Row>" % "".join('<Cell><Data ss:Type="String">%s</Data></Cell>' % escape(name) for name in table.header)]
    for row in table.rows + ([table.total] if table.total else []):
        rows.append("<Row>%s</Row>" % "".join(cell(text, kinds[k]) for k, text in enumerate(row)))
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            '<Worksheet ss:Name="%s"><Table>\n%s\n</Table></Worksheet>\n</Workbook>\n' % (escape(table.sheet), "\n".join(rows)))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(text.encode("utf-8"))
