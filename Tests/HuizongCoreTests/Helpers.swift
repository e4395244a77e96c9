import Foundation

@testable import HuizongCore

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("huizong-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8 with BOM unless `bytes` is given) at a relative path; returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String = "", bytes: [UInt8]? = nil) -> String {
        let full = (path as NSString).appendingPathComponent(relative)
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let data = bytes.map { Data($0) } ?? Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        precondition(FileManager.default.createFile(atPath: full, contents: data))
        return full
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

let registryCSV = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,\r\n012003,规划院,\r\n"

/// Reads every file of a folder and consolidates it, as `huizong consolidate` does.
func consolidate(_ folder: TemporaryFolder) throws -> Consolidation {
    return try ConsolidateJob.evaluate(ConcurrentReader.read(try DropFolder(root: folder.path), jobs: 2))
}

/// Consolidates a fresh folder holding `files` (relative path → text, written as UTF-8 with BOM).
func consolidate(_ files: [String: String]) throws -> Consolidation {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    for (path, text) in files { folder.write(path, text) }
    return try consolidate(folder)
}

extension Consolidation {
    func unit(_ code: String) -> UnitResult { units.first { $0.code == code }! }
    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
}
