import Foundation
import Testing

@testable import HuizongCore

/// A unit's own export names no unit in its rows: its 编制单位 line, its file name or its folder does.
@Suite struct FileUnitTests {
    static let registry = """
        单位编码,单位名称,简称,上级单位编码\r
        012001,石家庄市自然资源和规划局本级,本级,\r
        012002,石家庄市自然资源执法监察支队,执法支队,012001\r
        012004,石家庄市自然资源和规划局长安分局,长安分局,012001\r
        012005,石家庄市自然资源和规划局桥西分局,桥西分局,012001\r

        """
    static let entries = [
        ("012001", "石家庄市自然资源和规划局本级", "本级"), ("012002", "石家庄市自然资源执法监察支队", "执法支队"),
        ("012004", "石家庄市自然资源和规划局长安分局", "长安分局"), ("012005", "石家庄市自然资源和规划局桥西分局", "桥西分局"),
    ].map { RegistryEntry(code: $0.0, name: $0.1, alias: $0.2, parentCode: "", line: 0) }

    @Test(arguments: [
        ("012002_自然资源执法监察支队", ["012002"]),  // a code standing alone
        ("2022年决算-012004", ["012004"]),
        ("石家庄市自然资源和规划局长安分局", ["012004"]),  // the longest full name, not also …规划局
        ("石家庄市自然资源和规划局长安分局2022年决算", ["012004"]),
        ("桥西分局", ["012005"]),  // an alias
        ("长安分局和桥西分局", ["012004", "012005"]),  // two: ambiguous
        ("012004与012005", ["012004", "012005"]),
        ("石家庄市自然资源和规划局", []),  // the department, no unit of it
        ("资产卡片", []), ("2022", []), ("0120021", []),
    ])
    func whatAClueNames(text: String, codes: [String]) {
        #expect(FileUnit.units(named: text, in: Self.entries) == codes)
    }

    @Test func theFirstClueThatNamesAUnitDecides() {
        let clues = FileUnit.clues(statedUnit: "石家庄市自然资源执法监察支队", path: "012004_长安分局/决算/资产卡片.csv")
        #expect(clues.map(\.source) == [.preamble, .fileName, .folder, .folder])
        #expect(clues.map(\.text) == ["石家庄市自然资源执法监察支队", "资产卡片", "决算", "012004_长安分局"])
        #expect(FileUnit.resolve(clues, in: Self.entries) == .found(code: "012002", clue: clues[0]))
        let fromFolder = FileUnit.clues(statedUnit: nil, path: "012004_长安分局/决算/资产卡片.csv")
        #expect(FileUnit.resolve(fromFolder, in: Self.entries) == .found(code: "012004", clue: fromFolder[2]))
        #expect(TableHeader.statedUnit(in: "编制单位：石家庄市规划馆 单位：万元") == "石家庄市规划馆")
        #expect(TableHeader.statedUnit(in: "单位名称: 长安分局") == "长安分局")
        #expect(TableHeader.statedUnit(in: "单位：万元") == nil)
    }

    /// Tables without a unit column, named by their folder, their file name and their 编制单位;
    /// one naming two units and one naming none are set aside whole, with an error each.
    @Test func tablesWithoutAUnitColumnAreTheirFilesUnits() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "012002_执法支队/支出明细.csv",
            "日期,凭证号,资金来源,支出类型,金额(元)\r\n2022-01-05,记-1,一般公共预算,基本支出,100.00\r\n"
                + "2022-02-05,记-2,一般公共预算,项目支出,50.00\r\n")
        folder.write(
            "汇总/石家庄市自然资源和规划局长安分局.csv",
            "资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\nA1,办公楼,固定资产,1000.00,100.00\r\n")
        folder.write(
            "汇总/人员.csv", "2022年人员信息表\r\n编制单位：石家庄市自然资源和规划局桥西分局\r\n人员编号,人员类别\r\nP1,在职\r\nP2,退休\r\n")
        folder.write("汇总/长安分局和桥西分局.csv", "人员编号,人员类别\r\nP9,在职\r\n")
        folder.write("汇总/预决算.csv", "阶段,科目,金额(万元)\r\n决算,基本支出,1.00\r\n")
        let result = try consolidate(folder)
        #expect(result.unit("012002").ledger.total == Money(fen: 15_000))
        #expect(result.unit("012004").assets.fixedOriginal == Money(fen: 100_000))
        #expect(result.unit("012005").staff.total == 2)
        let inputs = Dictionary(uniqueKeysWithValues: result.inputs.map { ($0.path, $0) })
        #expect(inputs["012002_执法支队/支出明细.csv"]?.unitSource == "folder")
        #expect(inputs["012002_执法支队/支出明细.csv"]?.unit == "012002")
        #expect(inputs["汇总/石家庄市自然资源和规划局长安分局.csv"]?.unitSource == "file_name")
        #expect(inputs["汇总/人员.csv"]?.unitSource == "preamble")
        #expect(inputs["单位名录.csv"]?.unitSource == "")
        let ambiguous = try #require(result.findings("unit.ambiguous").first)
        #expect(ambiguous.file == "汇总/长安分局和桥西分局.csv" && ambiguous.severity == .error)
        #expect(ambiguous.message.contains("文件名“长安分局和桥西分局”同时对应名录中的 012004、012005"))
        #expect(inputs["汇总/长安分局和桥西分局.csv"]?.rejected == 1)
        let unnamed = try #require(result.findings("unit.not_named").first)
        #expect(unnamed.file == "汇总/预决算.csv" && inputs["汇总/预决算.csv"]?.accepted == 0)
        #expect(result.unit("012001").budget.stages.isEmpty, "the 1.00 万元 is nobody's")
    }

    /// A file with a unit column says so, and names its unit when it has only one.
    @Test func aUnitColumnIsTheSource() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write("a.csv", "单位编码,人员编号,人员类别\r\n012002,P1,在职\r\n")
        folder.write("b.csv", "单位编码,人员编号,人员类别\r\n012002,P1,在职\r\n012004,P1,在职\r\n")
        let result = try consolidate(folder)
        let inputs = Dictionary(uniqueKeysWithValues: result.inputs.map { ($0.path, $0) })
        #expect(inputs["a.csv"]?.unit == "012002" && inputs["a.csv"]?.unitSource == "column")
        #expect(inputs["b.csv"]?.unit == "" && inputs["b.csv"]?.unitSource == "column")
    }
}
