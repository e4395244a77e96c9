import CSVReading
import Foundation
import Testing
import ZIPFoundation

@testable import HuizongCore

/// Workbooks are read like CSV files: every sheet a table, every number exact, dates as dates.
@Suite struct WorkbookReadingTests {
    static let workbooks = fixtures.appendingPathComponent("workbooks")
    /// Sample unit 012002's four tables as CSV (the sample now sends them as one .xlsx): the
    /// workbook fixtures hold the same data.
    static let sample = workbooks.appendingPathComponent("sample-as-csv/012002_自然资源执法监察支队")
    static let sampleFolder = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/2022")

    /// A file named like a workbook is read as what its first bytes are, in any ASCII case, and
    /// whatever Chinese text comes before the marker.
    @Test func aWorkbookNameIsReadAsWhatItsBytesAre() {
        let chinese = String(repeating: "收入支出决算总表", count: 100)
        let cases: [(String, WorkbookShape)] = [
            ("<!DOCTYPE HTML><html><body><TABLE><tr><td>1</td></tr></TABLE>", .html),
            ("<meta charset=gbk>\(chinese)<Table border=1>", .html),
            (
                "<?xml version=\"1.0\"?><Workbook xmlns=\"URN:schemas-microsoft-com:office:spreadsheet\">",
                .spreadsheetML
            ),
            ("\(chinese)单位编码,金额\r\n012001,1.00\r\n", .text),
            ("<tab le>", .text),
        ]
        for (text, shape) in cases {
            #expect(WorkbookShape.of(Array(text.utf8)) == shape, "\(text.prefix(40))")
        }
        #expect(WorkbookShape.of([0x50, 0x4B, 0x03, 0x04, 0x14]) == .xlsx)
        #expect(WorkbookShape.of([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == .biff)
        // Only the first 4 KiB are looked at: a marker past them is no marker.
        #expect(WorkbookShape.of(Array((String(repeating: "a", count: 4096) + "<html>").utf8)) == .text)
    }

    /// What Excel writes for a number is a double's decimal form; what is read is the amount.
    @Test func numbersAreReadExactly() {
        let cases: [(String, String)] = [
            ("1234.5599999999999", "1234.56"), ("0.07000000000000001", "0.07"), ("9533040.300000001", "9533040.3"),
            ("44869178.56", "44869178.56"), ("1E+16", "10000000000000000"), ("-0", "0"), ("5E-05", "0.00005"),
            ("123456789012345678", "123456789012346000"), ("2.9999999999999996", "3"), ("1.0000000000000002", "1"),
            ("-1234.5", "-1234.5"), ("100", "100"),
        ]
        for (stored, read) in cases {
            #expect(CellValue.number(stored) == read, "\(stored)")
        }
        #expect(CellValue.number("abc") == nil && CellValue.number("inf") == nil)
    }

    @Test func datesInBothSystems() {
        #expect(CellValue.date("44562", uses1904: false) == "2022-01-01")
        #expect(CellValue.date("43100", uses1904: true) == "2022-01-01")
        #expect(CellValue.date("59", uses1904: false) == "1900-02-28")
        #expect(CellValue.date("61", uses1904: false) == "1900-03-01")
        #expect(CellValue.date("44562.5", uses1904: false) == "2022-01-01 12:00:00")
        #expect(CellValue.date("44926.999988425923", uses1904: false) == "2022-12-31 23:59:59")
        #expect(CellValue.isDateFormat(id: 14, code: nil) && CellValue.isDateFormat(id: 164, code: "yyyy/m/d"))
        #expect(!CellValue.isDateFormat(id: 4, code: nil) && !CellValue.isDateFormat(id: 164, code: "#,##0.00"))
        #expect(
            !CellValue.isDateFormat(id: 164, code: "[Red]0.00\"元\"") && !CellValue.isDateFormat(id: 164, code: "0\"年\"")
        )
        #expect(CellValue.isDateFormat(id: 176, code: "yyyy\"年\"m\"月\"d\"日\""))
    }

    /// The sample unit's four tables saved as .xlsx by LibreOffice (dates as date cells, amounts
    /// as numbers, codes as text) give the same rows as the CSV files.
    @Test(arguments: ["人员", "支出明细", "资产卡片", "预决算收支"])
    func aWorkbookGivesTheSameTableAsItsCSV(name: String) throws {
        let csv = InputFileReader.read(
            path: Self.sample.appendingPathComponent(name + ".csv").path, displayPath: name + ".csv")
        let book = InputFileReader.read(
            path: Self.workbooks.appendingPathComponent(name + ".xlsx").path, displayPath: name + ".xlsx")
        #expect(book.input.kind == "workbook" && book.findings.isEmpty && !book.input.sha256.isEmpty)
        let sheet = try #require(book.sheets.first)
        #expect(
            book.sheets.count == 1 && sheet.input.path == "\(name).xlsx［\(name)］" && sheet.sheetOf == name + ".xlsx")
        #expect(sheet.input.kind == csv.input.kind && sheet.input.rows == csv.input.rows && sheet.input.rejected == 0)
        #expect(sheet.findings.map(\.rule) == csv.findings.map(\.rule))
        #expect(String(describing: sheet.contents) == String(describing: csv.contents))
    }

    /// What web systems and old Excel call ".xls": a real BIFF workbook (LibreOffice's), an HTML
    /// table with a title row, SpreadsheetML 2003 XML, and tab-separated text. Each is read as what
    /// it is and gives the CSV's table.
    @Test(arguments: [
        ("资产卡片.xls", "资产卡片", "xls"), ("预决算收支.xls", "预决算收支", "xls"),
        ("预决算收支-网页.xls", "预决算收支", "html"), ("预决算收支-XML.xls", "预决算收支", "spreadsheetml"),
    ])
    func whatAnXLSReallyIsIsRead(file: String, table: String, format: String) throws {
        let csv = InputFileReader.read(
            path: Self.sample.appendingPathComponent(table + ".csv").path, displayPath: table + ".csv")
        let book = InputFileReader.read(path: Self.workbooks.appendingPathComponent(file).path, displayPath: file)
        #expect(book.input.kind == "workbook" && book.input.encoding == format && book.findings.isEmpty)
        let sheet = try #require(book.sheets.first)
        #expect(sheet.input.kind == csv.input.kind && sheet.input.rows == csv.input.rows && sheet.input.rejected == 0)
        // The HTML page has a title row above the table: the same rows, one line further down.
        let withoutLines = { (contents: TableContents) in
            String(describing: contents).replacing(/[lL]ine: \d+/, with: "")
        }
        #expect(withoutLines(sheet.contents) == withoutLines(csv.contents))
        #expect(sheet.findings.map(\.rule) == csv.findings.map(\.rule))
    }

    /// Every workbook of the sample (an .xlsx written as Excel writes one, with 17-digit
    /// doubles, Chinese date formats and SUM formulas in the 合计 row; LibreOffice's .xls; an
    /// Excel 2003 XML ".xls"; a web system's GBK HTML ".xls") holds exactly its CSV's table.
    @Test(arguments: [
        ("012002_自然资源执法监察支队/2022年报表.xlsx", "预决算收支", "预决算收支"),
        ("012002_自然资源执法监察支队/2022年报表.xlsx", "资产卡片", "资产卡片"),
        ("012002_自然资源执法监察支队/2022年报表.xlsx", "人员信息", "人员"),
        ("012002_自然资源执法监察支队/2022年报表.xlsx", "支出明细", "支出明细"),
        ("012007_自然资源和规划局裕华分局/资产卡片.xls", "资产卡片", "资产卡片"),
        ("012007_自然资源和规划局裕华分局/支出明细.xls", "支出明细", "支出明细"),
        ("012012_不动产登记中心/人员.xls", "人员信息", "人员"),
        ("012017_规划馆/支出明细.xls", "表1", "支出明细"),
    ])
    func theSampleWorkbooksHoldTheirCSVTables(file: String, sheet: String, table: String) throws {
        let unit = file.split(separator: "/")[0]
        let csvPath = Self.workbooks.appendingPathComponent("sample-as-csv/\(unit)/\(table).csv").path
        let csv = InputFileReader.read(path: csvPath, displayPath: table + ".csv")
        let book = InputFileReader.read(
            path: Self.sampleFolder.appendingPathComponent(file).path, displayPath: file,
            options: ReadingOptions(keepRows: true))
        #expect(book.findings.isEmpty, "\(book.findings.map(\.message))")
        let read = try #require(book.sheets.first { $0.input.path == "\(file)［\(sheet)］" })
        #expect(read.input.kind == csv.input.kind && read.input.rows == csv.input.rows && read.input.rejected == 0)
        #expect(read.findings.isEmpty && csv.findings.isEmpty, "\(read.findings.map(\.message))")
        let withoutLines = { (contents: TableContents) in
            String(describing: contents).replacing(/[lL]ine: \d+/, with: "")
        }
        #expect(withoutLines(read.contents) == withoutLines(csv.contents))
        if file.hasSuffix(".xlsx") {
            #expect(book.sheets.count == 4, "the empty Sheet5 is no table")
            #expect(read.inspection.totalRows.count == (table == "人员" ? 0 : 1), "the 合计 row's SUM is checked")
        }
    }

    /// A web system's HTML ".xls" is read in its own encoding: GBK with or without a meta
    /// charset, and UTF-8 even under a meta tag that says GBK.
    @Test(arguments: ["网页-GBK-meta.xls", "网页-GBK.xls", "网页-UTF8-错标GBK.xls"])
    func htmlIsReadInItsOwnEncoding(name: String) throws {
        let result = InputFileReader.read(
            path: Self.workbooks.appendingPathComponent(name).path, displayPath: name,
            options: ReadingOptions(keepRows: true))
        #expect(result.input.encoding == "html" && result.findings.isEmpty)
        let sheet = try #require(result.sheets.first)
        #expect(sheet.input.kind == "budget" && sheet.input.rows == 1 && sheet.input.rejected == 0)
        #expect(sheet.rowsForInspection?.first?.map(\.1) == ["012001", "决算", "基本支出", "1,234.50"])
    }

    @Test func textUnderAnXLSNameIsReadAsCSV() throws {
        let csv = InputFileReader.read(
            path: Self.sample.appendingPathComponent("预决算收支.csv").path, displayPath: "预决算收支.csv")
        let text = InputFileReader.read(
            path: Self.workbooks.appendingPathComponent("预决算收支-文本.xls").path, displayPath: "预决算收支-文本.xls")
        #expect(text.input.kind == "budget" && text.inspection.delimiter == 0x09)
        #expect(String(describing: text.contents) == String(describing: csv.contents))
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let et = InputFileReader.read(
            path: folder.write(
                "表.et", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600)),
            displayPath: "表.et")
        #expect(et.findings.map(\.rule) == ["file.workbook_unreadable"])
        #expect(et.findings.first?.message.contains("已加密、已损坏，或是 WPS 的 .et 文件") == true)
    }

    /// A workbook made by hand with every kind of cell Excel writes.
    /// - Parameters:
    ///   - storedSheet: the sheet part is stored, not deflated (so a changed byte only shows in its CRC).
    ///   - sharedStringsXML: replaces the shared string table.
    static func handMade(
        sheetXML: String, hiddenSheet: Bool = true, date1904: Bool = false, storedSheet: Bool = false,
        sharedStringsXML: String? = nil
    ) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            let stored = storedSheet && path == "xl/worksheets/sheet1.xml"
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: stored ? .none : .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        try add(
            "xl/workbook.xml",
            """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets>
            <sheet name="支出明细" sheetId="1" r:id="rId1"/>
            <sheet name="草稿" sheetId="2" state="\(hiddenSheet ? "hidden" : "visible")" r:id="rId2"/>
            <sheet name="空表" sheetId="3" r:id="rId3"/></sheets></workbook>
            """)
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/>
            <Relationship Id="rId3" Target="worksheets/sheet3.xml"/></Relationships>
            """)
        try add(
            "xl/sharedStrings.xml",
            sharedStringsXML
                ?? """
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <si><t>单位编码</t></si><si><r><t>日</t></r><r><rPr><b/></rPr><t>期</t></r><rPh><t>ri qi</t></rPh></si>
                <si><t>凭证号</t></si><si><t>资金来源</t></si><si><t>支出类型</t></si><si><t>金额(元)</t></si>
                <si><t>012001</t></si><si><t>一般公共预算</t></si><si><t>基本支出</t></si><si><t xml:space="preserve"> 合计 </t></si>
                </sst>
                """)
        try add(
            "xl/styles.xml",
            """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>
            <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>
            """)
        try add("xl/worksheets/sheet1.xml", sheetXML)
        try add(
            "xl/worksheets/sheet2.xml",
            """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>随便写的</t></is></c></row></sheetData></worksheet>
            """)
        try add(
            "xl/worksheets/sheet3.xml",
            """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" s="2"/></row></sheetData></worksheet>
            """)
        return archive.data!
    }

    static let ledgerXML = """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
        <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>
        <row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" s="1"><v>44576</v></c><c r="C2" t="inlineStr"><is><t>记-1</t></is></c>
        <c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c><c r="F2" s="2"><v>1234.5599999999999</v></c></row>
        <row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" s="1"><v>44577</v></c><c r="C3" t="str"><f>"记-"&amp;2</f><v>记-2</v></c>
        <c r="D3" t="s"><v>7</v></c><c r="E3" t="s"><v>8</v></c><c r="F3" t="e"><v>#DIV/0!</v></c></row>
        <row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5" s="1"><v>44578</v></c><c r="C5"><v>3</v></c>
        <c r="D5" t="s"><v>7</v></c><c r="E5" t="s"><v>8</v></c><c r="F5"><v>0.07000000000000001</v></c></row>
        <row r="6"><c r="A6" t="s"><v>9</v></c><c r="F6"><f>SUM(F2:F5)</f><v>1234.63</v></c></row>
        <row r="7"><c r="A7" s="1"/><c r="B7" t="b"><v>1</v></c></row>
        </sheetData><mergeCells count="1"><mergeCell ref="A6:E6"/></mergeCells></worksheet>
        """

    @Test func everyKindOfCell() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("明细.xlsx", bytes: Array(try Self.handMade(sheetXML: Self.ledgerXML)))
        let result = InputFileReader.read(path: path, displayPath: "明细.xlsx", options: ReadingOptions(keepRows: true))
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.sheets.map(\.input.path) == ["明细.xlsx［支出明细］", "明细.xlsx［草稿］"], "the empty sheet is ignored")
        let ledger = result.sheets[0]
        #expect(ledger.input.kind == "expenditure" && ledger.input.rows == 4 && ledger.input.rejected == 2)
        let rows = try #require(ledger.rowsForInspection)
        #expect(rows[0].map(\.1) == ["012001", "2022-01-15", "记-1", "一般公共预算", "基本支出", "1234.56"])
        #expect(rows[1].map(\.1) == ["012001", "2022-01-17", "3", "一般公共预算", "基本支出", "0.07"])
        // The error cell and the boolean row are rejected with the cell as written; 合计 is checked.
        let messages = ledger.findings.map(\.message)
        #expect(
            ledger.findings.map(\.rule) == ["row.amount", "row.missing_value"], "1234.56 + 0.07 = the 合计's 1234.63")
        #expect(messages[0].contains("“#DIV/0!”不是数字") && ledger.findings[0].line == 3)
        #expect(ledger.findings[0].file == "明细.xlsx［支出明细］")
        #expect(ledger.inspection.totalRows == [6], "the merged 合计 row, its value in its top-left cell")
        // The hidden sheet is read and noted; it is no table.
        let hidden = result.sheets[1]
        #expect(hidden.findings.map(\.rule).sorted() == ["file.unrecognised", "sheet.hidden"])

        let in1904 = folder.write(
            "1904.xlsx", bytes: Array(try Self.handMade(sheetXML: Self.ledgerXML, hiddenSheet: false, date1904: true)))
        let early = InputFileReader.read(
            path: in1904, displayPath: "1904.xlsx", options: ReadingOptions(keepRows: true))
        #expect(early.sheets[0].rowsForInspection?[0][1].1 == "2026-01-16", "44576 days after 1904-01-01")
    }

    /// A ZIP bomb stops at its limit, as a finding; a part that is not XML is a finding too.
    @Test func hostileWorkbooksAreFindings() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // A ledger's header, then 64 MiB of spaces: some 64 KiB compressed.
        let row = Data("        ".utf8)
        let total = 64 << 20
        let archive = try Archive(accessMode: .create)
        let base = try Archive(data: try Self.handMade(sheetXML: "<worksheet/>"), accessMode: .read)
        for entry in base where entry.path != "xl/worksheets/sheet1.xml" {
            var data = Data()
            _ = try base.extract(entry) { data.append($0) }
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        let lines = Self.ledgerXML.split(separator: "\n").prefix(3).joined(separator: "\n")
        let head = Data(lines.utf8)
        let block =
            Data(repeating: 0, count: 0)
            + (0..<(1 << 20) / row.count).reduce(into: Data()) { data, _ in
                data.append(row)
            }
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate,
            provider: { position, size in
                // The head, then the row over and over: sliced from one block made once.
                var chunk = Data()
                var at = Int(position)
                if at < head.count {
                    chunk.append(head[at..<min(head.count, at + size)])
                    at += chunk.count
                }
                while chunk.count < size {
                    let offset = (at - head.count) % row.count
                    let take = min(size - chunk.count, block.count - offset)
                    chunk.append(block[offset..<offset + take])
                    at += take
                }
                return chunk
            })
        let bomb = folder.write("炸弹.xlsx", bytes: Array(archive.data!))
        let result = InputFileReader.read(path: bomb, displayPath: "炸弹.xlsx")
        let finding = try #require(result.sheets.first?.findings.first { $0.rule == "file.workbook_unreadable" })
        #expect(finding.message.contains("解压后超过 16 MiB") && finding.message.contains("压缩炸弹"))

        let broken = folder.write("坏.xlsx", bytes: Array(try Self.handMade(sheetXML: "<worksheet><sheetData><row>")))
        let malformed = InputFileReader.read(path: broken, displayPath: "坏.xlsx")
        #expect(malformed.sheets.first?.findings.contains { $0.rule == "file.workbook_unreadable" } == true)

        let notZip = folder.write("假.xlsx", "这不是工作簿")
        let fake = InputFileReader.read(path: notZip, displayPath: "假.xlsx")
        #expect(
            fake.findings.map(\.rule) == ["file.workbook_unreadable"] && fake.sheets.isEmpty, "read as text: no table")
        let brokenZip = folder.write("残.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04, 9, 9, 9])
        #expect(
            InputFileReader.read(path: brokenZip, displayPath: "残.xlsx").findings.map(\.rule) == [
                "file.workbook_unreadable"
            ])
    }

    /// A part whose bytes changed after it was written (a bad copy) fails its CRC: a finding, and
    /// the sheet is set aside whole rather than counted half.
    @Test func aDamagedPartIsAFinding() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var bytes = Array(try Self.handMade(sheetXML: Self.ledgerXML, storedSheet: true))
        let original = Array("1234.5599999999999".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: original) })
        bytes[at + 5] = UInt8(ascii: "6")
        let result = InputFileReader.read(path: folder.write("损坏.xlsx", bytes: bytes), displayPath: "损坏.xlsx")
        let ledger = try #require(result.sheets.first)
        let finding = try #require(ledger.findings.first { $0.rule == "file.workbook_unreadable" })
        #expect(finding.message.contains("xl/worksheets/sheet1.xml 校验和不符"))
        #expect(ledger.input.accepted == 0, "set aside whole")
    }

    /// A sheet formatted far down reads its few real rows and says once that it skipped the
    /// empty ones, a row at a time.
    @Test func formattedEmptyRowsAreSkippedAndNamedOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        func ledgerRow(_ number: Int, _ voucher: String) -> String {
            """
            <row r="\(number)"><c r="A\(number)" t="s"><v>6</v></c><c r="B\(number)" s="1"><v>44576</v></c>\
            <c r="C\(number)" t="inlineStr"><is><t>\(voucher)</t></is></c><c r="D\(number)" t="s"><v>7</v></c>\
            <c r="E\(number)" t="s"><v>8</v></c><c r="F\(number)" s="2"><v>100.5</v></c></row>
            """
        }
        var xml = Data(Self.ledgerXML.split(separator: "\n").prefix(3).joined(separator: "\n").utf8)
        xml.append(Data(ledgerRow(2, "记-1").utf8))
        // As Excel writes them, each row and cell with its reference (Excel's last row is 1,048,576;
        // `Scripts/bench` measures that many in the release build: a debug build takes a minute).
        let empties = 100_000
        for number in 3..<(3 + empties) {
            xml.append(
                contentsOf: "<row r=\"\(number)\" s=\"2\" customFormat=\"1\"><c r=\"F\(number)\" s=\"2\"/></row>".utf8)
        }
        xml.append(Data((ledgerRow(3 + empties, "记-2") + "</sheetData></worksheet>").utf8))
        let path = folder.write(
            "格式.xlsx", bytes: Array(try Self.handMade(sheetXML: String(decoding: xml, as: UTF8.self))))
        let result = InputFileReader.read(path: path, displayPath: "格式.xlsx")
        let ledger = try #require(result.sheets.first)
        #expect(ledger.input.kind == "expenditure" && ledger.input.rows == 2 && ledger.input.rejected == 0)
        #expect(ledger.findings.map(\.rule) == ["table.many_blank_rows"])
        #expect(ledger.findings.first?.message.contains("\(empties) 个空行") == true)
    }

    /// A shared string table that inflates far beyond its compressed size stops at the limit:
    /// the whole workbook is a finding, not a memory spike.
    @Test func aHugeSharedStringTableIsAFinding() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let strings = "<sst>" + String(repeating: "<si><t>甲</t></si>", count: 1_200_000) + "</sst>"
        let path = folder.write(
            "字符串.xlsx",
            bytes: Array(try Self.handMade(sheetXML: Self.ledgerXML, sharedStringsXML: strings)))
        let result = InputFileReader.read(path: path, displayPath: "字符串.xlsx")
        #expect(result.sheets.isEmpty)
        #expect(result.findings.map(\.rule) == ["file.workbook_unreadable"])
        #expect(result.findings.first?.message.contains("解压后超过 16 MiB") == true)
    }

    /// What Double() reads but Excel never writes for a number stays text, for the money rules.
    @Test func onlyExcelsNumbersAreNumbers() {
        for text in ["0x10", "0X1p4", "inf", "nan", "+5", " 12", "1.", ".5", "1e", "1E+", "--1", "1_000", "١٢"] {
            #expect(CellValue.number(text) == nil, "\(text)")
        }
        #expect(CellValue.number("1E-3") == "0.001" && CellValue.number("-2.5E+2") == "-250")
        #expect(CellValue.number("1234.5599999999999") == "1234.56" && CellValue.number("-0.5") == "-0.5")
    }

    /// The ZIP directory is checked against the bytes: a declared size that does not fit the file,
    /// parts sharing bytes, a wrong inflated size and a name twice are each a finding, never read.
    @Test func theZIPDirectoryIsNotTrusted() throws {
        let good = Array(try Self.handMade(sheetXML: Self.ledgerXML))
        #expect(throws: Never.self) { try ZIPParts(good) }
        // The central directory's entries: (offset in the file, name).
        func entries(_ bytes: [UInt8]) -> [(Int, String)] {
            bytes.indices.dropLast(46).filter { bytes[$0..<$0 + 4] == [0x50, 0x4B, 0x01, 0x02] }.map { at in
                let length = Int(bytes[at + 28]) | Int(bytes[at + 29]) << 8
                return (at, String(decoding: bytes[at + 46..<at + 46 + length], as: UTF8.self))
            }
        }
        func patched(_ name: String, field: Int, _ value: UInt32) -> [UInt8] {
            var bytes = good
            let at = entries(bytes).first { $0.1 == name }!.0 + field
            for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
            return bytes
        }
        func problem(_ bytes: [UInt8]) -> String {
            do {
                _ = try XLSXWorkbook(bytes)
                for sheet in try XLSXWorkbook(bytes).sheets { try XLSXWorkbook(bytes).forEachRow(of: sheet) { _ in } }
                return "read"
            } catch { return "\(error)" }
        }
        let sheet = "xl/worksheets/sheet1.xml"
        #expect(problem(patched(sheet, field: 20, 10_000_000)).contains("记录的大小超出了文件"))
        #expect(problem(patched(sheet, field: 24, 12)).contains("damaged"), "inflates to more than declared")
        // The sheet's directory entry points at the workbook part's local header.
        let first = UInt32(0)
        #expect(problem(patched(sheet, field: 42, first)).contains("相互重叠"))
        var twice = good
        let names = entries(good)
        let other = names.first { $0.1 == "xl/worksheets/sheet2.xml" }!.0
        twice.replaceSubrange(other + 46..<other + 46 + sheet.utf8.count, with: Array(sheet.utf8))
        #expect(problem(twice).contains("duplicatePart"))
    }

    /// ZIP64's extended information (sizes and offset past 32 bits, as some writers always give
    /// them) is read from the directory's extra field.
    @Test func zip64SizesAreRead() throws {
        let good = Array(try Self.handMade(sheetXML: Self.ledgerXML))
        func value(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
        func le(_ value: Int, _ count: Int) -> [UInt8] {
            (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        let end = good.count - 22
        let start = value(good, end + 16, 4)
        var directory: [UInt8] = []
        var at = start
        while at < end {
            let name = value(good, at + 28, 2)
            let extra = value(good, at + 30, 2)
            let comment = value(good, at + 32, 2)
            var entry = Array(good[at..<at + 46 + name + extra + comment])
            if String(decoding: entry[46..<46 + name], as: UTF8.self) == "xl/worksheets/sheet1.xml" {
                let sizes = le(value(entry, 24, 4), 8) + le(value(entry, 20, 4), 8) + le(value(entry, 42, 4), 8)
                entry.replaceSubrange(20..<28, with: [UInt8](repeating: 0xFF, count: 8))
                entry.replaceSubrange(42..<46, with: [UInt8](repeating: 0xFF, count: 4))
                entry.replaceSubrange(30..<32, with: le(extra + 28, 2))
                entry.insert(contentsOf: le(1, 2) + le(24, 2) + sizes, at: 46 + name + extra)
            }
            directory += entry
            at += 46 + name + extra + comment
        }
        var bytes = Array(good[..<start]) + directory + Array(good[end...])
        bytes.replaceSubrange(bytes.count - 10..<bytes.count - 6, with: le(directory.count, 4))
        #expect(bytes.count > good.count, "one extra field added")
        let workbook = try XLSXWorkbook(bytes)
        var rows = 0
        try workbook.forEachRow(of: workbook.sheets[0]) { _ in rows += 1 }
        #expect(rows == 6)
    }

    /// A layout table holding the data table: the data table is the sheet, with its own rows.
    @Test func nestedHTMLTablesAreReadAsABrowserShowsThem() throws {
        let page = """
            <table><tr><td>标题</td></tr><tr><td><table><tr><td>甲</td><td>1</td></tr><tr><td>乙</td></tr></table>
            </td><td><table><tr><th colspan="2">丙</th><td>3</td></tr></table></td></tr></table><table><tr><td>丁</td></tr>
            """
        let sheets = try OtherWorkbooks.html(Array(page.utf8))
        #expect(sheets.map(\.name) == ["表1", "表2", "表3"])
        #expect(sheets.map { $0.rows.map(\.cells) } == [[["甲", "1"], ["乙"]], [["丙", "", "3"]], [["丁"]]])
    }
}
