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
    }

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
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
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: full, contents: Data(text.utf8)))
        return full
    }

    func read(_ relative: String) -> Data { FileManager.default.contents(atPath: sub(relative)) ?? Data() }

    func json(_ relative: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: read(relative)) as! [String: Any]
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
