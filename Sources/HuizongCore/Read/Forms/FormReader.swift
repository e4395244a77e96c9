import CSVReading

/// Reads a fixed form by its layout: the figures its rows' labels (or its 合计 row's columns)
/// hold, as budget lines of the layout's stage, for the form's own unit (`FileUnit`).
enum FormReader {
    /// A fixed form is a page or two; more rows than this is not one.
    static let maxRows = 5_000
    /// Rows searched for the form's title and for its header row.
    static let headerRows = 15

    /// What recognition found: the layouts chosen, every layout that recognised the sheet with how
    /// surely, and the form number the sheet states.
    struct Recognition {
        var chosen: [FormLayout] = []
        var considered: [(layout: FormLayout, score: Int)] = []
        var statedNumber: String?
        var sheetName: String?
        /// A numbered 决算 form no layout reads (a 附表, 财决08-1表 …).
        var isUnreadForm: Bool { chosen.isEmpty && statedNumber != nil }

        /// For `inspect`: the layout that read the sheet (`read`), why, and the others considered.
        func explained(read: String) -> [String] {
            func why(_ layout: FormLayout, _ score: Int) -> String {
                var reason =
                    score == FormLayout.byNumber
                    ? "表号 \(statedNumber ?? "")"
                    : score >= 1_000
                        ? "工作表名含“\(layout.sheetNames.filter { sheetName?.contains($0) == true }.max { $0.count < $1.count } ?? "")”"
                        : "前几行有标题“\(layout.titles.filter { $0.count == score }.first ?? "")”"
                if layout.isOwn { reason += "，本部门版式" }
                return reason
            }
            var lines: [String] = []
            if let statedNumber { lines.append("表号 \(statedNumber)（只考虑这一表号的版式）") }
            if let (layout, score) = considered.first(where: { $0.layout.name == read }) {
                lines.append("\(read)：\(why(layout, score))")
            }
            let others = considered.filter { $0.layout.name != read }
            if !others.isEmpty {
                lines.append(
                    "也识别了："
                        + others.map {
                            "\($0.layout.name)（\(why($0.layout, $0.score))"
                                + ($0.score < (considered.map(\.score).max() ?? 0) ? "，不如上面的" : "，同样识别，按行名更合或本部门优先未选")
                                + "）"
                        }.joined(separator: "；"))
            }
            return lines
        }
    }

    /// The layouts that recognise a sheet (its first `headerRows` rows, its name) as their form, in
    /// the order an officer can predict (Layouts/README.md): a form number the sheet states rules out
    /// every layout of another number; then a sheet name beats a title, a longer one a shorter;
    /// between layouts recognising it equally, a department's own beats a shipped one; the labels
    /// then decide (`read`).
    static func recognise(leading: [Record], sheetName: String?, layouts: [FormLayout]) -> Recognition {
        var recognition = recognised(leading: leading, sheetName: sheetName, layouts: layouts)
        recognition.sheetName = sheetName
        return recognition
    }

    private static func recognised(leading: [Record], sheetName: String?, layouts: [FormLayout]) -> Recognition {
        var recognition = Recognition()
        guard !layouts.isEmpty else { return recognition }
        let cells = leading.flatMap(\.fields)
        recognition.statedNumber =
            sheetName.flatMap(FormLayout.formNumber)
            ?? cells.lazy.filter { $0.contains("财决") }.compactMap(FormLayout.formNumber).first
        let candidates = layouts.filter { layout in
            guard let number = recognition.statedNumber, !layout.numbers.isEmpty else { return true }
            return layout.numbers.contains(number)
        }
        recognition.considered = candidates.compactMap { layout in
            if let score = layout.recognition(sheetName: sheetName, cells: cells) { return (layout, score) }
            // Its number alone (`Z04 …` under another title): surer than a title, less than a name.
            if let number = recognition.statedNumber, layout.numbers.contains(number) {
                return (layout, FormLayout.byNumber)
            }
            return nil
        }
        guard let best = recognition.considered.map(\.score).max() else { return recognition }
        let tied = recognition.considered.filter { $0.score == best }.map(\.layout)
        recognition.chosen = tied.contains(where: \.isOwn) ? tied.filter(\.isOwn) : tied
        return recognition
    }

    private struct TooLong: Error {}

    /// Reads the form into `result` (kind `budget`, `inputs[].layout` its layout's name) by the
    /// layout that fits it best: the fewest labels it does not know, then the most figures.
    /// Returns what the source says of its bytes (a CSV's hash).
    @discardableResult
    static func read(_ source: some RecordSource, layouts: [FormLayout], place: String, into result: inout FileResult)
        -> CSVFile.ReadSummary?
    {
        let layout = layouts[0]
        result.input.kind = (layout.stage == nil ? TableKind.assets : .budget).rawValue
        result.input.layout = layout.name
        var rows: [(line: Int, cells: [String])] = []
        let summary: CSVFile.ReadSummary?
        do {
            let notFast: (RecordFields, Int) -> Bool = { _, _ in false }  // a form has no ledger rows
            summary = try source.forEachRecord(fast: notFast) { event in
                switch event {
                case .record(let record):
                    guard rows.count < maxRows else { throw TooLong() }
                    rows.append((record.line, record.fields.map { $0.trimmingSpaces() }))
                case .malformed(let problem):
                    result.findings.append(Finding(.rowMalformed(problem), file: place, line: problem.line))
                }
            }
        } catch is TooLong {
            result.findings.append(Finding(.formTooLong(layout: layout.name, limit: maxRows), file: place))
            return nil
        } catch let error as FileReadError {
            // A CSV form that stopped part way (bad encoding, changed while read): the whole form is not counted.
            let (detail, line) = InputFileReader.readFailure(error)
            result.findings.append(Finding(detail, file: place, line: line))
            return nil
        } catch {
            result.findings.append(Finding(.workbookUnreadable(reason: .malformed(part: "", line: 0)), file: place))
            return nil
        }
        let forms = layouts.map { layout in
            var form = Form(layout: layout, place: place, rows: rows)
            form.read()
            return form
        }
        let form = forms.min { a, b in
            a.rejected != b.rejected ? a.rejected < b.rejected : a.figures > b.figures
        }!
        result.input.layout = form.layout.name
        result.findings += form.findings
        result.input.rows = form.figures
        result.input.rejected = form.rejected
        result.statedUnit = form.statedUnit
        result.contents = form.layout.stage == nil ? .statedAssets(form.assets) : .budget(form.lines)
        result.formTotals = form.checks
        result.amountMagnitude = (form.lines.map(\.amount) + form.assets.map(\.amount)).reduce(Money.zero) {
            sum, amount in sum.adding(amount.magnitude) ?? Money.largestSum
        }
        return summary
    }

    /// One form being read.
    struct Form {
        let layout: FormLayout
        let place: String
        let rows: [(line: Int, cells: [String])]
        var lines: [BudgetLine] = []
        var assets: [StatedAsset] = []
        /// Totals other forms state too, compared when consolidating: every budget figure the
        /// form gives (by the item's name) and the layout's named checks.
        var checks: [FormTotal] = []
        var findings: [Finding] = []
        var figures = 0
        var rejected = 0
        var statedUnit: String?

        /// A cell that holds no figure: empty, or a dash for "does not apply".
        static func isBlank(_ cell: String) -> Bool {
            ["", "—", "——", "-", "－", "/", "\\"].contains(cell)
        }

        mutating func read() {
            let headerIndex = findHeader()
            guard let headerIndex else {
                findings.append(Finding(.formNoHeader(layout: layout.name), file: place))
                return
            }
            let above = rows[..<headerIndex].map { $0.cells.filter { !$0.isEmpty }.joined(separator: " ") }
            statedUnit = above.lazy.compactMap(TableHeader.statedUnit(in:)).first
            var unit = above.lazy.compactMap(TableHeader.moneyUnit(in:)).first
            if unit == nil {
                unit = .yuan
                let header = layout.sides.first?.amount.first ?? "金额"
                findings.append(Finding(.moneyUnitAssumed(header: header), file: place, line: rows[headerIndex].line))
            }
            let header = rows[headerIndex].cells.map(normalizeLabel)
            for side in layout.sides {
                guard let (labelColumn, amountColumn) = columns(of: side, in: header) else { continue }
                for row in rows[(headerIndex + 1)...] {
                    read(side, row, labelColumn: labelColumn, amountColumn: amountColumn, unit: unit!)
                }
            }
            if let total = layout.totalRow { read(total, header: header, after: headerIndex, unit: unit!) }
        }

        /// The header row: the first of the first rows that has every side's label and amount
        /// columns, or some column of the 合计 row's.
        func findHeader() -> Int? {
            rows.indices.prefix(FormReader.headerRows).first { index in
                let header = rows[index].cells.map(normalizeLabel)
                if let total = layout.totalRow,
                    header.contains(where: { total.columns[$0] != nil || total.checks[$0] != nil })
                {
                    return true
                }
                return !layout.sides.isEmpty && layout.sides.allSatisfy { columns(of: $0, in: header) != nil }
            }
        }

        /// The side's label column (its `occurrence`-th) and the first amount column right of it.
        func columns(of side: FormLayout.Side, in header: [String]) -> (Int, Int)? {
            // The label columns of every side, left to right (`项目 | 金额 | 项目(按功能分类) | 金额`,
            // `收入 | 金额 | 支出 | 金额`): the side's is the `occurrence`-th, under one of its labels.
            let every = Set(layout.sides.flatMap(\.labels))
            let labels = header.indices.filter { every.contains(header[$0]) }
            guard labels.count >= side.occurrence, side.labels.contains(header[labels[side.occurrence - 1]]) else {
                return nil
            }
            let label = labels[side.occurrence - 1]
            guard let amount = header.indices.first(where: { $0 > label && side.amount.contains(header[$0]) }) else {
                return nil
            }
            return (label, amount)
        }

        mutating func read(
            _ side: FormLayout.Side, _ row: (line: Int, cells: [String]), labelColumn: Int, amountColumn: Int,
            unit: MoneyUnit
        ) {
            guard labelColumn < row.cells.count else { return }
            let label = FormLayout.normalizedLabel(row.cells[labelColumn])
            let value = amountColumn < row.cells.count ? row.cells[amountColumn] : ""
            if label.isEmpty || label == "栏次" || label.allSatisfy(\.isNumber) { return }
            if let item = side.items[label] {
                add(item, value, header: side.amount[0], line: row.line, unit: unit)
            } else if let name = side.checks[label] {
                check(name, value, header: side.amount[0], line: row.line, unit: unit)
            } else if !side.known.contains(label) && !Self.isBlank(value) {
                figures += 1
                rejected += 1
                findings.append(
                    Finding(
                        .formUnknownLabel(label: row.cells[labelColumn], layout: layout.name, value: value),
                        file: place, line: row.line))
            }
        }

        mutating func read(_ total: FormLayout.TotalRow, header: [String], after headerIndex: Int, unit: MoneyUnit) {
            guard
                let row = rows[(headerIndex + 1)...].first(where: { row in
                    row.cells.prefix(3).contains { total.labels.contains(FormLayout.normalizedLabel($0)) }
                })
            else {
                findings.append(Finding(.formNoTotalRow(layout: layout.name, labels: total.labels), file: place))
                return
            }
            for (column, name) in header.enumerated() {
                let value = column < row.cells.count ? row.cells[column] : ""
                if let item = total.columns[name] {
                    add(item, value, header: name, line: row.line, unit: unit)
                } else if let check = total.checks[name] {
                    self.check(check, value, header: name, line: row.line, unit: unit)
                }
            }
        }

        mutating func add(_ figure: FormLayout.Figure, _ value: String, header: String, line: Int, unit: MoneyUnit) {
            if Self.isBlank(value) { return }
            figures += 1
            switch Money.parse(value, unit: unit) {
            case .success(let amount):
                switch figure {
                case .budget(let item):
                    lines.append(
                        BudgetLine(
                            unit: FileUnit.unnamed, stage: layout.stage!, item: item, amount: amount, line: line,
                            fromForm: true)
                    )
                    checks.append(FormTotal(name: item.chinese, amount: amount, layout: layout.name, line: line))
                case .asset(let asset):
                    assets.append(StatedAsset(unit: FileUnit.unnamed, figure: asset, amount: amount, line: line))
                }
            case .failure(let error):
                rejected += 1
                findings.append(Finding(.rowAmount(header: header, value: value, error), file: place, line: line))
            }
        }
    }

    /// A total a form states that another form states too.
    struct FormTotal: Sendable, Hashable {
        var name: String
        var amount: Money
        var layout: String
        var line: Int
    }
}

extension FormReader.Form {
    /// A named total: compared with the same total on the unit's other forms.
    mutating func check(_ name: String, _ value: String, header: String, line: Int, unit: MoneyUnit) {
        if Self.isBlank(value) { return }
        if case .success(let amount) = Money.parse(value, unit: unit) {
            checks.append(FormReader.FormTotal(name: name, amount: amount, layout: layout.name, line: line))
        } else {
            findings.append(Finding(.totalRowUnreadable(header: header, value: value), file: place, line: line))
        }
    }
}
