import ArgumentParser
import CSVReading
import Foundation
import HuizongCore

extension Huizong {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what Huizong sees in a file: encoding, delimiter, preamble, kind, columns, rows, problems."
        )

        @Argument(help: "One or more CSV files or workbooks.")
        var files: [String]

        @Flag(help: "Print the data rows as a JSON array of header→value objects instead (names left out).")
        var rows = false

        @Option(
            help:
                "A folder of the department's own table-kind files (see Kinds/README.md), as consolidate --kinds takes."
        )
        var kinds: String?

        func run() throws {
            var options = ReadingOptions(keepRows: rows)
            if let kinds {
                do {
                    options.kinds = try KindCatalog.load(folder: kinds)
                } catch {
                    printError("huizong: \(error.message)。请改正该文件后重新运行；格式见 Kinds/README.md。")
                    throw ExitCode(66)
                }
            }
            var anyProblem = false
            var records: [JSONValue] = []
            for path in files {
                // Opened without blocking, and read only if it is a regular file: never a FIFO or device.
                let file: OpenedFile
                do {
                    file = try OpenedFile(path: path)
                } catch {
                    if case .notRegular(_, let kind) = error {
                        printError("huizong: \(path) 不是普通文件，而是\(kind.chinese)；请给出一个 CSV 文件或工作簿。")
                    } else {
                        printError("huizong: \(path) 不存在或无法读取。")
                    }
                    throw ExitCode(66)
                }
                let result = InputFileReader.read(file, displayPath: path, options: options)
                // A workbook, then each of its sheets as a table of its own.
                for part in [result] + result.sheets {
                    anyProblem = anyProblem || part.findings.contains { $0.severity == .error }
                    if rows {
                        records += (part.rowsForInspection ?? []).map { pairs in
                            .object(pairs.map { ($0.0, .string($0.1)) })
                        }
                    } else {
                        StandardStream.output.write(InspectionReport(part, kinds: options.kinds).text)
                    }
                }
            }
            if rows { StandardStream.output.write(JSONValue.array(records).serialized()) }
            if StandardStream.output.failed {
                printError("huizong: 输出没有完整写出（标准输出已关闭或磁盘已满）。")
                throw ExitCode(74)
            }
            if anyProblem { throw ExitCode(65) }
        }
    }
}
