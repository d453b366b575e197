import Foundation

/// Requests the test kubelet saw, from its event loop thread.
final class LockedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [TestAPIServer.Request] = []
    func append(_ r: TestAPIServer.Request) { lock.lock(); requests.append(r); lock.unlock() }
    var all: [TestAPIServer.Request] { lock.lock(); defer { lock.unlock() }; return requests }
}
