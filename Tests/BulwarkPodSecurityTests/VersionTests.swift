@testable import BulwarkPodSecurity
import XCTest

final class VersionTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(PSSVersion(parsing: "latest"), .latest)
        XCTAssertEqual(PSSVersion(parsing: "v1.25"), PSSVersion(minor: 25))
        XCTAssertEqual(PSSVersion(parsing: "v1.0"), PSSVersion(minor: 0))
        XCTAssertEqual(PSSVersion(parsing: "v1.10"), PSSVersion(minor: 10))
        XCTAssertEqual(PSSVersion(parsing: "v1.999"), PSSVersion(minor: 999))
        for invalid in ["", "v2.0", "v1", "v1.x", "v1.-1", "1.2.3", "Latest"] {
            XCTAssertNil(PSSVersion(parsing: invalid), invalid)
        }
    }

    /// Upstream api.ParseVersion: `latest` or `^v1\.([0-9]|[1-9][0-9]*)$`, minor fitting Atoi.
    func testParsingMatchesUpstreamPattern() {
        let invalid = [
            "1.25", "1.0",                       // the `v` is required
            "v1.05", "v1.00", "v1.025",          // no leading zeros
            "v1.+5", "v1.+0", "v1. 5", "v1.5 ",  // digits only, nothing around them
            " v1.5", "v1.5\n", "V1.5", "v01.5",
            "v1.", "v1.5.0", "v1.5-rc", "vv1.5",
            "LATEST", " latest", "latest ",
            "v1.٣",                              // non-ASCII digit
            "v1.99999999999999999999999",        // overflows Atoi
        ]
        for text in invalid {
            XCTAssertNil(PSSVersion(parsing: text), text.debugDescription)
        }
        XCTAssertEqual(PSSVersion(parsing: "v1.0"), PSSVersion(minor: 0))
        XCTAssertEqual(PSSVersion(parsing: "v1.9"), PSSVersion(minor: 9))
        XCTAssertEqual(PSSVersion(parsing: "latest"), .latest)
        XCTAssertEqual(PSSVersion.latest.description, "latest")
        XCTAssertEqual(PSSVersion(minor: 37).description, "v1.37")
    }

    func testLatestSortsAfterEveryVersion() {
        XCTAssertLessThan(PSSVersion(minor: 37), .latest)
        XCTAssertLessThan(PSSVersion(minor: 1_000), .latest)
        XCTAssertEqual(CheckRegistry.effectiveMinor(.latest), 37)
        XCTAssertEqual(CheckRegistry.effectiveMinor(PSSVersion(minor: 40)), 37)
        XCTAssertEqual(CheckRegistry.effectiveMinor(PSSVersion(minor: 12)), 12)
    }

    func testEveryCheckHasATitleAndIncreasingVersions() {
        for check in PodSecurity.checks {
            XCTAssertFalse(check.title.isEmpty, check.id)
            XCTAssertEqual(check.versions, check.versions.sorted(), check.id)
            XCTAssertEqual(Set(check.versions).count, check.versions.count, check.id)
        }
        // Only restricted implementations may override, and only baseline IDs.
        let baselineIDs = Set(PodSecurity.checks.filter { $0.level == .baseline }.map(\.id))
        for definition in CheckRegistry.all {
            for version in definition.versions where !version.overrides.isEmpty {
                XCTAssertEqual(definition.level, .restricted, definition.id)
                XCTAssertTrue(Set(version.overrides).isSubset(of: baselineIDs), definition.id)
            }
        }
    }
}
