import ArgumentParser
import Foundation
import HuizongCore
import Logging

extension Huizong {
    struct Rollup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Roll departments' results up to the level above: rollup.json, 汇总结果.xlsx, findings.csv and a short report."
        )

        @Argument(
            help:
                "Departments' result folders, as huizong consolidate wrote them (each checked against its .huizong-manifest)."
        )
        var resultFolders: [String] = []

        @Option(help: "Where the rollup goes, replaced all or nothing.")
        var out: String = "rollup"

        @Option(help: "How far the two sides of a transfer between departments may differ, in 万元.")
        var tolerance: String = "0.01"

        @Flag(help: "Print nothing on success; failures and a run with error findings still go to stderr.")
        var quiet = false

        func validate() throws {
            guard !resultFolders.isEmpty else {
                throw ValidationError("Give at least one department's result folder (RESULT_FOLDER…).")
            }
            guard case .success(let amount) = Money.parse(tolerance, unit: .wan), amount >= .zero else {
                throw ValidationError("--tolerance takes an amount in 万元, such as 0.01.")
            }
        }

        func run() throws {
            let console = Console(quiet: quiet, level: .info)
            var job = RollupJob(
                resultFolders: resultFolders, outputFolder: out,
                tolerance: (try? Money.parse(tolerance, unit: .wan).get()) ?? Money(fen: 10_000))
            job.fault = ProcessInfo.processInfo.environment["HUIZONG_FAULT"].flatMap(Publisher.Fault.init(rawValue:))
            let rollup: HuizongCore.Rollup
            do {
                rollup = try job.run { console.logger.info("结果已整体写入 \($0)") }
            } catch {
                console.line("huizong: \(error.message)")
                throw ExitCode(error.exitCode)
            }
            if !quiet || rollup.hasErrors {
                console.line(rollup.summaryLine + "结果已写入 \(out)/。")
            }
            guard rollup.hasErrors else { return }
            for line in rollup.errorLines.prefix(10) { console.line("  错误 \(line)") }
            throw ExitCode(65)
        }
    }
}
