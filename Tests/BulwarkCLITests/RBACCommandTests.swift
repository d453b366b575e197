import Foundation
import XCTest

/// `bulwark rbac who-can|can|subject|paths` end to end on the insecure example.
final class RBACCommandTests: XCTestCase {
    func testWhoCanTableAndJSON() throws {
        let table = try BulwarkProcess.run(["rbac", "who-can", "list", "secrets", "examples/insecure"], environment: ["COLUMNS": "200"])
        XCTAssertEqual(table.code, 0, table.stderr)
        XCTAssertTrue(table.stdout.split(separator: "\n").contains { $0.hasPrefix("sa:kube-system/backup-operator ") && $0.contains("ClusterRoleBinding/backup-operator-secrets") })
        let json = try BulwarkProcess.run(["rbac", "who-can", "create", "deployments", "-n", "kube-system", "examples/insecure", "-o", "json"]).json()
        let subjects = try XCTUnwrap(json["subjects"] as? [[String: Any]])
        let names = subjects.map { "\($0["kind"] ?? "")/\($0["namespace"] ?? "")/\($0["name"] ?? "")" }
        XCTAssertEqual(names, ["Group//system:masters", "ServiceAccount/ci/deployer", "ServiceAccount/shop/shop-deployer"])
        let grant = try XCTUnwrap((subjects[1]["grants"] as? [[String: Any]])?.first)
        XCTAssertEqual((grant["binding"] as? [String: Any])?["name"] as? String, "ci-deploys")
        XCTAssertEqual((grant["role"] as? [String: Any])?["kind"] as? String, "ClusterRole")
        XCTAssertEqual(grant["scope"] as? String, "kube-system")
        XCTAssertEqual((grant["rule"] as? [String: Any])?["resources"] as? [String], ["deployments"])
        // Without -n only cluster-wide grants count.
        let clusterWide = try BulwarkProcess.run(["rbac", "who-can", "create", "deployments.apps", "examples/insecure", "-o", "json"]).json()
        let wide = (clusterWide["subjects"] as? [[String: Any]] ?? []).map { "\($0["namespace"] ?? "")/\($0["name"] ?? "")" }
        XCTAssertEqual(wide, ["/system:masters", "shop/shop-deployer"], "RoleBinding grants must not answer a cluster-wide question")
    }

    /// kubernetes-goat's insecure-rbac scenario: a service account someone added to kube-system and
    /// bound to cluster-admin is no identity of Kubernetes' own, so `rbac paths` shows it.
    func testPathsReportCustomKubeSystemAccounts() throws {
        let goat = "../shared/corpus/madhuakula__kubernetes-goat/scenarios/insecure-rbac/setup.yaml"
        let out = try BulwarkProcess.run(["rbac", "paths", goat])
        XCTAssertEqual(out.code, 0, out.stderr)
        XCTAssertTrue(out.stdout.hasPrefix("sa:kube-system/superadmin → * on * cluster-wide"), out.stdout)
    }

    func testCanExitCodes() throws {
        let no = try BulwarkProcess.run(["rbac", "can", "sa:ci/deployer", "create", "pods", "-n", "kube-system", "examples/insecure"])
        XCTAssertEqual(no.code, 1)
        XCTAssertTrue(no.stdout.hasPrefix("no:"))
        let yes = try BulwarkProcess.run(["rbac", "can", "sa:ci/deployer", "create", "deployments", "-n", "kube-system", "examples/insecure", "-o", "json"])
        XCTAssertEqual(yes.code, 0)
        XCTAssertEqual(try yes.json()["allowed"] as? Bool, true)
        let group = try BulwarkProcess.run(["rbac", "can", "user:zoe", "get", "nodes", "--subresource", "proxy", "--group", "monitoring-team", "examples/insecure"])
        XCTAssertEqual(group.code, 0, group.stdout)
        XCTAssertTrue(group.stdout.contains("via group:monitoring-team"))
        XCTAssertEqual(try BulwarkProcess.run(["rbac", "can", "bogus", "get", "pods", "examples/insecure"]).code, 2)
    }

    func testSubject() throws {
        let json = try BulwarkProcess.run(["rbac", "subject", "sa:ci/deployer", "examples/insecure", "-o", "json"]).json()
        let scopes = try XCTUnwrap(json["scopes"] as? [[String: Any]])
        XCTAssertEqual(scopes.map { $0["scope"] as? String }, ["cluster", "kube-system"])
        XCTAssertEqual(json["groups"] as? [String], ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"])
        let table = try BulwarkProcess.run(["rbac", "subject", "sa:ci/deployer", "examples/insecure"])
        XCTAssertTrue(table.stdout.contains("namespace kube-system:"))
    }

    func testPathsTableAndJSON() throws {
        let table = try BulwarkProcess.run(["rbac", "paths", "examples/insecure"])
        XCTAssertEqual(table.code, 0)
        XCTAssertTrue(table.stdout.contains("sa:ci/deployer → create deployments in kube-system → pod with sa:kube-system/backup-operator → list secrets cluster-wide  [3 steps]"))
        let json = try BulwarkProcess.run(["rbac", "paths", "sa:ci/deployer", "examples/insecure", "-o", "json"]).json()
        let path = try XCTUnwrap((json["paths"] as? [[String: Any]])?.first)
        XCTAssertEqual(path["length"] as? Int, 3)
        let steps = try XCTUnwrap(path["steps"] as? [[String: Any]])
        XCTAssertEqual((steps[0]["binding"] as? [String: Any])?["name"] as? String, "ci-deploys")
        XCTAssertEqual(steps[2]["to"] as? String, "cluster-admin-equivalent")
        let none = try BulwarkProcess.run(["rbac", "paths", "user:nobody", "examples/insecure"])
        XCTAssertTrue(none.stdout.hasPrefix("no escalation path"))
    }

    func testRBACFindingsNameTheirSubjectInJSON() throws {
        let report = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", "--now=2026-11-29T00:00:00Z"]).json()
        let findings = report["findings"] as? [[String: Any]] ?? []
        let clusterAdmin = try XCTUnwrap(findings.first { $0["control"] as? String == "BW-S3-101" })
        XCTAssertEqual(clusterAdmin["subject"] as? [String: String], ["kind": "ServiceAccount", "namespace": "shop", "name": "shop-deployer"])
        XCTAssertEqual((clusterAdmin["object"] as? [String: Any])?["kind"] as? String, "ClusterRoleBinding", "the granting binding stays the object")
        let indirect = try XCTUnwrap(findings.first { $0["control"] as? String == "BW-S3-104" })
        XCTAssertEqual(indirect["subject"] as? [String: String], ["kind": "ServiceAccount", "namespace": "ci", "name": "deployer"])
        // Findings about objects, not subjects, carry none.
        XCTAssertTrue(findings.filter { ($0["control"] as? String)?.hasPrefix("BW-S6-") == true }.allSatisfy { $0["subject"] == nil })
    }
}
