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
            or unreadable; 73 output cannot be created; 74 I/O error (for inspect: its output could \
            not be fully written).
            """,
        subcommands: [Consolidate.self, Rollup.self, Inspect.self, Rules.self]
    )

    static func main() {
        // A closed pipe is then a write error (EPIPE) that StandardStream handles, not a kill.
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}

extension HeaderLanguage: ExpressibleByArgument {}

/// Writes a line to stderr: progress, summaries and failures never mix with stdout. The line
/// may name a file, so it is escaped for the terminal.
func printError(_ text: String) {
    StandardStream.error.write(Escape.terminal(text) + "\n")
}
