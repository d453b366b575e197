import Foundation
import XCTest

/// The README's flag reference is generated from the binary (`scripts/update-readme.py`); a flag
/// added, renamed or re-documented without regenerating it fails here.
final class ReadmeFlagReferenceTests: XCTestCase {
    func testTheFlagReferenceMatchesTheBinary() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", BulwarkProcess.packageRoot.appendingPathComponent("scripts/update-readme.py").path,
                             "--check", "--bulwark", try BulwarkProcess.binary.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, message)
    }
}
