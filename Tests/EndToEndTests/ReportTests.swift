import Foundation
import Testing
import ZIPFoundation

/// The draft report: the seed's figures and slips, self-contained, and rendered by a real
/// browser without a broken character or a request leaving the machine.
@Suite(.serialized) struct ReportTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Without a CJK font the page would render as boxes, which no DOM check can see.
    static let hasChineseFont: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        process.arguments = [":lang=zh", "family"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let listed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return !listed.isEmpty
    }()

    static func consolidated() throws -> (Scratch, String, String) {
        let scratch = Scratch()
        _ = try Huizong.run(["consolidate", sample, "--out", scratch.sub("out")])
        let html = String(decoding: scratch.read("out/report.html"), as: UTF8.self)
        let markdown = String(decoding: scratch.read("out/report.md"), as: UTF8.self)
        return (scratch, html, markdown)
    }

    @Test func carriesTheSeedsFiguresScoreAndSlips() throws {
        let (scratch, html, markdown) = try Self.consolidated()
        defer { scratch.remove() }
        // What a Markdown reader sees: report.md backslash-escapes every ASCII punctuation character.
        let markdownText = markdown.replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.output.1) }
        for text in [html, markdownText] {
            for figure in [
                "176432.02", "23575.36", "13362.87", "10212.49", "120.98", "1133", "1162",
                "36089.91", "945502.00", "18557.82", "966017.02", "39052.37", "137613.51", "153535.82",
                "35347.86", "111585.01", "29007.27", "124224.24", "1265.60", "98.34",
            ] {
                #expect(text.contains(figure), "\(figure)")
            }
            for heading in [
                "一、部门基本情况", "（二）部门收支预决算情况", "三、部门整体支出绩效目标实现情况及指标分析",
                "四、评价结论和评价等级", "五、存在的问题及改进措施",
            ] {
                #expect(text.contains(heading), "\(heading)")
            }
            // The seed's slips, in the appendix for the reviewer.
            for slip in ["115019.20", "153231.51", "在职人员”1162 人", "-397.95", "99.44"] {
                #expect(text.contains(slip), "\(slip)")
            }
        }
        #expect(html.contains("评价等级为“<strong>优秀</strong>”"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 2, "at least two charts")
        #expect(
            html.contains("title=\"department.json → totals.assets.cash（万元）\">176432.02</span>"),
            "figures are traceable")
        let again = try Self.consolidated()
        defer { again.0.remove() }
        #expect(again.1 == html && again.2 == markdown, "byte-identical on a rerun")
    }

    static let goals = [
        "完善国土空间总体规划编制成果，按时完成编制报批工作", "掌握全民所有自然资源资产", "推进国土空间的生态修复",
        "为全市建设提供自然资源保障", "做好地理信息数据保障工作", "高标准做好违法用地整改各项工作",
    ]

    /// The seed report's headings, in its order.
    static let seedHeadings =
        [
            "一、部门基本情况", "（一）部门概况", "1、部门职能", "2、机构设置", "3、资产情况", "（二）部门收支预决算情况",
            "（三）部门整体支出绩效目标、指标", "1、整体绩效目标", "2、分项绩效目标、指标",
        ] + goals.enumerated().map { "（\($0 + 1)）\($1)" }
        + [
            "二、自评工作开展情况", "（一）自评的组织工作", "（二）绩效自评目的", "（三）绩效自评内容", "（四）自评的方法", "（五）绩效自评过程",
            "三、部门整体支出绩效目标实现情况及指标分析", "总体绩效目标实现情况", "（二）分项绩效目标实现情况及指标分析",
        ] + goals.enumerated().map { "（\($0 + 1)）\($1)" }
        + ["四、评价结论和评价等级", "五、存在的问题及改进措施", "（一）存在的主要问题", "（二）针对问题提出具体的改进措施或建议", "评价工作组人员名单及签字"]

    /// The first of `wanted` not found, in order, among `headings` (each within one heading's text).
    static func missing(_ wanted: [String], in headings: [String]) -> String? {
        var rest = headings[...]
        for heading in wanted {
            guard let index = rest.firstIndex(where: { $0.contains(heading) }) else { return heading }
            rest = rest[(index + 1)...]
        }
        return nil
    }

    /// Every heading of the seed's report, in its order, in report.html and report.md; each part the
    /// data cannot fill shows what belongs there; the data checker's findings are in the appendix,
    /// not in 五; the signature block is a form with no names.
    @Test func followsTheSeedsStructure() throws {
        let (scratch, html, markdown) = try Self.consolidated()
        defer { scratch.remove() }
        let markdownText = markdown.replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.output.1) }
        let htmlHeadings = html.matches(of: /<h[1-6]>([^<]*)<\/h[1-6]>/).map { String($0.output.1) }
        let markdownHeadings = markdownText.matches(of: /(?m)^#+ (.*)$/).map { String($0.output.1) }
        #expect(Self.missing(Self.seedHeadings, in: htmlHeadings) == nil)
        #expect(Self.missing(Self.seedHeadings, in: markdownHeadings) == nil)
        for text in [html, markdownText] {
            // 14 parts, and each goal's target and result.
            // 14 parts (7 with standard wording drafted instead), and each goal's target and result.
            #expect(text.components(separatedBy: "【请填写：").count - 1 == 7 + 2 * Self.goals.count)
            #expect(text.components(separatedBy: "〔草拟〕").count - 1 == 12 + 1, "12 drafted paragraphs, and the note")
            let five = try #require(text.range(of: "五、存在的问题及改进措施"))
            let appendix = try #require(text.range(of: "附件：数据核对问题清单"))
            #expect(
                !text[five.upperBound..<appendix.lowerBound].contains("115019.20"),
                "findings are not the department's problems")
            #expect(text[appendix.upperBound...].contains("115019.20"))
            #expect(text[five.upperBound..<appendix.lowerBound].contains("（建议）部分单位预算收支数据不平衡或有误"))
        }
        #expect(html.contains("<table class=\"sign\">") && html.contains("<tr><td>组长</td><td></td>"))
    }

    /// The whole paragraph (`<w:p>…</w:p>`) of document.xml holding `text`.
    static func promptParagraph(_ text: String, in document: String) -> Range<String.Index>? {
        guard let at = document.range(of: text),
            let start = document.range(of: "<w:p>", options: .backwards, range: document.startIndex..<at.lowerBound),
            let end = document.range(of: "</w:p>", range: at.upperBound..<document.endIndex)
        else { return nil }
        return start.lowerBound..<end.upperBound
    }

    /// A part of report.docx, as text.
    static func docxPart(_ data: Data, _ path: String) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "\(path)")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each paragraph of document.xml with its style and its text.
    static func docxParagraphs(_ document: String) -> [(style: String, text: String)] {
        document.matches(of: /<w:p>(.*?)<\/w:p>/).map { paragraph in
            let body = String(paragraph.output.1)
            let style = body.firstMatch(of: /<w:pStyle w:val="([^"]+)"\/>/).map { String($0.output.1) } ?? ""
            let text = body.matches(of: /<w:t[^>]*>([^<]*)<\/w:t>/).map { String($0.output.1) }.joined()
            return (
                style,
                text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&#39;", with: "'")
            )
        }
    }

    /// report.docx is the same report as a Word document: the seed's headings in order as real
    /// heading styles, the prompts, the tables with their header row repeated, the charts as native
    /// charts with the figures in them, page numbers, A4 with GB/T 9704's margins; and the same
    /// bytes on a rerun.
    @Test func theWordDocumentIsTheSameReport() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let docx = scratch.read("out/report.docx")
        let document = try Self.docxPart(docx, "word/document.xml")
        let paragraphs = Self.docxParagraphs(document)
        let headings = paragraphs.filter { $0.style.hasPrefix("Heading") }.map(\.text)
        #expect(Self.missing(Self.seedHeadings, in: headings) == nil)
        #expect(paragraphs.filter { $0.text.hasPrefix("【请填写：") }.count == 7 + 2 * Self.goals.count)
        #expect(paragraphs.contains { $0.text.contains("截至2022年底，我单位共有资产186765.49万元，其中货币资金176432.02万元") })
        #expect(document.components(separatedBy: "<w:tblHeader/>").count - 1 >= 10, "every table repeats its header")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") && document.contains("w:top=\"2098\""))
        let styles = try Self.docxPart(docx, "word/styles.xml")
        #expect(styles.contains("<w:name w:val=\"heading 1\"/>") && styles.contains("<w:outlineLvl w:val=\"0\"/>"))
        #expect(styles.contains("w:eastAsia=\"黑体\"") && styles.contains("w:eastAsia=\"仿宋\""))
        #expect(try Self.docxPart(docx, "word/footer1.xml").contains(" PAGE "))
        let chart = try Self.docxPart(docx, "word/charts/chart1.xml")
        #expect(chart.contains("<c:v>货币资金</c:v>") && chart.contains("<c:v>176432.020000</c:v>"))
        #expect((try? Self.docxPart(docx, "word/charts/chart4.xml")) != nil, "four charts")
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("again")])
        #expect(scratch.read("again/report.docx") == docx, "byte-identical on a rerun")
    }

    /// Where LibreOffice Writer is installed, report.docx converts to PDF, whose text has the
    /// seed's headings in order, the tables' figures and the charts' labels.
    @Test(.enabled(if: ReportTests.writer != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")))
    func theWordDocumentPrintsThroughLibreOffice() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        try Self.runTool(
            ReportTests.writer!,
            [
                "-env:UserInstallation=file://" + scratch.sub("profile"), "--headless", "--convert-to", "pdf",
                "--outdir",
                scratch.sub("pdf"), scratch.sub("out/report.docx"),
            ])
        try Self.runTool(
            "/usr/bin/pdftotext", ["-layout", scratch.sub("pdf/report.pdf"), scratch.sub("pdf/report.txt")])
        let printed = String(decoding: scratch.read("pdf/report.txt"), as: UTF8.self)
        let lines = printed.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "") }
        // A long heading may wrap onto a second line: its first twelve characters are looked for.
        #expect(
            Self.missing(Self.seedHeadings.map { String($0.prefix(12)) }, in: lines) == nil, "\(printed.prefix(3000))")
        for figure in ["176432.02", "98.34", "资产构成", "各单位决算支出", "数据核对问题清单"] {
            #expect(printed.contains(figure), "\(figure)")
        }
    }

    /// An officer edits report.docx in WPS (here: its XML edited the way WPS saves, runs split,
    /// style ids renamed as Chinese Word names them) and drops it into the folder: the words come
    /// back into the next draft and into narrative.md, while the figures follow the changed data.
    /// The sample copied into `scratch/2022` and consolidated into `scratch/out`: the folder and its report.docx.
    static func sampleWithItsReport(_ scratch: Scratch) throws -> (folder: String, docx: Data) {
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: sample, toPath: folder)
        _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")])
        return (folder, scratch.read("out/report.docx"))
    }

    @Test func anEditedWordReportGivesItsWordsBack() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let (folder, docx) = try Self.sampleWithItsReport(scratch)
        var document = try Self.docxPart(docx, "word/document.xml")
        var styles = try Self.docxPart(docx, "word/styles.xml")
        func typed(_ text: String) -> String {
            let half = text.index(text.startIndex, offsetBy: text.count / 2)
            return
                "<w:p><w:pPr><w:rPr><w:lang w:eastAsia=\"zh-CN\"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>"
                + "<w:t>\(text[..<half])</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>\(text[half...])</w:t></w:r></w:p>"
        }
        func replacePrompt(_ prompt: String, with paragraphs: [String]) throws {
            let paragraph = try #require(Self.promptParagraph("【请填写：\(prompt)", in: document), "\(prompt)")
            document.replaceSubrange(paragraph, with: paragraphs.map(typed).joined())
        }
        try replacePrompt("部门的主要职能", with: ["（1）履行全民所有自然资源资产所有者职责。", "（2）负责全市自然资源调查监测评价。"])
        try replacePrompt("“推进国土空间的生态修复”的实现情况", with: ["全年完成矿山关闭验收9个。"])
        try replacePrompt("本部门在预算和绩效管理中存在的主要问题", with: ["1.个别项目目标和指标设置简化"])
        // Typed after a prompt left in, in the same paragraph.
        let overall = "【请填写：年初确定的部门整体绩效目标】</w:t></w:r>"
        document = document.replacingOccurrences(of: overall, with: overall + "<w:r><w:t>提高自然资源保障能力。</w:t></w:r>")
        // Chinese Word's own ids for the heading styles.
        for level in 1...4 {
            document = document.replacingOccurrences(of: "w:val=\"Heading\(level)\"", with: "w:val=\"\(level)\"")
            styles = styles.replacingOccurrences(of: "w:styleId=\"Heading\(level)\"", with: "w:styleId=\"\(level)\"")
        }
        let edited = try Archive(accessMode: .create)
        let original = try Archive(data: docx, accessMode: .read)
        for entry in original {
            var bytes = Data()
            _ = try original.extract(entry) { bytes.append($0) }
            if entry.path == "word/document.xml" { bytes = Data(document.utf8) }
            if entry.path == "word/styles.xml" { bytes = Data(styles.utf8) }
            try edited.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try edited.data!.write(to: URL(fileURLWithPath: scratch.sub("2022/自评报告（修改稿）.docx")))
        // The untouched narrative.md beside it, as the draft's note suggests: the edited report wins.
        try FileManager.default.copyItem(
            atPath: scratch.sub("out/narrative.md"), toPath: scratch.sub("2022/narrative.md"))
        // A Word file that is not Huizong's report is not read as anyone's words.
        var foreign = try Self.docxPart(docx, "word/styles.xml")
        foreign = foreign.replacingOccurrences(of: "Data Text", with: "Body Text 2")
        let other = try Archive(accessMode: .create)
        for entry in original {
            var bytes = Data()
            _ = try original.extract(entry) { bytes.append($0) }
            if entry.path == "word/styles.xml" { bytes = Data(foreign.utf8) }
            try other.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try other.data!.write(to: URL(fileURLWithPath: scratch.sub("2022/去年的报告.docx")))
        // And the data changed: one unit's assets are gone.
        try FileManager.default.removeItem(atPath: scratch.sub("2022/012022_城乡规划局园区分局/资产卡片.csv"))
        _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")])
        let html = String(decoding: scratch.read("out2/report.html"), as: UTF8.self)
        for text in ["（1）履行全民所有自然资源资产所有者职责。", "（2）负责全市自然资源调查监测评价。", "全年完成矿山关闭验收9个。", "1.个别项目目标和指标设置简化"] {
            #expect(html.contains(text), "\(text)")
        }
        #expect(!html.contains("【请填写：部门的主要职能"))
        #expect(html.contains("<p>提高自然资源保障能力。</p>"), "words typed after a prompt count")
        #expect(html.contains("【请填写：本年度总体绩效目标的实现情况】"), "what was not written keeps its prompt")
        let narrative = String(decoding: scratch.read("out2/narrative.md"), as: UTF8.self)
        let from = "> 本节文字取自 自评报告（修改稿）.docx\n\n"
        #expect(narrative.contains("## 分项目标实现情况：推进国土空间的生态修复\n\n\(from)全年完成矿山关闭验收9个。"))
        #expect(narrative.contains("## 部门职能\n\n\(from)（1）履行全民所有自然资源资产所有者职责。\n（2）负责全市自然资源调查监测评价。"))
        let before = String(decoding: scratch.read("out/report.html"), as: UTF8.self)
        #expect(
            before.contains("我单位共有资产<span class=\"fig\" title=\"department.json → totals.assets.total（万元）\">186765.49"))
        #expect(!html.contains(">186765.49<"), "the figures follow the data")
        let department = try scratch.json("out2/department.json")
        let inputs = try #require(department["inputs"] as? [[String: Any]])
        #expect(inputs.contains { $0["path"] as? String == "自评报告（修改稿）.docx" && $0["kind"] as? String == "narrative" })
        #expect(inputs.contains { $0["path"] as? String == "去年的报告.docx" && $0["kind"] as? String == "not_csv" })
        let findings = try #require(department["findings"] as? [[String: Any]])
        #expect(
            !findings.contains { $0["rule"] as? String == "narrative.duplicate_section" },
            "an empty template claims nothing")
    }

    /// Printed to PDF by headless Chromium, every table's caption is on the page of its header row
    /// and of the heading just before it, the provenance underline is not printed, and the page
    /// numbers are at the foot.
    @Test(
        .enabled(if: ReportTests.chromium != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")))
    func printsWithEveryTableBesideItsHeading() throws {
        let (scratch, html, _) = try Self.consolidated()
        defer { scratch.remove() }
        try Self.runTool(
            Self.chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--proxy-server=http://127.0.0.1:9", "--user-data-dir=\(scratch.sub("profile"))",
                "--no-pdf-header-footer", "--print-to-pdf=\(scratch.sub("report.pdf"))",
                "file://" + scratch.sub("out/report.html"),
            ])
        try Self.runTool("/usr/bin/pdftotext", [scratch.sub("report.pdf"), scratch.sub("report.txt")])
        let pages = String(decoding: scratch.read("report.txt"), as: UTF8.self).components(separatedBy: "\u{0C}")
            .map { $0.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "") }
        #expect(pages.count > 5)
        func page(_ text: String, from start: Int = 0) -> Int? {
            let wanted = text.replacingOccurrences(of: " ", with: "")
            return pages.indices.dropFirst(start).first { pages[$0].contains(wanted) }
        }
        // Each table: the heading before it (if right before), its caption, its first header cell.
        let tables = html.matches(
            of:
                /(?:<h[2-5]>([^<]*)<\/h[2-5]>\n)?<table>\n<caption>([^<]*)<\/caption>\n<thead><tr><th[^>]*>([^<]*)<\/th>/
        )
        #expect(tables.count >= 8)
        var from = 0
        for table in tables {
            let caption = String(table.output.2).replacingOccurrences(of: "&amp;", with: "&")
            let captionPage = try #require(page(caption, from: from), "\(caption)")
            #expect(page(String(table.output.3), from: captionPage) == captionPage, "\(caption): its header row")
            if let heading = table.output.1 {
                #expect(page(String(heading), from: from) == captionPage, "\(caption): its heading \(heading)")
            }
            from = captionPage
        }
        #expect(pages[1].contains("—2—"), "page numbers at the foot")
    }

    /// Runs a tool to its end, its output discarded.
    static func runTool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// LibreOffice with its Writer (libreoffice-writer), when installed.
    static let writer: String? = {
        guard
            FileManager.default.fileExists(atPath: "/usr/lib/libreoffice/program/swriter")
                || FileManager.default.fileExists(atPath: "/usr/lib/libreoffice/program/libswlo.so")
        else { return nil }
        return ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The department's words, from a narrative file in the drop folder, are in both renderings and
    /// in narrative.md, which read back gives the same report: next year's draft starts from them.
    @Test func theDepartmentsWordsComeBackEveryRun() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder)
        // Saved by Notepad: CRLF line ends.
        _ = scratch.write(
            "2022/报告叙述.md",
            """
            # 自评报告叙述

            ## 1、部门职能
            （1）履行全民所有土地、矿产等自然资源资产所有者职责。
            （2）负责全市自然资源调查监测评价。

            ## 分项目标：掌握全民所有自然资源资产
            摸清全市自然资源基本状况，完成国土变更调查。

            ## 存在的主要问题
            1.个别项目目标和指标设置简化 *不是强调* <b>也不是标签</b>

            ## 工作亮点
            这一节不是报告的部分。

            """.replacingOccurrences(of: "\n", with: "\r\n"))
        let first = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")])
        #expect(first.status == 65)
        let html = String(decoding: scratch.read("out/report.html"), as: UTF8.self)
        let markdown = String(decoding: scratch.read("out/report.md"), as: UTF8.self)
        let narrative = String(decoding: scratch.read("out/narrative.md"), as: UTF8.self)
        let unescaped = markdown.replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.output.1) }
        for text in [html, unescaped, narrative.replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.output.1) }] {
            #expect(text.contains("（2）负责全市自然资源调查监测评价。"))
            #expect(text.contains("摸清全市自然资源基本状况，完成国土变更调查。"))
        }
        #expect(html.contains("1.个别项目目标和指标设置简化 *不是强调* &lt;b&gt;也不是标签&lt;/b&gt;"))
        let docx = Self.docxParagraphs(try Self.docxPart(scratch.read("out/report.docx"), "word/document.xml"))
        #expect(docx.contains { $0.text == "（2）负责全市自然资源调查监测评价。" })
        #expect(docx.contains { $0.text == "1.个别项目目标和指标设置简化 *不是强调* <b>也不是标签</b>" })
        #expect(!html.contains("【请填写：部门的主要职能"), "a part written has no prompt")
        #expect(html.contains("【请填写：年初确定的部门整体绩效目标】"), "a part not written keeps its prompt")
        let department = try scratch.json("out/department.json")
        let findings = try #require(department["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "narrative.unknown_section" && $0["line"] as? Int == 13 })
        let inputs = try #require(department["inputs"] as? [[String: Any]])
        #expect(inputs.contains { $0["path"] as? String == "报告叙述.md" && $0["kind"] as? String == "narrative" })

        // The officer puts narrative.md in place of the file: the same words, the same file back.
        try FileManager.default.removeItem(atPath: scratch.sub("2022/报告叙述.md"))
        try FileManager.default.copyItem(atPath: scratch.sub("out/narrative.md"), toPath: scratch.sub("2022/叙述.md"))
        _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")])
        // The same file but for where each section was taken from, which is said in it.
        func sections(_ path: String) -> String {
            String(decoding: scratch.read(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("> 本节文字取自") }.joined(separator: "\n")
        }
        #expect(sections("out2/narrative.md") == sections("out/narrative.md"))
        #expect(String(decoding: scratch.read("out2/narrative.md"), as: UTF8.self).contains("> 本节文字取自 叙述.md"))
        let again = String(decoding: scratch.read("out2/report.html"), as: UTF8.self)
        #expect(again.contains("1.个别项目目标和指标设置简化 *不是强调* &lt;b&gt;也不是标签&lt;/b&gt;"))
        #expect(again.contains("（2）负责全市自然资源调查监测评价。"))
    }

    /// Huizong's report.docx with the 部门职能 prompt replaced by `paragraph` (stored, not deflated,
    /// unless `deflate`), and `padding` more bytes in a stored part of their own.
    static func editedReport(
        _ docx: Data, paragraph: Data, deflate: Bool = false, padding: Int = 0, to path: String
    ) throws {
        let document = try Self.docxPart(docx, "word/document.xml")
        let prompt = try #require(Self.promptParagraph("【请填写：部门的主要职能", in: document))
        let edited =
            Data(document[..<prompt.lowerBound].utf8) + Data("<w:p><w:r><w:t>".utf8) + paragraph
            + Data("</w:t></w:r></w:p>".utf8) + Data(document[prompt.upperBound...].utf8)
        let original = try Archive(data: docx, accessMode: .read)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in original {
            var bytes = Data()
            _ = try original.extract(entry) { bytes.append($0) }
            let isDocument = entry.path == "word/document.xml"
            if isDocument { bytes = edited }
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count),
                compressionMethod: isDocument && !deflate ? .none : .deflate
            ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        if padding > 0 {
            let zeros = Data(count: padding)
            try archive.addEntry(with: "word/media/pad.bin", type: .file, uncompressedSize: Int64(padding)) {
                position, size in zeros.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// An edited report.docx whose one paragraph is 63 MiB: that paragraph is one finding naming its
    /// section and is not taken, the rest of the file is read back, and the draft stays small (before:
    /// 19.5 s and 580 MB, the paragraph copied into every report).
    @Test func aParagraphPastTheLimitIsLeftOutWithAFinding() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let (folder, docx) = try Self.sampleWithItsReport(scratch)
        let giant = Data(repeating: 0x61, count: 63 << 20)
        try Self.editedReport(docx, paragraph: giant, to: scratch.sub("2022/report.docx"))
        let run = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")], measureMemory: true)
        try FileManager.default.removeItem(atPath: scratch.sub("2022/report.docx"))
        #expect(run.status == 65)
        let department = try scratch.json("out2/department.json")
        let findings = (department["findings"] as! [[String: Any]]).filter { $0["file"] as? String == "report.docx" }
        #expect(findings.map { $0["rule"] as! String } == ["narrative.paragraph_too_long"])
        let message = findings.first?["message"] as? String ?? ""
        #expect(message.contains("“部门职能”一节的第 1 段") && message.contains("63.0 MiB") && message.contains("1 MiB"))
        let inputs = department["inputs"] as! [[String: Any]]
        let entry = inputs.first { $0["path"] as? String == "report.docx" }
        #expect(entry?["kind"] as? String == "narrative" && entry?["rejected"] as? Int == 1)
        let giantRun = String(repeating: "a", count: 1_000)
        for name in ["report.html", "report.md", "narrative.md"] {
            let text = String(decoding: scratch.read("out2/" + name), as: UTF8.self)
            #expect(!text.contains(giantRun) && text.utf8.count < 1 << 20, "\(name)")
        }
        #expect(scratch.read("out2/report.docx").count < 1 << 20)
        #expect(run.peakKiB > 0 && run.peakKiB < 160 * 1024, "peak \(run.peakKiB) KiB for a 63 MiB paragraph")
    }

    /// A Word file past 64 MiB, and one whose text inflates past the limits, are each said to be a
    /// Word document too large (before: "不是 CSV 文件").
    @Test func aWordFileTooLargeIsSaidToBeOne() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let (folder, docx) = try Self.sampleWithItsReport(scratch)
        try Self.editedReport(docx, paragraph: Data("很长".utf8), padding: 65 << 20, to: scratch.sub("2022/大.docx"))
        let spaces = Data(repeating: 0x20, count: 24 << 20)
        try Self.editedReport(docx, paragraph: spaces, deflate: true, to: scratch.sub("2022/炸弹.docx"))
        let run = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out2")], measureMemory: true)
        #expect(run.status == 65)
        let findings = try scratch.json("out2/department.json")["findings"] as! [[String: Any]]
        for name in ["大.docx", "炸弹.docx"] {
            let mine = findings.filter { $0["file"] as? String == name }
            #expect(mine.map { $0["rule"] as! String } == ["narrative.docx_too_large"], "\(name)")
            #expect((mine.first?["message"] as? String)?.contains("Word 文档过大") == true)
        }
        #expect(run.peakKiB > 0 && run.peakKiB < 160 * 1024, "peak \(run.peakKiB) KiB")
    }

    @Test func isSelfContained() throws {
        let (scratch, html, _) = try Self.consolidated()
        defer { scratch.remove() }
        for forbidden in ["<script", "<link", "@import", "url(", " src=", " href=", "https://"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The one address is SVG's namespace name, which is never fetched.
        #expect(
            html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false
        )
        #expect(html.contains("@page { size: A4;"))
    }

    @Test func noReportSkipsIt() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--no-report"])
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.sub("out")).sorted()
        #expect(
            files == [
                ".huizong-manifest", "datapackage.json", "department.json", "findings.csv", "score.csv", "units.csv",
                "汇总结果.xlsx",
            ])
    }

    /// Chromium's own services (clock, updates, sign-in) call home whatever page it shows;
    /// every other request that reached the proxy came from the page.
    static let browserServices = [
        "clients2.google.com", "update.googleapis.com", "accounts.google.com",
        "optimizationguide-pa.googleapis.com", "edgedl.me.gvt1.com", "redirector.gvt1.com",
        "safebrowsingohttpgateway.googleapis.com", "www.google.com",
    ]

    static func pageRequests(_ listener: Int32) -> [String] {
        var requests: [String] = []
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = recv(connection, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            close(connection)
            let line =
                String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).split(separator: "\r\n").first.map(
                    String.init) ?? ""
            let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            let host =
                target.replacingOccurrences(of: "http://", with: "").split(separator: "/").first?.split(separator: ":")
                .first.map(String.init) ?? ""
            if !browserServices.contains(host) { requests.append(line) }
        }
        return requests
    }

    @Test(
        .enabled(
            if: chromium != nil && hasChineseFont,
            "Chromium or a Chinese font is not installed (apt-get install chromium fonts-noto-cjk): not rendered"))
    func rendersInHeadlessChromiumWithoutBrokenCharactersOrRequests() throws {
        let (scratch, _, _) = try Self.consolidated()
        defer { scratch.remove() }
        // A listener on loopback as the browser's only proxy: any request for anything would reach it.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        #expect(listen(listener, 16) == 0)
        let port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
            "--proxy-server=http://127.0.0.1:\(port)", "--proxy-bypass-list=<-loopback>",
            "--user-data-dir=\(scratch.sub("profile"))", "--screenshot=\(scratch.sub("page.png"))",
            "--window-size=1000,4000", "--dump-dom", "file://" + scratch.sub("out/report.html"),
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(dom.contains("石家庄市自然资源和规划局") && dom.contains("评价结论和评价等级"), "the page rendered")
        #expect(!dom.contains("\u{FFFD}"), "no broken characters")
        #expect(Self.pageRequests(listener).isEmpty, "no request left the page")
        #expect(FileManager.default.fileExists(atPath: scratch.sub("page.png")))
        // Kept for a person to look at when HUIZONG_KEEP_SCREENSHOT names a path.
        if let keep = ProcessInfo.processInfo.environment["HUIZONG_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: scratch.sub("page.png"), toPath: keep)
        }
    }
}
