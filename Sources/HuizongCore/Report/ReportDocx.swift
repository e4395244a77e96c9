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
        var marks = Docx.Marks()
        var newPage = false
        // Every paragraph outside a table carries a hidden bookmark with its text's hash, so that
        // reading an edited copy back tells a paragraph left as written from one the officer changed.
        func add(_ style: String?, _ inlines: [Inline], alignment: String? = nil) {
            let text = inlines.map(\.plain).joined()
            body += Docx.paragraph(
                style: style, runs: Docx.runs(inlines), alignment: alignment, pageBreakBefore: newPage,
                mark: marks.next(text))
            newPage = false
        }
        for block in blocks {
            switch block {
            case .title(let text, let subtitle):
                add("Title", [.text(text)])
                add("Subtitle", [.text(subtitle)])
            case .heading(let level, let text):
                add("Heading\(min(level, 4))", [.text(text)])
            case .paragraph(let inlines):
                add("DataText", inlines)
            case .written(let inlines):
                add(nil, inlines)
            case .note(let text), .draftNote(let text):
                add("Note", [.text(text)])
            case .list(let items):
                for (index, item) in items.enumerated() { add("ListText", [.text("\(index + 1). ")] + item) }
            case .table(let header, let rows, let numeric, let caption):
                if let caption { add("Caption", [.text(caption)]) }
                body += Docx.table(header: header, rows: rows, numeric: numeric)
            case .chart(let chart, let title, let caption):
                charts.append(Docx.chart(chart, title: title))
                body += Docx.chartParagraph(number: charts.count, chart: chart, pageBreakBefore: newPage)
                newPage = false
                add("Caption", [.text(caption)])
            case .pageBreak:
                newPage = true
            case .signatureForm(let roles, let signer):
                body += Docx.signatureForm(roles: roles)
                for (index, line) in Self.sealLines(signer).enumerated() {
                    add(index == 0 ? "SealFirst" : "Seal", [.text(line)])
                }
            }
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", Docx.contentTypes(charts: charts.count)),
            ("_rels/.rels", Docx.packageRelationships),
            ("docProps/core.xml", Docx.core(title: title)),
            ("word/document.xml", Docx.document(body)),
            ("word/styles.xml", Docx.styles),
            ("word/settings.xml", Docx.settings),
            ("word/fontTable.xml", Docx.fontTable),
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

extension ReportDocument.Inline {
    /// The text as a reader of the document sees it.
    var plain: String {
        switch self {
        case .text(let text), .figure(let text, _), .strong(let text), .prompt(let text): text
        case .draft(let text, let mark): mark + text
        }
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
            // Shaded light green, its mark in bold: wording the department has still to make its own.
            case .draft(let text, let mark):
                "<w:r><w:rPr><w:b/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E2EFDA\"/></w:rPr><w:t>"
                    + Escape.xml(mark) + "</w:t></w:r>"
                    + "<w:r><w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E2EFDA\"/></w:rPr>"
                    + "<w:t xml:space=\"preserve\">\(Escape.xml(text))</w:t></w:r>"
            }
        }.joined()
    }

    /// The hidden bookmarks that mark each paragraph with its text's hash: `_hz<n>_<hash>`.
    struct Marks {
        var count = 0

        mutating func next(_ text: String) -> String {
            count += 1
            let name = "\(ReportDocxReader.markPrefix)\(count)_\(ReportDocxReader.hash(text))"
            return "<w:bookmarkStart w:id=\"\(count)\" w:name=\"\(name)\"/><w:bookmarkEnd w:id=\"\(count)\"/>"
        }
    }

    static func paragraph(
        style: String?, runs: String, alignment: String? = nil, pageBreakBefore: Bool = false, mark: String = ""
    ) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if pageBreakBefore { properties += "<w:pageBreakBefore/>" }
        if let alignment { properties += "<w:jc w:val=\"\(alignment)\"/>" }
        return "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")\(mark)\(runs)</w:p>"
    }

    /// The type area's width in twips: A4 less GB/T 9704's left and right margins (156 mm).
    static let typeArea = 8_845
    /// A cell's margins and borders, in twips.
    static let cellMargin = 200

    /// A text's width at the tables' 10.5 pt, in twips: a Chinese character 210, any other 140
    /// (two thirds of an em: Times New Roman's digits are half an em, the fonts that stand in for
    /// it where it is missing nearer two thirds).
    static func twips(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 210 : 140) }
    }

    /// The widest piece of a cell no line may break: a run of letters, digits and signs (a line
    /// breaks between any two Chinese characters).
    static func longestWord(_ text: String) -> Int {
        text.unicodeScalars.split { $0.value >= 0x1100 || $0.properties.isWhitespace }.map { twips(String($0)) }.max()
            ?? 0
    }

    /// Column widths (twips) from the content, filling the type area: a column of numbers or of
    /// short words as wide as its widest cell, its header over two lines if need be; every other
    /// column at least as wide as its longest word; the room left shared in proportion to what
    /// each column would need to take its text on one line.
    static func columnWidths(header: [String], rows: [[String]], numeric: Set<Int>, short: Set<Int>) -> [Int] {
        let columns = Array(header.indices)
        func cells(_ column: Int) -> [String] { rows.map { column < $0.count ? $0[column] : "" } }
        // Bold headers are about a tenth wider.
        let natural = columns.map { max(twips(header[$0]) * 11 / 10, cells($0).map(twips).max() ?? 0) + cellMargin }
        let minimum = columns.map { column -> Int in
            let name = header[column]
            // A header of three characters or fewer stays on one line.
            let headerOnTwoLines =
                twips(name.count <= 3 ? name[...] : name.prefix((name.count + 1) / 2)) * 11 / 10 + cellMargin
            if numeric.contains(column) || short.contains(column) {
                return max((cells(column).map(twips).max() ?? 0) + cellMargin, headerOnTwoLines)
            }
            let word = min(cells(column).map(longestWord).max() ?? 0, typeArea / 3)
            return max(word + cellMargin, headerOnTwoLines, 420 + cellMargin)
        }
        let spare = typeArea - minimum.reduce(0, +)
        guard spare > 0 else { return minimum }
        let wants = columns.map { max(0, natural[$0] - minimum[$0]) }
        let wanted = wants.reduce(0, +)
        var widths: [Int]
        if wanted > spare {
            widths = columns.map { minimum[$0] + spare * wants[$0] / wanted }
        } else {
            // Everything fits on one line: what is left goes to the text columns (or all, if none).
            let text = columns.filter { !numeric.contains($0) && !short.contains($0) }
            let growing = text.isEmpty ? columns : text
            let weight = growing.reduce(0) { $0 + natural[$1] }
            widths = columns.map { column in
                natural[column] + (growing.contains(column) ? (spare - wanted) * natural[column] / weight : 0)
            }
        }
        // Rounding's remainder to the widest column: the table is exactly the type area's width.
        let widest = widths.indices.max { widths[$0] < widths[$1] }!
        widths[widest] += typeArea - widths.reduce(0, +)
        return widths
    }

    /// A table as wide as the type area, its columns sized to their content: the header row
    /// repeated on every page and centred, no row split across pages, numbers right, text left.
    static func table(header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        let short = ReportDocument.shortColumns(header: header, rows: rows)
        let widths = columnWidths(header: header, rows: rows, numeric: numeric, short: short)
        func row(_ cells: [String], isHeader: Bool) -> String {
            let properties = "<w:trPr><w:cantSplit/>\(isHeader ? "<w:tblHeader/>" : "")</w:trPr>"
            let tableCells = cells.enumerated().map { index, cell in
                let alignment = isHeader ? "center" : numeric.contains(index) ? "right" : "left"
                let noWrap = !isHeader && (short.contains(index) || numeric.contains(index)) ? "<w:noWrap/>" : ""
                return "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[min(index, widths.count - 1)])\" w:type=\"dxa\"/>\(noWrap)"
                    + "<w:vAlign w:val=\"center\"/></w:tcPr>"
                    + paragraph(style: "TableText", runs: run(cell, bold: isHeader), alignment: alignment) + "</w:tc>"
            }.joined()
            return "<w:tr>\(properties)\(tableCells)</w:tr>"
        }
        return
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
            + "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + row(header, isHeader: true) + rows.map { row($0, isHeader: false) }.joined() + "</w:tbl>"
    }

    /// The signature form: rows 1.2 cm high to sign in, centred, the widest column for 单位及职务.
    static func signatureForm(roles: [String]) -> String {
        let first: [Int] = [15, 20, 40].map { typeArea * $0 / 100 }
        let widths: [Int] = first + [typeArea - first.reduce(0, +)]
        func row(_ cells: [String], isHeader: Bool) -> String {
            "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>\(isHeader ? "<w:tblHeader/>" : "")</w:trPr>"
                + cells.enumerated().map { index, cell in
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[index])\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                        + paragraph(style: "TableText", runs: run(cell, bold: isHeader), alignment: "center")
                        + "</w:tc>"
                }.joined() + "</w:tr>"
        }
        return
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
            + "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
            + "</w:tblGrid>" + row(ReportDocument.signatureHeader, isHeader: true)
            + roles.map { row([$0, "", "", ""], isHeader: false) }.joined() + "</w:tbl>"
    }

    /// The paragraph holding chart `number`, as wide as the type area and at most 10 cm high, so
    /// that a chart moved to the next page leaves less than half a page behind.
    static func chartParagraph(number: Int, chart: BarChart, pageBreakBefore: Bool) -> String {
        let width = 5_616_000  // 156 mm in EMU: the type area's width
        let bars = chart.rows.count * chart.series.count
        let height = chart.shares ? 2_600_000 : min(3_400_000, max(1_300_000, 600_000 + bars * 150_000))
        return
            "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/>\(pageBreakBefore ? "<w:pageBreakBefore/>" : "")</w:pPr><w:r><w:drawing>"
            + "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
            + "<wp:docPr id=\"\(number)\" name=\"图\(number)\"/>"
            + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            + "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            + "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart\(number)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }

    /// Slices' colours, in order: the report's blues, then contrasting tones.
    static let sliceColors = ["2F5D8A", "7FA3C8", "C9D6E3", "E0A458", "B22A2A", "5B6775", "8FB996"]

    static func dataLabels(format: String, value: Bool, category: Bool, percent: Bool) -> String {
        "<c:dLbls><c:numFmt formatCode=\"\(Escape.xml(format))\" sourceLinked=\"0\"/>"
            + "<c:showLegendKey val=\"0\"/><c:showVal val=\"\(value ? 1 : 0)\"/><c:showCatName val=\"\(category ? 1 : 0)\"/>"
            + "<c:showSerName val=\"0\"/><c:showPercent val=\"\(percent ? 1 : 0)\"/><c:showBubbleSize val=\"0\"/>"
            + (category || percent ? "<c:separator>\n</c:separator>" : "") + "</c:dLbls>"
    }

    /// A chart with its figures written in (literal data: no workbook): a pie where the rows are
    /// shares of a whole, clustered horizontal bars otherwise; thousands separated.
    static func chart(_ chart: BarChart, title: String) -> String {
        let format = chart.divisor == 100 ? "0.00" : "#,##0.00"
        var series = ""
        for (index, entry) in chart.series.enumerated() {
            let categories = chart.rows.enumerated().map { position, row in
                "<c:pt idx=\"\(position)\"><c:v>\(Escape.xml(row.label))</c:v></c:pt>"
            }.joined()
            let values = chart.rows.enumerated().map { position, row in
                "<c:pt idx=\"\(position)\"><c:v>\(chart.plotted(row.values[index].amount))</c:v></c:pt>"
            }.joined()
            let data =
                "<c:cat><c:strLit><c:ptCount val=\"\(chart.rows.count)\"/>\(categories)</c:strLit></c:cat>"
                + "<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"\(chart.rows.count)\"/>\(values)</c:numLit></c:val>"
            let name =
                "<c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/><c:tx><c:v>\(Escape.xml(entry.name))</c:v></c:tx>"
            if chart.shares {
                let points = chart.rows.indices.map { position in
                    "<c:dPt><c:idx val=\"\(position)\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(sliceColors[position % sliceColors.count])\"/></a:solidFill></c:spPr></c:dPt>"
                }.joined()
                // Each slice's name and share; the amounts are in the sentence and the table above.
                series +=
                    "<c:ser>\(name)\(points)\(dataLabels(format: "0.0%", value: false, category: true, percent: true))\(data)</c:ser>"
            } else {
                series +=
                    "<c:ser>\(name)<c:spPr><a:solidFill><a:srgbClr val=\"\(entry.color.dropFirst().uppercased())\"/></a:solidFill></c:spPr>"
                    + "<c:invertIfNegative val=\"0\"/>\(dataLabels(format: format, value: true, category: false, percent: false))\(data)</c:ser>"
            }
        }
        let plot =
            chart.shares
            ? "<c:pieChart><c:varyColors val=\"1\"/>\(series)<c:firstSliceAng val=\"0\"/></c:pieChart>"
            : "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\(series)"
                + "<c:gapWidth val=\"60\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
                + "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling><c:delete val=\"0\"/>"
                + "<c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/>"
                + "<c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>"
                + "<c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
                + "<c:axPos val=\"t\"/><c:majorGridlines/><c:numFmt formatCode=\"\(chart.divisor == 100 ? "0" : "#,##0")\" sourceLinked=\"0\"/>"
                + "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>"
        let legend = chart.series.count > 1 ? "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend>" : ""
        return header
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"\(r)\">"
            + "<c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>\(Escape.xml(title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>\(plot)</c:plotArea>\(legend)<c:plotVisOnly val=\"1\"/></c:chart>"
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
            // GB/T 9704's 22 lines of 28.95 pt; its 28 characters a line come from the body's character
            // spacing (a character grid of 28 is drawn apart by LibreOffice).
            + "<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>"
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
        + "w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\"/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" "
        + "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"579\" "
        + "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        + style(
            "Normal", name: "Normal", eastAsia: "仿宋", size: 32,
            paragraph: "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>",
            basedOn: nil)
        + style("Title", name: "Title", eastAsia: "方正小标宋简体", size: 44, paragraph: centered(line: 700))
        + style("Subtitle", name: "Subtitle", eastAsia: "方正小标宋简体", size: 44, paragraph: centered(line: 700, after: 300))
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
            paragraph:
                "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"300\" w:lineRule=\"auto\"/>\(noIndent)<w:jc w:val=\"left\"/>"
        )
        // The 落款: right-aligned four characters in (GB/T 9704), room above for the seal.
        + style(
            "Seal", name: "Seal", eastAsia: "仿宋", size: 32,
            paragraph: "<w:ind w:right=\"1280\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"right\"/>")
        + style(
            "SealFirst", name: "Seal First", eastAsia: "仿宋", size: 32,
            paragraph:
                "<w:keepNext/><w:spacing w:before=\"1400\"/><w:ind w:right=\"1280\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"right\"/>"
        )
        + "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:tblPr><w:tblBorders>"
        + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }.joined()
        + "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
        + "</w:tblPr></w:style></w:styles>"

    /// The fonts the styles name, each with the name it has where the first is missing (仿宋 is
    /// 仿宋_GB2312 on older systems) and its kind (serif 仿宋/楷体/小标宋, sans 黑体), so that an editor
    /// without it substitutes a font of the same kind instead of one sans font for everything.
    static let fontTable =
        header + "<w:fonts xmlns:w=\"\(w)\">"
        + [
            ("仿宋", "仿宋_GB2312", "roman"), ("楷体", "楷体_GB2312", "roman"), ("黑体", "SimHei", "swiss"),
            ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "roman"), ("Times New Roman", "Times", "roman"),
        ].map { name, alternative, family in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alternative)\"/><w:charset w:val=\"\(name.first!.isASCII ? "00" : "86")\"/>"
                + "<w:family w:val=\"\(family)\"/><w:pitch w:val=\"variable\"/></w:font>"
        }.joined() + "</w:fonts>"

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
            + "<Override PartName=\"/word/fontTable.xml\" ContentType=\"\(main).fontTable+xml\"/>"
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
            + "<Relationship Id=\"rIdFonts\" Type=\"\(r)/fontTable\" Target=\"fontTable.xml\"/>"
            + (0..<charts).map {
                "<Relationship Id=\"rIdChart\($0 + 1)\" Type=\"\(r)/chart\" Target=\"charts/chart\($0 + 1).xml\"/>"
            }.joined() + "</Relationships>"
    }
}
