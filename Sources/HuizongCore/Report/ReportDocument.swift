/// The draft self-evaluation report as blocks, rendered both as HTML and as Markdown from the
/// same content, so the two never disagree.
struct ReportDocument {
    enum Inline {
        case text(String)
        /// A number from the consolidation, with where it comes from in department.json.
        case figure(String, source: String)
        case strong(String)
        /// What the department still has to write: 【请填写：…】, marked so it cannot be missed.
        case prompt(String)
        /// Wording the department has still to make its own, after its mark: standard wording
        /// drafted (〔草拟〕) or last year's words carried over (〔沿用上年，请核对〕).
        case draft(String, mark: String)
    }

    /// What marks drafted wording; an edited report.docx has it taken off when read back.
    static let draftMark = "〔草拟〕"
    /// What marks last year's words carried into this year's draft until the officer checks them.
    static let carriedMark = "〔沿用上年，请核对〕"
    static let marks = [draftMark, carriedMark]

    enum Block {
        case title(String, subtitle: String)
        case heading(Int, String)
        case paragraph([Inline])
        /// The department's own words (or the prompt for them): in report.docx in the body style, so
        /// that what the officer writes there is read back (`Narrative.fromReport`); figures and
        /// sentences made from data are `paragraph`s, in a style of their own.
        case written([Inline])
        case table(header: [String], rows: [[String]], numeric: Set<Int>, caption: String?)
        /// Drawn by each renderer: inline SVG, a native Word chart, a line in Markdown.
        case chart(BarChart, title: String, caption: String)
        case list([[Inline]])
        case note(String)
        /// The note under the title saying the report is a draft; the page adds how to trace a figure.
        case draftNote(String)
        /// What follows starts a new page (the signature form, the appendix).
        case pageBreak
        /// The form the evaluation group signs by hand: one row per role, no names from data, and
        /// the 落款 (the department's name and a date line) with room for its seal.
        case signatureForm(roles: [String], signer: String)
    }

    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }
}

// MARK: - HTML

extension ReportDocument {
    /// One self-contained page: inline CSS and SVG, no script, nothing fetched; prints on A4.
    func html(title: String) -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .title(let text, let subtitle):
                body +=
                    "<header><h1>\(Escape.html(text))</h1><p class=\"subtitle\">\(Escape.html(subtitle))</p></header>\n"
            case .heading(let level, let text):
                body += "<h\(level + 1)>\(Escape.html(text))</h\(level + 1)>\n"
            case .paragraph(let inlines), .written(let inlines):
                body += "<p>\(html(inlines))</p>\n"
            case .table(let header, let rows, let numeric, let caption):
                let short = Self.shortColumns(header: header, rows: rows)
                func cellClass(_ index: Int) -> String {
                    numeric.contains(index) ? " class=\"num\"" : short.contains(index) ? " class=\"short\"" : ""
                }
                body += "<table>\n"
                if let caption { body += "<caption>\(Escape.html(caption))</caption>\n" }
                body +=
                    "<thead><tr>"
                    + header.enumerated().map { index, cell in
                        "<th\(cellClass(index))>\(Escape.html(cell))</th>"
                    }.joined() + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    body +=
                        "<tr>"
                        + row.enumerated().map { index, cell in
                            "<td\(cellClass(index))>\(Escape.html(cell))</td>"
                        }.joined() + "</tr>\n"
                }
                body += "</tbody></table>\n"
            case .chart(let chart, let title, let caption):
                body += "<figure>\(chart.svg(title: title))<figcaption>\(Escape.html(caption))</figcaption></figure>\n"
            case .list(let items):
                body += "<ol>\n" + items.map { "<li>\(html($0))</li>\n" }.joined() + "</ol>\n"
            case .note(let text):
                body += "<p class=\"note\">\(Escape.html(text))</p>\n"
            case .draftNote(let text):
                body += "<p class=\"note\">\(Escape.html(text + "在网页中把鼠标停在数字上可看到其出处。"))</p>\n"
            case .pageBreak:
                body += "<div class=\"page-break\"></div>\n"
            case .signatureForm(let roles, let signer):
                body +=
                    "<table class=\"sign\">\n<thead><tr>"
                    + Self.signatureHeader.map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    + roles.map { "<tr><td>\(Escape.html($0))</td><td></td><td></td><td></td></tr>\n" }.joined()
                    + "</tbody></table>\n"
                    + Self.sealLines(signer).enumerated().map { index, line in
                        "<p class=\"seal\(index == 0 ? " first" : "")\">\(Escape.html(line))</p>\n"
                    }.joined()
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escape.html(title))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let signatureHeader = ["职务", "姓名", "单位及职务", "签字"]

    /// The 落款 under the signature form: the signer, the date line (the seal goes over both).
    static func sealLines(_ signer: String) -> [String] { ["（盖章）", signer, "年\u{3000}\u{3000}月\u{3000}\u{3000}日"] }

    /// The columns whose cells are all a few characters (方向, 计量单位): never wrapped.
    static func shortColumns(header: [String], rows: [[String]]) -> Set<Int> {
        Set(
            header.indices.filter { index in
                ([header[index]] + rows.map { index < $0.count ? $0[index] : "" }).allSatisfy {
                    $0.unicodeScalars.count <= 6
                }
            })
    }

    /// Printed as 党政机关公文 are set (GB/T 9704): A4 with margins 37/26/35/28 mm, body in 仿宋
    /// (三号 in print), 一、 headings in 黑体 and （一） in 楷体, with fonts that exist on Linux after
    /// the Windows ones; page numbers at the foot; headings kept with what follows; table headers
    /// repeated on each page; short columns never wrapped; the screen's provenance underline not printed.
    static let css = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-size: 14pt; } }
        :root { --ink: #1d2733; --muted: #5b6775; --rule: #9aa5b1; --accent: #b22a2a;
                --song: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
                --hei: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
                --kai: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", "Noto Serif CJK SC", "Noto Serif SC", serif;
                --title: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Noto Serif SC", serif; }
        body { font-family: var(--song); color: var(--ink); line-height: 1.75; max-width: 156mm; margin: 0 auto; padding: 12mm 8mm; font-size: 12pt; }
        header { text-align: center; margin-bottom: 1.2em; }
        h1 { font-family: var(--title); font-size: 22pt; margin: 0.2em 0; font-weight: bold; }
        .subtitle { font-family: var(--title); font-size: 18pt; margin-top: 0; }
        h2 { font-family: var(--hei); font-size: 14pt; font-weight: normal; margin: 1.2em 0 0.3em; }
        h3 { font-family: var(--kai); font-size: 13pt; font-weight: normal; margin: 0.9em 0 0.3em; }
        h4, h5 { font-family: var(--song); font-size: 12pt; font-weight: bold; margin: 0.7em 0 0.2em; }
        h2, h3, h4, h5, caption { break-after: avoid; page-break-after: avoid; }
        p { text-indent: 2em; margin: 0.3em 0; }
        p.note { text-indent: 0; color: var(--muted); font-size: 10pt; }
        .fig { font-variant-numeric: tabular-nums; border-bottom: 1px dotted var(--muted); }
        mark.prompt { background: #fff1a8; color: #6b4500; }
        strong { font-weight: bold; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 10pt; line-height: 1.5; }
        thead { display: table-header-group; }
        caption { text-align: center; font-family: var(--hei); padding-bottom: 0.3em; }
        th, td { border: 1px solid var(--rule); padding: 3px 5px; vertical-align: top; }
        th { background: #eef2f6; white-space: nowrap; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.short, th.short { white-space: nowrap; }
        table.sign td { height: 2.2em; }
        p.seal { text-align: right; text-indent: 0; margin-right: 4em; }
        p.seal.first { margin-top: 2.5em; }
        .page-break { break-before: page; page-break-before: always; }
        mark.draft { background: #e2efda; color: inherit; }
        figure { margin: 0.8em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
        figcaption { text-align: center; font-size: 10pt; }
        svg { width: 100%; height: auto; }
        svg text { font-family: var(--hei); }
        ol li { margin: 0.3em 0; }
        @media print {
            body { font-size: 16pt; line-height: 28pt; max-width: none; padding: 0; }
            h2, h3, h4, h5 { font-size: 16pt; }
            table { font-size: 10.5pt; }
            .fig { border-bottom: none; }
            p.note { display: none; }
        }
        """

    func html(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text): Escape.html(text)
            case .strong(let text): "<strong>\(Escape.html(text))</strong>"
            case .prompt(let text): "<mark class=\"prompt\">\(Escape.html(text))</mark>"
            case .draft(let text, let mark): "<mark class=\"draft\">\(Escape.html(mark + text))</mark>"
            case .figure(let value, let source):
                "<span class=\"fig\" title=\"\(Escape.html(source))\">\(Escape.html(value))</span>"
            }
        }.joined()
    }
}

// MARK: - Markdown

extension ReportDocument {
    /// Every text is escaped with `Escape.markdown`; only the markup written here (`#`, `**`,
    /// `|`, `>`, list numbers) is Markdown.
    func markdown() -> String {
        let md = Escape.markdown
        var out = ""
        for block in blocks {
            switch block {
            case .title(let text, let subtitle):
                out += "# \(md(text))\n\n\(md(subtitle))\n\n"
            case .heading(let level, let text):
                out += String(repeating: "#", count: level + 1) + " \(md(text))\n\n"
            case .paragraph(let inlines), .written(let inlines):
                out += markdown(inlines) + "\n\n"
            case .table(let header, let rows, let numeric, let caption):
                if let caption { out += "**\(md(caption))**\n\n" }
                out += "| " + header.map(md).joined(separator: " | ") + " |\n"
                out +=
                    "| " + header.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: " | ")
                    + " |\n"
                for row in rows { out += "| " + row.map(md).joined(separator: " | ") + " |\n" }
                out += "\n"
            case .chart(_, _, let caption):
                out += "*（图：\(md(caption))，见 report.html）*\n\n"
            case .list(let items):
                for (index, item) in items.enumerated() { out += "\(index + 1). \(markdown(item))\n" }
                out += "\n"
            case .note(let text), .draftNote(let text):
                out += "> \(md(text))\n\n"
            case .pageBreak:
                break
            case .signatureForm(let roles, let signer):
                out += "| " + Self.signatureHeader.map(md).joined(separator: " | ") + " |\n| --- | --- | --- | --- |\n"
                for role in roles { out += "| \(md(role)) |  |  |  |\n" }
                out += "\n" + Self.sealLines(signer).map(md).joined(separator: "\n\n") + "\n\n"
            }
        }
        return out
    }

    func markdown(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .figure(let text, _): Escape.markdown(text)
            case .strong(let text), .prompt(let text): "**\(Escape.markdown(text))**"
            case .draft(let text, let mark): "*\(Escape.markdown(mark))*\(Escape.markdown(text))"
            }
        }.joined()
    }
}
