import Foundation
import XCTest

/// `bulwark pss` (the offline twin of `kubectl label --dry-run=server`) and `bulwark controls`.
final class PSSAndControlsCommandTests: XCTestCase {
    private let pods = """
    apiVersion: v1
    kind: Pod
    metadata: {name: hostnet, namespace: team}
    spec:
      hostNetwork: true
      containers: [{name: app, image: nginx}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: tidy, namespace: team}
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: app
            image: nginx
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: not-a-pod}
    ---
    kind: Pod
    metadata: [broken
    """

    func testJSONVerdictsPerPodBearingObject() throws {
        let r = try BulwarkProcess.run(["pss", "-", "--level", "baseline", "--version", "v1.30", "--format", "json"], stdin: pods)
        XCTAssertEqual(r.code, 1, r.stderr)
        let out = try r.json()
        XCTAssertEqual(out["level"] as? String, "baseline")
        XCTAssertEqual(out["version"] as? String, "v1.30")
        let results = try XCTUnwrap(out["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 2, "one result per pod-bearing object; the Service has none")
        let hostnet = results[0]
        XCTAssertEqual(hostnet["file"] as? String, "-")
        XCTAssertEqual(hostnet["document"] as? Int, 0)
        XCTAssertEqual((hostnet["object"] as? [String: Any])?["kind"] as? String, "Pod")
        XCTAssertEqual((hostnet["object"] as? [String: Any])?["namespace"] as? String, "team")
        XCTAssertEqual(hostnet["allowed"] as? Bool, false)
        let violation = try XCTUnwrap((hostnet["violations"] as? [[String: Any]])?.first)
        XCTAssertEqual(violation["check"] as? String, "hostNamespaces")
        XCTAssertEqual(violation["reason"] as? String, "host namespaces")
        XCTAssertEqual(violation["detail"] as? String, "hostNetwork=true")
        XCTAssertEqual(results[1]["allowed"] as? Bool, true)
        XCTAssertEqual((results[1]["violations"] as? [Any])?.count, 0)
        // The broken document is listed and does not change the exit code by itself.
        let errors = try XCTUnwrap(out["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.map { $0["document"] as? Int }, [3])
    }

    func testExitCodes() throws {
        let tidyOnly = pods.components(separatedBy: "---\n")[1]
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-", "--level", "restricted"], stdin: tidyOnly).code, 0)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-", "--level", "restricted"], stdin: pods).code, 1)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-", "--level", "privileged"], stdin: pods).code, 0)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-", "--level", "medium"], stdin: pods).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-", "--version", "1.x"], stdin: pods).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "-"], stdin: "[unclosed").code, 2)
    }

    func testRestrictedTableNamesTheChecks() throws {
        let r = try BulwarkProcess.run(["pss", "examples/insecure/frontend.yaml", "--level", "restricted"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.stdout.contains("DENIED  Deployment/shop/shop-frontend"), r.stdout)
        for check in ["privileged:", "capabilities_restricted:", "restrictedVolumes:", "runAsNonRoot:"] {
            XCTAssertTrue(r.stdout.contains(check), check)
        }
        // At restricted, upstream replaces these baseline checks by their restricted versions.
        XCTAssertFalse(r.stdout.contains("hostPathVolumes:"))
        XCTAssertFalse(r.stdout.contains("capabilities_baseline:"))
    }

    func testControlsListing() throws {
        let r = try BulwarkProcess.run(["controls", "-o", "json"])
        XCTAssertEqual(r.code, 0)
        let controls = try XCTUnwrap(try r.json()["controls"] as? [[String: Any]])
        let ids = controls.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, ids.count, "control IDs are unique")
        for c in controls {
            let id = try XCTUnwrap(c["id"] as? String)
            XCTAssertNotNil(id.range(of: #"^BW-S([1-9]|1[0-7])-[0-9]{3}$"#, options: .regularExpression), id)
            XCTAssertTrue(id.hasPrefix("BW-\(c["section"] as? String ?? "?")-"), id)
            XCTAssertNotNil(c["severity"] as? String)
            XCTAssertFalse((c["title"] as? String ?? "").isEmpty)
            let refs = try XCTUnwrap(c["references"] as? [String: [String]], id)
            XCTAssertTrue(refs.values.allSatisfy { !$0.isEmpty }, id)
        }
        // Each Pod Security Standards check is its own control.
        let pssChecks = controls.compactMap { ($0["references"] as? [String: [String]])?["pss"] }.filter { $0.count == 1 }.map { $0[0] }
        for check in ["privileged", "hostNamespaces", "capabilities_baseline", "runAsNonRoot", "seccompProfile_restricted", "procMount_restricted"] {
            XCTAssertTrue(pssChecks.contains(check), check)
        }
        let s6 = try BulwarkProcess.run(["controls", "--section", "s6"])
        XCTAssertTrue(s6.stdout.contains("BW-S6-002"))
        XCTAssertFalse(s6.stdout.contains("BW-S5-001"))
    }
}
