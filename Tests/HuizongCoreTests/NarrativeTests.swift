import Testing

@testable import HuizongCore

/// The department's words keep their sections and their text through narrative.md, whatever the
/// goals are called and however the file's lines end.
@Suite struct NarrativeTests {
    static let goals = ["产出 目标", "产出目标", "保障机关\n正常运转", "1.5万亩高标准农田", "A*B_C [x](y) #1"]

    static func written() -> Narrative {
        var narrative = Narrative()
        for (index, goal) in goals.enumerated() {
            narrative.sections[Narrative.key(Narrative.goalTarget(goal).name)] = [
                "目标\(index)：\(goal == "1.5万亩高标准农田" ? "#不是标题" : "完成")"
            ]
            narrative.sections[Narrative.key(Narrative.goalResult(goal).name)] = ["结果\(index)", "  以空格开头&#32;的段"]
        }
        narrative.sections["部门职能"] = ["（1）职能一", "> 不是说明", "## 不是标题"]
        return narrative
    }

    /// narrative.md read back is the same sections, and written again the same file: a fixed point,
    /// with LF or CRLF line ends.
    @Test func narrativeMdIsAFixedPoint() {
        let narrative = Self.written()
        let template = narrative.template(goals: Self.goals)
        for text in [template, template.replacingOccurrences(of: "\n", with: "\r\n")] {
            let (read, unknown) = Narrative.parse(text)
            #expect(unknown.isEmpty)
            #expect(read.sections == narrative.sections)
            #expect(read.template(goals: Self.goals) == template)
        }
        // Each goal's words land under that goal, none under another.
        for (index, goal) in Self.goals.enumerated() {
            #expect(narrative.text(Narrative.goalResult(goal)) == ["结果\(index)", "  以空格开头&#32;的段"])
        }
    }

    /// Words for a goal the sheet no longer names are kept in narrative.md (said to be unused), not lost.
    @Test func wordsForARenamedGoalAreKept() {
        let template = Self.written().template(goals: ["新目标"])
        #expect(template.contains("其文字未进入报告"))
        let (read, _) = Narrative.parse(template)
        #expect(read.sections == Self.written().sections)
    }

    /// An edited report.docx: headings by level, goal headings numbered （n）, a prompt with words typed
    /// after it, a line break inside a paragraph, sentences made from data left out.
    @Test func anEditedReportsParagraphsGoToTheirSections() {
        typealias P = ReportDocxReader.Paragraph
        let paragraphs = [
            P(level: 0, style: "Title", text: "某局"), P(level: 0, style: "", text: "依据……开展自评。"),
            P(level: 1, style: "heading 1", text: "一、部门基本情况"), P(level: 3, style: "heading 3", text: "1、部门职能"),
            P(level: 0, style: "", text: "【请填写：部门的主要职能】（1）职能一\n（2）职能二"),
            P(level: 3, style: "heading 3", text: "2、机构设置"), P(level: 0, style: "", text: "行政单位，全额拨款。"),
            P(level: 0, style: "Data Text", text: "我单位有22个下属单位。"),
            P(level: 3, style: "heading 3", text: "2、分项绩效目标、指标"),
            P(level: 4, style: "heading 4", text: "（1）1.5万亩高标准农田"), P(level: 0, style: "", text: "建成。"),
            P(level: 1, style: "heading 1", text: "三、部门整体支出绩效目标实现情况及指标分析"),
            P(level: 4, style: "heading 4", text: "（1）1.5万亩高标准农田"), P(level: 0, style: "", text: "已建成1.6万亩。"),
            P(level: 4, style: "heading 4", text: "（2）其他指标"), P(level: 0, style: "", text: "不属于任何目标"),
            P(level: 1, style: "heading 1", text: "附件：数据核对问题清单"), P(level: 0, style: "", text: "不是叙述"),
        ]
        let narrative = Narrative.fromReport(paragraphs)
        #expect(narrative.text(Narrative.opening) == ["依据……开展自评。"])
        #expect(narrative.text(Narrative.functions) == ["（1）职能一", "（2）职能二"])
        #expect(narrative.text(Narrative.character) == ["行政单位，全额拨款。"])
        #expect(narrative.text(Narrative.goalTarget("1.5万亩高标准农田")) == ["建成。"])
        #expect(narrative.text(Narrative.goalResult("1.5万亩高标准农田")) == ["已建成1.6万亩。"])
        #expect(narrative.sections.count == 5)
    }

    /// A paragraph of an edited report.docx past the limit is left out and named by its section and
    /// its number there; the section's other paragraphs are taken.
    @Test func aParagraphTooLongIsLeftOutAndNamed() {
        typealias P = ReportDocxReader.Paragraph
        let limit = ReportDocxReader.maxParagraphBytes
        let paragraphs = [
            P(level: 3, style: "heading 3", text: "1、部门职能"), P(level: 0, style: "", text: "（1）职能一"),
            P(level: 0, style: "", text: "开头的二十个字", bytes: limit + 1), P(level: 0, style: "", text: "（2）职能二"),
            P(level: 0, style: "", text: "刚好", bytes: limit),
        ]
        let narrative = Narrative.fromReport(paragraphs)
        #expect(narrative.text(Narrative.functions) == ["（1）职能一", "（2）职能二", "刚好"])
        #expect(
            narrative.tooLong == [
                Narrative.TooLongParagraph(section: "部门职能", paragraph: 2, opening: "开头的二十个字", bytes: limit + 1)
            ])
    }

    /// Past the limit a paragraph keeps only its length and its opening: twenty scalars, even when
    /// the text is a few characters of a hundred thousand combining marks each.
    @Test func aParagraphTooLongKeepsOnlyItsOpening() {
        var paragraph = ReportDocxReader.Paragraph(level: 0, style: "", text: "")
        let piece = Array(("a" + String(repeating: "\u{301}", count: 100_000)).utf8)
        for _ in 0..<6 { piece.withUnsafeBufferPointer { paragraph.add($0) } }
        #expect(paragraph.isTooLong && paragraph.bytes == 6 * piece.count)
        #expect(paragraph.text.unicodeScalars.count == ReportDocxReader.openingCharacters)
    }
}
