/// A JSON value whose objects keep their keys in the order written, so the document reads
/// top-down (schema first) and is byte-identical for the same input.
package indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    /// Money as an exact decimal string in 元 with two decimals.
    static func money(_ amount: Money) -> JSONValue { .string(amount.yuanText) }

    /// Two-space indented text with a final newline; non-ASCII kept as UTF-8.
    package func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                out.append(pad)
                Self.writeString(key, into: &out)
                out.append(": ")
                value.write(into: &out, indent: indent + 1)
                out.append(index == members.count - 1 ? "\n" : ",\n")
            }
            out.append(closePad + "}")
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append("[\n")
            for (index, item) in items.enumerated() {
                out.append(pad)
                item.write(into: &out, indent: indent + 1)
                out.append(index == items.count - 1 ? "\n" : ",\n")
            }
            out.append(closePad + "]")
        case .string(let text): Self.writeString(text, into: &out)
        case .int(let value): out.append(String(value))
        case .bool(let value): out.append(value ? "true" : "false")
        case .null: out.append("null")
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            // Every scalar a terminal would act on, as the terminal escaper judges it: a JSON file or
            // `inspect --rows` shown in a terminal cannot move the cursor or reorder a line.
            case _ where Escape.isTerminalControl(scalar):
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
