import Foundation
import Testing

@testable import HuizongCore

/// The national 部门整体支出绩效自评表 as the provincial systems print it (make-national.py): each
/// 一级指标 written with its weight in a cell merged down its rows, 三级指标 numbered `指标1：`, an
/// unfilled `指标2：` row, `-` in the funds block, a 总分 row and the 注 lines. Scored with the
/// national scheme it gives the national method's total and grade.
@Suite struct PrintedSelfEvaluationTests {
    static let root = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("SampleData/2022")
    static let forms = fixtures.appendingPathComponent("self-evaluation")
    static let national = try! Scheme.load(path: root.appendingPathComponent("Schemes/national-90-80-60.json").path)

    /// The sample with its 绩效指标.csv replaced by the fixture `name` (kept as 绩效指标 with its own
    /// extension), scored with the national scheme; nil: the hand-made sheet.
    func consolidate(_ name: String?) throws -> Consolidation {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let copy = (folder.path as NSString).appendingPathComponent("2022")
        try FileManager.default.copyItem(atPath: Self.sample.path, toPath: copy)
        if let name {
            try FileManager.default.removeItem(atPath: copy + "/绩效指标.csv")
            try FileManager.default.copyItem(
                atPath: Self.forms.appendingPathComponent(name).path,
                toPath: copy + "/绩效指标." + (name as NSString).pathExtension)
        }
        return try ConsolidateJob.evaluate(
            ConcurrentReader.read(try DropFolder(root: copy), jobs: 2), fiscalYear: 2022, scheme: Self.national)
    }

    /// The lines of the form: the 一级指标 cells, the 总分 row and the rows read past (the unfilled
    /// `指标2：`, the two 注 lines). The CSV's are one later below the 产出指标 cell, whose line break
    /// Excel keeps inside its quotes.
    static let lines: [String: (groups: [Int], total: Int, readPast: [Int])] = [
        "national.xlsx": ([12, 27, 31], 32, [15, 33, 34]),
        "national-gb18030.csv": ([12, 28, 32], 33, [16, 34, 35]),
    ]

    @Test(arguments: ["national.xlsx", "national-gb18030.csv"])
    func theFormAsPrintedScoresTheNationalTotalAndGrade(name: String) throws {
        let handMade = try consolidate(nil)
        let printed = try consolidate(name)
        let card = try #require(printed.scorecard)
        #expect(card.status == .scored && card.weightsFit)
        #expect(card.total == Decimal(string: "98.34") && card.grade == "优", "8.34 + 50 + 30 + 10, ≥ 90")
        #expect(card.groups.map(\.score) == [Decimal(string: "8.34")!, 50, 30, 10])
        #expect(card.indicators.map(\.score) == handMade.scorecard?.indicators.map(\.score))
        // `指标1：` and the weight are how the form prints them, not the names.
        #expect(card.indicators.map(\.indicator.name) == handMade.scorecard?.indicators.map(\.indicator.name))
        #expect(Set(card.indicators.dropFirst().map(\.indicator.level1)) == ["产出指标", "效益指标", "满意度指标"])
        #expect(card.indicators[4].indicator.level2 == "数量指标", "指标3 under 数量指标 again, merged down")
        // The sample's slips, and one note naming the form's 总分 and 注 rows read past.
        #expect(printed.findings.map(\.rule) == handMade.findings.map(\.rule) + ["row.not_data"])

        let lines = try #require(Self.lines[name])
        #expect(printed.printedWeights.map(\.group) == ["产出指标", "效益指标", "满意度指标"])
        #expect(
            printed.printedWeights.map(\.weight) == [50, 30, 10] && printed.printedWeights.map(\.line) == lines.groups)
        let input = try #require(printed.inputs.first { $0.path.hasPrefix("绩效指标") && $0.kind != "workbook" })
        #expect(input.kind == "indicators" && input.rows == 19 && input.rejected == 0, "总分 and 注 are no rows")
        // `-` in the funds block is no figure: the block is read, the execution rate is the data's.
        #expect(printed.fundsBlocks.count == 1 && printed.findings("funds.mismatch").isEmpty)
        #expect(card.indicators[0].indicator.name == "预算执行率" && card.indicators[0].weight == 10)

        let read = InputFileReader.read(path: Self.forms.appendingPathComponent(name).path, displayPath: name)
        let file = read.sheets.first ?? read
        #expect(file.inspection.totalRows == [lines.total] && file.inspection.nonDataRows == lines.readPast)
        #expect(file.findings.map(\.detail) == [.rowsNotData(lines: lines.readPast)], "\(file.findings)")
    }

    @Test(arguments: ["national-misprinted.xlsx", "national-misprinted-gb18030.csv"])
    func aMisprintedWeightIsAFindingAndTheSchemeStillScores(name: String) throws {
        let result = try consolidate(name)
        let weights = result.findings("indicator.printed_weight")
        let finding = try #require(weights.first)
        #expect(weights.count == 1)
        #expect(finding.file.hasPrefix("绩效指标.") && finding.line == 12 && finding.severity == .warning)
        #expect(finding.message.contains("一级指标“产出指标”的单元格中印的分值是 60 分，评分方案规定为 50 分"))
        #expect(finding.message.contains("请核对自评表上的一级指标分值"))
        // Its 总分 of 99.34 is not the sum of its 得分.
        let total = try #require(result.findings("score.stated_total").first)
        #expect(total.line == Self.lines[name.replacingOccurrences(of: "-misprinted", with: "")]?.total)
        #expect(total.message.contains("总分行写的得分是 99.34，表中各项得分（含预算执行率）相加为 98.34"))
        #expect(result.scorecard?.status == .scored && result.scorecard?.total == Decimal(string: "98.34"))
        #expect(result.scorecard?.grade == "优")
    }

    /// A CSV export that repeats the merged cells on every row: one printed weight per group, the
    /// 二级指标 carried where only it is blank.
    @Test func repeatedGroupCellsAreOneGroup() throws {
        let text = [
            "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分",
            "一、产出指标（60分）,数量指标（20分）,指标1：甲,≥1个,1个,20,20",
            "一、产出指标（60分）,,指标2：乙,≥1个,1个,40,40",
            "\"二、效益\n指标（40分）\",社会效益指标,指标1：丙,≥1个,1个,40,40",
            "合计,,,,,100,99",
            "注：一级指标分值见评分方案。",
        ].joined(separator: "\r\n")
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let result = InputFileReader.read(path: folder.write("自评表.csv", text), displayPath: "自评表.csv")
        guard case .indicators(let indicators, _, let weights) = result.contents else {
            Issue.record("not read as indicators: \(result.findings)")
            return
        }
        #expect(indicators.map(\.name) == ["甲", "乙", "丙"])
        #expect(indicators.map(\.level1) == ["产出指标", "产出指标", "效益指标"])
        #expect(indicators.map(\.level2) == ["数量指标", "数量指标", "社会效益指标"])
        #expect(weights.map(\.group) == ["产出指标", "效益指标"] && weights.map(\.line) == [2, 4])
        #expect(
            result.findings.map(\.rule) == ["score.stated_total", "row.not_data"], "合计 99 against 100; the 注 read past")
        #expect(result.inspection.totalRows == [6] && result.inspection.nonDataRows == [7])

        // The default scheme's 产出 is 50: both printed weights are checked against it.
        let (_, findings) = Scorer(scheme: .standard).score(
            indicators, figures: SourceFigures(Consolidation()), printedWeights: weights)
        let printed = findings.filter { $0.rule == "indicator.printed_weight" }
        #expect(printed.map(\.line) == [2, 4])
        // With free group weights, a printed weight is checked against its rows' weights.
        var free = Scheme.standard
        free.groupWeights = .free
        let (_, freeFindings) = Scorer(scheme: free).score(
            indicators, figures: SourceFigures(Consolidation()), printedWeights: weights)
        #expect(!freeFindings.contains { $0.rule == "indicator.printed_weight" }, "60 and 40, as their rows")
    }

    @Test func labelsAsPrinted() {
        let weights: [(String, String, Decimal?)] = [
            ("产出指标（50分）", "产出指标", 50), ("效益指标(30 分)", "效益指标", 30), ("满意度指标\n（10）", "满意度指标", 10),
            ("产出指标（５０分）", "产出指标", 50), ("产出指标", "产出指标", nil), ("（50分）", "（50分）", nil),
            ("满意度（群众）", "满意度（群众）", nil), ("产出指标50分", "产出指标", 50), ("效益指标 30分", "效益指标", 30),
            ("满意度指标：10分", "满意度指标", 10), ("50分", "50分", nil), ("得分", "得分", nil),
        ]
        for (cell, label, weight) in weights {
            #expect(
                PrintedLabel.splitWeight(cell).label == label && PrintedLabel.splitWeight(cell).weight == weight,
                "\(cell)")
        }
        let names: [(String, String)] = [
            ("指标1：国土空间总体规划编制完成率", "国土空间总体规划编制完成率"), ("指标12:地形图修测", "地形图修测"),
            ("一、产出指标", "产出指标"), ("（一）数量指标", "数量指标"), ("1.5万亩土地整治", "1.5万亩土地整治"),
            ("2、 服务对象\n满意度", "服务对象\n满意度"), ("指标1：\u{3000}全年供应土地", "全年供应土地"),
            ("a\r\nb <b>x</b>", "a\r\nb <b>x</b>"),
            ("指标１：全年补充耕地", "全年补充耕地"),
        ]
        for (cell, shown) in names { #expect(PrintedLabel.display(cell) == shown, "\(cell)") }
        #expect(PrintedLabel.group("二、效益\n指标") == "效益指标" && PrintedLabel.group("服务对象\u{3000}满意度") == "服务对象满意度")
        #expect(PrintedLabel.plain("一、产出 指标") == "产出指标" && PrintedLabel.plain("指标2：") == "")
        #expect(["", "指标2：", "……", "指标3：…"].allSatisfy(PrintedLabel.namesNothing))
        #expect(!PrintedLabel.namesNothing("指标2：满意度"))
        #expect(["-", "—", "－", "/", " - "].allSatisfy { PrintedLabel.figure($0).isEmpty })
        #expect(PrintedLabel.figure("-5") == "-5" && PrintedLabel.score("98.34分") == Decimal(string: "98.34"))
        #expect(Scheme.standard.group(named: "一、产出\n指标")?.name == "产出")
    }
}
