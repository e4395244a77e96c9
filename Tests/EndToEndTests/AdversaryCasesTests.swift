import Foundation
import Testing

/// Cases an adversary found against the trust model (README, "What Huizong trusts"), each run on
/// the built binary: one bad file or cell is that file's finding and every other file is still
/// consolidated; nothing Huizong did not write is deleted; the output path is resolved once; no
/// value reaches the terminal raw; a JSON file Huizong reads may not say one thing twice.
@Suite struct AdversaryCasesTests {
    static let sample = TrustModelTests.sample
    static let yuhua = "012007_自然资源和规划局裕华分局"

    static func findings(_ scratch: Scratch) throws -> [[String: Any]] {
        try scratch.json("out/department.json")["findings"] as! [[String: Any]]
    }

    // MARK: One bad file or cell

    /// 012007's 支出明细.xls with two bytes changed: FreeXL crashed on it and took the run down (139).
    @Test func aCorruptedOldWorkbookIsItsOwnFinding() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try TrustModelTests.copy(scratch)
        let path = input + "/\(Self.yuhua)/支出明细.xls"
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes[4005] == 0x01 && bytes[9781] == 0xFD, "the sample's bytes the mutant changes")
        bytes[4005] = 0xFF
        bytes[9781] = 0xFC
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let inspect = try Huizong.run(["inspect", path])
        #expect(inspect.status == 65 && inspect.stdout.contains("file.workbook_unreadable"), "\(inspect.status)")
        #expect(!inspect.stderr.contains("crashed"), "the library's crash is the child's, not reported as ours")
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        #expect(run.status == 65, "\(run.status) \(run.stderr.suffix(300))")
        let named = try Self.findings(scratch).filter { ($0["file"] as? String)?.hasSuffix("支出明细.xls") == true }
        #expect(named.map { $0["rule"] as? String } == ["file.workbook_unreadable"])
        let units = try scratch.json("out/department.json")["units"] as! [[String: Any]]
        #expect(units.count == 22, "every unit is still consolidated")
    }

    /// `92233720368547758.08` in an amount cell trapped (132) in the money parser; in 万元 too.
    @Test func anAbsurdAmountIsARejectedRow() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try TrustModelTests.copy(scratch)
        var ledger = "\u{FEFF}单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
        for amount in ["92233720368547758.08", "\"(¥92,233,720,368,547,758.08)\"", "９２２３３７２０３６８５４７７５８．０８"] {
            ledger += "012005,2022-03-01,记-9999,一般公共预算,基本支出,\(amount)\r\n"
        }
        scratch.write("2022/\(TrustModelTests.qiaoxi)/补充明细.csv", ledger)
        scratch.write(
            "2022/\(TrustModelTests.qiaoxi)/补充预算.csv",
            "\u{FEFF}2022年预决算收支表\r\n单位：万元\r\n\r\n单位编码,阶段,科目,金额\r\n012005,决算,基本支出,9223372036854.775808\r\n")
        // The same amount in an .xlsx text cell (the fuzz corpus's case, less its first byte).
        let workbook = Huizong.packageRoot.appendingPathComponent(
            "Tests/HuizongCoreTests/Fixtures/fuzz/huge-amount-text-cell")
        let cell = try Data(contentsOf: workbook).dropFirst()
        try cell.write(to: URL(fileURLWithPath: input + "/\(TrustModelTests.qiaoxi)/补充明细.xlsx"))
        let run = try Huizong.run(["consolidate", input, "--out", scratch.sub("out")])
        #expect(run.status == 65, "\(run.status) \(run.stderr.suffix(300))")
        let rejected = try Self.findings(scratch).filter { $0["rule"] as? String == "row.amount" }
        #expect(rejected.filter { ($0["file"] as? String)?.hasSuffix("补充明细.csv") == true }.count == 3)
        #expect(rejected.contains { ($0["file"] as? String)?.hasSuffix("补充预算.csv") == true })
        #expect(rejected.contains { ($0["file"] as? String)?.hasPrefix("\(TrustModelTests.qiaoxi)/补充明细.xlsx") == true })
        #expect(rejected.allSatisfy { $0["line"] is Int }, "each names its line")
    }

    // MARK: Deleting only what Huizong wrote

    @Test func aHandWrittenManifestDeletesNothing() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("out/thesis.txt", "三年的心血")
        scratch.write("out/.huizong-manifest", String(repeating: "0", count: 64) + "  thesis.txt\n")
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 73 && run.stderr.contains(".huizong-manifest"), "\(run.status) \(run.stderr)")
        #expect(String(decoding: scratch.read("out/thesis.txt"), as: UTF8.self) == "三年的心血")
        // A manifest naming one of Huizong's own files whose bytes are not the listed ones.
        scratch.write("res/units.csv", "the officer's own units.csv")
        scratch.write("res/.huizong-manifest", String(repeating: "0", count: 64) + "  units.csv\n")
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("res")]).status == 73)
        #expect(String(decoding: scratch.read("res/units.csv"), as: UTF8.self) == "the officer's own units.csv")
        // Huizong's own result whose units.csv an officer edited there: refused, the edit kept.
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("mine")]).status == 65)
        let edited = String(decoding: scratch.read("mine/units.csv"), as: UTF8.self) + "备注\r\n"
        scratch.write("mine/units.csv", edited)
        let refused = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("mine")])
        #expect(refused.status == 73 && refused.stderr.contains("units.csv") && refused.stderr.contains("改动"))
        #expect(String(decoding: scratch.read("mine/units.csv"), as: UTF8.self) == edited)
    }

    /// A result written before manifests were sealed is still replaced: its files are proven by
    /// their hashes, and the next manifest is sealed.
    @Test func aManifestFromBeforeTheSealIsStillHuizongs() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        #expect(try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")]).status == 65)
        let sealed = String(decoding: scratch.read("out/.huizong-manifest"), as: UTF8.self)
        let unsealed = sealed.split(separator: "\n").dropLast().map { $0 + "\n" }.joined()
        scratch.write("out/.huizong-manifest", unsealed)
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(String(decoding: scratch.read("out/.huizong-manifest"), as: UTF8.self) == sealed)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter {
            $0.hasPrefix(".huizong-s")
        }
        #expect(left.isEmpty, "the old result removed whole: \(left)")
    }

    // MARK: The output path, resolved once

    @Test func anOutputPathThatCannotBeResolvedIs73() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let empty = try Huizong.run(["consolidate", Self.sample, "--out", ""], in: scratch.path)
        #expect(empty.status == 73 && empty.stderr.contains("--out"), "\(empty.status) \(empty.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "nothing published")
        // A working directory deleted under the run: `.` crashed (132), a relative path spun at 100 % CPU.
        let gone = scratch.sub("gone")
        try FileManager.default.createDirectory(atPath: gone, withIntermediateDirectories: true)
        for out in [".", "rel/out"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "cd \"$1\" && rmdir \"$1\" && exec \"$2\" consolidate \"$3\" --out \"$4\"", "sh", gone,
                Huizong.binary, Self.sample, out,
            ]
            let err = Pipe()
            process.standardError = err
            try process.run()
            let watch = Watch(pid: process.processIdentifier, timeout: 60, measureMemory: false)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            watch.stop()
            #expect(!watch.timedOut, "--out \(out) in a deleted directory hung")
            #expect(process.terminationStatus == 73 && stderr.contains("当前目录"), "\(out): \(stderr)")
            try FileManager.default.createDirectory(atPath: gone, withIntermediateDirectories: true)
        }
    }

    // MARK: The terminal

    @Test func inspectShowsNoValueRaw() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let hostile = [
            "\u{1B}[2J", "\u{1B}]0;owned\u{07}", "铃\u{07}", "回车\r覆盖", "\u{202E}gpj.exe", "跳\n[信息 row.amount] 第 99 行 伪造",
        ]
        var text = "\u{FEFF}单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
        for (index, value) in hostile.enumerated() {
            text +=
                "012001,2022-01-0\(index + 1),\"\(value)\",一般公共预算,基本支出,\(value.hasPrefix("跳") ? "\"\(value)\"" : "1.00")\r\n"
        }
        let file = scratch.write("明细.csv", text)
        for arguments in [["inspect", file], ["inspect", "--rows", file]] {
            let run = try Huizong.run(arguments)
            let raw = run.stdout.unicodeScalars.filter {
                [0x1B, 0x07, 0x0D, 0x202E].contains($0.value)
            }
            #expect(raw.isEmpty, "\(arguments): \(raw.map { String($0.value, radix: 16) })")
            #expect(
                !run.stdout.split(separator: "\n").contains { $0.hasPrefix("[信息") },
                "a quoted line feed cannot start a forged line")
        }
    }

    // MARK: JSON said twice

    @Test func aKeyWrittenTwiceInALayoutOrSchemeIs66() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let shipped = Huizong.packageRoot.appendingPathComponent("Layouts")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: shipped.path).sorted().first { $0.hasSuffix(".json") })
        let layout = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
        let twice = layout.replacingOccurrences(
            of: "\"schema\": \"huizong.layout/1\"", with: "\"schema\": \"huizong.layout/1\", \"name\": \"第二个名字\"")
        try #require(twice != layout)
        scratch.write("layouts/a.json", twice)
        let run = try Huizong.run([
            "consolidate", Self.sample, "--out", scratch.sub("out"), "--layouts", scratch.sub("layouts"),
        ])
        #expect(run.status == 66 && run.stderr.contains("a.json") && run.stderr.contains("name"), "\(run.stderr)")
        let scheme = try String(
            contentsOf: Huizong.packageRoot.appendingPathComponent("Schemes/default.json"), encoding: .utf8)
        scratch.write(
            "scheme.json",
            scheme.replacingOccurrences(of: "{", with: "{\"decimals\": 9, ", options: [], range: scheme.range(of: "{")))
        let schemeRun = try Huizong.run([
            "consolidate", Self.sample, "--out", scratch.sub("out"), "--scheme", scratch.sub("scheme.json"),
        ])
        #expect(schemeRun.status == 66 && schemeRun.stderr.contains("decimals"), "\(schemeRun.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("out")))
    }
}
