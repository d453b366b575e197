import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// Both sides of BW-S8-006 (NodePort/LoadBalancer), BW-S8-007 (externalIPs) and BW-S8-008 (the
/// CNI does not enforce NetworkPolicy), and the CNI recognition they rest on.
private func yaml(_ text: String) -> [KubeObject] {
    ManifestReader().parse(Array(text.utf8), file: "test.yaml").objects
}

private func service(_ name: String, ns: String = "apps", _ spec: String) -> [KubeObject] {
    yaml("""
    apiVersion: v1
    kind: Service
    metadata: {name: \(name), namespace: \(ns)}
    spec:
    \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    """)
}

/// A DaemonSet running `images` (the first as the main container, the rest alongside).
private func daemonSet(_ name: String, ns: String = "kube-system", images: [String], args: [String] = []) -> KubeObject {
    let containers: [Value] = images.enumerated().map { i, image in
        var c = Mapping()
        c.set("name", .string("c\(i)"))
        c.set("image", .string(image))
        if i == 0, !args.isEmpty { c.set("args", .array(args.map(Value.string))) }
        return .mapping(c)
    }
    return KubeObject(["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": .string(name), "namespace": .string(ns)],
                       "spec": ["template": ["metadata": ["labels": ["k8s-app": .string(name)]], "spec": ["containers": .array(containers)]]]])
}

private let policy = yaml("""
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: apps}
spec: {podSelector: {}, policyTypes: [Ingress]}
""")

@Suite struct S8ExposedServicesTests {
    let control = S8NetworkAccess.externallyExposedServices

    @Test func nodePortAndLoadBalancerFailClusterIPPasses() {
        let objects = service("web", "type: NodePort\nports: [{port: 80, nodePort: 30080}]")
            + service("lb", "type: LoadBalancer\nports: [{port: 443}]")
            + service("db", "type: ClusterIP\nports: [{port: 5432}]")
            + service("plain", "ports: [{port: 8080}]")
        let v = evaluate(control, objects).violations
        #expect(v.map { $0.object?.name } == ["web", "lb"])
        #expect(v.map(\.value) == ["NodePort", "LoadBalancer"])
        #expect(v.first?.message.contains("ports 80→node 30080") == true)
        #expect(v.first?.message.contains("no ResourceQuota of namespace apps caps services.nodeports") == true)
        #expect(v.last?.message.contains("no loadBalancerSourceRanges") == true)
        let safe = service("db", "type: ClusterIP\nports: [{port: 5432}]") + service("plain", "ports: [{port: 8080}]")
        #expect(evaluate(control, safe).isPass)
        #expect(evaluate(control, []).notAssessedReason == "no Service objects in input")
    }

    @Test func theNamespaceQuotaAndSourceRangesAreNamed() {
        let quota = yaml("""
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: q, namespace: apps}
        spec: {hard: {services.loadbalancers: "1", services.nodeports: 0}}
        """)
        let lb = service("lb", "type: LoadBalancer\nloadBalancerSourceRanges: [10.0.0.0/8]\nports: [{port: 443}]")
        let v = evaluate(control, lb + quota).violations
        #expect(v.count == 1)
        #expect(v.first?.message.contains("namespace quota services.loadbalancers=1") == true)
        #expect(v.first?.message.contains("open to every source") == false)
    }
}

@Suite struct S8ExternalIPsTests {
    let control = S8NetworkAccess.serviceExternalIPs

    @Test func externalIPsFailAndTheirAbsencePasses() {
        let bad = service("mitm", "externalIPs: [8.8.8.8, 1.1.1.1]\nports: [{port: 53}]")
        let v = evaluate(control, bad + service("ok", "ports: [{port: 80}]")).violations
        #expect(v.count == 1)
        #expect(v.first?.object?.name == "mitm")
        #expect(v.first?.value == "8.8.8.8,1.1.1.1")
        #expect(v.first?.message.contains("CVE-2020-8554") == true)
        #expect(evaluate(control, service("ok", "externalIPs: []\nports: [{port: 80}]")).isPass)
        #expect(evaluate(control, []).notAssessedReason != nil)
    }
}

@Suite struct S8CNITests {
    let control = S8NetworkAccess.cniDoesNotEnforcePolicies

    @Test func flannelAloneFailsHighWithPoliciesAndMediumWithout() {
        let flannel = daemonSet("kube-flannel-ds", ns: "kube-flannel", images: ["docker.io/flannel/flannel:v0.25.1"])
        let withPolicies = evaluate(control, [flannel] + policy).violations
        #expect(withPolicies.count == 1)
        #expect(withPolicies.first?.severity == .high)
        #expect(withPolicies.first?.message.contains("all 1 NetworkPolicies are inert") == true)
        #expect(withPolicies.first?.object?.name == "kube-flannel-ds")
        let none = evaluate(control, [flannel]).violations
        #expect(none.first?.severity == .medium)
        #expect(none.first?.message.contains("no policy written later would take effect") == true)
    }

    @Test func enforcingCNIsPass() {
        let enforcing: [KubeObject] = [
            daemonSet("calico-node", images: ["docker.io/calico/node:v3.28.0"]),
            daemonSet("cilium", images: ["quay.io/cilium/cilium:v1.16.1@sha256:0b4a3ab4"]),
            daemonSet("antrea-agent", images: ["antrea/antrea-agent-ubuntu:v2.1.0"]),
            daemonSet("kube-router", images: ["docker.io/cloudnativelabs/kube-router:v2.1.3"]),
            daemonSet("weave-net", images: ["weaveworks/weave-kube:2.8.1", "weaveworks/weave-npc:2.8.1"]),
            // Canal: flannel's networking with Calico's policy, in one DaemonSet.
            daemonSet("canal", images: ["docker.io/calico/node:v3.28.0", "quay.io/coreos/flannel:v0.15.1"]),
            daemonSet("kindnet", images: ["docker.io/kindest/kindnetd:v20240813-c6f155d6"]),
        ]
        for ds in enforcing {
            let outcome = evaluate(control, [ds] + policy)
            #expect(outcome.isPass, "\(ds.name): \(outcome)")
        }
        // An enforcing agent anywhere wins over flannel elsewhere.
        let mixed = [daemonSet("flannel", images: ["flannel/flannel:v0.25.1"]), daemonSet("calico-node", images: ["calico/node:v3.27.0"])]
        #expect(evaluate(control, mixed + policy).passReason?.hasPrefix("calico enforces") == true)
    }

    @Test func nonEnforcingVariantsFail() {
        let inert: [KubeObject] = [
            daemonSet("kindnet", images: ["docker.io/kindest/kindnetd:v20240513-cd2ac642"]),  // kind v0.23.0
            daemonSet("weave-net", images: ["weaveworks/weave-kube:2.8.1"]),
            daemonSet("kube-router", images: ["cloudnativelabs/kube-router:v2.1.3"], args: ["--run-router=true", "--run-firewall=false"]),
        ]
        for ds in inert {
            #expect(evaluate(control, [ds] + policy).isFail, "\(ds.name)")
        }
    }

    @Test func unrecognisedOrUndatableCNIsAreNotAssessed() {
        #expect(evaluate(control, policy).notAssessedReason?.hasPrefix("no recognised CNI") == true)
        let other = daemonSet("aws-node", images: ["602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.3"])
        #expect(evaluate(control, [other] + policy).notAssessedReason?.hasPrefix("no recognised CNI") == true)
        let latest = daemonSet("kindnet", images: ["kindest/kindnetd:latest"])
        #expect(evaluate(control, [latest] + policy).notAssessedReason?.hasPrefix("cannot tell whether kindnet") == true)
    }

    @Test func imageReferencesAndKindnetVersions() {
        #expect(S8CNIDetection.repository("docker.io/flannel/flannel:v0.25.1") == ("flannel/flannel", "v0.25.1"))
        #expect(S8CNIDetection.repository("localhost:5000/calico/node@sha256:ab") == ("calico/node", nil))
        #expect(S8CNIDetection.repository("calico/node") == ("calico/node", nil))
        #expect(S8CNIDetection.kindnetEnforces(tag: "v20240513-cd2ac642") == false)
        #expect(S8CNIDetection.kindnetEnforces(tag: "v20240620-aaaa") == true)
        #expect(S8CNIDetection.kindnetEnforces(tag: "v20240601-aaaa") == nil)
        #expect(S8CNIDetection.kindnetEnforces(tag: "v1.3.0") == true)
        #expect(S8CNIDetection.kindnetEnforces(tag: "v1.2.9") == false)
        #expect(S8CNIDetection.kindnetEnforces(tag: "latest") == nil)
    }
}
