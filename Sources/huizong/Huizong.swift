import ArgumentParser
import Foundation
import HuizongCore

@main
struct Huizong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huizong",
        abstract: "汇总 Huizong: consolidate a department's unit exports, check them, write CSV and JSON.",
        discussion: """
            Exit codes: 0 consolidated, no error-level finding; 65 consolidated with error-level \
            findings (missing unit, rejected rows, failed checks); 64 bad usage; 66 input missing \
            or unreadable; 73 output cannot be created; 74 I/O error.
            """,
        subcommands: [Consolidate.self, Inspect.self]
    )
}

extension HeaderLanguage: ExpressibleByArgument {}

/// Writes a line to stderr: progress, summaries and failures never mix with stdout.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
