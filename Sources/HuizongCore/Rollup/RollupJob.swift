import Foundation

/// One `huizong rollup` run: check what was given, take the output's lock, read each department's
/// result in turn (checked against its manifest), add them up, publish all or nothing.
public struct RollupJob: Sendable {
    public var resultFolders: [String]
    public var outputFolder: String
    /// How far the two sides of a transfer between departments may differ (default 0.01 万元).
    public var tolerance: Money
    /// Injected by tests for failures they cannot cause for real.
    package var fault: Publisher.Fault?

    public init(resultFolders: [String], outputFolder: String, tolerance: Money = Money(fen: 10_000)) {
        self.resultFolders = resultFolders
        self.outputFolder = outputFolder
        self.tolerance = tolerance
    }

    /// Why a run produced no output, with the sysexits code the command exits with.
    public enum Failure: Error, Equatable {
        case input(ResultFolderProblem)
        case output(Publisher.Problem)
        case lockUnavailable(path: String, reason: String)
        case busy(folder: String, pid: Int32?)

        public var exitCode: Int32 {
            switch self {
            case .input: 66
            case .output(.io): 74
            case .output, .lockUnavailable: 73
            case .busy: 75
            }
        }
    }

    /// Each folder's name in the outputs: its last component, or the folder as given where two share one.
    static func names(_ folders: [String]) -> [String] {
        let last = folders.map { (($0 as NSString).standardizingPath as NSString).lastPathComponent }
        var counts: [String: Int] = [:]
        for name in last { counts[name, default: 0] += 1 }
        return zip(folders, last).map { folder, name in counts[name]! > 1 ? folder : name }
    }

    public func run(published: (String) -> Void = { _ in }) throws(Failure) -> Rollup {
        let publisher: Publisher
        do {
            publisher = try Publisher(outputFolder: outputFolder, fault: fault)
        } catch {
            throw .output(error)
        }
        // Everything given is checked before anything is created.
        for folder in resultFolders {
            var status = stat()
            guard stat(folder, &status) == 0 else { throw .input(.missing(folder: folder)) }
            guard status.st_mode & S_IFMT == S_IFDIR else { throw .input(.notAFolder(folder: folder)) }
        }
        do {
            try publisher.check(inputFolders: resultFolders)
        } catch {
            throw .output(error)
        }
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
        var roller = Roller(tolerance: tolerance)
        for (folder, name) in zip(resultFolders, Self.names(resultFolders)) {
            do throws(ResultFolderProblem) {
                // One department.json at a time: only what the rollup keeps of it outlives the loop.
                var department = try DepartmentResult.read(folder: folder)
                department.name = name
                try roller.add(department)
            } catch {
                throw .input(error)
            }
        }
        let rollup = roller.finish()
        do {
            _ = try publisher.publish(try RollupFiles(rollup).render())
        } catch {
            throw .output(error)
        }
        published(publisher.outputFolder)
        return rollup
    }
}

extension RollupJob.Failure {
    /// Why the run wrote nothing, and what to do, for stderr.
    public var message: String {
        switch self {
        case .input(let problem): problem.message + "没有写出任何结果。"
        case .output(let problem): ConsolidateJob.Failure.output(problem).message
        case .lockUnavailable(let path, let reason):
            ConsolidateJob.Failure.lockUnavailable(path: path, reason: reason).message
        case .busy(let folder, let pid): ConsolidateJob.Failure.busy(folder: folder, pid: pid).message
        }
    }
}

extension ResultFolderProblem {
    /// What is wrong with a result folder, and what to do.
    public var message: String {
        switch self {
        case .missing(let folder): "部门结果文件夹 \(folder) 不存在；请检查路径。"
        case .notAFolder(let folder): "\(folder) 不是文件夹；请给出 huizong consolidate 写出的部门结果文件夹。"
        case .noManifest(let folder):
            "\(folder) 中没有 .huizong-manifest，不是 huizong consolidate 写出的结果；请给出部门的结果文件夹（--out 写出的那个）。"
        case .badManifest(let folder):
            "\(folder) 的 .huizong-manifest 校验不通过（被改动过，或是旧版本写出的）；请用 huizong consolidate 重新汇总该部门后再上报。"
        case .fileChanged(let folder, let name):
            "\(folder) 中的 \(name) 在汇总写出之后被改动过或已不存在（与 .huizong-manifest 记录的不符）；结果不可信，请用 huizong consolidate 重新汇总该部门。"
        case .departmentNotListed(let folder):
            "\(folder) 的 .huizong-manifest 中没有 department.json；请用 huizong consolidate 重新汇总该部门。"
        case .tooLarge(let folder, let limit):
            "\(folder) 中的 department.json 超过 \(limit >> 20) MiB，不像是部门的汇总结果；请核对文件夹。"
        case .notJSON(let folder): "\(folder) 中的 department.json 不是有效的 JSON；请用 huizong consolidate 重新汇总该部门。"
        case .wrongSchema(let folder, let found):
            "\(folder) 中的 department.json 的格式版本是“\(found)”，不是 \(OutputFiles.schema)；请用本版本的 huizong consolidate 重新汇总该部门。"
        case .malformed(let folder, let key):
            "\(folder) 中的 department.json 的 \(key) 缺失或不是应有的格式（金额应为两位小数的元）；请用 huizong consolidate 重新汇总该部门。"
        case .noYear(let folder):
            "\(folder) 中的 department.json 没有会计年度（summary.fiscal_year）；请用 consolidate --year 指定年度重新汇总该部门。"
        case .yearsDiffer(let folder, let year, let other, let otherYear):
            "\(folder) 是 \(year) 年度的结果，而 \(other) 是 \(otherYear) 年度的；一次只能汇总同一年度的部门结果，请去掉其中一个年度的文件夹。"
        case .sameUnit(let folder, let other, let code):
            "单位“\(code)”同时出现在 \(other) 和 \(folder) 中：同一个部门给了两次，或两个部门的单位名录重叠，合计会重复计算；请去掉重复的文件夹，或改正单位名录后重新汇总。"
        case .amountsTooLarge(let folder):
            "加上 \(folder) 后，金额合计超出可计算的范围（约 2.3 亿亿元）；请核对该部门的结果。"
        }
    }
}
