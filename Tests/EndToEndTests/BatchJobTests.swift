import CSVReading
import Foundation
import HuizongCore
import Testing

/// The run cron and officers rely on: all or nothing, one at a time, inputs untouched.
@Suite(.serialized) struct BatchJobTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path

    /// The sample plus a ledger of `rows` lines for 本级, so that a run takes long enough to interrupt.
    static func bigFolder(in scratch: Scratch, rows: Int = 300_000) throws -> String {
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: sample, toPath: folder)
        var text = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n"
        text.reserveCapacity(rows * 70)
        for n in 0..<rows {
            text += "012001,2022-06-\(n % 28 + 1),记-\(n),一般公共预算,项目支出,\"补充明细, 第 \(n) 笔\",\(n % 1000).\(n % 100)\r\n"
        }
        scratch.write("2022/补充支出明细.csv", text)
        return folder
    }

    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return files
    }

    static func hashes(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in try DropFolder(root: folder).files {
            result[file.displayPath] = try SHA256Hasher.hashFile(at: file.path)
        }
        return result
    }

    @Test func aSecondRunOnTheSameOutputExits75AtOnce() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let out = scratch.sub("out")
        let lockPath = OutputLock.lockPath(for: out)
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = "4242\n".withCString { write(descriptor, $0, 5) }
        let blocked = try Huizong.run(["consolidate", Self.sample, "--out", out])
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains("4242") && blocked.stderr.contains("另一个汇总进程"))
        #expect(!FileManager.default.fileExists(atPath: out))
        close(descriptor)
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", out]).status == 65)
    }

    @Test func overlappingCronEntries() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let folder = try Self.bigFolder(in: scratch)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: Huizong.binary)
        first.arguments = ["consolidate", folder, "--out", scratch.sub("out"), "--quiet"]
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Wait (up to 20 s, on a loaded machine) until the first run holds the lock: it writes its PID there.
        let lockPath = OutputLock.lockPath(for: scratch.sub("out"))
        for _ in 0..<2000
        where (try? String(contentsOfFile: lockPath, encoding: .utf8))?.contains("\(first.processIdentifier)") != true {
            usleep(10_000)
        }
        let second = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")])
        first.waitUntilExit()
        #expect(second.status == 75)
        #expect(second.stderr.contains("\(first.processIdentifier)"))
        #expect(first.terminationStatus == 65)
    }

    @Test(arguments: ["disk_full", "rename"])
    func anIOFailureExits74AndLeavesThePreviousResult(fault: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let out = scratch.sub("out")
        _ = try Huizong.run(["consolidate", Self.sample, "--out", out])
        let before = Self.snapshot(out)
        #expect(
            before.count == 11,
            "the workbook, units, findings, score, datapackage, department, report.html, .md and .docx, narrative.md, the manifest"
        )
        let run = try Huizong.run(
            ["consolidate", Self.sample, "--out", out, "--headers", "en"], environment: ["HUIZONG_FAULT": fault])
        #expect(run.status == 74)
        #expect(run.stderr.contains(fault == "disk_full" ? "No space left on device" : "Input/output error"))
        #expect(run.stderr.contains("以前的结果保持不变"))
        #expect(Self.snapshot(out) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(left == [".huizong-out.lock", "out"], "no staging debris")
    }

    @Test func aRunKilledAtAnyMomentLeavesAWholeResult() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let folder = try Self.bigFolder(in: scratch)
        let inputs = try Self.hashes(folder)
        // The expected new result, from a clean run elsewhere; the previous one, from the sample.
        _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("clean")])
        let clean = Self.snapshot(scratch.sub("clean"))
        let out = scratch.sub("out")
        _ = try Huizong.run(["consolidate", Self.sample, "--out", out])
        let previous = Self.snapshot(out)
        #expect(previous != clean)

        for delay in [20_000, 150_000, 400_000, 900_000, 1_500_000] as [useconds_t] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Huizong.binary)
            process.arguments = ["consolidate", folder, "--out", out, "--quiet"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = Self.snapshot(out)
            #expect(now == previous || now == clean, "killed after \(delay) µs: a mix of old and new")
        }
        let rerun = try Huizong.run(["consolidate", folder, "--out", out])
        #expect(rerun.status == 65)
        #expect(Self.snapshot(out) == clean, "the next run's result equals a clean run's")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter {
            $0.hasPrefix(".huizong-staging")
        }
        #expect(left.isEmpty, "the next run cleaned what the killed ones left")
        #expect(try Self.hashes(folder) == inputs, "inputs are only ever read")
    }

    @Test func inputsAreOnlyRead() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: Self.sample, toPath: scratch.sub("2022"))
        let before = try Self.hashes(scratch.sub("2022"))
        _ = try Huizong.run(["consolidate", scratch.sub("2022"), "--out", scratch.sub("结果")])
        _ = try Huizong.run(["consolidate", scratch.sub("2022"), "--out", scratch.sub("结果")])
        #expect(try Self.hashes(scratch.sub("2022")) == before)
        let inputs = try scratch.json("结果/department.json")["inputs"] as! [[String: Any]]
        let hashes = Dictionary(uniqueKeysWithValues: inputs.map { ($0["path"] as! String, $0["sha256"] as! String) })
        // A workbook's sheets (`file［sheet］`) carry the hash of the file they are in.
        #expect(hashes.filter { !$0.key.hasSuffix("］") } == before)
        for (path, hash) in hashes where path.hasSuffix("］") {
            #expect(hash == before[String(path.prefix { $0 != "［" })], "\(path)")
        }
    }

    @Test func anUnreadableFileIsNamedAndTheRestConsolidated() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: Self.sample, toPath: scratch.sub("2022"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.sub("2022/补交的预算.csv"), withDestinationPath: "已删除的预算.csv")
        let run = try Huizong.run(["consolidate", scratch.sub("2022"), "--out", scratch.sub("out")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("补交的预算.csv") && run.stderr.contains("无法读取"))
        let units = try scratch.json("out/department.json")["units"] as! [[String: Any]]
        #expect(units.count == 22)
    }
}
