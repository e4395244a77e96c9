import HuizongFuzzing

#if FUZZING
    import CPlatform
    import CSVReading

    // Built by Scripts/fuzz with libFuzzer. SwiftPM links an executable's entry point under the
    // name HuizongFuzz_main, so that is where libFuzzer's driver is started.
    nonisolated(unsafe) private let harness = FuzzHarness()

    private func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        harness.run(bytes)
        return 0
    }

    /// One turn in three a structural mutation (Mutations), else libFuzzer's own.
    @_cdecl("LLVMFuzzerCustomMutator")
    public func customMutator(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int
    {
        guard let data else { return 0 }
        var random = SplitMix(state: UInt64(seed))
        if size > 1, Int.random(in: 0..<3, using: &random) == 0 {
            // The first byte names the file (FuzzHarness): only the content is mutated.
            var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
            if Mutations.mutate(&bytes, maxSize: maxSize - 1, random: &random), bytes.count + 1 <= maxSize {
                bytes.withUnsafeBufferPointer { (data + 1).update(from: $0.baseAddress!, count: $0.count) }
                return bytes.count + 1
            }
        }
        return LLVMFuzzerMutate(data, size, maxSize)
    }

    @_cdecl("HuizongFuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#else
    import Foundation

    /// Without libFuzzer: replays the files given, for reproducing a crash the fuzzer found.
    @main
    struct Replay {
        static func main() {
            let harness = FuzzHarness()
            for path in CommandLine.arguments.dropFirst() {
                let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
                // puts (C stdio) rather than print: one line per replayed input, and it never traps.
                puts("\(path): \(harness.run(bytes))")
            }
        }
    }
#endif
