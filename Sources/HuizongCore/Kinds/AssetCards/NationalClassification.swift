/// GB/T 14885, the national classification of assets that a card's 固定资产分类代码 follows, in
/// the two editions the asset systems use, and the category of a card each 门类 gives. Sources
/// and the full tables: docs/formats.md, "Asset cards from the asset system".
///
/// - 2010, 《固定资产分类与代码》: seven digits, the first the 门类 — 1 土地、房屋及构筑物, 2 通用设备,
///   3 专用设备, 4 文物和陈列品, 5 图书、档案, 6 家具、用具、装具及动植物, all 固定资产.
/// - 2022, 《固定资产等资产基础分类与代码》: the letter A and eight digits, `A` and the first two the
///   门类 — A01 房屋和构筑物, A02 设备, A03 文物和陈列品, A04 图书和档案, A05 家具和用具,
///   A06 特种动植物 (固定资产), A07 物资 (其他), A08 无形资产.
package enum NationalClassification: Int, Sendable, Hashable, CaseIterable {
    case gb2010 = 2010
    case gb2022 = 2022

    /// The edition a column's header names (`（2010国标码）`, `GB/T 14885-2022`, `新国标`); nil
    /// when it names none, or both. A year alone (`2022年`) names no edition.
    package static func named(in header: String) -> Self? {
        let text = normalizeLabel(header).replacingOccurrences(of: "—", with: "-")
            .replacingOccurrences(of: "–", with: "-")
        let named = allCases.filter { edition in
            text.contains("\(edition.rawValue)国标") || text.contains("14885-\(edition.rawValue)")
                || (edition == .gb2022 && text.contains("新国标"))
        }
        return named.count == 1 ? named[0] : nil
    }

    /// The edition a card table names: its classification code column's header, else the first
    /// title line above the header that names one (`固定资产卡片（GB/T 14885-2022）`), then with
    /// that line as `title`; nil when neither names an edition.
    static func stated(header: String?, preamble: [String]) -> (edition: Self, title: String?)? {
        if let header, let edition = named(in: header) { return (edition, nil) }
        for line in preamble {
            if let edition = named(in: line) { return (edition, line) }
        }
        return nil
    }

    /// The edition whose shape a code has: seven digits (2010), or a capital letter and eight
    /// digits (2022); nil for neither. Shapes as the standards write them: no separators.
    package static func shape(of code: String) -> Self? {
        let bytes = Array(code.utf8)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        if bytes.count == 7 && bytes.allSatisfy(isDigit) { return .gb2010 }
        if bytes.count == 9 && (0x41...0x5A).contains(bytes[0]) && bytes.dropFirst().allSatisfy(isDigit) {
            return .gb2022
        }
        return nil
    }

    /// The code of a cell that prints the class's name after it (`A02010105 台式计算机`,
    /// `2010100-办公用房`), as asset systems export it; the cell itself otherwise.
    package static func leadingCode(_ cell: String) -> String {
        guard shape(of: cell) == nil,
            let end = cell.firstIndex(where: { $0.isWhitespace || "-－—_|/".contains($0) }),
            shape(of: String(cell[..<end])) != nil
        else { return cell }
        return String(cell[..<end])
    }

    /// The category a code of this edition's shape gives by its 门类; nil when no 门类 has it.
    func category(of code: String) -> AssetCategory? {
        let bytes = Array(code.utf8)
        switch self {
        case .gb2010:
            return (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[0]) ? .fixed : nil
        case .gb2022:
            guard bytes[0] == UInt8(ascii: "A"), bytes[1] == UInt8(ascii: "0") else { return nil }
            switch bytes[2] {
            case UInt8(ascii: "1")...UInt8(ascii: "6"): return .fixed
            case UInt8(ascii: "7"): return .other
            case UInt8(ascii: "8"): return .intangible
            default: return nil
            }
        }
    }

    /// How the edition writes a code and what its 门类 are, in the officers' words.
    package var classes: String {
        switch self {
        case .gb2010:
            "2010 国标码是 7 位数字，首位是门类：1 土地、房屋及构筑物，2 通用设备，3 专用设备，4 文物和陈列品，"
                + "5 图书、档案，6 家具、用具、装具及动植物（均为固定资产）"
        case .gb2022:
            "2022 国标码是字母 A 加 8 位数字，前三位是门类：A01 房屋和构筑物，A02 设备，A03 文物和陈列品，A04 图书和档案，"
                + "A05 家具和用具，A06 特种动植物（以上为固定资产），A07 物资（计入其他资产），A08 无形资产"
        }
    }
}

/// Why a card's national classification code gives it no category.
package enum ClassificationCodeProblem: Error, Sendable, Hashable {
    /// The shape of neither edition (`Z99`, `A02`); `expected`: the edition the header names.
    case notACode(expected: NationalClassification?)
    /// The shape of an edition, but a 门类 it does not have (`7010000`).
    case noSuchClass(NationalClassification)
    /// A code of one edition under a header that names the other.
    case otherEdition(header: NationalClassification, code: NationalClassification)
}

extension AssetCategory {
    /// The category of a card from its national classification code: read by the edition its
    /// column's header names, else by the edition whose shape the code has. A code that fits
    /// no class, or contradicts its header, gives none: a category is never guessed.
    package init(nationalCode written: String, header: NationalClassification?) throws(ClassificationCodeProblem) {
        let code = NationalClassification.leadingCode(written)
        guard let edition = NationalClassification.shape(of: code) else { throw .notACode(expected: header) }
        if let header, header != edition { throw .otherEdition(header: header, code: edition) }
        guard let category = edition.category(of: code) else { throw .noSuchClass(edition) }
        self = category
    }
}
