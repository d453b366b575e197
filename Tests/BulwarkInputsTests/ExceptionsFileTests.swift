import XCTest
import BulwarkModel
@testable import BulwarkInputs

final class ExceptionsFileTests: XCTestCase {
    func testReadsRulesWithGlobsAndExpiry() throws {
        let rules = try ExceptionsFile.parse(Array("""
        - control: BW-S6-104
          kind: Deployment
          namespace: shop
          name: "shop-*"
          reason: legacy image needs root until Q3
          expires: 2026-06-30
        - control: BW-S13-*
          reason: CRDs we do not own
        """.utf8), file: "ex.yaml")
        XCTAssertEqual(rules.count, 2)
        XCTAssertEqual(rules[0].source, "ex.yaml:1")
        let obj = ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "shop-api")
        XCTAssertTrue(rules[0].matches(control: "BW-S6-104", object: obj))
        XCTAssertFalse(rules[0].matches(control: "BW-S6-105", object: obj))
        XCTAssertFalse(rules[0].matches(control: "BW-S6-104", object: ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")))
        XCTAssertTrue(rules[1].matches(control: "BW-S13-002", object: nil))
        let june30 = try XCTUnwrap(RFC3339.parse("2026-06-30T23:00:00Z"))
        let july1 = try XCTUnwrap(RFC3339.parse("2026-07-01T00:00:01Z"))
        XCTAssertFalse(rules[0].isExpired(at: june30))
        XCTAssertTrue(rules[0].isExpired(at: july1))
        XCTAssertFalse(rules[1].isExpired(at: july1))
    }

    func testBadRulesNameTheLine() {
        XCTAssertThrowsError(try ExceptionsFile.parse(Array("- control: BW-S6-101\n  reason: ok\n- control: BW-S5-001\n  expires: soon\n  reason: x\n".utf8), file: "ex.yaml")) { error in
            let e = error as? ExceptionsFile.LoadError
            XCTAssertEqual(e?.line, 4)
            XCTAssertTrue(e?.message.contains("YYYY-MM-DD") ?? false)
        }
        XCTAssertThrowsError(try ExceptionsFile.parse(Array("- control: BW-S6-101\n".utf8), file: "ex.yaml")) { error in
            XCTAssertTrue((error as? ExceptionsFile.LoadError)?.message.contains("reason") ?? false)
        }
        XCTAssertThrowsError(try ExceptionsFile.parse(Array("- control: BW-S6-101\n  reason: r\n  nmae: typo\n".utf8), file: "ex.yaml"))
    }

    func testGlob() {
        XCTAssertTrue(Glob.matches("shop-*", "shop-api"))
        XCTAssertTrue(Glob.matches("*", ""))
        XCTAssertTrue(Glob.matches("a?c", "abc"))
        XCTAssertFalse(Glob.matches("a?c", "ac"))
        XCTAssertTrue(Glob.matches("*-db-*", "prod-db-0"))
        XCTAssertFalse(Glob.matches("shop-*", "web"))
    }
}
