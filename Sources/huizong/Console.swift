import ArgumentParser
import Foundation
import HuizongCore
import Logging

/// stderr, as people read it: a live progress bar on a terminal; timestamped plain lines in a
/// log or cron mail, with no terminal escapes.
final class Console: @unchecked Sendable {
    // @unchecked: `state`, the only mutable property, is touched only while `lock` is held.
    static let isTerminal = isatty(STDERR_FILENO) == 1

    struct State {
        var rows = 0
        var bytes = 0
        var lastDraw: UInt64 = 0
        var barShown = false
        var started: UInt64 = DispatchTime.now().uptimeNanoseconds
    }

    let quiet: Bool
    let logger: Logger
    // A pthread lock (NSLock), which the thread sanitizer sees, rather than a futex Mutex.
    private let lock = NSLock()
    private var state = State()

    private func withState<Result>(_ body: (inout State) -> Result) -> Result {
        lock.withLock { body(&state) }
    }

    init(quiet: Bool, level: Logger.Level) {
        self.quiet = quiet
        var logger = Logger(label: "huizong") { _ in ConsoleLogHandler() }
        // --quiet keeps progress out of the mail; errors still come through.
        logger.logLevel = quiet ? max(level, .error) : level
        self.logger = logger
    }

    /// Writes a line for people (summaries, failures), clearing the bar first. Names in it come
    /// from the input, so the whole line is escaped: one line, no terminal control of its own.
    func line(_ text: String) {
        clearBar()
        StandardStream.error.write(Escape.terminal(text) + "\n")
    }

    func clearBar() {
        let shown = withState { state in
            defer { state.barShown = false }
            return state.barShown
        }
        if shown { StandardStream.error.write("\r\u{1B}[K") }
    }

    func handle(_ event: ConsolidateJob.Event) {
        switch event {
        case .started(let files, let jobs):
            withState { $0.started = DispatchTime.now().uptimeNanoseconds }
            if !Self.isTerminal { logger.info("找到 \(files) 个文件，用 \(jobs) 个线程读取") }
        case .fileRead(let result, let done, let total):
            logger.debug(
                "读取 \(result.input.path)：\(result.input.kind)，\(result.input.rows) 行（计入 \(result.input.accepted)，未计入 \(result.input.rejected)）"
            )
            let bar: String? = withState { state in
                state.rows += result.input.rows
                state.bytes += result.bytes
                let now = DispatchTime.now().uptimeNanoseconds
                // Redraw at most ten times a second, and always for the last file.
                guard Self.isTerminal, !quiet, done == total || now - state.lastDraw > 100_000_000 else { return nil }
                state.lastDraw = now
                state.barShown = true
                let seconds = max(Double(now - state.started) / 1e9, 0.001)
                let rate = Double(state.bytes) / 1_048_576 / seconds
                return "\r\u{1B}[K读取 \(done)/\(total) 个文件 · \(state.rows) 行 · \(String(format: "%.1f", rate)) MB/s"
            }
            if let bar { StandardStream.error.write(bar) }
        case .read(let files, let rows, let bytes, let seconds):
            clearBar()
            let megabytes = Double(bytes) / 1_048_576
            logger.info(
                "读取完成：\(files) 个文件，\(rows) 行，\(String(format: "%.1f", megabytes)) MB，用时 \(String(format: "%.2f", seconds)) 秒（\(String(format: "%.1f", megabytes / max(seconds, 0.001))) MB/s）"
            )
        case .published(let folder):
            logger.info("结果已整体写入 \(folder)")
        case .previous(let folder, let conventional):
            logger.info("上年结果：\(folder)\(conventional ? "（按文件夹名找到；不用请加 --no-previous）" : "")，对照上下年衔接")
        case .leftOver(let folder):
            clearBar()
            line("huizong: 上次的结果里有不能确认是汇总写出的内容，已原样留在 \(folder)；请查看后自行处理。")
        }
    }
}

/// Plain lines on stderr: `2026-11-27T04:38:44Z info 找到 92 个文件…`; on a terminal without
/// the timestamp.
struct ConsoleLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = Console.isTerminal ? "" : ISO8601DateFormatter().string(from: Date()) + " "
        // The message names files from the input: escaped whole, before Huizong's own controls.
        let line = Escape.terminal(time + "\(event.level) \(event.message)") + "\n"
        StandardStream.error.write(Console.isTerminal ? "\r\u{1B}[K" + line : line)
    }
}

// swift-format-ignore: AvoidRetroactiveConformances
// --log-level takes swift-log's own level names; neither package can declare this.
extension Logger.Level: @retroactive ExpressibleByArgument {}
