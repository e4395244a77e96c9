import Foundation

/// A report.docx the officer edited in WPS or Word and dropped back into the folder: the
/// department's words are read back from it by their headings (`Narrative.fromReport`).
enum ReportDocxReader {
    /// One paragraph of the document's body (not in a table): its heading level (0: not a
    /// heading), its style's name and its text.
    struct Paragraph {
        var level: Int
        var style: String
        var text: String
    }

    static let maxPartBytes = 64 << 20

    /// The body's paragraphs, or nil when the file is no report.docx Huizong wrote.
    static func paragraphs(_ bytes: Data) -> [Paragraph]? {
        guard let zip = try? ZIPParts(Array(bytes)), zip["word/document.xml"] != nil else {
            return nil
        }
        // Style ids differ between editors (Heading1, 1, 标题1): the name or outline level says.
        var styles: [String: (name: String, level: Int)] = [:]
        var styleID: String?
        try? zip.parse("word/styles.xml", limit: maxPartBytes, optional: true) { stream in
            stream.onStart = { element in
                switch element.name {
                case "style": styleID = element["styleId"]
                case "name":
                    guard let id = styleID else { return }
                    let name = element["val"] ?? ""
                    let lower = name.lowercased()
                    let level = lower.hasPrefix("heading ") ? Int(lower.dropFirst(8)) ?? 0 : 0
                    styles[id] = (name, max(styles[id]?.level ?? 0, level))
                case "outlineLvl":
                    guard let id = styleID, let level = Int(element["val"] ?? ""), level < 9 else { return }
                    styles[id] = (styles[id]?.name ?? id, level + 1)
                default: break
                }
            }
            stream.onEnd = { name in if name == "style" { styleID = nil } }
        }
        // Only Huizong's report (its own style for sentences made from data, kept by WPS and Word):
        // any other Word file in the folder is not someone's words for the report.
        guard styles.values.contains(where: { $0.name == "Data Text" }) else { return nil }
        var found: [Paragraph] = []
        var tables = 0
        var current: Paragraph?
        var inText = false
        do {
            try zip.parse("word/document.xml", limit: maxPartBytes) { stream in
                stream.onStart = { element in
                    switch element.name {
                    case "tbl": tables += 1
                    case "p" where tables == 0: current = Paragraph(level: 0, style: "", text: "")
                    case "pStyle":
                        let id = element["val"] ?? ""
                        current?.style = styles[id]?.name ?? id
                        let level = max(current?.level ?? 0, styles[id]?.level ?? 0)
                        current?.level = level
                    case "outlineLvl":
                        if let level = Int(element["val"] ?? ""), level < 9 { current?.level = level + 1 }
                    case "t": inText = true
                    case "tab": current?.text += "\t"
                    case "br", "cr": current?.text += "\n"
                    default: break
                    }
                }
                stream.onText = { bytes in if inText { current?.text += String(decoding: bytes, as: UTF8.self) } }
                stream.onEnd = { name in
                    switch name {
                    case "tbl": tables -= 1
                    case "t": inText = false
                    case "p":
                        if let paragraph = current { found.append(paragraph) }
                        current = nil
                    default: break
                    }
                }
            }
        } catch {
            return nil
        }
        return found
    }
}
