import Foundation
import Testing

/// The drop folder is untrusted: what it holds can neither leak a file, delete data, hang a run
/// nor vanish unreported (README, "What Huizong trusts"). Each test is a case an adversary tried.
@Suite struct TrustModelTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path
    static let qiaoxi = "012005_自然资源和规划局桥西分局"

    /// A copy of the sample in `scratch/2022`.
    static func copy(_ scratch: Scratch) throws -> String {
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: sample, toPath: folder)
        return folder
    }

    static func findings(_ scratch: Scratch, _ out: String = "out") throws -> [[String: Any]] {
        try scratch.json(out + "/department.json")["findings"] as! [[String: Any]]
    }

    static func rules(_ findings: [[String: Any]], file: String) -> [String] {
        findings.filter { $0["file"] as? String == file }.map { $0["rule"] as! String }
    }

    /// 桥西分局's staff total in the result (57 in the sample).
    static func qiaoxiStaff(_ scratch: Scratch) throws -> Int {
        let units = try scratch.json("out/department.json")["units"] as! [[String: Any]]
        let unit = units.first { $0["code"] as? String == "012005" }!
        return (unit["staff"] as! [String: Any])["total"] as! Int
    }

    /// Every output file, as text.
    static func outputs(_ scratch: Scratch, _ out: String = "out") throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: scratch.sub(out)).map {
            String(decoding: scratch.read(out + "/" + $0), as: UTF8.self)
        }.joined(separator: "\n")
    }

    // MARK: Data loss

    @Test func anOutputFolderHoldingOtherFilesIsRefusedAndKept() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("out/department.json", "{}")
        scratch.write("out/thesis.txt", "三年的心血")
        scratch.write("out/src/main.c", "int main;")
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 73)
        #expect(run.stderr.contains("thesis.txt") && run.stderr.contains("src"))
        #expect(String(decoding: scratch.read("out/thesis.txt"), as: UTF8.self) == "三年的心血")
        #expect(FileManager.default.fileExists(atPath: scratch.sub("out/src/main.c")))
    }

    @Test func aResultIsReplacedByItsManifestAndAnythingAddedStops() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")]).status == 65)
        let manifest = String(decoding: scratch.read("out/.huizong-manifest"), as: UTF8.self)
        #expect(
            manifest.split(separator: "\n").dropLast().map { String($0.dropFirst(66)) }
                == [
                    "汇总结果.xlsx", "units.csv", "findings.csv", "score.csv", "datapackage.json", "department.json",
                    "report.html",
                    "report.md", "report.docx", "narrative.md",
                ])
        #expect(manifest.split(separator: "\n").last?.hasPrefix("# huizong-manifest sha256 ") == true, "sealed")
        #expect(
            try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")]).status == 65,
            "its own result is replaced")
        // Without a manifest nothing proves the files are Huizong's, whatever they are named.
        try FileManager.default.copyItem(atPath: scratch.sub("out"), toPath: scratch.sub("bare"))
        try FileManager.default.removeItem(atPath: scratch.sub("bare/.huizong-manifest"))
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("bare")]).status == 73)
        #expect(FileManager.default.fileExists(atPath: scratch.sub("bare/units.csv")))
        scratch.write("other/department.json", "{\"schema\": \"someone else's\"}")
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("other")]).status == 73)
        scratch.write("out/备注.txt", "officer's note")
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 73 && run.stderr.contains("备注.txt"))
        #expect(FileManager.default.fileExists(atPath: scratch.sub("out/备注.txt")))
    }

    @Test func anOutputThatOverlapsTheInputIsRefused() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // The input folder inside a previous output folder: the next run would have deleted it.
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")]).status == 65)
        try FileManager.default.copyItem(atPath: Self.sample, toPath: scratch.sub("out/2022"))
        let containing = try Huizong.run(["consolidate", scratch.sub("out/2022"), "--out", scratch.sub("out")])
        #expect(containing.status == 73 && containing.stderr.contains("互相包含"))
        #expect(FileManager.default.fileExists(atPath: scratch.sub("out/2022/单位名录.csv")))
        // Inside the input, and the input itself (also by another spelling).
        let input = try Self.copy(scratch)
        for out in [input + "/结果", input, input + "/../2022/."] {
            let run = try Huizong.run(["consolidate", input, "--out", out])
            #expect(run.status == 73, "\(out)")
        }
        #expect(!FileManager.default.fileExists(atPath: input + "/结果"), "nothing created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: input).allSatisfy { !$0.hasPrefix(".huizong") })
    }

    @Test func stagingCleanUpTouchesOnlyItsOwnFolderAndItsOwnFiles() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let pid = dead.processIdentifier
        // A killed run's staging of `res`, as Huizong leaves it: its marker (the manifest, written
        // first) and some of its files; and someone's file put in it since.
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("model")]).status == 65)
        let killed = ".huizong-staging.\(pid).res"
        try FileManager.default.copyItem(atPath: scratch.sub("model"), toPath: scratch.sub(killed))
        try FileManager.default.moveItem(
            atPath: scratch.sub(killed + "/.huizong-manifest"), toPath: scratch.sub(killed + "/.huizong-staging"))
        try FileManager.default.removeItem(atPath: scratch.sub(killed + "/report.docx"))
        scratch.write(killed + "/mine.txt", "not Huizong's")
        // Folders that only look like staging: another run's (`res-draft`), an old-style name, one
        // named exactly like a killed run's but holding a user's file and no marker, and one whose
        // marker someone wrote by hand.
        scratch.write(".huizong-staging.\(pid).res-draft/units.csv", "draft")
        scratch.write(".huizong-staging-res-draft-\(pid)/units.csv", "old style")
        scratch.write(".huizong-previous.\(pid).res/units.csv", "the user's own units.csv")
        let forged = ".huizong-staging.\(pid + 1).res"
        scratch.write(forged + "/units.csv", "the user's other units.csv")
        scratch.write(forged + "/.huizong-staging", String(repeating: "0", count: 64) + "  units.csv\n")
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("res")]).status == 65)
        let exists = { (path: String) in FileManager.default.fileExists(atPath: scratch.sub(path)) }
        #expect(exists(".huizong-staging.\(pid).res-draft/units.csv"))
        #expect(exists(".huizong-staging-res-draft-\(pid)/units.csv"))
        #expect(!exists(killed + "/units.csv") && !exists(killed + "/.huizong-staging"), "its own files removed")
        #expect(exists(killed + "/mine.txt"), "someone else's kept")
        #expect(exists(".huizong-previous.\(pid).res/units.csv"), "no marker: nothing proves it Huizong's")
        #expect(exists(forged + "/units.csv") && exists(forged + "/.huizong-staging"), "a forged marker proves nothing")
    }

    @Test func nothingIsCreatedBeforeTheChecksPass() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let missing = try Huizong.run(["consolidate", scratch.sub("nowhere"), "--out", scratch.sub("a/b/out")])
        #expect(missing.status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "no parents, no lock file")
        let root = try Huizong.run(["consolidate", Self.sample, "--out", "/"])
        #expect(root.status == 73 && root.stderr.contains("根目录"))
        #expect(!FileManager.default.fileExists(atPath: "/.huizong-.lock"))
        let badRegistry = try Huizong.run([
            "consolidate", Self.sample, "--out", scratch.sub("out"), "--registry", scratch.sub("none.csv"),
        ])
        #expect(badRegistry.status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    // MARK: Leaks and hangs

    @Test func aLinkOutOfTheFolderIsNamedNeverRead() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        scratch.write("secret.csv", "单位编码,单位名称\r\nSECRET-LINE-4242,机密\r\n")
        try FileManager.default.createSymbolicLink(
            atPath: input + "/x.csv", withDestinationPath: scratch.sub("secret.csv"))
        try FileManager.default.createSymbolicLink(atPath: input + "/shadow.csv", withDestinationPath: "/etc/shadow")
        try FileManager.default.createSymbolicLink(atPath: input + "/up.csv", withDestinationPath: "../secret.csv")
        // A link that stays inside is read like the file it names.
        try FileManager.default.moveItem(
            atPath: input + "/\(Self.qiaoxi)/人员.csv", toPath: input + "/\(Self.qiaoxi)/人员-原件.csv")
        try FileManager.default.createSymbolicLink(
            atPath: input + "/\(Self.qiaoxi)/人员.csv", withDestinationPath: "人员-原件.csv")
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        #expect(run.status == 65)
        let findings = try Self.findings(scratch)
        for link in ["x.csv", "shadow.csv", "up.csv"] {
            #expect(Self.rules(findings, file: link) == ["file.link_outside"], "\(link)")
        }
        #expect(run.stderr.contains(scratch.sub("secret.csv")), "the finding says where the link points")
        let everything = try Self.outputs(scratch) + run.stderr
        #expect(!everything.contains("SECRET-LINE-4242") && !everything.contains("root:"), "no content of the target")
        // A link inside is read: it and the file it names are one copy, counted once.
        #expect(try Self.qiaoxiStaff(scratch) == 57)
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        let linked = inputs.first { $0["path"] as? String == "\(Self.qiaoxi)/人员.csv" }
        #expect((linked?["sha256"] as? String)?.count == 64)
    }

    @Test func fifosDevicesAndLinkedFoldersNeverHangAndAreNamed() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        #expect(mkfifo(input + "/pipe.csv", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: input + "/zero.csv", withDestinationPath: "/dev/zero")
        #expect(mkfifo(input + "/inner-fifo", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: input + "/fifo-link.csv", withDestinationPath: "inner-fifo")
        try FileManager.default.createSymbolicLink(
            atPath: input + "/linked", withDestinationPath: input + "/\(Self.qiaoxi)")
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")], timeout: 60)
        #expect(!run.timedOut && run.status == 65)
        let findings = try Self.findings(scratch)
        #expect(Self.rules(findings, file: "pipe.csv") == ["file.not_regular"])
        #expect(Self.rules(findings, file: "inner-fifo") == ["file.not_regular"])
        #expect(Self.rules(findings, file: "fifo-link.csv") == ["file.not_regular"])
        #expect(Self.rules(findings, file: "zero.csv") == ["file.link_outside"])
        #expect(Self.rules(findings, file: "linked/") == ["folder.link"])
        // The same for files named on the command line.
        for arguments in [
            ["inspect", "/dev/zero"], ["inspect", input + "/pipe.csv"],
            ["consolidate", Self.sample, "--out", scratch.sub("out2"), "--registry", "/dev/zero"],
            ["consolidate", Self.sample, "--out", scratch.sub("out3"), "--scheme", input + "/pipe.csv"],
        ] {
            let named = try Huizong.run(arguments, timeout: 60)
            #expect(!named.timedOut && named.status == 66, "\(arguments)")
            #expect(named.stderr.contains("不是普通文件"), "\(arguments)")
        }
    }

    // MARK: Nothing skipped silently

    @Test func namesThatAreNotUTF8AndVeryLongPathsAreRead() throws {
        let scratch = Scratch()
        var deep = "深"
        for level in 0..<24 { deep += "/" + String(repeating: "层", count: 60) + "\(level)" }  // 24 × ~183 bytes
        // 人.csv as a Windows share writes its name, in GBK: its bytes are not UTF-8.
        let gbkName = Array(scratch.sub("2022/\(Self.qiaoxi)/").utf8) + [0xC8, 0xCB, 0x2E, 0x63, 0x73, 0x76, 0]
        defer {
            // FileManager can remove neither a name that is not UTF-8 nor what lies below PATH_MAX.
            _ = gbkName.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) } }
            removeDeep(scratch.sub("2022"), deep + "/人员.csv")
            scratch.remove()
        }
        let input = try Self.copy(scratch)
        let staff = scratch.read("2022/\(Self.qiaoxi)/人员.csv")
        try FileManager.default.removeItem(atPath: input + "/\(Self.qiaoxi)/人员.csv")
        let descriptor = gbkName.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        _ = staff.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        // And a copy of 012006's staff file more than PATH_MAX deep.
        #expect(deep.utf8.count > 4096)
        try makeDeep(input, deep)
        let xinhua = "012006_自然资源和规划局新华分局"
        try writeDeep(input, deep + "/人员.csv", scratch.read("2022/\(xinhua)/人员.csv"))
        try FileManager.default.removeItem(atPath: input + "/\(xinhua)/人员.csv")
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        #expect(run.status == 65)
        #expect(try Self.qiaoxiStaff(scratch) == 57)
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        let paths = inputs.map { $0["path"] as! String }
        #expect(paths.contains("\(Self.qiaoxi)/\\xC8\\xCB.csv"), "shown with its bytes escaped")
        #expect(paths.contains(deep + "/人员.csv"))
        let units = try scratch.json("out/department.json")["units"] as! [[String: Any]]
        let unit = units.first { $0["code"] as? String == "012006" }!
        #expect(((unit["staff"] as! [String: Any])["total"] as! Int) > 0)
    }

    /// Creates `relative` below `root` one folder at a time (the whole path is longer than PATH_MAX).
    func makeDeep(_ root: String, _ relative: String) throws {
        var directory = open(root, O_RDONLY | O_DIRECTORY)
        for name in relative.split(separator: "/") {
            mkdirat(directory, String(name), 0o755)
            let next = openat(directory, String(name), O_RDONLY | O_DIRECTORY)
            close(directory)
            directory = next
        }
        close(directory)
    }

    /// Removes the file at `relative` below `root` and every folder above it up to `root`, deepest first.
    func removeDeep(_ root: String, _ relative: String) {
        let names = relative.split(separator: "/").map(String.init)
        var directories = [open(root, O_RDONLY | O_DIRECTORY)]
        for name in names.dropLast() { directories.append(openat(directories.last!, name, O_RDONLY | O_DIRECTORY)) }
        unlinkat(directories.last!, names.last!, 0)
        for (index, name) in names.dropLast().enumerated().reversed() {
            close(directories[index + 1])
            unlinkat(directories[index], name, AT_REMOVEDIR)
        }
        close(directories[0])
    }

    func writeDeep(_ root: String, _ relative: String, _ bytes: Data) throws {
        var directory = open(root, O_RDONLY | O_DIRECTORY)
        let parts = relative.split(separator: "/")
        for name in parts.dropLast() {
            let next = openat(directory, String(name), O_RDONLY | O_DIRECTORY)
            close(directory)
            directory = next
        }
        let file = openat(directory, String(parts.last!), O_WRONLY | O_CREAT, 0o644)
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        close(directory)
    }

    /// A folder that cannot be listed, seen by a run without root's override (as an officer's account runs).
    @Test(
        .enabled(
            if: TrustModelTests.nobodyCanRunTheBinary(), "needs root, setpriv, and a binary that user nobody can run"))
    func aFolderThatCannotBeListedIsAFinding() throws {
        let scratch = Scratch()
        defer {
            chmod(scratch.sub("2022/锁住"), 0o755)
            scratch.remove()
        }
        let input = try Self.copy(scratch)
        scratch.write("2022/锁住/人员.csv", "x")
        chmod(input + "/锁住", 0o000)
        chmod(scratch.path, 0o777)
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")], asNobody: true)
        #expect(run.status == 65, "\(run.stderr)")
        let findings = try Self.findings(scratch)
        #expect(Self.rules(findings, file: "锁住/") == ["folder.unreadable"])
    }

    /// Root can list any folder; the test runs the binary as nobody, which needs a path nobody can reach.
    static func nobodyCanRunTheBinary() -> Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            let run = try? Huizong.run(["--help"], timeout: 30, asNobody: true)
        else { return false }
        return run.status == 0
    }

    // MARK: Torn rows

    @Test func aFileStillBeingWrittenIsRejectedNotTorn() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        let header = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n"
        var text = header
        for n in 0..<40_000 { text += "012005,2022-03-01,记-\(n),一般公共预算,基本支出,办公用品,1.00\r\n" }
        let path = scratch.write("2022/\(Self.qiaoxi)/补充支出明细.csv", text)
        // A writer appends half rows while the run reads (as a copy from a share does).
        let writer = Writer(path: path)
        writer.start()
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        writer.stop()
        #expect(run.status == 65)
        let findings = try Self.findings(scratch)
        #expect(Self.rules(findings, file: "\(Self.qiaoxi)/补充支出明细.csv") == ["file.changed_while_read"])
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        let entry = inputs.first { $0["path"] as? String == "\(Self.qiaoxi)/补充支出明细.csv" }!
        #expect(entry["accepted"] as? Int == 0, "no row of it counted")
    }

    final class Writer: @unchecked Sendable {
        // @unchecked: `running` is touched only while `lock` is held.
        let path: String
        private let lock = NSLock()
        private var running = true
        private let finished = DispatchSemaphore(value: 0)

        init(path: String) { self.path = path }

        func start() {
            Thread.detachNewThread { [self] in
                let handle = FileHandle(forWritingAtPath: path)!
                handle.seekToEndOfFile()
                var n = 0
                while lock.withLock({ running }) {
                    try? handle.write(
                        contentsOf: Data(
                            (n % 2 == 0 ? "012005,2022-03-02,记-x\(n),一般公共预算,基本支出,续写,123" : "456.78\r\n").utf8))
                    n += 1
                    usleep(200)
                }
                try? handle.close()
                finished.signal()
            }
            usleep(20_000)
        }

        func stop() {
            lock.withLock { running = false }
            finished.wait()
        }
    }

    // MARK: Bounds

    @Test func aHugeFieldIsOneRejectedRowInFlatMemory() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        let path = input + "/\(Self.qiaoxi)/大字段.csv"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n012005,2022-03-01,记-1,一般公共预算,基本支出,\"".utf8))
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        let block = Data(repeating: 0x61, count: 1 << 20)
        for _ in 0..<120 { handle.write(block) }  // a 120 MiB field
        handle.write(Data("\",1.00\r\n012005,2022-03-02,记-2,一般公共预算,基本支出,m,2.00\r\n".utf8))
        try handle.close()
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")], measureMemory: true)
        #expect(run.status == 65)
        let findings = try Self.findings(scratch).filter { $0["file"] as? String == "\(Self.qiaoxi)/大字段.csv" }
        #expect(findings.map { $0["rule"] as! String } == ["row.malformed"])
        #expect((findings.first?["message"] as? String)?.contains("超过 4 MiB") == true)
        let inputs = try scratch.json("out/department.json")["inputs"] as! [[String: Any]]
        let entry = inputs.first { $0["path"] as? String == "\(Self.qiaoxi)/大字段.csv" }!
        #expect(entry["accepted"] as? Int == 1 && entry["rejected"] as? Int == 1)
        #expect(run.peakKiB > 0 && run.peakKiB < 96 * 1024, "peak \(run.peakKiB) KiB for a 120 MiB field")
    }

    /// A 320 MiB quoted field of 256-byte lines between 20,000 rows on each side, in a ledger read in
    /// parts on 2 cores: the parts that start inside the field stop instead of holding a rejected row
    /// for each of its lines (1.3 million of them; 283 MB before), and the part before reads on
    /// through it as reading whole does.
    @Test func aHugeFieldOfManyLinesReadInPartsIsOneRejectedRowInFlatMemory() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("2022/单位名录.csv", "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,二,012001\r\n")
        let path = scratch.write("2022/支出明细.csv", "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n")
        func rows(from first: Int) -> Data {
            Data(
                (first..<first + 20_000).map { index in
                    "01200\(1 + index % 2),2022-03-15,记-\(index),一般公共预算,基本支出,购置办公用品,1.00\r\n"
                }.joined().utf8)
        }
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(rows(from: 0))
        handle.write(Data("012001,2022-04-01,记-长,一般公共预算,基本支出,\"".utf8))
        let line = String(repeating: "a", count: 255) + "\n"
        let mebibyte = Data(String(repeating: line, count: 4096).utf8)
        for _ in 0..<320 { handle.write(mebibyte) }
        handle.write(Data("\",5.00\r\n".utf8))
        handle.write(rows(from: 20_000))
        try handle.close()
        let run = try Huizong.run(
            ["consolidate", scratch.sub("2022"), "--out", scratch.sub("out"), "--jobs", "2", "--no-report"],
            measureMemory: true)
        try? FileManager.default.removeItem(atPath: path)
        #expect(run.status == 65)
        let findings = try Self.findings(scratch).filter { $0["file"] as? String == "支出明细.csv" }
        #expect(findings.map { $0["rule"] as! String } == ["row.malformed"])
        #expect(findings.first?["line"] as? Int == 20_002)
        #expect((findings.first?["message"] as? String)?.contains("超过 4 MiB") == true)
        let department = try scratch.json("out/department.json")
        let inputs = department["inputs"] as! [[String: Any]]
        let entry = inputs.first { $0["path"] as? String == "支出明细.csv" }!
        #expect(entry["accepted"] as? Int == 40_000 && entry["rejected"] as? Int == 1)
        let units = department["units"] as! [[String: Any]]
        let rows = units.map { (($0["expenditure"] as? [String: Any])?["rows"] as? Int) ?? -1 }
        #expect(rows == [20_000, 20_000])
        #expect(run.peakKiB > 0 && run.peakKiB < 120 * 1024, "peak \(run.peakKiB) KiB for a 320 MiB field of lines")
    }

    @Test func aHeaderPast64KiBIsOneClearFinding() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        let wide = "单位编码,人员编号,人员类别," + (0..<9000).map { "备注\($0)" }.joined(separator: ",") + "\r\n"
        scratch.write("2022/宽表.csv", wide + "012005,P1,在职\r\n")
        #expect(wide.utf8.count > 65_536)
        #expect(try Huizong.run(["consolidate", input, "--out", scratch.sub("out")]).status == 65)
        let findings = try Self.findings(scratch)
        #expect(Self.rules(findings, file: "宽表.csv") == ["file.header_too_long"])
    }

    @Test func aDoubleNegativeAndANulAreNamedForWhatTheyAre() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.copy(scratch)
        scratch.write(
            "2022/\(Self.qiaoxi)/补充.csv",
            "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n012005,2022-03-01,记-1,一般公共预算,基本支出,x,(-5)\r\n")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "单位编码,单位名称\r\n012099,测\u{0}试\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        _ = FileManager.default.createFile(atPath: input + "/名录补充.csv", contents: Data(utf16))
        #expect(try Huizong.run(["consolidate", input, "--out", scratch.sub("out")]).status == 65)
        let findings = try Self.findings(scratch)
        let negative = findings.first { $0["file"] as? String == "\(Self.qiaoxi)/补充.csv" }
        #expect(negative?["rule"] as? String == "row.amount" && negative?["line"] as? Int == 2)
        #expect((negative?["message"] as? String)?.contains("括号") == true)
        let nul = findings.first { $0["file"] as? String == "名录补充.csv" }
        #expect(nul?["rule"] as? String == "file.nul" && nul?["line"] as? Int == 2)
    }
}
