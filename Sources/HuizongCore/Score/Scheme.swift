import CSVReading
import Foundation

/// A scoring scheme: the first-level weights, grade thresholds, rounding and formula variants.
/// Configuration, not code: `Schemes/*.json`, chosen with `--scheme`.
public struct Scheme: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var weight: Decimal
        /// Other spellings of the name that sheets use (产出指标, 服务对象满意度指标, 预算资金执行率).
        public var aliases: [String] = []
    }

    /// Whether first-level weights other than the scheme's are wrong, or allowed when they still add
    /// up to the total (中江县 weighted 产出 70 / 效益 20).
    public enum GroupWeights: String, Sendable, Equatable {
        case fixed, free
    }

    public struct Grade: Sendable, Equatable {
        public var name: String
        public var minimum: Decimal
    }

    public enum ReverseFormula: String, Sendable, Equatable {
        /// a ≤ t: w; t < a < 2t: w × (1 − (a − t) / t); a ≥ 2t: 0.
        case linear
        /// a ≤ t: w; else w × t / a.
        case targetOverActual = "target_over_actual"
    }

    public var name: String
    public var total: Decimal
    public var groups: [Group]
    /// Highest first; the first whose minimum the total reaches is the grade.
    public var grades: [Grade]
    public var decimals: Int
    public var reverseFormula: ReverseFormula
    public var overTargetRatio: Decimal
    public var groupWeights: GroupWeights = .fixed
    /// A deviation reason is asked for when completion is below this percentage (Sichuan's form:
    /// 90); nil: whenever an indicator scores below its weight.
    public var reasonBelowCompletion: Decimal?

    /// The scheme's group a sheet's 一级指标 names, by its name or one of its aliases, as a printed
    /// form writes it too: numbered (`一、产出指标`), broken over lines, spaced.
    public func group(named level1: String) -> Group? {
        let wanted = PrintedLabel.plain(level1)
        return groups.first { group in
            PrintedLabel.plain(group.name) == wanted || group.aliases.contains { PrintedLabel.plain($0) == wanted }
        }
    }

    public func grade(for total: Decimal) -> String {
        grades.first { total >= $0.minimum }?.name ?? grades.last?.name ?? ""
    }

    public enum LoadError: Error, Equatable {
        case unreadable(path: String, reason: String)
        case invalid(path: String, reason: String)

        public var message: String {
            switch self {
            case .unreadable(let path, let reason): "无法读取评分方案 \(path)（\(reason)）。"
            case .invalid(let path, let reason): "评分方案 \(path) 有误：\(reason)。格式见 Schemes/README.md。"
            }
        }
    }

    public static func load(path: String) throws(LoadError) -> Scheme {
        // Opened without blocking and read only if it is a regular file of sensible size (never a FIFO or device).
        guard let file = try? OpenedFile(path: path) else { throw .unreadable(path: path, reason: "文件不存在、无权限或不是普通文件") }
        guard let bytes = try? file.contents(limit: 1 << 20) else {
            throw .unreadable(path: path, reason: "文件超过 1 MiB 或读取出错，不是评分方案")
        }
        return try parse(Data(bytes), path: path)
    }

    /// The scheme used when none is given: the same bytes as `Schemes/default.json`.
    public static let standard: Scheme = try! parse(Data(defaultJSON.utf8), path: "Schemes/default.json")

    static func parse(_ data: Data, path: String) throws(LoadError) -> Scheme {
        struct File: Decodable {
            struct Group: Decodable {
                var name: String
                var weight: String
                var aliases: [String]?
            }
            struct Grade: Decodable {
                var name: String
                var min: String
            }
            var schema: String
            var name: String
            var total: String
            var groups: [Group]
            var grades: [Grade]
            var decimals: Int
            var reverseFormula: String
            var overTargetRatio: String
            var groupWeights: String?
            var reasonBelowCompletion: String?

            // The file's keys are snake_case, as in Schemes/default.json.
            enum CodingKeys: String, CodingKey {
                case schema, name, total, groups, grades, decimals
                case reverseFormula = "reverse_formula"
                case overTargetRatio = "over_target_ratio"
                case groupWeights = "group_weights"
                case reasonBelowCompletion = "reason_below_completion"
            }
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw .invalid(path: path, reason: "不是符合格式的 JSON（\(error)）")
        }
        if let key = DuplicateKeys.first(in: [UInt8](data)) {
            throw .invalid(path: path, reason: DuplicateKeys.reason(key))
        }
        func number(_ text: String, _ what: String) throws(LoadError) -> Decimal {
            guard let value = parseDecimal(text), value >= 0 else {
                throw .invalid(path: path, reason: "\(what)“\(text)”不是非负数")
            }
            return value
        }
        guard file.schema == "huizong.scheme/1" else {
            throw .invalid(path: path, reason: "schema 应为 huizong.scheme/1")
        }
        guard let formula = ReverseFormula(rawValue: file.reverseFormula) else {
            throw .invalid(path: path, reason: "reverse_formula 只能是 linear 或 target_over_actual")
        }
        guard (0...6).contains(file.decimals) else { throw .invalid(path: path, reason: "decimals 应在 0 到 6 之间") }
        var groups: [Group] = []
        for group in file.groups {
            groups.append(
                Group(name: group.name, weight: try number(group.weight, "一级指标权重"), aliases: group.aliases ?? []))
        }
        guard let groupWeights = GroupWeights(rawValue: file.groupWeights ?? "fixed") else {
            throw .invalid(path: path, reason: "group_weights 只能是 fixed 或 free")
        }
        var reasonBelow: Decimal?
        if let text = file.reasonBelowCompletion { reasonBelow = try number(text, "reason_below_completion") }
        var grades: [Grade] = []
        for grade in file.grades { grades.append(Grade(name: grade.name, minimum: try number(grade.min, "等级下限"))) }
        let total = try number(file.total, "总分")
        guard !groups.isEmpty, groups.reduce(Decimal(0), { $0 + $1.weight }) == total else {
            throw .invalid(path: path, reason: "一级指标权重之和不等于总分 \(file.total)")
        }
        guard !grades.isEmpty, zip(grades, grades.dropFirst()).allSatisfy({ $0.minimum > $1.minimum }) else {
            throw .invalid(path: path, reason: "等级应按下限从高到低排列")
        }
        return Scheme(
            name: file.name, total: total, groups: groups, grades: grades, decimals: file.decimals,
            reverseFormula: formula, overTargetRatio: try number(file.overTargetRatio, "over_target_ratio"),
            groupWeights: groupWeights,
            reasonBelowCompletion: reasonBelow)
    }

    static let defaultJSON = """
        {
          "schema": "huizong.scheme/1",
          "name": "部门整体支出绩效自评（本部门分级：85/75/60）",
          "total": "100",
          "groups": [
            { "name": "预算执行", "weight": "10", "aliases": ["预算执行率", "预算资金执行率"] },
            { "name": "产出", "weight": "50", "aliases": ["产出指标"] },
            { "name": "效益", "weight": "30", "aliases": ["效益指标"] },
            { "name": "满意度", "weight": "10", "aliases": ["满意度指标", "服务对象满意度指标", "服务对象满意度"] }
          ],
          "grades": [
            { "name": "优秀", "min": "85" },
            { "name": "良好", "min": "75" },
            { "name": "一般", "min": "60" },
            { "name": "较差", "min": "0" }
          ],
          "decimals": 2,
          "reverse_formula": "linear",
          "over_target_ratio": "1.2"
        }
        """
}

/// A plain decimal as people type it: sign, digits, thousands separators, a trailing %.
/// Validated before `Decimal(string:)`, which would read `12abc` as 12.
func parseDecimal(_ raw: String) -> Decimal? {
    var text = normalizeLabel(raw)
    if text.hasSuffix("%") { text.removeLast() }
    if text.hasPrefix("+") { text.removeFirst() }
    var body = Substring(text)
    if body.hasPrefix("-") { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty || (parts.count == 2 && !parts[1].isEmpty) else {
        return nil
    }
    var whole = parts[0]
    if whole.contains(",") {
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        whole = Substring(groups.joined())
    }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
    let sign = text.hasPrefix("-") ? "-" : ""
    return Decimal(string: sign + (whole.isEmpty ? "0" : String(whole)) + (fraction.isEmpty ? "" : "." + fraction))
}

extension Decimal {
    /// Rounded half-up (away from zero at exactly half) to `places` decimals.
    func rounded(_ places: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    /// Exactly `places` decimals: `98.30`.
    func text(_ places: Int) -> String {
        let rounded = rounded(places)
        var text = "\(rounded)"
        guard places > 0 else { return text }
        if !text.contains(".") { text += "." }
        let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
        return text + String(repeating: "0", count: max(0, places - decimals))
    }

    /// As few decimals as the value needs (at most `places`): `90`, `1.56`.
    func plainText(_ places: Int = 4) -> String { "\(rounded(places))" }
}
