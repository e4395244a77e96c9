import Foundation
import Testing

/// Hostile unit, indicator and file names in a copy of the sample, and the outputs read back by
/// strict third-party readers: Python's html.parser and csv (strict), and cmark, the CommonMark
/// reference implementation (Scripts/install-deps installs it).
@Suite struct EscapingEndToEndTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path

    static let imgName = "\u{600}<img src=x onerror=alert(1)>"
    static let quoteName = "x\"\u{301},=2+3,y"
    static let lineBreakName = "第一行\r\n# 标题\n| a | b |\r<script>alert(1)</script>\u{2028}尾"
    /// Unit names by code; 012001's is the department's name (the report's title and heading).
    static let unitNames: [String: String] = [
        "012001": "\u{202E}<b>*强*</b>&lt;\u{600}<img src=x onerror=alert(1)>本级",
        "012002": quoteName,
        "012003": imgName,
        "012004": lineBreakName,
        "012005": "=HYPERLINK(\"http://x\")＋＠;\t**粗**_斜_[链](x)`码`\\",
        "012006": "' onclick='alert(1)' \"><svg onload=alert(1)>",
    ]
    /// Indicator names by id.
    static let indicatorNames: [String: String] = [
        "C01": imgName,
        "C02": "a\r\nb <b onmouseover=alert(1)>x</b>",
        "C03": "＝1+1\u{20DD}<![CDATA[x]]><!-- c -->&amp;",
    ]

    /// Runs python3 with `script`; its stdout.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        let errors = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed: \(said)")
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    /// A copy of the sample with the hostile names written into its registry and indicator sheet.
    static func hostileSample(_ scratch: Scratch) throws -> String {
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: sample, toPath: folder)
        _ = try python(
            """
            import csv, json, sys
            folder, units, indicators = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
            def rewrite(name, key, header, names):
                path = folder + "/" + name
                with open(path, encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.reader(f, strict=True))
                keyed, column = rows[0].index(key), rows[0].index(header)
                for row in rows[1:]:
                    if row[keyed] in names:
                        row[column] = names[row[keyed]]
                        if name == "单位名录.csv": row[2] = ""  # no alias: the name itself goes into the charts
                with open(path, "w", encoding="utf-8-sig", newline="") as f:
                    csv.writer(f, lineterminator="\\r\\n").writerows(rows)
            rewrite("单位名录.csv", "单位编码", "单位名称", units)
            rewrite("绩效指标.csv", "指标编码", "指标名称", indicators)
            """, [folder, json(unitNames), json(indicatorNames)])
        // The department's own words are untrusted too: every name as a paragraph of 部门职能, and a
        // heading that tries to be markup.
        let words = allNames.map { name in
            // Each name one line: its line breaks one space each, as the outputs fold them.
            let scalars = name.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars.map { scalar in
                [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value) ? " " : scalar
            }
            return String(String.UnicodeScalarView(scalars))
        }.joined(separator: "\n")
        _ = scratch.write("2022/叙述.md", "## 部门职能\n\(words)\n## <img src=x onerror=alert(1)>\n不采用\n")
        return folder
    }

    /// Every name the outputs must give back exactly.
    static var allNames: [String] { Array(unitNames.values) + Array(indicatorNames.values) }

    @Test func hostileNamesComeBackExactlyFromEveryOutput() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.hostileSample(scratch)
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        #expect(run.status == 65, "\(run.stderr)")

        // report.html: no element or attribute the names tried to make; every name is text.
        let html = try Self.python(
            """
            import html.parser, json, sys
            class Reader(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.tags, self.attributes, self.texts = set(), set(), []
                def handle_starttag(self, tag, attrs):
                    self.tags.add(tag)
                    self.attributes.update(name for name, _ in attrs)
                    self.texts.extend(value or "" for _, value in attrs)
                def handle_startendtag(self, tag, attrs): self.handle_starttag(tag, attrs)
                def handle_data(self, data): self.texts.append(data)
                def handle_comment(self, data): self.tags.add("!--")
                def unknown_decl(self, data): self.tags.add("![")
            reader = Reader()
            reader.feed(open(sys.argv[1], encoding="utf-8", newline="").read())  # the bytes as written, CR included
            reader.close()
            names = json.loads(sys.argv[2])
            print(json.dumps({"tags": sorted(reader.tags), "on": sorted(a for a in reader.attributes if a.startswith("on")),
                              "missing": [n for n in names if not any(n in t for t in reader.texts)]}))
            """, [scratch.sub("out/report.html"), Self.json(Self.allNames)])
        let htmlResult = try JSONSerialization.jsonObject(with: Data(html.utf8)) as! [String: [String]]
        #expect(htmlResult["missing"] == [], "names not found as text in report.html")
        #expect(htmlResult["on"] == [], "no on* attribute")
        for tag in ["img", "script", "b", "!--", "!["] {
            #expect(!(htmlResult["tags"] ?? []).contains(tag), "\(tag)")
        }

        // Every CSV output, strictly: each name is one whole cell (with a leading ' when it
        // would start a formula) in units.csv or score.csv.
        let csv = try Self.python(
            """
            import csv, json, sys
            cells = set()
            for path in sys.argv[1:4]:
                with open(path, encoding="utf-8-sig", newline="") as f:
                    for row in csv.reader(f, strict=True):
                        cells.update(row)
            names = json.loads(sys.argv[4])
            def expected(n): return "'" + n if n[0] in "=+-@\\t\\r＝＋－＠" else n
            print(json.dumps([n for n in names if expected(n) not in cells]))
            """,
            ["units.csv", "score.csv", "findings.csv"].map { scratch.sub("out/" + $0) } + [Self.json(Self.allNames)])
        #expect(csv.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "names not found as cells: \(csv)")

        // report.md through cmark: no raw HTML node, and every name is text, its line breaks
        // turned into single spaces.
        func throughCmark(_ file: String) throws -> [String: [String]] {
            let result = try Self.python(
                """
                import json, re, subprocess, sys, xml.etree.ElementTree as ET
                xml = subprocess.run(["cmark", "--to", "xml", sys.argv[1]], check=True, capture_output=True).stdout
                root = ET.fromstring(xml)
                ns = "{http://commonmark.org/xml/1.0}"
                kinds = {element.tag.replace(ns, "") for element in root.iter()}
                def text(element):
                    kind = element.tag.replace(ns, "")
                    if kind in ("text", "code"): return element.text or ""
                    if kind in ("softbreak", "linebreak"): return "\\n"
                    return "".join(text(child) for child in element)
                blocks = [text(block) for block in root]
                names = [re.sub("\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]", " ", n) for n in json.loads(sys.argv[2])]
                print(json.dumps({"html": sorted(kinds & {"html_block", "html_inline"}),
                                  "missing": [n for n in names if not any(n in b for b in blocks)]}))
                """, [scratch.sub("out/" + file), Self.json(Self.allNames)])
            return try JSONSerialization.jsonObject(with: Data(result.utf8)) as! [String: [String]]
        }
        // report.docx: every part well-formed XML (a control character would make Word refuse the
        // document), every name text in document.xml.
        let docx = try Self.python(
            """
            import json, re, sys, zipfile, xml.etree.ElementTree as ET
            archive = zipfile.ZipFile(sys.argv[1])
            for name in archive.namelist():
                if name.endswith(".xml") or name.endswith(".rels"): ET.fromstring(archive.read(name))
            w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
            root = ET.fromstring(archive.read("word/document.xml"))
            texts = ["".join(t.text or "" for t in p.iter(w + "t")) for p in root.iter(w + "p")]
            flat = lambda s: re.sub("[\\r\\n]", "", s)
            names = json.loads(sys.argv[2])
            print(json.dumps([n for n in names if not any(flat(n) in flat(t) for t in texts)]))
            """, [scratch.sub("out/report.docx"), Self.json(Self.allNames)])
        #expect(
            docx.trimmingCharacters(in: .whitespacesAndNewlines) == "[]",
            "names not found as text in report.docx: \(docx)")

        // report.md, and narrative.md with the department's words written back.
        for file in ["report.md", "narrative.md"] {
            let markdownResult = try throughCmark(file)
            #expect(markdownResult["html"] == [], "no raw HTML in \(file)")
            #expect(markdownResult["missing"] == [], "names not found as text in \(file)")
        }
    }

    /// The first failures, one by one: a prepend character before `<`, a combining mark after
    /// `"`, a line break in a table cell.
    @Test func theEarlierFailuresAreClosed() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.hostileSample(scratch)
        _ = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        let html = String(decoding: scratch.read("out/report.html"), as: UTF8.self)
        #expect(html.range(of: "<img") == nil, "no raw <img reaches report.html")
        #expect(html.contains("\u{600}&lt;img src=x onerror=alert(1)&gt;"))
        let units = scratch.read("out/units.csv")
        #expect(units.range(of: Data("\"x\"\"\u{301},=2+3,y\"".utf8)) != nil, "the quote is doubled")
        let markdown = String(decoding: scratch.read("out/report.md"), as: UTF8.self)
        #expect(!markdown.unicodeScalars.contains("\r"), "no CR in report.md")
        #expect(!markdown.contains("\n\\# 标题") && !markdown.contains("\n# 标题"), "a name never starts a line")
        #expect(markdown.contains("第一行 \\# 标题 \\| a \\| b \\| \\<script\\>alert(1)\\</script\\> 尾"))
    }

    /// A file name with a line break and ESC cannot forge the summary line or reach the terminal raw.
    @Test func aFileNameCannotForgeAStderrLine() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: Self.sample, toPath: scratch.sub("2022"))
        scratch.write("2022/伪造\n汇总完成：自评 100.00 分\u{1B}[2J.csv", "\u{1}\u{2}garbage\n\"\n")
        let run = try Huizong.run([
            "consolidate", scratch.sub("2022"), "--out", scratch.sub("out"), "--log-level", "debug",
        ])
        #expect(run.status == 65)
        #expect(run.stderr.contains("伪造\\u{A}汇总完成：自评 100.00 分\\u{1B}[2J.csv"), "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains("\u{1B}"))
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("汇总完成") }.count == 1, "only the real summary line")
    }

    // MARK: Streams that cannot be written

    struct RawRun {
        var status: Int32
        var signalled: Bool
        var stderr: String
    }

    /// Runs the binary with stdout and/or stderr pointed at the given handles (a pipe otherwise).
    static func run(_ arguments: [String], stdout: FileHandle? = nil, stderr: FileHandle? = nil) throws -> RawRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Huizong.binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = stderr ?? err
        try process.run()
        if stdout == nil { _ = out.fileHandleForReading.readDataToEndOfFile() }
        let errors = stderr == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return RawRun(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            stderr: String(decoding: errors, as: UTF8.self))
    }

    static var inspectedFile: String { sample + "/012001_自然资源和规划局本级/人员.csv" }

    @Test func consolidateWithAFullStderrExitsByItsOutcome() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try Self.run(["consolidate", Self.sample, "--out", scratch.sub("out")], stderr: full)
        #expect(!run.signalled && run.status == 65, "status \(run.status), signalled \(run.signalled)")
        #expect(FileManager.default.fileExists(atPath: scratch.sub("out/department.json")))
    }

    @Test func inspectWithAFullStdoutExits74() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try Self.run(["inspect", Self.inspectedFile], stdout: full)
        #expect(!run.signalled && run.status == 74, "status \(run.status), signalled \(run.signalled)")
        #expect(run.stderr.hasPrefix("huizong: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        let rows = try Self.run(["inspect", "--rows", Self.inspectedFile], stdout: full)
        #expect(rows.status == 74)
    }

    @Test func inspectIntoAClosedPipeExits74NotSIGPIPE() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let run = try Self.run(["inspect", Self.inspectedFile], stdout: pipe.fileHandleForWriting)
        #expect(!run.signalled && run.status == 74, "status \(run.status), signalled \(run.signalled)")
    }
}
