import Dispatch
import Synchronization

/// Reads files on `jobs` Dispatch workers; results come back in input order, so nothing
/// downstream depends on scheduling.
public enum ConcurrentReader {
    public static func read(_ files: [DropFolder.File], jobs: Int) -> [FileResult] {
        let slots = Mutex<[FileResult?]>(Array(repeating: nil, count: files.count))
        let next = Atomic<Int>(0)
        let workers = max(1, min(jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let result = InputFileReader.read(path: files[index].path, displayPath: files[index].displayPath)
                slots.withLock { $0[index] = result }
            }
        }
        return slots.withLock { $0.map { $0! } }
    }
}
