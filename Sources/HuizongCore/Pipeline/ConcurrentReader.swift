import Dispatch
import Foundation

/// Reads files on `jobs` Dispatch workers, the largest first so that no big file is left to run
/// alone at the end; results come back in input order, so nothing downstream depends on scheduling.
package enum ConcurrentReader {
    /// - Parameter fileDone: called from the worker after each file, with how many are done.
    package static func read(
        _ folder: DropFolder, jobs: Int, options: ReadingOptions = ReadingOptions(),
        fileDone: (@Sendable (_ result: FileResult, _ done: Int) -> Void)? = nil
    ) -> [FileResult] {
        let files = folder.files
        let order = files.indices.sorted { (files[$0].size, $1) > (files[$1].size, $0) }
        let board = WorkBoard(order: order)
        let workers = max(1, min(jobs, files.count))
        let totalBytes = files.reduce(0) { $0 + $1.size }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = board.take() {
                var options = options
                // A file that is more than a worker's share would keep the others idle: cut it up.
                if jobs > 1 && files[index].size >= options.partsFrom && files[index].size * jobs > totalBytes {
                    options.cores = jobs
                }
                let result = folder.read(files[index], options: options)
                let done = board.put(result, at: index)
                fileDone?(result, done)
            }
        }
        return board.results()
    }
}

/// Which file is next and what each one gave. A pthread lock (NSLock) rather than the
/// Synchronization Mutex, whose futex the thread sanitizer cannot see.
private final class WorkBoard: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `lock` is held.
    private let lock = NSLock()
    private let order: [Int]
    private var next = 0
    private var done = 0
    private var slots: [FileResult?]

    /// `order`: the files' indices in the order to read them.
    init(order: [Int]) {
        self.order = order
        slots = Array(repeating: nil, count: order.count)
    }

    func take() -> Int? {
        lock.withLock {
            guard next < order.count else { return nil }
            defer { next += 1 }
            return order[next]
        }
    }

    func put(_ result: FileResult, at index: Int) -> Int {
        lock.withLock {
            slots[index] = result
            done += 1
            return done
        }
    }

    func results() -> [FileResult] {
        lock.withLock { slots.map { $0! } }
    }
}
