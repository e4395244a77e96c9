import Foundation
import Testing
import ZIPFoundation

/// Workbooks an adversary built (issue 25): each is one bad file among the department's, and the
/// run goes on, reading it within bounded memory and work or setting it aside with a finding.
@Suite struct HostileWorkbookTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path
    static let unit = "012005_自然资源和规划局桥西分局"
    static let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

    /// A ZIP file written entry by entry as an adversary would: any name twice, any declared size.
    struct ZIPWriter {
        var data = Data()
        var directory = Data()
        var entries = 0

        static func le(_ value: Int, _ bytes: Int) -> Data {
            Data((0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
        }

        /// Adds a deflated entry of `size` bytes made by `provider` (position, count), so a large
        /// part is never held; `declared` replaces the compressed size the directory records.
        mutating func add(
            _ name: String, size: Int, declared: Int? = nil, provider: (Int, Int) -> Data
        ) throws {
            var compressed = Data()
            let checksum = try Data.compress(
                size: Int64(size), bufferSize: 1 << 16, provider: { provider(Int($0), $1) },
                consumer: { compressed.append($0) })
            let offset = data.count
            let nameBytes = Data(name.utf8)
            let common =
                Self.le(20, 2) + Self.le(0, 2) + Self.le(8, 2) + Self.le(0, 4) + Self.le(Int(checksum), 4)
            data += Self.le(0x0403_4B50, 4) + common + Self.le(compressed.count, 4) + Self.le(size, 4)
            data += Self.le(nameBytes.count, 2) + Self.le(0, 2) + nameBytes + compressed
            directory += Self.le(0x0201_4B50, 4) + Self.le(20, 2) + common
            directory += Self.le(declared ?? compressed.count, 4) + Self.le(size, 4) + Self.le(nameBytes.count, 2)
            directory += Self.le(0, 2 + 2 + 2 + 2 + 4) + Self.le(offset, 4) + nameBytes
            entries += 1
        }

        mutating func add(_ name: String, _ text: String, declared: Int? = nil) throws {
            let bytes = Data(text.utf8)
            try add(name, size: bytes.count, declared: declared) { bytes.subdata(in: $0..<$0 + $1) }
        }

        func finish() -> Data {
            data + directory + Self.le(0x0605_4B50, 4) + Self.le(0, 4) + Self.le(entries, 2) + Self.le(entries, 2)
                + Self.le(directory.count, 4) + Self.le(data.count, 4) + Self.le(0, 2)
        }
    }

    /// A workbook of staff sheets (`人员N`), each part's XML given; the shared strings optional.
    static func workbook(
        sheets: Int, sheet: (Int, inout ZIPWriter) throws -> Void, before: (inout ZIPWriter) throws -> Void = { _ in }
    ) throws -> Data {
        var zip = ZIPWriter()
        let relations = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        try zip.add(
            "xl/workbook.xml",
            "<workbook \(main) \(relations)><sheets>"
                + (1...sheets).map { "<sheet name=\"人员\($0)\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }.joined()
                + "</sheets></workbook>")
        try zip.add(
            "xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + (1...sheets).map { "<Relationship Id=\"rId\($0)\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined()
                + "</Relationships>")
        try before(&zip)
        for index in 1...sheets { try sheet(index, &zip) }
        return zip.finish()
    }

    static func row(_ number: Int, _ cells: [String]) -> String {
        "<row r=\"\(number)\">" + cells.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
    }

    static let header = row(1, ["单位编码", "人员编号", "人员类别"])

    static func staffSheet(_ rows: String) -> String {
        "<worksheet \(main)><sheetData>\(header)\(rows)</sheetData></worksheet>"
    }

    /// Consolidates the sample with `file` added to 桥西分局's folder; the run's findings for it.
    static func consolidate(_ scratch: Scratch, _ name: String, _ bytes: Data) throws -> (
        run: Huizong.Run, findings: [[String: Any]]
    ) {
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: sample, toPath: folder)
        let path = folder + "/\(unit)/\(name)"
        #expect(FileManager.default.createFile(atPath: path, contents: bytes))
        let run = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")], measureMemory: true)
        let all = try scratch.json("out/department.json")["findings"] as! [[String: Any]]
        let file = "\(unit)/\(name)"
        return (run, all.filter { ($0["file"] as? String)?.hasPrefix(file) == true })
    }

    /// 3 M cells without references in one row (each one a column further right) are not held:
    /// the row keeps Excel's 16,384 columns and one finding says how many more were ignored.
    @Test func cellsPastTheLastColumnAreCountedNotHeld() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let cells = 3_000_000
        // Cells of varied values, so the part inflates well within the ratio a bomb passes.
        var generator = SystemRandomNumberGenerator()
        var wide = Data("<row r=\"2\">".utf8)
        for _ in 0..<cells { wide += Data("<c><v>\(Int.random(in: 0..<100_000, using: &generator))</v></c>".utf8) }
        wide += Data("</row>".utf8)
        let head = Data("<worksheet \(Self.main)><sheetData>\(Self.header)".utf8)
        let tail = Data((Self.row(3, ["012005", "RY-宽", "在职"]) + "</sheetData></worksheet>").utf8)
        let xml = head + wide + tail
        let book = try Self.workbook(sheets: 1) { index, zip in
            try zip.add("xl/worksheets/sheet\(index).xml", size: xml.count) { xml.subdata(in: $0..<$0 + $1) }
        }
        let (run, findings) = try Self.consolidate(scratch, "宽.xlsx", book)
        #expect(run.status == 65 && !run.timedOut)
        let ignored = try #require(findings.first { $0["rule"] as? String == "sheet.too_many_columns" })
        #expect(ignored["file"] as? String == "\(Self.unit)/宽.xlsx［人员1］" && ignored["line"] as? Int == 2)
        #expect((ignored["message"] as! String).contains("\(cells - 16_384) 个单元格已忽略"))
        // The row itself is judged as a CSV row of 16,384 fields would be; row 3 is read.
        #expect(findings.contains { $0["rule"] as? String == "row.field_count" && $0["line"] as? Int == 2 })
        #expect(run.peakKiB < 200_000, "\(run.peakKiB) KiB: cells held, not counted")
    }

    /// A directory that declares a part larger than the bytes that hold it (so a ratio on it
    /// would allow a 250 MB shared string table) is a finding before anything is inflated; the
    /// same table declared honestly stops at the real ratio, with little held.
    @Test(arguments: [true, false])
    func sharedStringsAreBoundedByTheBytesReallyInflated(lying: Bool) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let item = Data("<si><t>甲乙丙丁戊己庚辛壬癸</t></si>".utf8)
        let head = Data("<sst \(Self.main)>".utf8)
        let size = head.count + item.count * (250_000_000 / item.count)
        let book = try Self.workbook(
            sheets: 1,
            sheet: { index, zip in
                try zip.add(
                    "xl/worksheets/sheet\(index).xml", Self.staffSheet(Self.row(2, ["012005", "RY-串", "在职"])))
            },
            before: { zip in
                // The table never ends: a reader that inflates it all finds it malformed, too late.
                try zip.add("xl/sharedStrings.xml", size: size, declared: lying ? 40_000_000 : nil) { position, count in
                    var chunk = Data()
                    var at = position
                    while chunk.count < count {
                        if at < head.count {
                            chunk += head[at..<min(head.count, at + count)]
                        } else {
                            let offset = (at - head.count) % item.count
                            chunk += item[offset..<min(item.count, offset + count - chunk.count)]
                        }
                        at = position + chunk.count
                    }
                    return chunk
                }
            })
        let (run, findings) = try Self.consolidate(scratch, "字符串.xlsx", book)
        #expect(run.status == 65 && !run.timedOut)
        #expect(findings.map { $0["rule"] as! String } == ["file.workbook_unreadable"])
        let message = findings.first?["message"] as? String ?? ""
        #expect(message.contains(lying ? "记录的大小超出了文件" : "压缩炸弹"), "\(message)")
        #expect(run.peakKiB < 100_000, "\(run.peakKiB) KiB")
    }

    /// Each sheet is found by name in an index of the parts made once: 2,000 one-row sheets are
    /// all read (each sheet's part used to be looked for by a walk through the whole directory).
    @Test func manySheetsAreAllRead() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let count = 2_000
        let book = try Self.workbook(sheets: count) { index, zip in
            try zip.add(
                "xl/worksheets/sheet\(index).xml", Self.staffSheet(Self.row(2, ["012005", "RY-\(index)", "在职"])))
        }
        let path = scratch.sub("多表.xlsx")
        #expect(FileManager.default.createFile(atPath: path, contents: book))
        let run = try Huizong.run(["inspect", path])
        #expect(run.status == 0 && !run.timedOut)
        #expect(run.stdout.contains("\(count) 张有内容的表"))
        #expect(run.stdout.components(separatedBy: "数据行 rows：1（计入 1，未计入 0）").count - 1 == count)
        #expect(run.stdout.contains("多表.xlsx［人员2000］"))
    }

    /// Two entries of one name: Huizong read the first and Python's zipfile the last. Neither
    /// is trusted: the workbook is set aside whole with a finding naming the part.
    @Test func aPartNamedTwiceSetsTheWorkbookAside() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let book = try Self.workbook(sheets: 1) { index, zip in
            try zip.add("xl/worksheets/sheet\(index).xml", Self.staffSheet(Self.row(2, ["012005", "RY-甲", "在职"])))
            try zip.add("xl/worksheets/sheet\(index).xml", Self.staffSheet(Self.row(2, ["012005", "RY-乙", "在职"])))
        }
        let (run, findings) = try Self.consolidate(scratch, "重名.xlsx", book)
        #expect(run.status == 65)
        #expect(findings.map { $0["rule"] as! String } == ["file.workbook_unreadable"])
        #expect(findings.first?["file"] as? String == "\(Self.unit)/重名.xlsx")
        #expect((findings.first?["message"] as? String)?.contains("两个同名的组成部分 xl/worksheets/sheet1.xml") == true)
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        #expect(!inputs.contains { ($0["path"] as? String)?.contains("重名.xlsx［") == true }, "no sheet read")
    }

    /// An amount cell `0x10` is text to the money rules, as in a CSV file, whether Excel stored
    /// it as a number or as a string; Excel's own numbers still read exactly.
    @Test func aNumberCellIsReadByTheCSVRules() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let texts = ["012005", "2022-01-05", "记-1", "一般公共预算", "基本支出"]
        func ledgerRow(_ number: Int, _ amount: String, type: String) -> String {
            "<row r=\"\(number)\">"
                + texts.map { "<c t=\"inlineStr\"><is><t>\($0 == "记-1" ? "记-\(number)" : $0)</t></is></c>" }.joined()
                + "<c\(type)><v>\(amount)</v></c></row>"
        }
        let amounts = ["0x10", "0x10", "inf", "+5", "1234.5599999999999", "1E+3", "-12.5"]
        let rows = amounts.enumerated().map {
            ledgerRow($0.offset + 2, $0.element, type: $0.offset == 1 ? " t=\"str\"" : "")
        }
        let xml =
            "<worksheet \(Self.main)><sheetData>"
            + Self.row(1, ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "金额(元)"]) + rows.joined()
            + "</sheetData></worksheet>"
        let book = try Self.workbook(sheets: 1) { index, zip in try zip.add("xl/worksheets/sheet\(index).xml", xml) }
        let path = scratch.sub("十六进制.xlsx")
        #expect(FileManager.default.createFile(atPath: path, contents: book))
        let run = try Huizong.run(["inspect", "--rows", path])
        let rowsRead = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        let read = rowsRead.map { "\($0["金额(元)"] ?? "")" }
        // `+5` is text the money rules accept, in a CSV file too.
        #expect(read == ["+5", "1234.56", "1000", "-12.5"], "\(run.stdout.prefix(2000))")
        let report = try Huizong.run(["inspect", path])
        #expect(report.stdout.contains("第 2 行 “金额(元)”的值“0x10”不是数字"))
        #expect(report.stdout.contains("第 3 行 “金额(元)”的值“0x10”不是数字"))
        #expect(report.stdout.contains("数据行 rows：7（计入 4，未计入 3）"), "\(report.stdout)")
    }

    /// A staff table inside a layout table is read as a browser shows it: its own 30 rows.
    @Test func aTableInsideALayoutTableIsRead() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let rows = (1...30).map { "<tr><td>012005</td><td>RY-\($0)</td><td>在职</td></tr>" }.joined()
        let page =
            "<html><body><table><tr><td>2022年人员信息表</td></tr><tr><td><table>"
            + "<tr><th>单位编码</th><th>人员编号</th><th>人员类别</th></tr>\(rows)</table></td></tr></table></body></html>"
        let (run, findings) = try Self.consolidate(scratch, "嵌套.xls", Data(page.utf8))
        #expect(run.status == 65)
        #expect(findings.isEmpty, "\(findings)")
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        let sheet = try #require(inputs.first { $0["path"] as? String == "\(Self.unit)/嵌套.xls［表1］" })
        #expect(sheet["rows"] as? Int == 30 && sheet["accepted"] as? Int == 30, "\(sheet)")
    }

    /// A workbook whose sheets are all empty, and a web page with no table, are named, as an
    /// empty CSV file is.
    @Test(arguments: [("空.xlsx", true), ("无表.xls", false)])
    func aFileWithNoTableIsNamed(name: String, isWorkbook: Bool) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let bytes =
            isWorkbook
            ? try Self.workbook(sheets: 2) { index, zip in
                try zip.add("xl/worksheets/sheet\(index).xml", "<worksheet \(Self.main)><sheetData/></worksheet>")
            } : Data("<html><body><p>没有数据</p></body></html>".utf8)
        let (_, findings) = try Self.consolidate(scratch, name, bytes)
        #expect(findings.map { $0["rule"] as! String } == ["file.workbook_no_table"])
        #expect(findings.first?["file"] as? String == "\(Self.unit)/\(name)")
        #expect((findings.first?["message"] as? String)?.contains(isWorkbook ? "2 张工作表都是空的" : "没有任何表格") == true)
    }
}
