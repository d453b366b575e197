import Foundation
import XCTest
import BulwarkModel
import Yams
@testable import BulwarkReports

final class YAMLRendererTests: XCTestCase {
    func testParsesBackToTheJSONContent() throws {
        for report in [ReportFixtures.report(), ReportFixtures.cleanReport()] {
            let yaml = try ReportFixtures.render(.yaml, report)
            let json = try ReportFixtures.render(.json, report)
            let fromYAML = JSONValue.fromYAMLObject(try Yams.load(yaml: yaml))
            let fromJSON = try JSONValue.parse(json)
            XCTAssertNotNil(fromYAML)
            XCTAssertEqual(fromYAML, fromJSON)
        }
    }

    func testDecodesToTheSameReport() throws {
        let report = ReportFixtures.report()
        let yaml = try ReportFixtures.render(.yaml, report)
        let decoded = try YAMLDecoder().decode(ScanReport.self, from: yaml)
        XCTAssertEqual(decoded.findings, report.findings)
        XCTAssertEqual(decoded.results, report.results)
        XCTAssertEqual(decoded.errors, report.errors)
        XCTAssertEqual(decoded.settings.pssVersion, "1.30")
    }

    func testStringsThatLookLikeOtherTypesAreQuoted() throws {
        let yaml = try ReportFixtures.render(.yaml)
        let document = JSONValue.fromYAMLObject(try Yams.load(yaml: yaml)) ?? .null
        // "1.30" would read back as a float, "true" as a bool, "123" as an int, the time as a timestamp.
        XCTAssertEqual(document["settings"]["pssVersion"], .string("1.30"))
        XCTAssertEqual(document["settings"]["kubeVersion"], .string("1.30"))
        XCTAssertEqual(document["findings"][0]["value"], .string("true"))
        XCTAssertEqual(document["findings"][1]["value"], .string("123"))
        XCTAssertEqual(document["generatedAt"], .string(ReportFixtures.report().generatedAt))
        XCTAssertEqual(document["findings"][0]["message"], .string(ReportFixtures.nastyMessage))
        XCTAssertFalse(yaml.contains("\u{1B}"), "control characters are escaped in YAML text")
        XCTAssertTrue(yaml.contains("日本"), "unicode is written as is")
    }
}
