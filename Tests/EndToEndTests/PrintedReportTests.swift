import Foundation
import Testing
import ZIPFoundation

/// report.docx as the department prints and signs it, and as the officer edits it and drops it
/// back: checked on the pages LibreOffice prints (the test command installs it), and on the XML.
@Suite(.serialized) struct PrintedReportTests {
    static let canPrint =
        ReportTests.writer != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")

    /// A Word file printed through LibreOffice: its pages' text as laid out (`pdftotext -layout`).
    static func printed(_ path: String, in scratch: Scratch) throws -> [String] {
        try ReportTests.runTool(
            ReportTests.writer!,
            [
                "-env:UserInstallation=file://" + scratch.sub("profile"), "--headless", "--convert-to", "pdf",
                "--outdir",
                scratch.sub("pdf"), path,
            ])
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try ReportTests.runTool(
            "/usr/bin/pdftotext", ["-layout", scratch.sub("pdf/\(name).pdf"), scratch.sub("pdf/\(name).txt")])
        return String(decoding: scratch.read("pdf/\(name).txt"), as: UTF8.self).components(separatedBy: "\u{0C}")
            .dropLast().map { $0 }
    }

    /// The text of every table cell the report keeps on one line (numbers, short words), and every
    /// run of letters and digits in the others: no column may be narrower than these.
    static func unbreakableWords(_ document: String) -> Set<String> {
        var words: Set<String> = []
        for cell in document.matches(of: /<w:tc><w:tcPr>(.*?)<\/w:tcPr>(.*?)<\/w:tc>/) {
            let text = cell.output.2.matches(of: /<w:t[^>]*>([^<]*)<\/w:t>/).map { String($0.output.1) }.joined()
                .replacingOccurrences(of: "&amp;", with: "&")
            if cell.output.1.contains("<w:noWrap/>") {
                words.insert(text)
            } else {
                for run in text.unicodeScalars.split(whereSeparator: { $0.value >= 0x1100 || $0 == " " }) {
                    words.insert(String(String.UnicodeScalarView(run)))
                }
            }
        }
        return words.filter { $0.count >= 3 }
    }

    /// Printed through LibreOffice, the sample's report reads like the seed's: no table column
    /// narrower than its longest word, 28 characters a body line, the signature form alone on its
    /// page with the department's name, the date line and room for the seal, the appendix after
    /// it and marked as outside the signed text, and the body before the form no longer than the
    /// 15 pages it took before (three of them lost to narrow columns).
    @Test(.enabled(if: canPrint)) func theSampleReportPrintsLikeTheSeed() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("out")])
        let pages = try Self.printed(scratch.sub("out/report.docx"), in: scratch)
        let flat = pages.map { $0.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "") }
        let form = try #require(flat.firstIndex { $0.contains("评价工作组人员名单及签字") })
        #expect(form <= 15, "the body takes \(form) pages before the signature form")
        let signed = flat[form]
        for part in ["组长", "副组长", "单位及职务", "（盖章）", "石家庄市自然资源和规划局", "年月日"] {
            #expect(signed.contains(part), "\(part)")
        }
        for other in ["改进措施", "【请填写", "附件", "数据核对问题清单", "错误"] {
            #expect(!signed.contains(other), "the signature form's page holds \(other)")
        }
        #expect(flat[form + 1].hasPrefix("附件：数据核对问题清单") && flat[form + 1].contains("不属于报告正文，不在签署范围之内"))

        let document = try ReportTests.docxPart(scratch.read("out/report.docx"), "word/document.xml")
        let lines = pages.flatMap { $0.split(separator: "\n").map(String.init) }
        let words = Self.unbreakableWords(document)
        #expect(words.contains("100.0%") && words.contains("平方公里") && words.contains("945,502.00"))
        for word in words.sorted() {
            #expect(lines.contains { $0.contains(word) }, "“\(word)” is broken over two lines")
        }
        // GB/T 9704's line: 28 characters of body text (lines of Chinese only, on the body's pages).
        let bodyLines = pages.prefix(form).flatMap { $0.split(separator: "\n") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { line in line.unicodeScalars.allSatisfy { $0.value >= 0x2E80 } }
        // (The notes in a smaller size fit more: the body's full lines are the most common length.)
        let full = Dictionary(grouping: bodyLines.map(\.count).filter { $0 >= 20 }, by: { $0 })
        #expect(full.max { $0.value.count < $1.value.count }?.key == 28, "\(full.mapValues(\.count))")
        // Kept for a person to look at when HUIZONG_KEEP_REPORT_PDF names a path.
        if let keep = ProcessInfo.processInfo.environment["HUIZONG_KEEP_REPORT_PDF"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: scratch.sub("pdf/report.pdf"), toPath: keep)
        }
    }

    /// The document itself: columns sized in the grid, fonts with their alternatives, the title at
    /// GB/T 9704's 二号, 22 lines a page, thousands separators in tables and charts, a pie for the
    /// assets' shares, no bar chart whose scale hides its bars, and no hint that works only in HTML.
    @Test func theWordDocumentIsSetForPrint() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("out")])
        let docx = scratch.read("out/report.docx")
        let document = try ReportTests.docxPart(docx, "word/document.xml")
        #expect(!document.contains("<w:tcW w:w=\"0\""))
        for grid in document.matches(of: /<w:tblGrid>(.*?)<\/w:tblGrid>/) {
            let widths = grid.output.1.matches(of: /<w:gridCol w:w="(\d+)"\/>/).map { Int($0.output.1)! }
            #expect(!widths.isEmpty && widths.reduce(0, +) == 8845, "\(widths)")
        }
        #expect(document.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>"))
        #expect(document.contains(">945,502.00<"), "thousands separated in tables")
        #expect(!document.contains("鼠标"), "no hint that works only in a browser")
        #expect(document.components(separatedBy: "<w:pageBreakBefore/>").count - 1 == 2, "the form and the appendix")
        let styles = try ReportTests.docxPart(docx, "word/styles.xml")
        let subtitle = try #require(styles.firstMatch(of: /w:styleId="Subtitle">.*?<w:sz w:val="(\d+)"\/>/))
        #expect(subtitle.output.1 == "44")
        let fonts = try ReportTests.docxPart(docx, "word/fontTable.xml")
        for (font, alternative) in [("仿宋", "仿宋_GB2312"), ("楷体", "楷体_GB2312"), ("黑体", "SimHei")] {
            #expect(fonts.contains("<w:font w:name=\"\(font)\"><w:altName w:val=\"\(alternative)\"/>"), "\(font)")
        }
        #expect(try ReportTests.docxPart(docx, "word/charts/chart1.xml").contains("<c:pieChart>"), "shares as a pie")
        let parts = Set(try Archive(data: docx, accessMode: .read).map(\.path))
        var number = 2
        while parts.contains("word/charts/chart\(number).xml") {
            let chart = try ReportTests.docxPart(docx, "word/charts/chart\(number).xml")
            number += 1
            #expect(chart.contains("formatCode=\"#,##0.00\"") || chart.contains("formatCode=\"0.00\""))
            // Each category's largest bar: most not under a tenth of the chart's largest.
            var largest: [Int: Double] = [:]
            for point in chart.matches(of: /<c:numLit>.*?<\/c:numLit>/) {
                for value in point.output.matches(of: /<c:pt idx="(\d+)"><c:v>([-0-9.]+)<\/c:v>/) {
                    let index = Int(value.output.1)!
                    largest[index] = max(largest[index] ?? 0, Double(value.output.2)!)
                }
            }
            let top = largest.values.max() ?? 0
            let visible = largest.values.filter { $0 * 10 >= top }.count
            #expect(visible * 2 > largest.count, "chart\(number - 1): \(largest)")
        }
        #expect(number > 5, "the charts split where one scale would hide bars")
    }

    /// The sample's report.docx rewritten by `edit` (its document.xml), saved as `path`.
    static func rewritten(_ docx: Data, to path: String, _ edit: (inout String) throws -> Void) throws {
        var document = try ReportTests.docxPart(docx, "word/document.xml")
        try edit(&document)
        let original = try Archive(data: docx, accessMode: .read)
        let edited = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in original {
            var bytes = Data()
            _ = try original.extract(entry) { bytes.append($0) }
            if entry.path == "word/document.xml" { bytes = Data(document.utf8) }
            try edited.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// `inserted` placed right after the paragraph holding `text`.
    static func after(_ text: String, insert inserted: String, in document: inout String) throws {
        let at = try #require(document.range(of: text), "\(text)")
        let end = try #require(document.range(of: "</w:p>", range: at.upperBound..<document.endIndex))
        document.insert(contentsOf: inserted, at: end.upperBound)
    }

    /// The officer edits report.docx everywhere, not only at the prompts: what the next run takes
    /// is said in its log and in narrative.md; a paragraph typed where no section of the
    /// department's is, and a sentence added to a paragraph made from data, are each a finding
    /// naming where they are (never quoting them); an edited suggestion becomes the department's
    /// words; drafted wording kept beside an edit stays; names typed into the signature form are
    /// never read back.
    @Test func whatTheReportGaveBackIsSaidAndNothingIsLostSilently() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let (folder, docx) = try ReportTests.sampleWithItsReport(scratch)
        try Self.rewritten(docx, to: scratch.sub("2022/自评报告.docx")) { document in
            let typed = "<w:p><w:r><w:t>补充说明：本年度预算调整主要是追加项目资金。</w:t></w:r></w:p>"
            try Self.after("2022年年初预算：", insert: typed, in: &document)
            let staff = try #require(document.range(of: "人员情况：在职人员"))
            let end = try #require(document.range(of: "</w:p>", range: staff.upperBound..<document.endIndex))
            document.insert(contentsOf: "<w:r><w:t>其中借调人员3人。</w:t></w:r>", at: end.lowerBound)
            document = document.replacingOccurrences(
                of: "（建议）部分单位预算收支数据不平衡或有误，预算编制和决算编报的准确性有待提高。", with: "部分单位预算编制的准确性有待提高。")
            document = document.replacingOccurrences(of: "1、科学公正原则。此次绩效自评", with: "1、科学公正原则。本次自评")
            let leader = try #require(document.range(of: ">组长<"))
            let empty = "<w:t xml:space=\"preserve\"></w:t>"
            let cell = try #require(document.range(of: empty, range: leader.upperBound..<document.endIndex))
            document.replaceSubrange(cell, with: "<w:t>张三丰</w:t>")
        }
        let run = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")])
        #expect(run.stderr.contains("报告叙述：自 自评报告.docx 取用 2 节：存在的主要问题、自评的方法"), "\(run.stderr)")
        let department = try scratch.json("out2/department.json")
        let findings = (department["findings"] as! [[String: Any]]).filter { $0["file"] as? String == "自评报告.docx" }
        let unplaced = findings.filter { $0["rule"] as? String == "narrative.unplaced_paragraph" }
        let messages = unplaced.compactMap { $0["message"] as? String }
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("标题“（二）部门收支预决算情况”下的第 2 段（22 个字）不在本部门撰写的部分之内") })
        #expect(messages.contains { $0.hasPrefix("标题“2、机构设置”下的第 3 段") && $0.contains("是按汇总数据写出的段落，被修改过") })
        #expect(!messages.joined().contains("补充说明") && !messages.joined().contains("借调"), "never quoted")
        let narrative = String(decoding: scratch.read("out2/narrative.md"), as: UTF8.self)
        #expect(narrative.contains("## 存在的主要问题\n\n> 本节文字取自 自评报告.docx\n\n部分单位预算编制的准确性有待提高。"))
        #expect(
            narrative.contains("1、科学公正原则。本次自评运用") && narrative.contains("\n4、公开透明原则。"),
            "the drafts kept beside the edit")
        #expect(!narrative.contains("〔草拟〕"))
        #expect(!narrative.contains("## 绩效自评目的\n\n> 本节"), "a draft left alone is not taken")
        for name in ["narrative.md", "report.html", "report.md", "department.json", "findings.csv"] {
            #expect(!String(decoding: scratch.read("out2/" + name), as: UTF8.self).contains("张三丰"), "\(name)")
        }
        let html = String(decoding: scratch.read("out2/report.html"), as: UTF8.self)
        #expect(html.contains("<p>部分单位预算编制的准确性有待提高。</p>"))
        #expect(html.contains("〔草拟〕本次绩效自评将结合我单位2022年度"), "an untouched draft stays a draft")
    }

    /// The unedited report dropped back into the folder, as written and after LibreOffice saved it:
    /// said to be the unedited draft (not "不是 CSV 文件"), nothing taken, no paragraph reported.
    @Test func anUneditedReportIsSaidToBeOne() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let (folder, docx) = try ReportTests.sampleWithItsReport(scratch)
        try docx.write(to: URL(fileURLWithPath: scratch.sub("2022/report.docx")))
        if ReportTests.writer != nil {
            try ReportTests.runTool(
                ReportTests.writer!,
                [
                    "-env:UserInstallation=file://" + scratch.sub("profile"), "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", scratch.sub("saved"), scratch.sub("out/report.docx"),
                ])
            try FileManager.default.copyItem(
                atPath: scratch.sub("saved/report.docx"), toPath: scratch.sub("2022/另存的报告.docx"))
        }
        _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")])
        let department = try scratch.json("out2/department.json")
        let findings = department["findings"] as! [[String: Any]]
        let names = ReportTests.writer == nil ? ["report.docx"] : ["report.docx", "另存的报告.docx"]
        for name in names {
            let mine = findings.filter { $0["file"] as? String == name }.map { $0["rule"] as! String }
            #expect(mine == ["narrative.report_unedited"], "\(name): \(mine)")
            let input = (department["inputs"] as! [[String: Any]]).first { $0["path"] as? String == name }
            #expect(input?["kind"] as? String == "narrative", "\(name)")
        }
        #expect(scratch.read("out2/report.html") == scratch.read("out/report.html"), "the same draft")
    }
}
