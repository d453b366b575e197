import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkNetworkPolicy

/// Real manifests that carry NetworkPolicies (`../shared/corpus`), checked by hand for a few
/// workloads each: the expected answers below were read off the policies, not off the engine.
@Suite struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    func load(_ relative: String) throws -> NetworkAnalysis {
        let path = Self.corpus.appendingPathComponent(relative).path
        try #require(FileManager.default.fileExists(atPath: path), "corpus missing at \(path)")
        return NetworkAnalysis(inventory: ManifestReader().read([path]))
    }

    func workload(_ a: NetworkAnalysis, _ text: String) throws -> TrafficEndpoint {
        let p = text.split(separator: "/").map(String.init)
        return .workload(try #require(a.workloadIndex(namespace: p[0], kind: p[1], name: p[2]), "no \(text)"))
    }

    /// argo-cd install.yaml (no namespace written: `default`). redis admits server, repo-server and
    /// application-controller on TCP 6379 only; repo-server admits four components on 8081 and
    /// every pod of every namespace on its metrics port 8084 (protocol defaulted to TCP).
    @Test func argoCD() throws {
        let a = try load("argoproj__argo-cd/manifests/install.yaml")
        #expect(a.policies.count == 7)
        let server = try workload(a, "default/Deployment/argocd-server")
        let redis = try workload(a, "default/Deployment/argocd-redis")
        let dex = try workload(a, "default/Deployment/argocd-dex-server")
        let repo = try workload(a, "default/Deployment/argocd-repo-server")
        let controller = try workload(a, "default/StatefulSet/argocd-application-controller")
        #expect(a.decide(from: server, to: redis, proto: .tcp, port: 6379).allowed)
        #expect(a.decide(from: controller, to: redis, proto: .tcp, port: 6379).allowed)
        #expect(!a.decide(from: server, to: redis, proto: .tcp, port: 6380).allowed)
        #expect(!a.decide(from: dex, to: redis, proto: .tcp, port: 6379).allowed)
        #expect(a.decide(from: server, to: repo, proto: .tcp, port: 8081).allowed)
        #expect(!a.decide(from: dex, to: repo, proto: .tcp, port: 8081).allowed)
        #expect(a.decide(from: dex, to: repo, proto: .tcp, port: 8084).allowed)
        #expect(!a.decide(from: dex, to: repo, proto: .udp, port: 8084).allowed)
        // namespaceSelector {} is pods only: the outside cannot reach the metrics port.
        #expect(!a.decide(from: .address(IPAddress("203.0.113.9")!), to: repo, proto: .tcp, port: 8084).allowed)
        // No egress policy anywhere: redis may reach the metadata address.
        #expect(a.decide(from: redis, to: .address(IPAddress("169.254.169.254")!), proto: .tcp, port: 80).allowed)
        // The reach list agrees.
        let reach = ReachFormat.json.render(ReachResult(analysis: a, reachability: Reachability(a)))
        #expect(reach.contains(#"{"src":{"kind":"Deployment","namespace":"default","name":"argocd-server"},"dst":{"kind":"Deployment","namespace":"default","name":"argocd-redis"},"conn":{"TCP":["6379"]}}"#))
        #expect(!reach.contains(#"{"src":{"kind":"Deployment","namespace":"default","name":"argocd-dex-server"},"dst":{"kind":"Deployment","namespace":"default","name":"argocd-redis"}"#))
    }

    /// kube-prometheus: grafana admits only prometheus pods on TCP 3000 (Prometheus runs from a
    /// custom resource, so no workload of the input may reach grafana); `egress: [{}]` opens all
    /// egress; node-exporter runs on the host network, outside policy.
    @Test func kubePrometheus() throws {
        let a = try load("prometheus-operator__kube-prometheus/manifests")
        let grafana = try workload(a, "monitoring/Deployment/grafana")
        let ksm = try workload(a, "monitoring/Deployment/kube-state-metrics")
        let nodeExporter = try workload(a, "monitoring/DaemonSet/node-exporter")
        #expect(!a.decide(from: ksm, to: grafana, proto: .tcp, port: 3000).allowed)
        #expect(!a.decide(from: nodeExporter, to: grafana, proto: .tcp, port: 3000).allowed)
        #expect(a.decide(from: grafana, to: .address(IPAddress("169.254.169.254")!), proto: .tcp, port: 80).allowed)
        #expect(a.decide(from: grafana, to: .address(IPAddress("fd00:ec2::254")!), proto: .udp, port: 53).allowed)
        #expect(a.decide(from: ksm, to: nodeExporter, proto: .tcp, port: 9100).ingress?.reason == .hostNetwork)
        let r = Reachability(a)
        guard case .workload(let g) = grafana else { return }
        #expect(r.sources(of: [a.classOfWorkload[g]])[a.classOfWorkload[g]] == nil)
        #expect(a.warnings.contains { $0.contains("node-exporter uses the host network") })
    }

    /// calico apiserver.yaml: allow-apiserver selects `apiserver: "true"` pods for Ingress with one
    /// rule that names no peer and TCP 5443: every pod and every external address, on 5443 only.
    @Test func calicoAPIServer() throws {
        let a = try load("projectcalico__calico/manifests/apiserver.yaml")
        let api = try workload(a, "calico-apiserver/Deployment/calico-apiserver")
        #expect(a.decide(from: .address(IPAddress("198.51.100.7")!), to: api, proto: .tcp, port: 5443).allowed)
        #expect(a.decide(from: .address(IPAddress("2001:db8::7")!), to: api, proto: .tcp, port: 5443).allowed)
        #expect(!a.decide(from: .address(IPAddress("198.51.100.7")!), to: api, proto: .tcp, port: 443).allowed)
        #expect(!a.decide(from: .address(IPAddress("198.51.100.7")!), to: api, proto: .udp, port: 5443).allowed)
        let rows = ReachResult(analysis: a, reachability: Reachability(a)).list
        let inbound = rows.filter { if case .external = $0.src { return true }; return false }
        #expect(inbound.map(\.conn.description) == ["TCP 5443"])
        #expect(inbound.first?.src.description == "0.0.0.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    }
}
