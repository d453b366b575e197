@testable import BulwarkPodSecurity
import XCTest

final class VersionTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(PSSVersion(parsing: "latest"), .latest)
        XCTAssertEqual(PSSVersion(parsing: "v1.25"), PSSVersion(minor: 25))
        XCTAssertEqual(PSSVersion(parsing: "v1.0"), PSSVersion(minor: 0))
        for invalid in ["", "v2.0", "v1", "v1.x", "v1.-1", "1.2.3", "Latest"] {
            XCTAssertNil(PSSVersion(parsing: invalid), invalid)
        }
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
