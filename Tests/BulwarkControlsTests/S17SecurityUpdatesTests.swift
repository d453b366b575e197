import Foundation
import Testing
import BulwarkModel
import BulwarkVersions
@testable import BulwarkControls

@Suite struct S17SecurityUpdatesTests {
    let now = RFC3339.parse("2026-11-29T00:00:00Z") ?? Date()

    func settings(_ server: String?, database: CVEDatabase? = nil) -> ScanSettings {
        var s = ScanSettings(now: now, serverVersion: server)
        s.cveDatabase = database
        return s
    }

    func node(_ name: String, kubelet: String?, proxy: String? = nil, os: String? = "linux") -> KubeObject {
        var info = Mapping()
        if let kubelet { info.set("kubeletVersion", .string(kubelet)) }
        if let proxy { info.set("kubeProxyVersion", .string(proxy)) }
        if let os { info.set("operatingSystem", .string(os)) }
        return KubeObject(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)],
                           "status": ["nodeInfo": .mapping(info)]])
    }

    @Test func withoutAServerVersionTheClusterControlsAreNotAssessed() {
        for control in [S17SecurityUpdates.serverCVEs, S17SecurityUpdates.serverSupport, S17SecurityUpdates.unfixedCVEs] {
            #expect(evaluate(control, [], settings: settings(nil)).notAssessedReason == "no server version: scan a snapshot or a live cluster")
            #expect(evaluate(control, [], settings: settings("latest")).notAssessedReason?.contains("'latest'") == true)
        }
        for control in [S17SecurityUpdates.kubeletCVEs, S17SecurityUpdates.nodeSupport, S17SecurityUpdates.kubeProxyCVEs] {
            #expect(evaluate(control, [], settings: settings("v1.36.0")).notAssessedReason?.hasPrefix("no Node objects") == true)
        }
    }

    @Test func oldServerVersionFailsWithEachCVEAtItsSeverity() throws {
        let outcome = evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.24.0"))
        let byID = Dictionary(uniqueKeysWithValues: outcome.violations.map { v in (String(v.message.split(separator: " ")[5]), v) })
        #expect(byID["CVE-2022-3162"]?.severity == .medium)
        #expect(byID["CVE-2022-3162"]?.message.contains("fixed in 1.24.8") == true)
        #expect(byID["CVE-2022-3162"]?.message.contains("[bundled CVE data as of 2026-09]") == true)
        #expect(byID["CVE-2024-3177"]?.severity == .low)
        #expect(byID["CVE-2024-10220"] == nil, "a kubelet CVE is not the API server's")
        #expect(byID["CVE-2020-8554"] == nil, "unfixed CVEs are BW-S17-006's")
        #expect(byID["CVE-2018-1002105"] == nil, "fixed long before 1.24")
    }

    @Test func patchedServerPassesAndNamesTheDatabase() throws {
        // 1.33.6 carries every 1.33 fix in the bundled table (CVE-2025-13281 last).
        let reason = try #require(evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.33.6")).passReason)
        #expect(reason.contains("the bundled CVE database (data as of 2026-09)"))
        #expect(reason.contains("CVE-2026-2270"), "placeholders are named as not assessed")
        let below = evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.33.5"))
        #expect(below.violations.map(\.value) == ["v1.33.5"])
        #expect(below.violations.first?.message.contains("CVE-2025-13281") == true)
    }

    @Test func distributionBuildsAreJudgedAsUpstreamWithACaveat() throws {
        let outcome = evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.32.7-eks-4096722"))
        let messages = outcome.violations.map(\.message)
        #expect(messages.contains { $0.contains("CVE-2025-5187") && $0.contains("eks-4096722 build may carry backported fixes") })
        #expect(evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.33.6+k3s1")).passReason?.contains("judged as upstream 1.33.6") == true)
    }

    @Test func anImportedFeedReplacesTheBundledData() throws {
        let feed = CVEDatabase(records: [CVERecord(
            id: "CVE-2099-0001", title: "test flaw", components: [.kubeAPIServer], severity: .critical,
            affected: .ranges([AffectedLine(line: KubeVersion(1, 36), fixed: KubernetesVersion(1, 36, 5))], olderLines: .all),
            link: "https://example.invalid/1")], origin: .feed(path: "/data/cve-feed.json", updatedAt: "2026-11-01T00:00:00Z"))
        let fail = evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.24.0", database: feed))
        #expect(fail.violations.count == 1)
        #expect(fail.violations.first?.severity == .critical)
        #expect(fail.violations.first?.message.hasSuffix("[imported CVE feed updated 2026-11-01T00:00:00Z]") == true)
        let pass = try #require(evaluate(S17SecurityUpdates.serverCVEs, [], settings: settings("v1.36.5", database: feed)).passReason)
        #expect(pass.contains("the imported Kubernetes CVE feed (/data/cve-feed.json"))
    }

    @Test func supportWindowByDate() throws {
        let eol = evaluate(S17SecurityUpdates.serverSupport, [], settings: settings("v1.24.0"))
        #expect(eol.violations.first?.severity == .high)
        #expect(eol.violations.first?.message.contains("reached end of life on 2023-07-28") == true)
        #expect(eol.violations.first?.message.contains("1.37, 1.36, 1.35") == true)
        #expect(evaluate(S17SecurityUpdates.serverSupport, [], settings: settings("v1.36.2")).passReason?.contains("supported until 2027-06-28") == true)
        // The same version a few months earlier: 1.34 was supported, then in maintenance.
        var early = settings("v1.34.3"); early.now = RFC3339.parse("2026-06-01T00:00:00Z") ?? now
        #expect(evaluate(S17SecurityUpdates.serverSupport, [], settings: early).isPass)
        var maintenance = settings("v1.34.3"); maintenance.now = RFC3339.parse("2026-09-15T00:00:00Z") ?? now
        #expect(evaluate(S17SecurityUpdates.serverSupport, [], settings: maintenance).violations.first?.severity == .low)
        #expect(evaluate(S17SecurityUpdates.serverSupport, [], settings: settings("v1.34.3")).violations.first?.severity == .high)
    }

    @Test func kubeletVersionsPerNodeAndOperatingSystem() {
        let nodes = [node("linux-old", kubelet: "v1.28.0"), node("win-old", kubelet: "v1.28.0", os: "windows"),
                     node("current", kubelet: "v1.36.1")]
        let outcome = evaluate(S17SecurityUpdates.kubeletCVEs, nodes, settings: settings("v1.36.1"))
        let linux = outcome.violations.filter { $0.object?.name == "linux-old" }.map(\.message)
        let windows = outcome.violations.filter { $0.object?.name == "win-old" }.map(\.message)
        #expect(linux.contains { $0.contains("CVE-2024-10220") })
        #expect(!linux.contains { $0.contains("CVE-2023-3676") }, "Windows-only CVE on a Linux node")
        #expect(windows.contains { $0.contains("CVE-2023-3676") && $0.contains("Windows nodes only") })
        #expect(!outcome.violations.contains { $0.object?.name == "current" })
        #expect(outcome.violations.allSatisfy { $0.path == "status.nodeInfo.kubeletVersion" })

        let healthy = evaluate(S17SecurityUpdates.kubeletCVEs, [node("current", kubelet: "v1.36.1")], settings: settings(nil))
        #expect(healthy.passReason?.contains("1 node(s)") == true, "node controls need no server version")
    }

    @Test func kubeProxyIsNotAssessedWhenNoNodeReportsIt() {
        let silent = evaluate(S17SecurityUpdates.kubeProxyCVEs, [node("n", kubelet: "v1.36.0", proxy: "")], settings: settings(nil))
        #expect(silent.notAssessedReason?.contains("kubeProxyVersion") == true)
        let old = evaluate(S17SecurityUpdates.kubeProxyCVEs, [node("n", kubelet: "v1.18.0", proxy: "v1.18.0")], settings: settings(nil))
        #expect(old.violations.contains { $0.message.contains("CVE-2020-8558") && $0.path == "status.nodeInfo.kubeProxyVersion" })
    }

    @Test func nodeSupportWindowCoversKubeletAndKubeProxy() {
        let outcome = evaluate(S17SecurityUpdates.nodeSupport,
                               [node("a", kubelet: "v1.29.1", proxy: "v1.29.1"), node("b", kubelet: "v1.36.0")], settings: settings(nil))
        #expect(outcome.violations.map(\.path) == ["status.nodeInfo.kubeletVersion", "status.nodeInfo.kubeProxyVersion"])
        #expect(outcome.violations.allSatisfy { $0.object?.name == "a" && $0.severity == .high })
        #expect(evaluate(S17SecurityUpdates.nodeSupport, [node("b", kubelet: "v1.36.0")], settings: settings(nil)).isPass)
        #expect(evaluate(S17SecurityUpdates.nodeSupport, [node("x", kubelet: nil)], settings: settings(nil)).notAssessedReason != nil)
    }

    @Test func unfixedCVEsAreAdviceAtInfo() {
        let outcome = evaluate(S17SecurityUpdates.unfixedCVEs, [], settings: settings("v1.36.0"))
        let ids = outcome.violations.map(\.path)
        #expect(ids.contains("CVE-2020-8554") && ids.contains("CVE-2024-7598") && ids.contains("CVE-2025-1767"))
        #expect(outcome.violations.allSatisfy { $0.severity == .info && $0.message.contains("Mitigate:") })
    }
}
