import Dispatch
import Synchronization

/// Reads files on `jobs` Dispatch workers; results come back in input order, so nothing
/// downstream depends on scheduling.
public enum ConcurrentReader {
    /// - Parameter fileDone: called from the worker after each file, with how many are done.
    public static func read(_ files: [DropFolder.File], jobs: Int,
                            fileDone: (@Sendable (_ result: FileResult, _ done: Int) -> Void)? = nil) -> [FileResult] {
        let done = Atomic<Int>(0)
        let slots = Mutex<[FileResult?]>(Array(repeating: nil, count: files.count))
        let next = Atomic<Int>(0)
        let workers = max(1, min(jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let result = InputFileReader.read(path: files[index].path, displayPath: files[index].displayPath)
                slots.withLock { $0[index] = result }
                fileDone?(result, done.wrappingAdd(1, ordering: .relaxed).newValue)
            }
        }
        return slots.withLock { $0.map { $0! } }
    }
}
