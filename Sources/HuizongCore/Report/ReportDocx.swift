import Foundation
import ZIPFoundation

/// The draft report as a Word document (report.docx), from the same blocks as report.html and
/// report.md: real heading styles (标题 1–4, in the navigation pane of Word and WPS), real tables
/// whose header row repeats on each page, native bar charts (editable, drawn by Word, WPS and
/// LibreOffice from the figures written into the chart), page numbers at the foot, and the page
/// set up as 党政机关公文 are (GB/T 9704: A4, margins 37/35/28/26 mm, 仿宋 三号 body, 黑体 and 楷体
/// headings). Byte-identical for the same report: every part has a fixed time.
extension ReportDocument {
    func docx(title: String) throws -> [UInt8] {
        var body = ""
        var charts: [String] = []
        for block in blocks {
            switch block {
            case .title(let text, let subtitle):
                body += Docx.paragraph(style: "Title", runs: Docx.run(text))
                body += Docx.paragraph(style: "Subtitle", runs: Docx.run(subtitle))
            case .heading(let level, let text):
                body += Docx.paragraph(style: "Heading\(min(level, 4))", runs: Docx.run(text))
            case .paragraph(let inlines):
                body += Docx.paragraph(style: "DataText", runs: Docx.runs(inlines))
            case .written(let inlines):
                body += Docx.paragraph(style: nil, runs: Docx.runs(inlines))
            case .note(let text):
                body += Docx.paragraph(style: "Note", runs: Docx.run(text))
            case .list(let items):
                for (index, item) in items.enumerated() {
                    body += Docx.paragraph(style: "ListText", runs: Docx.run("\(index + 1). ") + Docx.runs(item))
                }
            case .table(let header, let rows, let numeric, let caption):
                if let caption { body += Docx.paragraph(style: "Caption", runs: Docx.run(caption)) }
                body += Docx.table(header: header, rows: rows, numeric: numeric)
            case .chart(let chart, let title, let caption):
                charts.append(Docx.chart(chart, title: title))
                body += Docx.chartParagraph(number: charts.count, rows: chart.rows.count * chart.series.count)
                body += Docx.paragraph(style: "Caption", runs: Docx.run(caption))
            }
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", Docx.contentTypes(charts: charts.count)),
            ("_rels/.rels", Docx.packageRelationships),
            ("docProps/core.xml", Docx.core(title: title)),
            ("word/document.xml", Docx.document(body)),
            ("word/styles.xml", Docx.styles),
            ("word/settings.xml", Docx.settings),
            ("word/footer1.xml", Docx.footer),
            ("word/_rels/document.xml.rels", Docx.documentRelationships(charts: charts.count)),
        ]
        for (index, chart) in charts.enumerated() { parts.append(("word/charts/chart\(index + 1).xml", chart)) }
        let archive = try Archive(accessMode: .create)
        // 1980-01-01, the first time a ZIP can say: the same bytes every run.
        let fixed = Date(timeIntervalSince1970: 315_532_800)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixed,
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Array(data)
    }
}

/// WordprocessingML pieces; every text goes through `Escape.xml`.
enum Docx {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func run(_ text: String, bold: Bool = false, highlight: Bool = false) -> String {
        var properties = ""
        if bold { properties += "<w:b/>" }
        if highlight { properties += "<w:highlight w:val=\"yellow\"/>" }
        return
            "<w:r>\(properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")<w:t xml:space=\"preserve\">\(Escape.xml(text))</w:t></w:r>"
    }

    static func runs(_ inlines: [ReportDocument.Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .figure(let text, _): run(text)
            case .strong(let text): run(text, bold: true)
            case .prompt(let text): run(text, highlight: true)
            }
        }.joined()
    }

    static func paragraph(style: String?, runs: String, alignment: String? = nil) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if let alignment { properties += "<w:jc w:val=\"\(alignment)\"/>" }
        return "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")\(runs)</w:p>"
    }

    /// A full-width table: its header row repeated on every page, no row split across pages,
    /// numbers right-aligned.
    static func table(header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        let short = ReportDocument.shortColumns(header: header, rows: rows)
        func row(_ cells: [String], isHeader: Bool) -> String {
            let properties = "<w:trPr><w:cantSplit/>\(isHeader ? "<w:tblHeader/>" : "")</w:trPr>"
            let tableCells = cells.enumerated().map { index, cell in
                let alignment = isHeader ? "center" : numeric.contains(index) ? "right" : nil
                let noWrap = short.contains(index) || numeric.contains(index) ? "<w:noWrap/>" : ""
                return "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/>\(noWrap)</w:tcPr>"
                    + paragraph(style: "TableText", runs: run(cell, bold: isHeader), alignment: alignment) + "</w:tc>"
            }.joined()
            return "<w:tr>\(properties)\(tableCells)</w:tr>"
        }
        return "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
            + "<w:tblLayout w:type=\"autofit\"/></w:tblPr><w:tblGrid>"
            + String(repeating: "<w:gridCol/>", count: header.count) + "</w:tblGrid>"
            + row(header, isHeader: true) + rows.map { row($0, isHeader: false) }.joined() + "</w:tbl>"
    }

    /// The paragraph holding chart `number`, 15.6 cm wide, its height by its bars.
    static func chartParagraph(number: Int, rows: Int) -> String {
        let width = 5_616_000  // 156 mm in EMU: the type area's width
        let height = min(8_000_000, 900_000 + rows * 260_000)
        return "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>"
            + "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
            + "<wp:docPr id=\"\(number)\" name=\"图\(number)\"/>"
            + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            + "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            + "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart\(number)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }

    /// A clustered horizontal bar chart with its figures written in (literal data: no workbook).
    static func chart(_ chart: BarChart, title: String) -> String {
        var series = ""
        for (index, entry) in chart.series.enumerated() {
            let categories = chart.rows.enumerated().map { position, row in
                "<c:pt idx=\"\(position)\"><c:v>\(Escape.xml(row.label))</c:v></c:pt>"
            }.joined()
            let values = chart.rows.enumerated().map { position, row in
                "<c:pt idx=\"\(position)\"><c:v>\(chart.plotted(row.values[index].amount))</c:v></c:pt>"
            }.joined()
            series +=
                "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/><c:tx><c:v>\(Escape.xml(entry.name))</c:v></c:tx>"
                + "<c:spPr><a:solidFill><a:srgbClr val=\"\(entry.color.dropFirst().uppercased())\"/></a:solidFill></c:spPr>"
                + "<c:invertIfNegative val=\"0\"/><c:dLbls><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/>"
                + "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>"
                + "<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
                + "<c:cat><c:strLit><c:ptCount val=\"\(chart.rows.count)\"/>\(categories)</c:strLit></c:cat>"
                + "<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"\(chart.rows.count)\"/>\(values)</c:numLit></c:val></c:ser>"
        }
        let legend = chart.series.count > 1 ? "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend>" : ""
        return header
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"\(r)\">"
            + "<c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>\(Escape.xml(title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/><c:barChart><c:barDir val=\"bar\"/>"
            + "<c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\(series)<c:gapWidth val=\"60\"/>"
            + "<c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
            + "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling><c:delete val=\"0\"/>"
            + "<c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/>"
            + "<c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
            + "<c:axPos val=\"t\"/><c:majorGridlines/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
            + "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>"
            + "</c:plotArea>\(legend)<c:plotVisOnly val=\"1\"/></c:chart>"
            + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\"><a:latin typeface=\"Times New Roman\"/>"
            + "<a:ea typeface=\"黑体\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr></c:chartSpace>"
    }

    static func document(_ body: String) -> String {
        header + "<w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>\(body)"
            // A4 with GB/T 9704's margins (twentieths of a point): top 37, bottom 35, left 28, right 26 mm.
            + "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
            + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            + "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
            + "</w:sectPr></w:body></w:document>"
    }

    static let footer =
        header + "<w:ftr xmlns:w=\"\(w)\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">— </w:t></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>1</w:t></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
        + "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"

    /// A paragraph style: its fonts (Latin, East Asian), size in half-points, and the rest.
    static func style(
        _ id: String, name: String, eastAsia: String, size: Int, bold: Bool = false, color: String? = nil,
        paragraph: String = "", basedOn: String? = "Normal", outline: Int? = nil
    ) -> String {
        let outlineLevel = outline.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? ""
        // Normal is the default; after any other, Enter gives the body style (what the department writes).
        return "<w:style w:type=\"paragraph\"\(id == "Normal" ? " w:default=\"1\"" : "") w:styleId=\"\(id)\">"
            + "<w:name w:val=\"\(name)\"/>" + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "")
            + "<w:next w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr>\(paragraph)\(outlineLevel)</w:pPr><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
            + "w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(eastAsia)\"/>\(bold ? "<w:b/>" : "")"
            + (color.map { "<w:color w:val=\"\($0)\"/>" } ?? "")
            + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
    }

    /// No first-line indent (the body's is two characters).
    static let noIndent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"

    /// A centred line kept with the next: titles, captions, charts.
    static func centered(line: Int, rule: String = "exact", before: Int = 0, after: Int = 0) -> String {
        "<w:keepNext/><w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"\(line)\" w:lineRule=\"\(rule)\"/>"
            + "\(noIndent)<w:jc w:val=\"center\"/>"
    }

    /// 仿宋 三号 (16 pt) body at a fixed 28.95 pt line (22 lines a page), first line indented two
    /// characters; 黑体 for 一、, 楷体 for （一）, 仿宋 bold below; headings kept with what follows.
    static let styles =
        header + "<w:styles xmlns:w=\"\(w)\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
        + "w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" "
        + "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"579\" "
        + "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        + style(
            "Normal", name: "Normal", eastAsia: "仿宋", size: 32,
            paragraph: "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>",
            basedOn: nil)
        + style("Title", name: "Title", eastAsia: "方正小标宋简体", size: 44, paragraph: centered(line: 700))
        + style("Subtitle", name: "Subtitle", eastAsia: "方正小标宋简体", size: 36, paragraph: centered(line: 600, after: 300))
        + [(1, "黑体", false), (2, "楷体", false), (3, "仿宋", true), (4, "仿宋", true)].map { level, font, bold in
            style(
                "Heading\(level)", name: "heading \(level)", eastAsia: font, size: 32, bold: bold,
                paragraph: "<w:keepNext/><w:keepLines/>", outline: level - 1)
        }.joined()
        + style(
            "Note", name: "Note", eastAsia: "仿宋", size: 21, color: "5B6775",
            paragraph: "<w:spacing w:line=\"360\" w:lineRule=\"auto\"/>\(noIndent)")
        + style("ListText", name: "List Text", eastAsia: "仿宋", size: 32)
        // Sentences made from data: the body's look, its own name, so that reading an edited
        // report.docx back takes only what the department wrote.
        + style("DataText", name: "Data Text", eastAsia: "仿宋", size: 32)
        + style("Caption", name: "caption", eastAsia: "黑体", size: 24, paragraph: centered(line: 400, before: 120))
        + style("Figure", name: "Figure", eastAsia: "仿宋", size: 21, paragraph: centered(line: 240, rule: "auto"))
        + style(
            "TableText", name: "Table Text", eastAsia: "仿宋", size: 21,
            paragraph: "<w:spacing w:line=\"300\" w:lineRule=\"auto\"/>\(noIndent)")
        + "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:tblPr><w:tblBorders>"
        + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }.joined()
        + "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
        + "</w:tblPr></w:style></w:styles>"

    static let settings =
        header
        + "<w:settings xmlns:w=\"\(w)\"><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"

    static func core(title: String) -> String {
        header
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>\(Escape.xml(title))</dc:title>"
            + "<dc:creator>Huizong</dc:creator></cp:coreProperties>"
    }

    static func contentTypes(charts: Int) -> String {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        return header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"\(main).document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"\(main).styles+xml\"/>"
            + "<Override PartName=\"/word/settings.xml\" ContentType=\"\(main).settings+xml\"/>"
            + "<Override PartName=\"/word/footer1.xml\" ContentType=\"\(main).footer+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + (0..<charts).map {
                "<Override PartName=\"/word/charts/chart\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
            }.joined() + "</Types>"
    }

    static let packageRelationships =
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(r)/officeDocument\" Target=\"word/document.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "</Relationships>"

    static func documentRelationships(charts: Int) -> String {
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rIdStyles\" Type=\"\(r)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rIdSettings\" Type=\"\(r)/settings\" Target=\"settings.xml\"/>"
            + "<Relationship Id=\"rIdFooter\" Type=\"\(r)/footer\" Target=\"footer1.xml\"/>"
            + (0..<charts).map {
                "<Relationship Id=\"rIdChart\($0 + 1)\" Type=\"\(r)/chart\" Target=\"charts/chart\($0 + 1).xml\"/>"
            }.joined() + "</Relationships>"
    }
}
