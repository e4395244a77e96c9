import ArgumentParser
import Foundation
import HuizongCore
import Logging

extension Huizong {
    struct Consolidate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Consolidate every CSV and workbook under INPUT_FOLDER into 汇总结果.xlsx, units.csv, findings.csv, score.csv, department.json and a draft report."
        )

        @Argument(help: "The year's drop folder: every CSV file and workbook below it is read, every sheet a table.")
        var inputFolder: String

        @Option(help: "Where the results go, replaced all or nothing.")
        var out: String = "out"

        @Option(help: "The registry of units (单位名录) to use instead of the one in the input folder.")
        var registry: String?

        @Option(help: "The scoring scheme (JSON, see Schemes/README.md); default: the built-in Schemes/default.json.")
        var scheme: String?

        @Option(
            help:
                "A folder of the department's own form layouts (JSON, see Layouts/README.md), besides the built-in ones."
        )
        var layouts: String?

        @Option(
            help:
                "A folder of the department's own table-kind files (JSON, see Kinds/README.md): header spellings, vocabulary spellings and total-row labels added over the built-in ones."
        )
        var kinds: String?

        @Option(help: "Header language of the CSV outputs: zh or en.")
        var headers: HeaderLanguage = .zh

        @Option(help: "Files read in parallel (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(
            help:
                "How far two figures that should agree may differ, in 万元 (budget balance, internal transfers, ledger against 决算)."
        )
        var tolerance: String = "0.01"

        @Option(
            help:
                "The fiscal year ledger dates must fall in (default: the input folder's name when it is a year, else the year most ledger rows carry)."
        )
        var year: Int?

        @Option(
            help:
                "Last year's result folder (its .huizong-manifest must check): the 上下年衔接 check, what changed, 上年 columns, last year's words. Default: the output folder's name with the year before (结果/2022 → 结果/2021), if it holds a result."
        )
        var previous: String?

        @Flag(help: "Do not look for last year's result by the output folder's name.")
        var noPrevious = false

        @Option(help: "trace, debug (a line per file), info, notice, warning, error or critical.")
        var logLevel: Logger.Level = .info

        @Flag(help: "Do not write the draft report (report.html, report.md).")
        var noReport = false

        @Flag(
            help:
                "Print nothing on success; the summary and errors of a run with error findings, and failures, still go to stderr."
        )
        var quiet = false

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
            guard case .success(let amount) = Money.parse(tolerance, unit: .wan), amount >= .zero else {
                throw ValidationError("--tolerance takes an amount in 万元, such as 0.01.")
            }
        }

        func run() throws {
            let console = Console(quiet: quiet, level: logLevel)
            var job = ConsolidateJob(
                inputFolder: inputFolder, outputFolder: out, registryPath: registry,
                headers: headers, jobs: jobs,
                tolerance: (try? Money.parse(tolerance, unit: .wan).get()) ?? Money(fen: 10_000),
                fiscalYear: year, schemePath: scheme)
            job.writeReport = !noReport
            job.layoutsPath = layouts
            job.kindsPath = kinds
            job.previousFolder = previous
            job.findsPrevious = !noPrevious
            // The end-to-end tests' way to make a write fail (disk_full, rename); see Publisher.Fault.
            job.fault = ProcessInfo.processInfo.environment["HUIZONG_FAULT"].flatMap(Publisher.Fault.init(rawValue:))
            let consolidation: Consolidation
            do {
                consolidation = try job.run(events: console.handle)
            } catch {
                console.line("huizong: \(error.message)")
                throw ExitCode(error.exitCode)
            }
            // What the report took from the department's words, and from where: for the cron mail.
            for line in consolidation.narrative.takenLines { console.logger.info("\(line)") }
            let errors = consolidation.findings.filter { $0.severity == .error }
            if !quiet || !errors.isEmpty {
                console.line(consolidation.summaryLine + "结果已写入 \(out)/。")
            }
            guard !errors.isEmpty else { return }
            for finding in errors.prefix(10) {
                let place = [finding.file, finding.line.map { "第 \($0) 行" } ?? ""].filter { !$0.isEmpty }.joined(
                    separator: " ")
                console.line("  错误 \(place.isEmpty ? "" : place + "：")\(finding.message)")
            }
            if errors.count > 10 {
                console.line("  …另有 \(errors.count - 10) 条错误，见 \(out)/findings.csv。")
            }
            throw ExitCode(65)
        }
    }
}
