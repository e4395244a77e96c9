import Foundation

/// Runs arbitrary bytes through everything a dropped file goes through: reading, row
/// parsing, consolidation with a registry, checks, scoring and rendering. For the fuzzer
/// (`Scripts/fuzz`) and for regression tests of what it found. Must never crash.
public final class FuzzHarness: @unchecked Sendable {
    // @unchecked: used from one thread at a time (libFuzzer runs one input at a time).
    private let folder: String
    private let registry: FileResult

    public init() {
        // Memory-backed where there is one: the input is written anew for every run.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("huizong-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let registryPath = folder + "/registry.csv"
        _ = FileManager.default.createFile(atPath: registryPath,
                                       contents: Data("单位编码,单位名称,上级单位编码\r\n012001,本级,\r\n012002,支队,012001\r\n".utf8))
        registry = InputFileReader.read(path: registryPath, displayPath: "registry.csv")
    }

    /// Returns how many findings the input produced (so the work cannot be optimised away).
    @discardableResult
    public func run(_ bytes: [UInt8]) -> Int {
        let path = folder + "/input.csv"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
        let input = InputFileReader.read(path: path, displayPath: "input.csv", keepRows: true)
        guard let consolidation = try? Consolidator().consolidate([input], registryFile: registry) else {
            return input.findings.count
        }
        let rendered = OutputFiles(consolidation).render().reduce(0) { $0 + $1.bytes.count }
        return consolidation.findings.count + rendered
    }
}
