import CSVReading

/// The plain-text account `huizong inspect` prints of one file.
package struct InspectionReport {
    package let text: String

    /// - Parameter kinds: the catalog the file was read with (its personal-data headers are not shown as read).
    package init(_ result: FileResult, kinds: KindCatalog = .shipped) {
        let seen = result.inspection
        var lines = [result.input.path]
        func add(_ label: String, _ value: String) { lines.append("  \(label)：\(value)") }
        switch seen.signature {
        case .text(let encoding)?: add("编码 encoding", encoding.displayName)
        case .zipArchive?: add("类型", "Excel 工作簿（ZIP），不是 CSV")
        case .legacyOfficeDocument?: add("类型", "旧版 Excel 工作簿（.xls），不是 CSV")
        case .binary?: add("类型", "二进制文件，不是 CSV")
        case .empty?: add("类型", "空文件")
        case nil: break
        }
        if let delimiter = seen.delimiter {
            add("分隔符 delimiter", [0x2C: "逗号 ,", 0x09: "制表符 tab", 0x3B: "分号 ;"][delimiter] ?? "?")
        }
        if !seen.preamble.isEmpty { add("表头上方 preamble", seen.preamble.joined(separator: " | ")) }
        for line in seen.formChoice { add("版式 layout", line) }
        if let layout = seen.layout, let headerLine = seen.headerLine {
            if let top = seen.headerTop, top < headerLine {
                add("表头 header", "第 \(top)–\(headerLine) 行（多行表头，列名按层级连写）")
            } else if seen.turned {
                add("表头 header", "第 \(headerLine) 行起（表格横排：项目在左列、类别在上方，每一类作为一行读取）")
            } else {
                add("表头 header", "第 \(headerLine) 行")
            }
            add("识别为 kind", "\(layout.kind.chinese) (\(layout.kind.rawValue))")
            lines.append("  列对应 columns:")
            let known = Dictionary(uniqueKeysWithValues: layout.index.map { ($0.value, $0.key) })
            for (position, header) in layout.header.enumerated() {
                let trimmed = header.trimmingSpaces()
                var target =
                    known[position].map { key in
                        let unit = seen.moneyUnits[key].map { "，金额单位 \($0.chineseName)" } ?? ""
                        return "\(key)\(unit)"
                    } ?? "（不使用）"
                if kinds.personalData.contains(normalizeLabel(trimmed).lowercased()) {
                    target = "（个人信息，不读取）"
                }
                lines.append("    第 \(position + 1) 列 “\(trimmed)” → \(target)")
            }
            let missing = layout.kind.columns.filter { !$0.required && layout.index[$0.key] == nil }.map(\.chinese)
            if !missing.isEmpty { add("未提供的可选列", missing.joined(separator: "、")) }
        }
        if result.input.kind == "workbook" {
            add("类型", "Excel 工作簿，\(result.sheets.count) 张有内容的表（逐张列在下面）")
        } else if result.input.kind != "not_csv" && result.input.kind != "empty" {
            var rows = "\(result.input.rows)（计入 \(result.input.accepted)，未计入 \(result.input.rejected)）"
            if seen.blankRows > 0 { rows += "；空行 \(seen.blankRows)" }
            if !seen.totalRows.isEmpty { rows += "；合计行：第 \(seen.totalRows.map(String.init).joined(separator: "、")) 行" }
            if !seen.nonDataRows.isEmpty {
                rows += "；栏次、签字等非数据行：第 \(seen.nonDataRows.map(String.init).joined(separator: "、")) 行"
            }
            add("数据行 rows", rows)
        }
        if result.findings.isEmpty {
            add("问题 problems", "无")
        } else {
            lines.append("  问题 problems:")
            for finding in result.findings {
                let place = finding.line.map { "第 \($0) 行 " } ?? ""
                lines.append("    [\(finding.severity.chinese) \(finding.rule)] \(place)\(finding.message)")
            }
        }
        // Every line holds values from the file: each is escaped whole, so no value can start a
        // line of its own, move the cursor or reorder what is shown.
        text = lines.map(Escape.terminal).joined(separator: "\n") + "\n\n"
    }
}
