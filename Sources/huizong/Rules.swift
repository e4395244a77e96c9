import ArgumentParser
import HuizongCore

extension Huizong {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule a finding can name: id, severity, what it means, what to do."
        )

        @Flag(help: "Print the table of docs/rules.md instead.")
        var markdown = false

        func run() throws {
            StandardStream.output.write(markdown ? Rule.catalogMarkdown() : Rule.catalogText())
            if StandardStream.output.failed { throw ExitCode(74) }
        }
    }
}
