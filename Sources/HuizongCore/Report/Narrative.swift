import Foundation

/// The department's own words for the report, by section: what no data can say (its functions,
/// its goals, how the self-evaluation was done, its problems and measures). Read from a Markdown
/// file in the drop folder whose `#` headings name the sections; Huizong writes the same file
/// back out (`narrative.md`) with this year's words, so next year's draft starts from them.
package struct Narrative: Sendable, Hashable {
    /// Section name → its paragraphs, one per line as written.
    package var sections: [String: [String]] = [:]
    /// Where each section was read from: file and the line of its heading.
    package var places: [String: (file: String, line: Int)] = [:]
    /// Read from an edited report.docx: its words win over a narrative file's (the report is where
    /// the officer wrote last; the narrative file may be the untouched template).
    package var fromWordDocument = false
    /// When merged: the sections an edited report.docx gave.
    var wordSections: Set<String> = []
    /// Paragraphs of an edited report.docx too long to take (`ReportDocxReader.maxParagraphBytes`).
    var tooLong: [TooLongParagraph] = []
    /// Paragraphs of an edited report.docx that no section of the department's takes.
    var unplaced: [UnplacedParagraph] = []

    /// A narrative file is read whole up to this size; a paragraph of report.docx may be no longer.
    static let maxFileBytes = 1 << 20

    /// A paragraph left out: its section, its number among the section's paragraphs, its opening words.
    package struct TooLongParagraph: Sendable, Hashable {
        package var section: String
        package var paragraph: Int
        package var opening: String
        package var bytes: Int
    }

    /// A paragraph of an edited report.docx left out, named by where it is (never quoted: it may
    /// hold a name): the heading it is under, its number there, its length, and whether it is a
    /// paragraph made from data that was changed.
    package struct UnplacedParagraph: Sendable, Hashable {
        package var heading: String
        package var paragraph: Int
        package var characters: Int
        package var editedFromData: Bool
    }

    package init() {}

    package static func == (a: Narrative, b: Narrative) -> Bool { a.sections == b.sections }
    package func hash(into hasher: inout Hasher) { hasher.combine(sections) }

    /// A fixed section: its name (the heading in the narrative file) and what belongs there.
    struct Section {
        let name: String
        let prompt: String
    }

    static let opening = Section(name: "开篇", prompt: "评价依据的文件（如《关于全面落实预算绩效管理的实施意见》及文号）、遵循的原则、评价的范围和方法")
    static let functions = Section(name: "部门职能", prompt: "部门的主要职能，按“（1）……（2）……”逐条列出")
    static let character = Section(
        name: "单位性质和经费形式", prompt: "单位性质（行政单位/事业单位）和经费形式（如财政全额拨款），例如“我单位系财政全额拨款单位，单位性质为行政单位”")
    static let assetManagement = Section(name: "资产管理", prompt: "资产管理情况：政府采购、固定资产登记、使用和报废处置管理等")
    static let overallGoal = Section(name: "整体绩效目标", prompt: "年初确定的部门整体绩效目标")
    static let organisation = Section(name: "自评的组织工作", prompt: "如何组织自评：成立评价工作组（只写职务，不写姓名）、制定方案、收集资料")
    static let purpose = Section(name: "绩效自评目的", prompt: "本次绩效自评的目的")
    static let content = Section(name: "绩效自评内容", prompt: "自评的主要内容，如绩效目标和预算编制、预决算收支、总体目标和指标完成情况")
    static let method = Section(name: "自评的方法", prompt: "自评采用的原则和方法，如科学公正、统筹兼顾、激励约束、公开透明")
    static let process = Section(name: "绩效自评过程", prompt: "自评的过程：如何把产出和效果与年初指标值相比较、如何分析差异")
    static let overallResult = Section(name: "总体绩效目标实现情况", prompt: "本年度总体绩效目标的实现情况")
    static let assessment = Section(name: "评价结论", prompt: "对本年度履职情况和绩效的总体评价")
    static let problems = Section(name: "存在的主要问题", prompt: "本部门在预算和绩效管理中存在的主要问题，逐条写明（附件中的数据核对问题应在定稿前改正，不作为本部门的问题）")
    static let measures = Section(name: "改进措施", prompt: "针对上述问题的具体改进措施或建议，逐条写明")

    static let fixed: [Section] = [
        opening, functions, character, assetManagement, overallGoal, organisation, purpose, content, method, process,
        overallResult, assessment, problems, measures,
    ]

    /// A goal's own sections: what it aims at (（三）2), and how it was achieved (三（二）).
    static func goalTarget(_ goal: String) -> Section {
        Section(name: "分项目标：" + goal, prompt: "“\(goal)”的绩效目标")
    }

    static func goalResult(_ goal: String) -> Section {
        Section(name: "分项目标实现情况：" + goal, prompt: "“\(goal)”的实现情况和取得的成绩，与指标值对照说明")
    }

    /// The department's paragraphs for `section`, if it wrote any.
    func text(_ section: Section) -> [String]? {
        guard let paragraphs = sections[Self.key(section.name)], !paragraphs.isEmpty else { return nil }
        return paragraphs
    }

    static let goalPrefixes = ["分项目标：", "分项目标实现情况："]
    /// The heading of the indicators no goal claims: no section of the department's.
    static let otherIndicators = "其他指标"

    /// How a section is keyed, from its name or a heading naming it: one numbering prefix (`1、`,
    /// `（一）`, `2.`) dropped; a fixed section's name folded like a header cell (`normalizeLabel`);
    /// a goal's name as written, its line breaks one space each (as `Escape.markdown` writes them).
    static func key(_ heading: String) -> String {
        var name = heading.trimmingCharacters(in: .whitespacesAndNewlines)
        for pattern in [#"^[（(][一二三四五六七八九十\d]+[）)]"#, #"^[一二三四五六七八九十\d]+[、.．](?!\d)"#] {
            if let range = name.range(of: pattern, options: .regularExpression) {
                name.removeSubrange(range)
                break
            }
        }
        name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in goalPrefixes {
            let ascii = prefix.replacingOccurrences(of: "：", with: ":")
            guard name.hasPrefix(prefix) || name.hasPrefix(ascii) else { continue }
            let goal = String(name.unicodeScalars.dropFirst(prefix.unicodeScalars.count))
            return prefix + foldLines(goal).trimmingCharacters(in: .whitespaces)
        }
        return normalizeLabel(name)
    }

    /// Line breaks (CR LF, LF, CR, NEL, LS, PS) as one space each.
    static func foldLines(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            out.append(["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) ? " " : scalar)
        }
        return String(out)
    }

    /// Whether `key` (from `key(_:)`) is a section a narrative file may have.
    static func isSection(_ key: String) -> Bool {
        fixed.contains { $0.name == key } || goalPrefixes.contains { key.hasPrefix($0) && key.count > $0.count }
    }

    /// What a Markdown file says, by section; headings that name no section, with their lines.
    static func parse(_ text: String) -> (narrative: Narrative, unknown: [(line: Int, heading: String)]) {
        var narrative = Narrative()
        var unknown: [(Int, String)] = []
        var current: String?
        // By scalars: in Swift "\r\n" is one Character, and a file from Notepad has them.
        let lines = text.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" }
        for (index, raw) in lines.enumerated() {
            let line = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("#") {
                let name = key(unescape(String(line.drop { $0 == "#" })))
                if isSection(name) {
                    current = name
                    if narrative.sections[name] == nil { narrative.sections[name] = [] }
                    narrative.places[name] = ("", index + 1)
                } else {
                    current = nil
                    // A `# …` that names no section is the file's title (the template's 自评报告叙述).
                    if line.hasPrefix("##") { unknown.append((index + 1, name)) }
                }
                continue
            }
            // Blank lines part paragraphs; `>` lines are the template's guidance, 【请填写 its prompts.
            guard let current, !line.isEmpty, !line.hasPrefix(">"), !line.hasPrefix("【请填写") else { continue }
            narrative.sections[current]!.append(unescape(line))
        }
        // A heading with nothing under it says nothing: another file may fill that part.
        for (name, paragraphs) in narrative.sections where paragraphs.isEmpty {
            narrative.sections[name] = nil
            narrative.places[name] = nil
        }
        return (narrative, unknown)
    }

    static let asciiPunctuation = ##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##

    /// Text as `Escape.markdown` wrote it, back as it was: a backslash before ASCII punctuation is
    /// dropped, `&#32;` is a space. Text typed by hand rarely has either.
    static func unescape(_ text: String) -> String {
        // `Escape.markdown` writes `&#32;` only for leading spaces.
        var text = Substring(text)
        var leading = ""
        while text.hasPrefix("&#32;") {
            leading += " "
            text = text.dropFirst(5)
        }
        var out = leading
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\", let next = scalars.next() {
                if !Self.asciiPunctuation.unicodeScalars.contains(next) {
                    out.unicodeScalars.append(scalar)
                }
                out.unicodeScalars.append(next)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Paragraph styles of the report that hold no words of the department's (report.docx).
    static let madeStyles: Set<String> = [
        "Title", "Subtitle", "Data Text", "Note", "List Text", "caption", "Caption", "Figure", "Table Text",
    ]
    /// The 落款 under the signature form: filled in by hand (a date), never read back.
    static let signedStyles: Set<String> = ["Seal", "Seal First"]

    /// The sections of an edited report.docx: the paragraphs the department wrote (not made from
    /// data, not a prompt left in) under the headings of the parts that are its own; every other
    /// paragraph typed or changed is named as left out. Huizong marks each paragraph it writes
    /// with its text's hash, so a paragraph left as written is told from one changed.
    static func fromReport(_ paragraphs: [ReportDocxReader.Paragraph]) -> Narrative {
        var narrative = Narrative()
        narrative.fromWordDocument = true
        // A report written before the marks: its made paragraphs are skipped as they always were.
        let marked = paragraphs.contains { $0.mark != nil }
        var current: String? = opening.name
        var chapter = ""
        var heading = ""
        var underHeading = 0
        let renamed = [
            "机构设置": character.name, "资产情况": assetManagement.name, "评价结论和评价等级": assessment.name,
            "针对问题提出具体的改进措施或建议": measures.name,
        ]
        var counts: [String: Int] = [:]
        // Each section's lines in order; drafted wording left as written counts only beside words
        // the department wrote in the same section (it kept them), not on its own.
        var lines: [String: [(text: String, keptDraft: Bool)]] = [:]
        for paragraph in paragraphs {
            if paragraph.isTooLong {
                // Never taken, heading or words: said where it is, by its section and opening.
                guard let section = current, paragraph.level > 0 || !madeStyles.contains(paragraph.style) else {
                    continue
                }
                counts[section, default: 0] += 1
                let left = TooLongParagraph(
                    section: section, paragraph: counts[section]!, opening: paragraph.text, bytes: paragraph.bytes)
                narrative.tooLong.append(left)
                continue
            }
            if paragraph.level > 0 {
                heading = foldLines(paragraph.text).trimmingCharacters(in: .whitespaces)
                underHeading = 0
                current = section(ofHeading: paragraph, chapter: &chapter, renamed: renamed)
                continue
            }
            underHeading += 1
            let made = madeStyles.contains(paragraph.style)
            if paragraph.isAsWritten, !made, let section = current,
                ReportDocument.marks.contains(where: { paragraph.text.hasPrefix($0) })
            {
                lines[section, default: []].append((ownWords(paragraph.text), true))
                continue
            }
            guard !paragraph.isAsWritten, !signedStyles.contains(paragraph.style), marked || !made else { continue }
            // Words go where the department writes: in its sections, as body text or an edited suggestion.
            guard let section = current, !made || paragraph.style == "List Text" else {
                narrative.unplaced.append(
                    UnplacedParagraph(
                        heading: heading, paragraph: underHeading, characters: paragraph.text.count,
                        editedFromData: made && paragraph.mark != nil))
                continue
            }
            counts[section, default: 0] += 1
            // A line break inside a paragraph parts it; text typed after a prompt left in counts.
            for line in paragraph.text.split(separator: "\n") {
                let text = ownWords(String(line), suggestion: paragraph.style == "List Text")
                if !text.isEmpty { lines[section, default: []].append((text, false)) }
            }
        }
        for (section, taken) in lines where taken.contains(where: { !$0.keptDraft }) {
            narrative.sections[section] = taken.map(\.text)
            narrative.places[section] = ("", 0)
        }
        return narrative
    }

    /// The section a heading of report.docx opens, if it is one of the department's.
    private static func section(
        ofHeading paragraph: ReportDocxReader.Paragraph, chapter: inout String, renamed: [String: String]
    ) -> String? {
        let name = key(paragraph.text)
        if paragraph.level == 1 { chapter = name }
        if paragraph.level >= 4 {
            // A goal's heading: its target under 一（三）2, its result under 三（二）.
            let prefix = chapter.hasPrefix("部门整体支出绩效目标实现情况") ? "分项目标实现情况：" : "分项目标："
            let goal = foldLines(paragraph.text).trimmingCharacters(in: .whitespaces)
            let unnumbered = goal.replacingOccurrences(of: #"^[（(]\d+[）)]"#, with: "", options: .regularExpression)
            return unnumbered == otherIndicators || unnumbered.isEmpty ? nil : prefix + unnumbered
        }
        let section = renamed[name] ?? name
        return isSection(section) && !goalPrefixes.contains { section.hasPrefix($0) } ? section : nil
    }

    /// A line as the department means it: a prompt left in front, the draft's mark, and for an
    /// edited suggestion its list number and （建议） taken off.
    static func ownWords(_ line: String, suggestion: Bool = false) -> String {
        var text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("【请填写"), let end = text.firstIndex(of: "】") {
            text = text[text.index(after: end)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if suggestion, let range = text.range(of: #"^\d+\.\s*(（建议）)?"#, options: .regularExpression) {
            text.removeSubrange(range)
        }
        if let mark = ReportDocument.marks.first(where: { text.hasPrefix($0) }) { text.removeFirst(mark.count) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One line per file the department's words were taken from, with its sections, for the log.
    package var takenLines: [String] {
        var byFile: [String: [String]] = [:]
        for (name, place) in places where !place.file.isEmpty { byFile[place.file, default: []].append(name) }
        return byFile.keys.sorted(by: bytewise).map { file in
            let names = byFile[file]!.sorted(by: bytewise)
            return "报告叙述：自 \(file) 取用 \(names.count) 节：\(names.joined(separator: "、"))"
        }
    }

    /// The narrative file for next year's (or this year's next) draft: every section, with the
    /// department's words where it gave them and the guidance otherwise.
    func template(goals: [String], carried: Narrative? = nil) -> String {
        var out = """
            # 自评报告叙述

            > 本文件是自评报告中需要由本部门撰写的文字。在每个“##”标题下填写或修改内容（每行一段），
            > 放回数据文件夹后重新汇总，报告草稿即采用这些文字；数字部分由汇总数据自动生成。
            > 以“>”开头的行是说明，不会进入报告。请勿写入个人姓名：评价工作组名单在打印稿上手写签字。


            """
        let sections =
            Array(Self.fixed.prefix(5)) + goals.map(Self.goalTarget) + Self.fixed[5..<11] + goals.map(Self.goalResult)
            + Self.fixed[11...]
        // Words for a goal the indicator sheet no longer names are kept, not lost, and said to be unused.
        let used = Set(sections.map { Self.key($0.name) })
        let orphans = self.sections.keys.filter { !used.contains($0) }.sorted(by: bytewise).map { name in
            Section(name: name, prompt: "")
        }
        if !orphans.isEmpty {
            out += "> 以下各节的分项目标已不在本年度的绩效指标表中，其文字未进入报告；如仍需要，请移到相应标题下。\n\n"
        }
        for section in sections + orphans {
            out += "## \(Escape.markdown(section.name))\n\n"
            if let paragraphs = text(section) {
                if let file = places[Self.key(section.name)]?.file, !file.isEmpty {
                    out += "> 本节文字取自 \(Escape.markdown(file))\n\n"
                }
                out += paragraphs.map(Escape.markdown).joined(separator: "\n") + "\n\n"
            } else if let paragraphs = carried?.text(section) {
                // Last year's words, kept for the year after unless changed: checked when this file is used.
                out += "> 沿用上年的文字，请核对后保留或修改\n\n"
                out += paragraphs.map(Escape.markdown).joined(separator: "\n") + "\n\n"
            } else {
                out += "> \(Escape.markdown(section.prompt))\n\n"
            }
        }
        return out
    }
}
