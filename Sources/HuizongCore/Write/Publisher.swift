import CPlatform
import Foundation

/// Publishes a result folder all or nothing: files are written and flushed in a staging
/// folder beside the output, which then takes the output's place by one atomic rename.
/// A reader sees the previous complete result or the new one, never a mix.
public struct Publisher {
    public let outputFolder: String

    public enum Problem: Error, Equatable {
        /// The output folder (or its parent) cannot be created or written: exit 73.
        case cannotCreate(path: String, reason: String)
        /// Writing, flushing or renaming failed: exit 74.
        case io(path: String, reason: String)
    }

    /// Test seam for failures no test can cause for real: `disk_full` fails the second file's
    /// write with ENOSPC, `rename` fails putting the result in place with EIO.
    let fault: String?

    public init(outputFolder: String, fault: String? = ProcessInfo.processInfo.environment["HUIZONG_FAULT"]) {
        self.outputFolder = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
        self.fault = fault
    }

    var parent: String { (outputFolder as NSString).deletingLastPathComponent }
    var baseName: String { (outputFolder as NSString).lastPathComponent }
    var stagingPrefix: String { ".huizong-staging-\(baseName)-" }

    /// Checks that the output can be published before any work is done.
    public func prepare() throws(Problem) {
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: parent, reason: Self.reason(error))
        }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw .cannotCreate(path: parent, reason: String(cString: strerror(errno)))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputFolder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotCreate(path: outputFolder, reason: "它是一个文件，不是文件夹")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder)) ?? []
            // Never swap away a folder that holds someone's other files.
            if !contents.isEmpty && !contents.contains("department.json") {
                throw .cannotCreate(path: outputFolder, reason: "文件夹里已有其他文件，不是汇总结果；请指定一个空文件夹或新文件夹")
            }
        }
        removeAbandonedStaging()
    }

    /// Writes `files` into a fresh staging folder and puts it in place of the output folder.
    public func publish(_ files: [(name: String, bytes: [UInt8])]) throws(Problem) {
        let staging = (parent as NSString).appendingPathComponent(stagingPrefix + String(getpid()))
        try? FileManager.default.removeItem(atPath: staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw .cannotCreate(path: staging, reason: String(cString: strerror(errno)))
        }
        do {
            for (index, file) in files.enumerated() {
                let path = (staging as NSString).appendingPathComponent(file.name)
                if fault == "disk_full" && index == 1 { throw Problem.io(path: path, reason: String(cString: strerror(ENOSPC))) }
                try Self.writeDurably(file.bytes, to: path)
            }
            try Self.syncFolder(staging)
            try swapIntoPlace(staging)
            try Self.syncFolder(parent)
        } catch let problem as Problem {
            try? FileManager.default.removeItem(atPath: staging)
            throw problem
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw .io(path: staging, reason: "\(error)")
        }
    }

    private func swapIntoPlace(_ staging: String) throws(Problem) {
        if fault == "rename" { throw .io(path: outputFolder, reason: String(cString: strerror(EIO))) }
        if rename(staging, outputFolder) == 0 { return }  // no previous result
        guard errno == EEXIST || errno == ENOTEMPTY else {
            throw .io(path: outputFolder, reason: String(cString: strerror(errno)))
        }
        if huizong_exchange_paths(staging, outputFolder) == 0 {
            // `staging` now holds the previous result.
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        // No atomic exchange on this file system: move the old result aside, then rename.
        let aside = staging + ".previous"
        guard rename(outputFolder, aside) == 0 else { throw .io(path: outputFolder, reason: String(cString: strerror(errno))) }
        guard rename(staging, outputFolder) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside, outputFolder)
            throw .io(path: outputFolder, reason: reason)
        }
        try? FileManager.default.removeItem(atPath: aside)
    }

    /// A run killed mid-way leaves its staging folder; the next run removes it.
    func removeAbandonedStaging() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            let pidText = name.dropFirst(stagingPrefix.count).prefix { $0.isNumber }
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue }  // still running
            try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(name))
        }
    }

    static func writeDurably(_ bytes: [UInt8], to path: String) throws(Problem) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }

    static func syncFolder(_ path: String) throws(Problem) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
