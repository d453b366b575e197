import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkAuditLog

/// `--follow`: a growing file is read as it grows, and a rotated one (renamed, a new file at the
/// path) is reopened from its start.
final class AuditFollowTests: XCTestCase {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    final class Box: @unchecked Sendable { var report: AuditReport? }

    private func line(_ name: String) -> String {
        Audit.line(Audit.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: name, code: 101)) + "\n"
    }

    func testFollowReadsAppendedLinesAndSurvivesRotation() throws {
        let dir = NSTemporaryDirectory() + "bulwark-follow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/audit.log"
        try line("first").write(toFile: path, atomically: false, encoding: .utf8)
        let stop = Flag(), done = DispatchSemaphore(value: 0), box = Box()
        let source = try ByteSource.open(path: path, follow: { stop.isSet })
        nonisolated(unsafe) let unsafeSource = source
        Thread.detachNewThread {
            let scanner = AuditLogScanner(options: .init())
            scanner.read(unsafeSource, name: path)
            box.report = scanner.finish()
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.5)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(line("appended").utf8))
        try handle.close()
        Thread.sleep(forTimeInterval: 0.6)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try line("after-rotation").write(toFile: path, atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.8)
        stop.set()
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        let names = box.report?.detections.filter { $0.rule == "BW-S3-401" }.map(\.objectRef.name)
        XCTAssertEqual(names, ["first", "appended", "after-rotation"])
    }
}
