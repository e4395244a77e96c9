import CSVReading

/// Why a data row was rejected: a message for the officer (Chinese) and its rule id.
struct RowProblem: Error {
    var rule: String
    var message: String
    var unit: String = ""
}

/// Turns records of one recognised file into typed rows, or says exactly why not.
struct RowParser {
    let layout: TableLayout
    /// The unit of each money column, after the header and the preamble had their say.
    let moneyUnits: [String: MoneyUnit]

    /// Field `key` of `record`, trimmed; "" when the column is absent or the row is short.
    func cell(_ record: Record, _ key: String) -> String {
        guard let index = layout.index[key], index < record.count else { return "" }
        return record[index].trimmingSpaces()
    }

    func column(_ key: String) -> ColumnSpec {
        layout.kind.columns.first { $0.key == key }!
    }

    func header(_ key: String) -> String {
        guard let index = layout.index[key] else { return column(key).chinese }
        return layout.header[index].trimmingSpaces()
    }

    /// Checks the row's width against the header: short rows and non-empty extra cells are
    /// what a stray delimiter or an unquoted `1,234.50` leave behind.
    func checkWidth(_ record: Record) throws(RowProblem) {
        let width = layout.header.count
        if record.count < width {
            throw RowProblem(rule: "row.field_count",
                             message: "这一行只有 \(record.count) 列，表头有 \(width) 列；请检查是否漏了分隔符或有未加引号的换行。该行未计入。")
        }
        if record.count > width, (width..<record.count).contains(where: { !record[$0].trimmingSpaces().isEmpty }) {
            throw RowProblem(rule: "row.field_count",
                             message: "这一行有 \(record.count) 列，比表头多 \(record.count - width) 列；常见原因是金额里的千位逗号没有加引号（如 1,234.50）。该行未计入。")
        }
    }

    func required(_ record: Record, _ key: String, unit: String = "") throws(RowProblem) -> String {
        let value = cell(record, key)
        if value.isEmpty {
            throw RowProblem(rule: "row.missing_value", message: "“\(header(key))”为空，该行未计入；请补填后重新导出。", unit: unit)
        }
        return value
    }

    func unitCode(_ record: Record) throws(RowProblem) -> String {
        let code = try required(record, "unit_code")
        guard isValidCode(code) else {
            throw RowProblem(rule: "row.unit_code", message: "单位编码“\(code)”含有字母、数字以外的字符，该行未计入。")
        }
        return code
    }

    func money(_ record: Record, _ key: String, unit: String, optional: Bool = false) throws(RowProblem) -> Money {
        let text = cell(record, key)
        if text.isEmpty && optional { return .zero }
        let moneyUnit = moneyUnits[key] ?? .yuan
        switch Money.parse(text, unit: moneyUnit) {
        case .success(let amount): return amount
        case .failure(let error):
            throw RowProblem(rule: "row.amount",
                             message: "“\(header(key))”的值“\(text)”\(error.message)。该行未计入。", unit: unit)
        }
    }

    func vocabulary<V: Vocabulary>(_ record: Record, _ key: String, as type: V.Type, unit: String) throws(RowProblem) -> V {
        let text = try required(record, key, unit: unit)
        guard let value = V.match(text) else {
            throw RowProblem(rule: "row.vocabulary",
                             message: "“\(header(key))”的值“\(text)”不在可选范围内（\(V.allowedValuesText)）。该行未计入。", unit: unit)
        }
        return value
    }

    // MARK: Rows of each kind

    func registryEntry(_ record: Record) throws(RowProblem) -> RegistryEntry {
        let code = try unitCode(record)
        let parent = cell(record, "parent_code")
        guard parent.isEmpty || isValidCode(parent) else {
            throw RowProblem(rule: "row.unit_code", message: "上级单位编码“\(parent)”含有字母、数字以外的字符，该行未计入。", unit: code)
        }
        return RegistryEntry(code: code, name: try required(record, "unit_name", unit: code),
                             alias: cell(record, "alias"), parentCode: parent, line: record.line)
    }

    func assetCard(_ record: Record) throws(RowProblem) -> AssetCard {
        let unit = try unitCode(record)
        return AssetCard(unit: unit, assetID: try required(record, "asset_id", unit: unit),
                         category: try vocabulary(record, "category", as: AssetCategory.self, unit: unit),
                         originalValue: try money(record, "original_value", unit: unit),
                         accumulatedDepreciation: try money(record, "accumulated_depreciation", unit: unit, optional: true),
                         line: record.line)
    }

    func staffMember(_ record: Record) throws(RowProblem) -> StaffMember {
        let unit = try unitCode(record)
        return StaffMember(unit: unit, personID: try required(record, "person_id", unit: unit),
                           status: try vocabulary(record, "status", as: StaffStatus.self, unit: unit),
                           line: record.line)
    }

    func budgetLine(_ record: Record) throws(RowProblem) -> BudgetLine {
        let unit = try unitCode(record)
        return BudgetLine(unit: unit, stage: try vocabulary(record, "stage", as: BudgetStage.self, unit: unit),
                          item: try vocabulary(record, "item", as: BudgetItem.self, unit: unit),
                          amount: try money(record, "amount", unit: unit), line: record.line)
    }

    struct LedgerLine {
        var unit: String
        var year: Int
        var source: FundingSource
        var type: ExpenditureType
        var amount: Money
    }

    func ledgerLine(_ record: Record) throws(RowProblem) -> LedgerLine {
        let unit = try unitCode(record)
        let date = try required(record, "date", unit: unit)
        guard let day = LedgerDate(date) else {
            throw RowProblem(rule: "row.date",
                             message: "日期“\(date)”无法识别；请写成 2022-03-15 或 2022/3/15。该行未计入。", unit: unit)
        }
        _ = try required(record, "voucher", unit: unit)
        return LedgerLine(unit: unit, year: day.year,
                          source: try vocabulary(record, "funding_source", as: FundingSource.self, unit: unit),
                          type: try vocabulary(record, "expenditure_type", as: ExpenditureType.self, unit: unit),
                          amount: try money(record, "amount", unit: unit))
    }

    func indicator(_ record: Record) throws(RowProblem) -> Indicator {
        Indicator(id: try required(record, "id"), level1: try required(record, "level1"), level2: cell(record, "level2"),
                  name: try required(record, "name"), weight: try required(record, "weight"),
                  direction: try required(record, "direction"), target: cell(record, "target"),
                  actual: cell(record, "actual"), measure: cell(record, "measure"), source: cell(record, "source"),
                  manualScore: cell(record, "manual_score"), deviationReason: cell(record, "deviation_reason"),
                  line: record.line)
    }

    func reportFigure(_ record: Record) throws(RowProblem) -> ReportFigure {
        ReportFigure(figure: try required(record, "figure"), value: try required(record, "value"),
                     measure: cell(record, "measure"), line: record.line)
    }
}

/// Unit codes are text of letters and digits (leading zeros kept); nothing a spreadsheet
/// could take for a formula.
func isValidCode(_ code: String) -> Bool {
    !code.isEmpty && code.utf8.allSatisfy(isCodeByte)
}

/// A letter, a digit, `-`, `_` or `.`: from two bitmaps of the ASCII range, without branches
/// (the ledger's fast path asks it of every unit code).
@inline(__always)
func isCodeByte(_ byte: UInt8) -> Bool {
    // - . 0-9 (below 64), and A-Z _ a-z (64 to 127).
    let below: UInt64 = 0x03FF_6000_0000_0000, above: UInt64 = 0x07FF_FFFE_87FF_FFFE
    let map = byte < 64 ? below : above
    return byte < 128 && (map >> UInt64(byte & 63)) & 1 == 1
}

/// A ledger date: `YYYY-MM-DD` or `YYYY/M/D`, checked against the calendar.
struct LedgerDate: Hashable {
    var year: Int, month: Int, day: Int

    init?(_ text: String) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              (1...12).contains(month)
        else { return nil }
        guard (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Days in `month` (1–12) of `year`, leap years counted.
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
