/// The draft self-evaluation report as blocks, rendered both as HTML and as Markdown from the
/// same content, so the two never disagree.
struct ReportDocument {
    enum Inline {
        case text(String)
        /// A number from the consolidation, with where it comes from in department.json.
        case figure(String, source: String)
        case strong(String)
    }

    enum Block {
        case title(String, subtitle: String)
        case heading(Int, String)
        case paragraph([Inline])
        case table(header: [String], rows: [[String]], numeric: Set<Int>, caption: String?)
        case chart(svg: String, caption: String)
        case list([[Inline]])
        case note(String)
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
            case .paragraph(let inlines):
                body += "<p>\(html(inlines))</p>\n"
            case .table(let header, let rows, let numeric, let caption):
                body += "<table>\n"
                if let caption { body += "<caption>\(Escape.html(caption))</caption>\n" }
                body +=
                    "<thead><tr>"
                    + header.enumerated().map { index, cell in
                        "<th\(numeric.contains(index) ? " class=\"num\"" : "")>\(Escape.html(cell))</th>"
                    }.joined() + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    body +=
                        "<tr>"
                        + row.enumerated().map { index, cell in
                            "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(Escape.html(cell))</td>"
                        }.joined() + "</tr>\n"
                }
                body += "</tbody></table>\n"
            case .chart(let svg, let caption):
                body += "<figure>\(svg)<figcaption>\(Escape.html(caption))</figcaption></figure>\n"
            case .list(let items):
                body += "<ol>\n" + items.map { "<li>\(html($0))</li>\n" }.joined() + "</ol>\n"
            case .note(let text):
                body += "<p class=\"note\">\(Escape.html(text))</p>\n"
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

    static let css = """
        @page { size: A4; margin: 18mm 16mm; }
        :root { --ink: #1d2733; --muted: #5b6775; --rule: #d5dbe2; --accent: #b22a2a; --bar: #3d6c9e; --bar2: #9db7d5; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "SimSun", sans-serif;
               color: var(--ink); line-height: 1.75; max-width: 178mm; margin: 0 auto; padding: 12mm 8mm; font-size: 11pt; }
        header { text-align: center; border-bottom: 2px solid var(--accent); margin-bottom: 1.2em; }
        h1 { font-size: 20pt; margin: 0.2em 0; letter-spacing: 0.05em; }
        .subtitle { color: var(--muted); margin-top: 0; }
        h2 { font-size: 14pt; margin: 1.4em 0 0.4em; border-left: 4px solid var(--accent); padding-left: 0.5em; break-after: avoid; }
        h3 { font-size: 12pt; margin: 1em 0 0.3em; break-after: avoid; }
        h4 { font-size: 11pt; margin: 0.8em 0 0.2em; break-after: avoid; }
        p { text-indent: 2em; margin: 0.4em 0; }
        p.note { text-indent: 0; color: var(--muted); font-size: 9.5pt; }
        .fig { font-variant-numeric: tabular-nums; border-bottom: 1px dotted var(--muted); }
        strong { color: var(--accent); }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9.5pt; break-inside: auto; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
        th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; }
        th { background: #eef2f6; }
        td:first-child, th:first-child { white-space: nowrap; }
        tr { break-inside: avoid; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        figure { margin: 0.8em 0 1.2em; break-inside: avoid; }
        figcaption { text-align: center; color: var(--muted); font-size: 9.5pt; }
        svg { width: 100%; height: auto; }
        svg text { font-family: inherit; }
        ol li { margin: 0.3em 0; }
        """

    func html(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text): Escape.html(text)
            case .strong(let text): "<strong>\(Escape.html(text))</strong>"
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
            case .paragraph(let inlines):
                out += markdown(inlines) + "\n\n"
            case .table(let header, let rows, let numeric, let caption):
                if let caption { out += "**\(md(caption))**\n\n" }
                out += "| " + header.map(md).joined(separator: " | ") + " |\n"
                out +=
                    "| " + header.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: " | ")
                    + " |\n"
                for row in rows { out += "| " + row.map(md).joined(separator: " | ") + " |\n" }
                out += "\n"
            case .chart(_, let caption):
                out += "*（图：\(md(caption))，见 report.html）*\n\n"
            case .list(let items):
                for (index, item) in items.enumerated() { out += "\(index + 1). \(markdown(item))\n" }
                out += "\n"
            case .note(let text):
                out += "> \(md(text))\n\n"
            }
        }
        return out
    }

    func markdown(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .figure(let text, _): Escape.markdown(text)
            case .strong(let text): "**\(Escape.markdown(text))**"
            }
        }.joined()
    }
}
