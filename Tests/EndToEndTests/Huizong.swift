import Foundation

/// Runs the built `huizong` binary the way cron or an officer would.
enum Huizong {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `HUIZONG_BIN`, else the debug build `Scripts/test` makes.
    static var binary: String {
        ProcessInfo.processInfo.environment["HUIZONG_BIN"]
            ?? packageRoot.appendingPathComponent(".build/debug/huizong").path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Killed after `timeout`: it hung.
        var timedOut = false
        /// The most resident memory seen (VmHWM), in KiB, when asked for.
        var peakKiB = 0
    }

    /// Runs the binary; one that is still running after `timeout` seconds is killed and reported,
    /// so a hang fails its test instead of stalling the suite.
    static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        timeout: Double = 180, measureMemory: Bool = false, asNobody: Bool = false
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if asNobody {
            // Without root's permission override, as an officer's account runs it.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watch = Watch(pid: process.processIdentifier, timeout: timeout, measureMemory: measureMemory)
        // Read before waiting so a full pipe cannot stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watch.stop()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), timedOut: watch.timedOut, peakKiB: watch.peakKiB)
    }
}

/// Watches a child: kills it after a timeout, and reads its peak memory from /proc as it runs.
final class Watch: @unchecked Sendable {
    // @unchecked: every stored var is touched only while `lock` is held.
    private let lock = NSLock()
    private var done = false
    private var killed = false
    private var peak = 0

    init(pid: Int32, timeout: Double, measureMemory: Bool) {
        Thread.detachNewThread { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if lock.withLock({ done }) { return }
                if measureMemory, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                    let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
                {
                    lock.withLock { peak = max(peak, kib) }
                }
                usleep(measureMemory ? 2_000 : 50_000)
            }
            lock.withLock {
                if !done {
                    killed = true
                    kill(pid, SIGKILL)
                }
            }
        }
    }

    func stop() { lock.withLock { done = true } }
    var timedOut: Bool { lock.withLock { killed } }
    var peakKiB: Int { lock.withLock { peak } }
}

/// A fresh folder under the system's temporary directory.
struct Scratch {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("huizong-e2e-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func sub(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let full = sub(relative)
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: full, contents: Data(text.utf8)))
        return full
    }

    func read(_ relative: String) -> Data { FileManager.default.contents(atPath: sub(relative)) ?? Data() }

    func json(_ relative: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: read(relative)) as! [String: Any]
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
