import Foundation

/// Maps over independent work items on all cores, keeping the input order. Reading files, judging
/// workloads and evaluating controls (pure functions) all fan out through here.
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            slots.set(i, transform(items[i]))
        }
        return slots.values()
    }

    /// Like `map`, for many small items: each task takes a contiguous run of them, so the cost of
    /// scheduling and locking is paid per run, not per item.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], runsPerCore: Int, _ transform: @Sendable (T) -> R) -> [R] {
        let runs = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount * runsPerCore))
        guard runs > 1 else { return items.map(transform) }
        let bounds = (0...runs).map { $0 * items.count / runs }
        let slots = Slots<[R]>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            slots.set(run, items[bounds[run]..<bounds[run + 1]].map(transform))
        }
        return slots.values().flatMap { $0 }
    }

    /// One slot per item; each is written once, by the iteration that owns its index.
    private final class Slots<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.lock(); storage[i] = value; lock.unlock() }
        func values() -> [R] { storage.compactMap { $0 } }
    }
}
