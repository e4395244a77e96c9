import CSVReading

extension FundsBlock {
    /// The funds block above an exported 自评表's indicators, and the 预算执行率 indicator it
    /// stands for (weight 分值, its actual computed from the data), or nil when there is none.
    static func read(above header: TableHeader) -> (block: FundsBlock, indicator: Indicator?)? {
        let records = header.preambleRecords
        func column(_ cells: [String], _ prefix: String) -> Int? {
            cells.firstIndex { normalizeLabel($0).hasPrefix(prefix) }
        }
        for (position, record) in records.enumerated() {
            let cells = record.fields
            guard let budget = column(cells, "全年预算数"), let executed = column(cells, "全年执行数") else { continue }
            // The figures: the row of the total (年度资金总额, 合计) when the form splits them, else the first.
            let rows = records[(position + 1)...].prefix { column($0.fields, "全年预算数") == nil }
            let totalRow = rows.first { row in
                row.fields.prefix(2).contains {
                    normalizeLabel($0).contains("总额") || normalizeLabel($0).hasPrefix("合计")
                }
            }
            guard let values = totalRow ?? rows.first else { return nil }
            let unit = header.preambleUnit ?? .wan  // the form prints its funds in 万元
            // `-` (or `—`, `/`) where a figure does not apply is no figure, as a blank cell is.
            func cell(_ index: Int?) -> String {
                guard let index, index < values.count else { return "" }
                return PrintedLabel.figure(values[index])
            }
            func money(_ index: Int) -> Money? { try? Money.parse(cell(index), unit: unit).get() }
            let block = FundsBlock(
                annualBudget: money(budget), executed: money(executed), unit: unit, line: values.line)
            let weight = cell(column(cells, "分值"))
            guard !weight.isEmpty else { return (block, nil) }
            let indicator = Indicator(
                id: "R\(values.line)", level1: "预算执行", level2: "", name: "预算执行率", weight: weight,
                direction: Direction.higher.chinese, target: "100", actual: "", measure: "%",
                source: "budget_execution_rate", manualScore: cell(column(cells, "得分")), deviationReason: "",
                line: values.line)
            return (block, indicator)
        }
        return nil
    }
}
