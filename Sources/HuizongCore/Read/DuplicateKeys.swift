/// Finds a key written twice in one JSON object. JSON parsers keep one of the two in silence
/// (Foundation the last); a file Huizong reads (layouts, schemes) must not leave it to choose.
enum DuplicateKeys {
    /// Where the JSON is in its walk: an object (its keys so far) or an array (its index).
    private struct Frame {
        var path: String
        var keys: Set<String>?
        var expectingKey = false
        var key = ""
        var index = 0
    }

    /// The first key that stands twice in one object, with where it is (`groups[1].name`); nil if
    /// none. Meant for text a JSON decoder has accepted: it does not judge whether the text is JSON.
    static func first(in bytes: [UInt8]) -> String? {
        var stack: [Frame] = []
        var index = 0
        func valuePath() -> String {
            guard let top = stack.last else { return "" }
            if top.keys != nil { return top.path.isEmpty ? top.key : top.path + "." + top.key }
            return top.path + "[\(top.index)]"
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): stack.append(Frame(path: valuePath(), keys: [], expectingKey: true))
            case UInt8(ascii: "["): stack.append(Frame(path: valuePath()))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","):
                if stack.last?.keys != nil {
                    stack[stack.count - 1].expectingKey = true
                } else if !stack.isEmpty {
                    stack[stack.count - 1].index += 1
                }
            case UInt8(ascii: "\""):
                let (text, end) = string(bytes, from: index + 1)
                index = end
                if let top = stack.last, top.expectingKey, let keys = top.keys {
                    let path = top.path.isEmpty ? text : top.path + "." + text
                    if keys.contains(text) { return path }
                    stack[stack.count - 1].keys!.insert(text)
                    stack[stack.count - 1].key = text
                    stack[stack.count - 1].expectingKey = false
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// What the officer is told of a key written twice, in a layout or a scheme alike.
    static func reason(_ key: String) -> String {
        "键“\(key)”写了两次；同一处只能写一次，汇总不替你选用其中一个，请删去多余的一个"
    }

    /// A string's text from just after its opening quote, escapes decoded (`"a"` and `"\u0061"`
    /// are one key), and the index of its closing quote.
    private static func string(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = start
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        func hex(at position: Int) -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            return UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                raw.append(bytes[index])
                index += 1
                continue
            }
            flush()
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "u"):
                guard var value = hex(at: index) else { continue }
                index += 4
                // A surrogate pair written as two escapes is one scalar.
                if (0xD800..<0xDC00).contains(value), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex(at: index + 2), (0xDC00..<0xE000).contains(low)
                {
                    value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                    index += 6
                }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            default: scalars.append(Unicode.Scalar(escaped))
            }
        }
        flush()
        return (String(scalars), index)
    }
}
