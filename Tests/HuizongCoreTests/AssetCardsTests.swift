import Foundation
import Testing

@testable import HuizongCore

/// Asset cards as the asset system exports them: no 资产类别, the national classification code
/// (GB/T 14885, 2010 or 2022) instead, 价值 for 原值, 净值 beside it, and often no unit code.
@Suite struct AssetCardsTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"
    static let assets = fixtures.appendingPathComponent("assets")

    /// A drop folder holding the registry and the named fixtures, each in its unit's folder.
    static func folder(_ files: [(unit: String, fixture: String)]) -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write(
            "单位名录.csv",
            "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n012003,规划院,012001\r\n")
        for (unit, fixture) in files {
            let bytes = try! Data(contentsOf: assets.appendingPathComponent(fixture))
            folder.write("\(unit)/\(fixture)", bytes: Array(bytes))
        }
        return folder
    }

    /// The cards of one file of the folder as read, before consolidating: those that could be
    /// classed, summed (consolidated, a unit with a rejected card has its assets left out).
    static func cardsRead(_ folder: TemporaryFolder, _ relative: String) -> AssetTotals {
        let read = InputFileReader.read(path: folder.path + "/" + relative, displayPath: relative)
        guard case .assets(let cards) = read.contents else { return AssetTotals() }
        var totals = AssetTotals()
        for card in cards { totals.add(card) }
        return totals
    }

    @Test func cardsFromTheAssetSystem() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "012002_执法支队/资产卡片-通用设备.csv",
            "卡片编号,资产名称,固定资产分类代码（2010国标码）,使用状况,取得方式,价值类型,价值(元),财政性资金(元),累计折旧(元),净值(元),入账日期,会计凭证号\r\n"
                + "ZC03-0001,台式计算机,2010104,在用,新购,原值,\"6,500.00\",6500.00,\"2,600.00\",\"3,900.00\",2019-06-01,记-12\r\n"
                + "ZC02-0001,办公楼,1020100,在用,新建,原值,1000000.00,1000000.00,400000.00,600000.00,2009-01-01,记-1\r\n"
                + "ZC03-0002,服务器,2010105,在用,新购,原值,80000.00,80000.00,30000.00,50001.00,2020-03-01,记-5\r\n"
                + "ZC09-0001,软件,9010000,在用,新购,原值,100.00,100.00,0,100.00,2021-01-01,记-9\r\n")
        folder.write(
            "本级资产.csv",
            "单位编码,资产编号,资产名称,资产分类代码(2022国标码),原值(元),累计折旧(元)\r\n"
                + "012001,A1,测绘软件,A08000000,5000.00,1000.00\r\n012001,A2,耗材,A07000000,300.00,\r\n"
                + "012001,A3,复印机,2020000,4000.00,\r\n")
        let result = try consolidate(folder)
        let unit = Self.cardsRead(folder, "012002_执法支队/资产卡片-通用设备.csv")
        #expect(unit.cards == 3, "the code no class begins with is rejected")
        #expect(result.unit("012002").assets == AssetTotals(), "and the unit's assets are left out, not short")
        #expect(result.withheld.map(\.unit) == ["012002", "012001"], "in the files' order")
        #expect(unit.fixedOriginal == Money(fen: 108_650_000) && unit.accumulatedDepreciation == Money(fen: 43_260_000))
        let mismatch = try #require(result.findings("asset.net_value_mismatch").first)
        #expect(mismatch.line == 4 && mismatch.message.contains("净值 50001.00 元不等于原值 80000.00 元减累计折旧 30000.00 元"))
        let bad = result.findings("row.vocabulary").sorted { $0.file < $1.file }
        #expect(bad.map(\.file) == ["012002_执法支队/资产卡片-通用设备.csv", "本级资产.csv"])
        #expect(bad.map(\.line) == [5, 4])
        #expect(bad[0].message.contains("“9010000”没有对应的门类：2010 国标码是 7 位数字"))
        #expect(
            bad[1].message.hasPrefix("表头“资产分类代码(2022国标码)”写明是 2022 国标码，但“2020000”是 2010 国标码的写法"))
        let input = try #require(result.inputs.first { $0.path == "012002_执法支队/资产卡片-通用设备.csv" })
        #expect(input.kind == "assets" && input.unitSource == "folder" && input.rejected == 1)
        // The 2022 edition: A08 is 无形资产, A07 物资 (其他), both at net value.
        let own = Self.cardsRead(folder, "本级资产.csv")
        #expect(own.intangible == Money(fen: 400_000) && own.other == Money(fen: 30_000) && own.cards == 2)
    }

    /// The 本级's 60 cards of the sample re-coded to GB/T 14885-2022, once as the new asset system's
    /// workbook (a sheet per 门类) and once as Excel's GB18030 CSV: the same figures as their
    /// 2010-coded export, and one note per file for the amounts that state no unit.
    @Test func cardsOn2022CodesAsAWorkbookAndAsGB18030CSV() throws {
        let folder = Self.folder([
            ("012001_某局本级", "资产卡片-2022国标.xlsx"), ("012002_执法支队", "资产卡片-2022国标.csv"),
        ])
        defer { folder.remove() }
        let result = try consolidate(folder)
        for code in ["012001", "012002"] {
            let assets = result.unit(code).assets
            #expect(assets.cards == 60, "\(code)")
            #expect(assets.fixedOriginal == Money(fen: 6_052_724_005), "\(code)")
            #expect(assets.accumulatedDepreciation == Money(fen: 3_430_775_352), "\(code)")
            #expect(assets.intangible == .zero && assets.other == .zero && assets.cash == .zero, "\(code)")
            #expect(result.unit(code).isSubmitted)
        }
        #expect(result.findings("row.vocabulary").isEmpty)
        #expect(result.findings("unit.not_submitted").map(\.unit) == ["012003"], "only the unit that sent nothing")
        #expect(result.findings("header.money_unit_assumed").isEmpty)
        let notes = result.findings("header.cards_in_yuan").sorted { $0.file < $1.file }
        #expect(notes.map(\.file) == ["012001_某局本级/资产卡片-2022国标.xlsx", "012002_执法支队/资产卡片-2022国标.csv"])
        #expect(notes.map(\.line) == [nil, 2])
        #expect(notes.allSatisfy { $0.severity == .info && $0.message.hasPrefix("资产卡片的金额列（价值、累计折旧、净值）没有注明单位") })
        let sheets = result.inputs.filter { $0.path.hasPrefix("012001_某局本级/资产卡片-2022国标.xlsx［") }
        #expect(sheets.map(\.path) == ["房屋和构筑物", "设备", "家具和用具"].map { "012001_某局本级/资产卡片-2022国标.xlsx［\($0)］" })
        #expect(sheets.map(\.rows) == [8, 45, 7] && sheets.allSatisfy { $0.kind == "assets" && $0.rejected == 0 })
        let csv = try #require(result.inputs.first { $0.path == "012002_执法支队/资产卡片-2022国标.csv" })
        #expect(csv.encoding == "gb18030" && csv.rows == 60 && csv.rejected == 0)
    }

    /// A 2010-code export: one card of each 门类 1–6 counts; a 7 (no such 门类), a 2022 code under
    /// its 2010 header, `Z99` and a truncated `A02` are each a row finding, never a category.
    @Test func a2010ExportAndCodesThatFitNoClass() throws {
        let folder = Self.folder([("012003_规划院", "固定资产卡片-2010国标.csv")])
        defer { folder.remove() }
        let result = try consolidate(folder)
        let assets = Self.cardsRead(folder, "012003_规划院/固定资产卡片-2010国标.csv")
        #expect(result.unit("012003").assets == AssetTotals() && result.withheld.map(\.unit) == ["012003"])
        #expect(assets.cards == 6)
        #expect(
            assets.fixedOriginal == Money(fen: 114_650_000) && assets.accumulatedDepreciation == Money(fen: 44_160_000))
        #expect(assets.intangible == .zero && assets.other == .zero)
        let file = "012003_规划院/固定资产卡片-2010国标.csv"
        let bad = result.findings("row.vocabulary")
        #expect(bad.map(\.file) == Array(repeating: file, count: 4) && bad.map(\.line) == [9, 10, 11, 12])
        let header = "“固定资产分类代码（2010国标码）”"
        let classes2010 = "2010 国标码是 7 位数字，首位是门类：1 土地、房屋及构筑物，2 通用设备，3 专用设备，4 文物和陈列品，5 图书、档案，6 家具、用具、装具及动植物（均为固定资产）"
        #expect(
            bad.map(\.message) == [
                "\(header)的值“7010000”没有对应的门类：\(classes2010)。该行未计入；请核对这张卡片的分类代码后重新导出。",
                "表头\(header)写明是 2010 国标码，但“A02010105”是 2022 国标码的写法（字母加 8 位数字）。该行未计入；"
                    + "请确认卡片用的是哪一版国标，把表头或分类代码改成一致后重新导出。",
                "\(header)的值“Z99”不是国标资产分类代码：\(classes2010)。该行未计入；请按资产卡片上的分类代码改正后重新导出。",
                "\(header)的值“A02”不是国标资产分类代码：\(classes2010)。该行未计入；请按资产卡片上的分类代码改正后重新导出。",
            ])
        let input = try #require(result.inputs.first { $0.path == file })
        #expect(input.encoding == "gb18030" && input.rows == 10 && input.rejected == 4)
        // Its amounts say 元: no note.
        #expect(result.findings("header.cards_in_yuan").isEmpty && result.findings("header.money_unit_assumed").isEmpty)
    }

    /// A header naming no edition: each code is read by its shape — seven digits by 2010, a letter
    /// and eight digits by 2022, where A07 物资 is 其他 and A08 无形资产; A09 is no 门类.
    @Test func aHeaderNamingNoEditionReadsEachCodeByItsShape() throws {
        let folder = Self.folder([("012001_某局本级", "资产卡片-未注明国标.csv")])
        defer { folder.remove() }
        let result = try consolidate(folder)
        let assets = Self.cardsRead(folder, "012001_某局本级/资产卡片-未注明国标.csv")
        #expect(result.unit("012001").assets == AssetTotals() && result.withheld.map(\.unit) == ["012001"])
        #expect(assets.cards == 4)
        #expect(
            assets.fixedOriginal == Money(fen: 25_000_000) && assets.accumulatedDepreciation == Money(fen: 9_000_000))
        #expect(assets.other == Money(fen: 800_000) && assets.intangible == Money(fen: 2_400_000))
        let bad = try #require(result.findings("row.vocabulary").only)
        #expect(bad.file == "012001_某局本级/资产卡片-未注明国标.csv" && bad.line == 6)
        #expect(bad.message.hasPrefix("“资产分类代码”的值“A09000000”没有对应的门类：2022 国标码是字母 A 加 8 位数字"))
        let note = try #require(result.findings("header.cards_in_yuan").only)
        #expect(note.file == "012001_某局本级/资产卡片-未注明国标.csv" && note.line == 1)
    }

    /// The edition named by the title line above the header (`（GB/T 14885-2022）`), the column a
    /// plain 资产分类代码; and by the standard's number in the column's header. A code of the other
    /// edition is a finding naming the code, and the title or header that contradicts it.
    @Test func aTitleOrTheStandardsNumberNamesTheEdition() throws {
        let folder = Self.folder([
            ("012001_某局本级", "资产卡片-标题注明国标.csv"), ("012002_执法支队", "固定资产卡片-国标表头.csv"),
        ])
        defer { folder.remove() }
        let result = try consolidate(folder)
        #expect(result.withheld.map(\.unit) == ["012001", "012002"], "each has a rejected card")
        let titled = Self.cardsRead(folder, "012001_某局本级/资产卡片-标题注明国标.csv")
        #expect(titled.cards == 4)
        #expect(
            titled.fixedOriginal == Money(fen: 120_650_000) && titled.accumulatedDepreciation == Money(fen: 30_260_000))
        #expect(titled.other == Money(fen: 800_000) && titled.intangible == Money(fen: 2_400_000))
        let headed = Self.cardsRead(folder, "012002_执法支队/固定资产卡片-国标表头.csv")
        #expect(headed.cards == 1)
        #expect(
            headed.fixedOriginal == Money(fen: 50_000_000) && headed.accumulatedDepreciation == Money(fen: 10_000_000))
        let bad = result.findings("row.vocabulary").sorted { $0.file < $1.file }
        #expect(bad.map(\.file) == ["012001_某局本级/资产卡片-标题注明国标.csv", "012002_执法支队/固定资产卡片-国标表头.csv"])
        #expect(bad.map(\.line) == [7, 3])
        #expect(
            bad.map(\.message) == [
                "标题“固定资产卡片导出（GB/T 14885-2022）”写明是 2022 国标码，但“资产分类代码”的值“2020000”是 2010 国标码的写法"
                    + "（7 位数字）。该行未计入；请确认卡片用的是哪一版国标，把标题或分类代码改成一致后重新导出。",
                "表头“固定资产分类代码（GB/T 14885-2010）”写明是 2010 国标码，但“A05010500”是 2022 国标码的写法"
                    + "（字母加 8 位数字）。该行未计入；请确认卡片用的是哪一版国标，把表头或分类代码改成一致后重新导出。",
            ])
        // The titled file states no unit: one note, on its header line; the other says 元.
        let note = try #require(result.findings("header.cards_in_yuan").only)
        #expect(note.file == "012001_某局本级/资产卡片-标题注明国标.csv" && note.line == 2)
        #expect(result.findings("header.money_unit_assumed").isEmpty)
        #expect(result.inputs.filter { $0.kind == "assets" }.map(\.encoding) == ["gb18030", "gb18030"])
    }

    @Test func theNationalCodeClasses() {
        func category(_ code: String, _ header: NationalClassification? = nil) -> Result<
            AssetCategory, ClassificationCodeProblem
        > {
            Result { () throws(ClassificationCodeProblem) in try AssetCategory(nationalCode: code, header: header) }
        }
        // GB/T 14885-2010: 门类 1–6 are fixed assets; 7, 8, 9 and 0 are none.
        for code in ["1010000", "1020000", "1030000", "2010104", "3080000", "4010000", "5010000", "6010000"] {
            #expect(category(code) == .success(.fixed), "\(code)")
            #expect(category(code, .gb2010) == .success(.fixed), "\(code)")
        }
        for code in ["7010000", "8010000", "9010000", "0010000"] {
            #expect(category(code) == .failure(.noSuchClass(.gb2010)), "\(code)")
        }
        // GB/T 14885-2022: A01–A06 fixed, A07 物资 other, A08 无形资产.
        for code in ["A01010100", "A02010105", "A03000000", "A04000000", "A05010502", "A06000000"] {
            #expect(category(code) == .success(.fixed), "\(code)")
            #expect(category(code, .gb2022) == .success(.fixed), "\(code)")
        }
        #expect(category("A07000000") == .success(.other) && category("A08000000") == .success(.intangible))
        for code in ["A00000000", "A09000000", "A10000000", "B01000000", "C08000000"] {
            #expect(category(code) == .failure(.noSuchClass(.gb2022)), "\(code)")
        }
        // Shapes are strict: lengths, digits, a capital letter, no separators.
        for code in [
            "", "A02", "Z99", "201010", "20101040", "A0201010", "A020101050", "a02010105", "A02-01-01-05",
            "2010 104", "２０１０１０４", "AA2010105",
        ] {
            #expect(category(code) == .failure(.notACode(expected: nil)), "\(code)")
        }
        #expect(category("Z99", .gb2010) == .failure(.notACode(expected: .gb2010)))
        // A code of one edition under a header that names the other: neither is guessed.
        #expect(category("A02010105", .gb2010) == .failure(.otherEdition(header: .gb2010, code: .gb2022)))
        #expect(category("2010104", .gb2022) == .failure(.otherEdition(header: .gb2022, code: .gb2010)))
        #expect(category("7010000", .gb2022) == .failure(.otherEdition(header: .gb2022, code: .gb2010)))
    }

    @Test func theHeaderNamesTheEdition() {
        let named: [String: NationalClassification?] = [
            "固定资产分类代码（2010国标码）": .gb2010, "固定资产分类代码(2010国标码)": .gb2010,
            "资产分类代码（2022国标码）": .gb2022, "资产分类代码（２０２２国标码）": .gb2022,
            "资产分类代码（GB/T 14885-2022）": .gb2022, "分类代码 GB/T14885—2010": .gb2010, "新国标分类代码": .gb2022,
            "资产分类代码": nil, "国标分类代码": nil, "2022年资产分类代码": nil, "分类代码（2010国标码、2022国标码）": nil,
        ]
        for (header, edition) in named {
            #expect(NationalClassification.named(in: header) == edition, "\(header)")
        }
        // The column's header first; else the first title line that names one.
        let title = "固定资产卡片导出（GB/T 14885-2022）"
        #expect(NationalClassification.stated(header: "资产分类代码", preamble: ["编制单位：某局", title])! == (.gb2022, title))
        #expect(NationalClassification.stated(header: "分类代码(2010国标码)", preamble: [title])! == (.gb2010, nil))
        #expect(NationalClassification.stated(header: "分类代码", preamble: ["2022年固定资产卡片"]) == nil)
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
