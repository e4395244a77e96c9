import Foundation
import Testing

@testable import HuizongCore

/// The registry's own rules, and the file-level rules not covered elsewhere.
@Suite struct RegistryAndFileRulesTests {
    func consolidateFolder(_ files: [String: String]) throws -> Consolidation {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in files { folder.write(name, text) }
        return try consolidate(folder)
    }

    static let staff = "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n012002,P2,在职\r\n"

    @Test func aUnitTwiceInTheRegistry() throws {
        let result = try consolidateFolder([
            "名录.csv": "单位编码,单位名称\r\n012001,本级\r\n012002,支队\r\n012002,支队二\r\n", "s.csv": Self.staff,
        ])
        let finding = try #require(result.findings("registry.duplicate_unit").first)
        #expect(finding.line == 4 && finding.file == "名录.csv")
        #expect(result.units.map(\.entry.name) == ["本级", "支队"])
        #expect(result.inputs.first { $0.path == "名录.csv" }?.rejected == 1)
        let clean = try consolidateFolder(["名录.csv": registryCSV, "s.csv": Self.staff])
        #expect(clean.findings("registry.duplicate_unit").isEmpty)
    }

    /// Two registries: which one counts is never guessed. A table of headcounts per unit is not one:
    /// it is the units' headcounts.
    @Test func twoRegistriesStopTheRunAndATableOfCountsIsNotARegistry() throws {
        #expect(throws: ConsolidationError.severalRegistries(["a/名录.csv", "名录2.csv"])) {
            try consolidateFolder([
                "a/名录.csv": registryCSV, "名录2.csv": registryCSV + "012009,新单位,\r\n", "s.csv": Self.staff,
            ])
        }
        let counts = "单位编码,单位名称,编制人数,在职人员,离休人员,退休人员\r\n012001,本级,100,90,1,20\r\n"
        let result = try consolidateFolder(["名录.csv": registryCSV, "基本情况.csv": counts, "s.csv": Self.staff])
        #expect(result.units.count == 3, "the registry is the one registry")
        #expect(result.inputs.first { $0.path == "基本情况.csv" }?.kind == "staff_counts", "it is the units' headcounts")
        #expect(result.unit("012001").staff == StaffTotals(active: 90, retiredVeteran: 1, retired: 20))
    }

    @Test func parentsInTheRegistry() throws {
        let unknownParent = try consolidateFolder([
            "名录.csv": "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,支队,099\r\n", "s.csv": Self.staff,
        ])
        #expect(unknownParent.findings("registry.unknown_parent").map(\.unit) == ["012002"])
        #expect(unknownParent.unit("012002").parentCode == "012001")
        let noMain = try consolidateFolder([
            "名录.csv": "单位编码,单位名称,上级单位编码\r\n012001,甲,012002\r\n012002,乙,012001\r\n", "s.csv": Self.staff,
        ])
        #expect(noMain.findings("registry.no_main_unit").count == 1)
        // Without a parent column, the unit named 本级 is everyone's parent.
        let implicit = try consolidateFolder([
            "名录.csv": "单位编码,单位名称\r\n012002,支队\r\n012001,某局本级\r\n", "s.csv": Self.staff,
        ])
        #expect(implicit.unit("012002").parentCode == "012001" && implicit.unit("012001").parentCode.isEmpty)
        #expect(implicit.findings.filter { $0.rule.hasPrefix("registry.") }.isEmpty)
    }

    @Test func unitCodesAreLettersAndDigits() throws {
        let result = try consolidateFolder([
            "名录.csv": registryCSV, "s.csv": "单位编码,人员编号,人员类别\r\n=1+1,P1,在职\r\n012001,P2,在职\r\n",
        ])
        #expect(result.findings("row.unit_code").map(\.line) == [2])
        #expect(result.findings("row.unit_code").first?.unit == "")
    }

    @Test func aTotalRowThatCannotBeRead() throws {
        let result = try consolidateFolder([
            "名录.csv": registryCSV,
            "a.csv": "单位编码,资产编号,资产名称,资产类别,原值(元)\r\n012001,A1,房,固定资产,5.00\r\n合计,,,,五元\r\n",
        ])
        #expect(result.findings("total_row.unreadable").map(\.line) == [3])
        #expect(result.findings("total_row.mismatch").isEmpty)
    }

    @Test func systemFilesAreInfoAndMissingFilesUnreadable() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let system = InputFileReader.read(path: folder.write(".DS_Store", bytes: [0, 1]), displayPath: ".DS_Store")
        #expect(system.findings.map(\.rule) == ["file.system"] && system.findings[0].severity == .info)
        let lock = InputFileReader.read(path: folder.write("~$预算.xlsx", bytes: [0]), displayPath: "~$预算.xlsx")
        #expect(lock.findings.map(\.rule) == ["file.system"])
        let gone = InputFileReader.read(path: folder.path + "/gone.csv", displayPath: "gone.csv")
        #expect(gone.findings.map(\.rule) == ["file.unreadable"])
        #expect(gone.input.kind == "unreadable")
    }

    @Test func hiddenFoldersAreListedNotRead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write(".git/config.csv", "x")
        let listed = try DropFolder(root: folder.path)
        #expect(listed.files.map(\.displayPath) == [".git/", "名录.csv"])
        let hidden = listed.read(listed.files[0])
        #expect(hidden.findings.map(\.rule) == ["folder.hidden"] && hidden.findings[0].severity == .info)
        #expect(hidden.input.kind == "skipped")
    }
}
