/// An asset figure as a unit's balance sheet (资产负债简表) states it, not card by card.
package enum AssetFigure: String, Sendable, Hashable, CaseIterable {
    case cash
    case fixedOriginal = "fixed_original"
    case accumulatedDepreciation = "accumulated_depreciation"
    case constructionInProgress = "construction_in_progress"
    case intangible
    case other

    package var chinese: String {
        switch self {
        case .cash: "货币资金"
        case .fixedOriginal: "固定资产原值"
        case .accumulatedDepreciation: "固定资产累计折旧"
        case .constructionInProgress: "在建工程"
        case .intangible: "无形资产"
        case .other: "其他资产"
        }
    }

    /// By its English key or its Chinese name, as a layout names it.
    init?(name: String) {
        guard let figure = Self.allCases.first(where: { $0.rawValue == name || $0.chinese == name }) else {
            return nil
        }
        self = figure
    }

    /// The figure in card totals.
    func value(in totals: AssetTotals) -> Money {
        switch self {
        case .cash: totals.cash
        case .fixedOriginal: totals.fixedOriginal
        case .accumulatedDepreciation: totals.accumulatedDepreciation
        case .constructionInProgress: totals.constructionInProgress
        case .intangible: totals.intangible
        case .other: totals.other
        }
    }

    func set(_ amount: Money, in totals: inout AssetTotals) {
        switch self {
        case .cash: totals.cash = amount
        case .fixedOriginal: totals.fixedOriginal = amount
        case .accumulatedDepreciation: totals.accumulatedDepreciation = amount
        case .constructionInProgress: totals.constructionInProgress = amount
        case .intangible: totals.intangible = amount
        case .other: totals.other = amount
        }
    }
}

/// One asset figure a balance sheet states.
package struct StatedAsset: Sendable, Hashable {
    package var unit: String
    package var figure: AssetFigure
    package var amount: Money
    package var line: Int
}

/// A balance sheet's asset figures (资产负债简表, read by its layout): what no card holds, and
/// what the cards must agree with (`StatedAssetsAgree`).
enum StatedAssetsKind: KindMerging {
    static func merge(_ figures: [StatedAsset], _ file: inout FileMerge, into department: inout DepartmentMerge) {
        for figure in figures {
            guard let unit = department.unit(figure.unit, line: figure.line, in: &file) else { continue }
            department.result.units[unit].statedAssets[figure.figure] = (figure.amount, file.path, figure.line)
            department.receive(.assets, unit: unit)
        }
    }
}
