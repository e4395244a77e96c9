import CSVReading
import Foundation

/// One `huizong consolidate` run, and the one place its stages are put in order:
/// read → consolidate → score → check → report → publish.
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
    /// A folder of a department's own form layouts (`Layouts/README.md`), read besides the shipped ones.
    public var layoutsPath: String?
    /// A folder of a department's own table-kind files (`Kinds/README.md`): spellings and labels
    /// added over the shipped ones.
    public var kindsPath: String?
    /// Last year's result folder (`--previous`); nil: the conventional one, if `findsPrevious`.
    public var previousFolder: String?
    /// Whether, without `--previous`, last year's result is looked for by the documented
    /// convention (the output folder's name with the year before).
    public var findsPrevious = true

    public init(
        inputFolder: String, outputFolder: String, registryPath: String? = nil,
        headers: HeaderLanguage = .zh, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        tolerance: Money = Money(fen: 10_000), fiscalYear: Int? = nil, schemePath: String? = nil
    ) {
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

    /// Injected by tests for failures they cannot cause for real.
    package var fault: Publisher.Fault?

    /// Why a run produced no output, with the sysexits code the command exits with.
    public enum Failure: Error, Equatable {
        case inputMissing(path: String)
        case inputNotAFolder(path: String)
        case inputUnreadable(path: String, reason: String)
        case registryNotRegular(path: String, FileType)
        case registryUnreadable(path: String)
        case scheme(Scheme.LoadError)
        case layouts(FormLayout.Invalid)
        case kinds(KindCatalog.Invalid)
        case noRegistry(folder: String)
        case severalRegistries([String])
        case badRegistry(path: String, problem: Finding?)
        case output(Publisher.Problem)
        case lockUnavailable(path: String, reason: String)
        case busy(folder: String, pid: Int32?)
        /// Last year's result cannot be used: not one, changed since it was published, or not the year before.
        case previous(path: String, PreviousResultProblem)

        public var exitCode: Int32 {
            switch self {
            case .inputMissing, .inputNotAFolder, .inputUnreadable, .registryNotRegular, .registryUnreadable, .scheme,
                .layouts, .kinds,
                .noRegistry, .severalRegistries, .badRegistry, .previous:
                66
            case .output(.io): 74
            case .output, .lockUnavailable: 73
            case .busy: 75
            }
        }
    }

    /// What a run reports as it goes, for a progress bar or log lines.
    public enum Event: Sendable {
        case started(files: Int, jobs: Int)
        case fileRead(FileResult, done: Int, total: Int)
        case read(files: Int, rows: Int, bytes: Int, seconds: Double)
        case published(folder: String)
        /// Last year's result this run is compared with.
        case previous(folder: String, conventional: Bool)
        /// The previous result held something that could not be proven Huizong's: it was left in
        /// this folder beside the output, for the officer to look at.
        case leftOver(folder: String)
    }

    /// The run, stage by stage: check what was given, read, consolidate, score, check, report, publish.
    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws(Failure) -> Consolidation {
        // Everything given is checked before anything is created: a mistyped path leaves no trace.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputFolder, isDirectory: &isDirectory) else {
            throw .inputMissing(path: inputFolder)
        }
        guard isDirectory.boolValue else { throw .inputNotAFolder(path: inputFolder) }
        // The output path is resolved once, here: an empty or unresolvable one stops the run before anything is read.
        let publisher: Publisher
        do {
            publisher = try Publisher(outputFolder: outputFolder, fault: fault)
        } catch {
            throw .output(error)
        }
        var scheme = Scheme.standard
        if let schemePath {
            do {
                scheme = try Scheme.load(path: schemePath)
            } catch {
                throw .scheme(error)
            }
        }
        var reading = ReadingOptions()
        if let layoutsPath {
            do {
                // A department's own layouts first: where one and a shipped one fit a form equally, its own is read.
                reading.layouts = try FormLayout.load(folder: layoutsPath) + reading.layouts
            } catch {
                throw .layouts(error)
            }
        }
        if let kindsPath {
            do {
                reading.kinds = try KindCatalog.load(folder: kindsPath)
            } catch {
                throw .kinds(error)
            }
        }
        let registryFile = try readRegistry(options: reading)
        // Last year's result, proven unchanged before anything is read or written.
        var previous = try previousFolder.map { folder throws(Failure) in try Self.loadPrevious(folder) }
        do {
            try publisher.check(inputFolder: inputFolder)
        } catch {
            throw .output(error)
        }
        // Then the lock: nothing is listed, read or cleaned while another run holds the folder.
        let lock: OutputLock
        do {
            lock = try publisher.lockAndPrepare()
        } catch {
            switch error {
            case .locked(.held(_, let pid)): throw .busy(folder: outputFolder, pid: pid)
            case .locked(.cannotCreate(let path, let reason)): throw .lockUnavailable(path: path, reason: reason)
            case .prepare(let problem): throw .output(problem)
            }
        }
        defer { withExtendedLifetime(lock) {} }

        let files = try read(events: events, options: reading)
        var department: Consolidation
        do {
            department = try Consolidator(tolerance: tolerance, fiscalYear: fiscalYear ?? yearFromFolderName)
                .consolidate(files, registryFile: registryFile)
        } catch {
            switch error {
            case .noRegistry: throw .noRegistry(folder: inputFolder)
            case .severalRegistries(let paths): throw .severalRegistries(paths)
            case .badRegistry(let path, let problem): throw .badRegistry(path: path, problem: problem)
            }
        }
        if previous == nil, previousFolder == nil, findsPrevious,
            let folder = PreviousResult.conventional(
                outputFolder: publisher.outputFolder, fiscalYear: department.fiscalYear)
        {
            previous = try Self.loadPrevious(folder)
        }
        if let previous {
            guard let year = department.fiscalYear, previous.fiscalYear == year - 1 else {
                throw .previous(
                    path: previous.folder,
                    .wrongYear(previous: previous.fiscalYear, current: department.fiscalYear))
            }
            // Another department's result would make every unit "new" and every balance a break.
            let codes = Set(department.units.map(\.code))
            guard previous.units.contains(where: { codes.contains($0.code) }) else {
                throw .previous(path: previous.folder, .otherDepartment)
            }
            department.previous = previous
            events(.previous(folder: previous.folder, conventional: previousFolder == nil))
        }
        Self.score(&department, scheme: scheme)
        Self.check(&department, tolerance: tolerance)
        let report = writeReport ? DraftReport(department) : nil
        do {
            if let leftOver = try publisher.publish(OutputFiles(department, headers: headers, report: report).render())
            {
                events(.leftOver(folder: leftOver))
            }
        } catch {
            throw .output(error)
        }
        events(.published(folder: publisher.outputFolder))
        return department
    }

    /// `--registry`, read before anything else so that a wrong path stops the run at once.
    func readRegistry(options: ReadingOptions) throws(Failure) -> FileResult? {
        guard let registryPath else { return nil }
        do {
            return InputFileReader.read(
                try OpenedFile(path: registryPath), displayPath: (registryPath as NSString).lastPathComponent,
                options: options)
        } catch {
            if case .notRegular(_, let kind) = error { throw .registryNotRegular(path: registryPath, kind) }
            throw .registryUnreadable(path: registryPath)
        }
    }

    /// Read: every file of the drop folder, in parallel, in path order.
    func read(events: @escaping @Sendable (Event) -> Void, options: ReadingOptions) throws(Failure) -> [FileResult] {
        let folder: DropFolder
        do {
            folder = try DropFolder(root: inputFolder)
        } catch {
            switch error {
            case .missing(let path): throw .inputMissing(path: path)
            case .notAFolder(let path): throw .inputNotAFolder(path: path)
            case .unreadable(let path, let reason): throw .inputUnreadable(path: path, reason: reason)
            }
        }
        let total = folder.files.count
        events(.started(files: total, jobs: max(1, min(jobs, total))))
        let started = DispatchTime.now()
        let results = ConcurrentReader.read(folder, jobs: jobs, options: options) { result, done in
            events(.fileRead(result, done: done, total: total))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        events(
            .read(
                files: total, rows: results.reduce(0) { $0 + $1.input.rows },
                bytes: results.reduce(0) { $0 + $1.bytes }, seconds: seconds))
        return results
    }

    /// Score: the self-evaluation from the indicator sheet and the consolidated figures.
    static func score(_ department: inout Consolidation, scheme: Scheme) {
        let (scorecard, findings) = Scorer(scheme: scheme).score(
            department.indicators, figures: SourceFigures(department), printedWeights: department.printedWeights)
        department.scorecard = scorecard
        department.add(findings)
    }

    static func loadPrevious(_ folder: String) throws(Failure) -> PreviousResult {
        do {
            return try PreviousResult.load(folder)
        } catch {
            throw .previous(path: folder, error)
        }
    }

    /// Check: figures that should agree, within each unit, against the written report and against
    /// last year's result.
    static func check(_ department: inout Consolidation, tolerance: Money) {
        department.add(Checks(tolerance: tolerance).run(department))
        if let previous = department.previous {
            department.add(PreviousYearChecks(tolerance: tolerance).run(department, previous))
        }
        department.findings = Finding.sorted(department.findings)
    }

    /// Consolidate, score and check files already read: the run without the folders, for tests
    /// and for programs that read their own files.
    public static func evaluate(
        _ files: [FileResult], registryFile: FileResult? = nil, tolerance: Money = Money(fen: 10_000),
        fiscalYear: Int? = nil, scheme: Scheme = .standard
    ) throws(ConsolidationError) -> Consolidation {
        var department = try Consolidator(tolerance: tolerance, fiscalYear: fiscalYear).consolidate(
            files, registryFile: registryFile)
        score(&department, scheme: scheme)
        check(&department, tolerance: tolerance)
        return department
    }
}
