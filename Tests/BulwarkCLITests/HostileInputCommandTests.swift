import Foundation
import XCTest

/// Issue 10, through the built binary: option values and paths that used to trap, hang or read
/// without bound are input errors (exit 2) naming what was wrong.
final class HostileInputCommandTests: XCTestCase {
    /// `inf` and `1e300` trapped converting to Int64 nanoseconds; negative, zero and nan were
    /// already refused and stay refused, all before any connection is tried.
    func testRequestTimeoutOutOfRangeIsAUsageError() throws {
        for value in ["inf", "1e300", "-5", "0", "nan", "-inf", "1e300ms", "25h", "99999999999999m"] {
            let r = try BulwarkProcess.run(["scan", "--live", "--request-timeout=\(value)", "-o", "json"])
            XCTAssertEqual(r.code, 2, "\(value): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--request-timeout must be a finite positive duration"), "\(value): \(r.stderr)")
        }
    }
}
