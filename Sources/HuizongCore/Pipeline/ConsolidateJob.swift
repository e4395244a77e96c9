import CSVReading
import Foundation

/// One `huizong consolidate` run: list, read in parallel, consolidate, render, publish.
public struct ConsolidateJob: Sendable {
    public var inputFolder: String
    public var outputFolder: String
    public var registryPath: String?
    public var headers: HeaderLanguage
    public var jobs: Int
    /// How far two sides that should agree may differ (default 0.01 万元).
    public var tolerance: Money
    /// The fiscal year; nil: the input folder's name when it is a year, else the ledgers' year.
    public var fiscalYear: Int?
    /// A scoring scheme file; nil: the built-in default (Schemes/default.json).
    public var schemePath: String?
    /// Whether the draft report (report.html, report.md) is written.
    public var writeReport = true

    public init(inputFolder: String, outputFolder: String, registryPath: String? = nil,
                headers: HeaderLanguage = .zh, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                tolerance: Money = Money(fen: 10_000), fiscalYear: Int? = nil, schemePath: String? = nil) {
        self.inputFolder = inputFolder
        self.outputFolder = outputFolder
        self.registryPath = registryPath
        self.headers = headers
        self.jobs = jobs
        self.tolerance = tolerance
        self.fiscalYear = fiscalYear
        self.schemePath = schemePath
    }

    /// `…/2022` names its year.
    var yearFromFolderName: Int? {
        let name = (URL(fileURLWithPath: inputFolder).standardizedFileURL.path as NSString).lastPathComponent
        guard name.count == 4, let year = Int(name), (1990...2100).contains(year) else { return nil }
        return year
    }

    /// Why a run produced no output, with the sysexits code the command exits with.
    public enum Failure: Error, Equatable {
        case inputMissing(String)
        case cannotCreateOutput(String)
        case io(String)
        case busy(String)

        public var exitCode: Int32 {
            switch self {
            case .inputMissing: 66
            case .cannotCreateOutput: 73
            case .io: 74
            case .busy: 75
            }
        }

        public var message: String {
            switch self {
            case .inputMissing(let text), .cannotCreateOutput(let text), .io(let text), .busy(let text): text
            }
        }
    }

    /// What a run reports as it goes, for a progress bar or log lines.
    public enum Event: Sendable {
        case started(files: Int, jobs: Int)
        case fileRead(FileResult, done: Int, total: Int)
        case read(files: Int, rows: Int, bytes: Int, seconds: Double)
        case published(folder: String)
    }

    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws(Failure) -> Consolidation {
        // Everything given is checked before anything is created: a mistyped path leaves no trace.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputFolder, isDirectory: &isDirectory) else {
            throw Self.failure(.missing(inputFolder))
        }
        guard isDirectory.boolValue else { throw Self.failure(.notAFolder(inputFolder)) }
        var registryFile: FileResult?
        if let registryPath {
            do {
                registryFile = InputFileReader.read(try OpenedFile(path: registryPath),
                                                    displayPath: (registryPath as NSString).lastPathComponent)
            } catch {
                if case .notRegular(_, let kind) = error {
                    throw .inputMissing("单位名录 \(registryPath) 不是普通文件，而是\(kind)；请给出单位名录 CSV 文件。")
                }
                throw .inputMissing("单位名录文件 \(registryPath) 不存在或无法读取。")
            }
        }
        var scheme = Scheme.standard
        if let schemePath {
            do {
                scheme = try Scheme.load(path: schemePath)
            } catch {
                throw .inputMissing(error.message)
            }
        }
        let publisher = Publisher(outputFolder: outputFolder)
        do {
            try publisher.check(inputFolder: inputFolder)
        } catch {
            throw Self.failure(error)
        }
        // Then the lock: nothing is listed, read or cleaned while another run holds the folder.
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(for: publisher.outputFolder)
        } catch {
            switch error {
            case .held(_, let pid):
                let holder = pid.map { "（进程号 \($0)）" } ?? ""
                throw .busy("另一个汇总进程\(holder)正在写入 \(outputFolder)；本次未运行。请等它结束后再试，或用 --out 指定其他文件夹。")
            case .cannotCreate(let path, let reason):
                throw .cannotCreateOutput("无法创建锁文件 \(path)（\(reason)）；请检查输出文件夹所在位置的权限。")
            }
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            try publisher.prepare()
        } catch {
            throw Self.failure(error)
        }
        let folder: DropFolder
        do {
            folder = try DropFolder(root: inputFolder)
        } catch {
            throw Self.failure(error)
        }
        let total = folder.files.count
        events(.started(files: total, jobs: max(1, min(jobs, total))))
        let started = DispatchTime.now()
        let results = ConcurrentReader.read(folder, jobs: jobs) { result, done in
            events(.fileRead(result, done: done, total: total))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        events(.read(files: total, rows: results.reduce(0) { $0 + $1.input.rows },
                     bytes: results.reduce(0) { $0 + $1.bytes }, seconds: seconds))
        let consolidation: Consolidation
        do {
            consolidation = try Consolidator(tolerance: tolerance, fiscalYear: fiscalYear ?? yearFromFolderName, scheme: scheme)
                .consolidate(results, registryFile: registryFile)
        } catch {
            switch error {
            case .noRegistry:
                throw .inputMissing("在 \(inputFolder) 中没有找到单位名录（表头含“单位编码、单位名称”的 CSV）；请放入单位名录，或用 --registry 指定。")
            case .badRegistry(let path, let reason):
                throw .inputMissing("--registry 指定的 \(path) 不是可用的单位名录：\(reason)")
            }
        }
        do {
            try publisher.publish(OutputFiles(consolidation, headers: headers, report: writeReport).render())
        } catch {
            throw Self.failure(error)
        }
        events(.published(folder: outputFolder))
        return consolidation
    }

    static func failure(_ problem: DropFolder.Problem) -> Failure {
        switch problem {
        case .missing(let path): .inputMissing("输入文件夹 \(path) 不存在；请检查路径。")
        case .notAFolder(let path): .inputMissing("\(path) 不是文件夹；请给出存放各单位 CSV 的文件夹。")
        case .unreadable(let path, let reason): .inputMissing("无法读取输入文件夹 \(path)（\(reason)）；请检查权限。")
        }
    }

    static func failure(_ problem: Publisher.Problem) -> Failure {
        switch problem {
        case .cannotCreate(let path, let reason): .cannotCreateOutput("不能写入输出文件夹 \(path)：\(reason)。没有写出任何结果，以前的结果保持不变。")
        case .io(let path, let reason): .io("写出结果时出错：\(path)（\(reason)）；以前的结果保持不变。")
        }
    }
}

extension Consolidation {
    /// One line for the administrator's mail.
    public var summaryLine: String {
        let rows = inputs.reduce(0) { $0 + $1.rows }
        let accepted = inputs.reduce(0) { $0 + $1.accepted }
        let score = scorecard.map { "自评 \($0.total.text($0.decimals)) 分（\($0.grade)）；" } ?? ""
        return "汇总完成：\(score)\(units.count) 个单位中 \(units.filter(\.isSubmitted).count) 个已提交；读取 \(inputs.count) 个文件 \(rows) 行，计入 \(accepted) 行，未计入 \(rows - accepted) 行；错误 \(errorCount) 条，警告 \(warningCount) 条。"
    }
}
