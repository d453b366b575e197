import Foundation

/// Maps over independent work items on all cores, keeping the input order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            slots.set(i, transform(items[i]))
        }
        return slots.values()
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
