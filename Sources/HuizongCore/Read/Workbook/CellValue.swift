/// What a workbook's number cell holds, as the text Huizong reads it: amounts exactly, dates as
/// dates. No arithmetic is done on a binary double.
enum CellValue {
    /// The stored text of a number cell (a double's decimal form, `1234.5599999999999`) as the
    /// shortest decimal that reads back as the same double, cut to the 15 significant digits
    /// Excel shows, in plain notation: `1234.56`. The money rules then apply to it as to a CSV cell.
    static func number(_ stored: String) -> String? {
        // Most cells already hold a short plain decimal: nothing to round, nothing to parse.
        var stored = stored
        if let length = stored.withUTF8({ plainDecimalLength($0) }) { return String(stored.utf8.prefix(length)) }
        // Double() also reads `0x10`, `inf` and `+5`, which a CSV cell's money rules reject: only
        // what Excel writes for a number is one; anything else stays text for those rules to judge.
        guard stored.withUTF8({ isExcelNumber($0) }), let value = Double(stored), value.isFinite else { return nil }
        // Swift prints a double as the shortest decimal that parses back to it.
        return plain(value.description, significantDigits: 15)
    }

    /// Whether `stored` is a number as Excel writes one: `-`, digits, a fraction, an exponent
    /// (`-1234.5`, `1.2345E+20`, `5E-05`), and nothing else.
    static func isExcelNumber(_ stored: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < stored.count, (0x30...0x39).contains(stored[index]) { index += 1 }
            return index - start
        }
        if index < stored.count, stored[index] == 0x2D { index += 1 }
        guard digits() > 0 else { return false }
        if index < stored.count, stored[index] == 0x2E {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < stored.count, stored[index] | 0x20 == 0x65 {
            index += 1
            if index < stored.count, stored[index] == 0x2B || stored[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == stored.count
    }

    /// When `stored` is a plain decimal of at most 15 significant digits (`-1234.50`, `100`), the
    /// shortest decimal of its double already: the length of its prefix without trailing fraction
    /// zeros (`-1234.5`). Nil for anything else, and for a negative zero (which reads as `0`).
    static func plainDecimalLength(_ stored: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = stored.first, first != 0x2E, stored.last != 0x2E else { return nil }
        var significant = 0
        var seenNonZero = false
        var dot: Int?
        for index in stored.indices {
            let byte = stored[index]
            switch byte {
            case 0x30...0x39:
                if byte != 0x30 { seenNonZero = true }
                if seenNonZero { significant += 1 }
            case 0x2E:
                guard dot == nil else { return nil }
                dot = index
            case 0x2D where index == 0: break
            default: return nil
            }
        }
        guard significant <= 15, seenNonZero || first != 0x2D else { return nil }  // not `-`, `-0`, `-0.0`
        guard let dot else { return stored.count }
        var length = stored.count
        while length > dot + 1, stored[length - 1] == 0x30 { length -= 1 }
        return length == dot + 1 ? dot : length
    }

    /// `1.2345e+20`, `5e-05`, `-0.0`, `1234.56` → plain decimal text with at most `limit`
    /// significant digits, rounded half-up on the decimal digits themselves.
    static func plain(_ text: String, significantDigits limit: Int) -> String? {
        var text = Substring(text)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            // A double's exponents lie within ±324: a larger one would write a string of its size.
            guard let value = Int(text[text.index(after: e)...]), value.magnitude <= 400 else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        var digits = Array(parts[0] + (parts.count == 2 ? parts[1] : ""))
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        // The value is 0.digits × 10^point.
        var point = parts[0].count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        if digits.count > limit {
            let roundUp = digits[limit] >= "5"
            digits = Array(digits.prefix(limit))
            if roundUp {
                var index = digits.count - 1
                while index >= 0 {
                    if digits[index] == "9" {
                        digits[index] = "0"
                        index -= 1
                    } else {
                        digits[index] = Character(UnicodeScalar(digits[index].asciiValue! + 1))
                        break
                    }
                }
                if index < 0 {
                    digits.insert("1", at: 0)
                    point += 1
                }
            }
        }
        while digits.count > max(point, 1), digits.last == "0" { digits.removeLast() }
        if digits.allSatisfy({ $0 == "0" }) { return "0" }
        var whole: String
        var fraction: String
        if point <= 0 {
            whole = "0"
            fraction = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            whole = String(digits) + String(repeating: "0", count: point - digits.count)
            fraction = ""
        } else {
            whole = String(digits[..<point])
            fraction = String(digits[point...])
        }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A date cell's serial number as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time), in the
    /// workbook's date system. Excel's 1900 system counts a 29 February 1900 that never was.
    static func date(_ stored: String, uses1904: Bool) -> String? {
        guard let text = number(stored), !text.hasPrefix("-") else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let serial = Int(parts[0]), serial < 2_958_466 else { return nil }  // 9999-12-31
        // Days since 1970-01-01.
        let days: Int
        if uses1904 {
            days = serial - 24_107  // 1904-01-01
        } else if serial >= 61 {
            days = serial - 25_569  // 1899-12-30 + serial
        } else if serial >= 1 {
            days = serial - 25_568  // before the phantom 1900-02-29
        } else {
            return nil
        }
        let (year, month, day) = civil(days)
        var result = String(format4(year)) + "-" + pad(month) + "-" + pad(day)
        if parts.count == 2 {
            // The time of day, to the second, from the fraction's own digits.
            let scaled = String(parts[1].prefix(15)).padding(toLength: 15, withPad: "0", startingAt: 0)
            let seconds = secondsOfDay(fractionDigits: scaled)
            if seconds > 0 {
                result += " " + pad(seconds / 3600) + ":" + pad(seconds / 60 % 60) + ":" + pad(seconds % 60)
            }
        }
        return result
    }

    /// 86,400 × 0.`digits` (15 digits), rounded to the second, in integers.
    static func secondsOfDay(fractionDigits digits: String) -> Int {
        // 86400 × d / 10^15 = 864 × d / 10^13.
        guard let value = Int(digits) else { return 0 }
        let numerator = value * 864
        return min((numerator + 5_000_000_000_000) / 10_000_000_000_000, 86_399)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func format4(_ value: Int) -> String {
        String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value)
    }

    /// Whether a number format shows a date or time: one of Excel's built-in date formats, or a
    /// format code with year, day or hour parts outside quoted text and brackets.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) {
            return true
        }
        guard let code else { return false }
        var plain = ""
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            default: if !inQuotes && !inBrackets { plain.append(character) }
            }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d") || lower.contains("h") || lower.contains("s")
    }
}
