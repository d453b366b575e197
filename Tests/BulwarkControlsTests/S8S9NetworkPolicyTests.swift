import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// Both sides of every S8 control and of BW-S9-002, with the classic traps.
private func yaml(_ text: String) -> [KubeObject] {
    ManifestReader().parse(Array(text.utf8), file: "test.yaml").objects
}

private func netpol(_ name: String, ns: String = "apps", _ spec: String) -> [KubeObject] {
    yaml("""
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: \(name), namespace: \(ns)}
    spec:
    \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    """)
}

private func web(_ name: String = "web", ns: String = "apps", labels: Value? = nil, hostNetwork: Bool = false) -> KubeObject {
    var spec = Mapping()
    spec.set("containers", [container("app", [("ports", [["name": "http", "containerPort": 8080]])])])
    if hostNetwork { spec.set("hostNetwork", true) }
    return KubeObject(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": .string(ns)],
                       "spec": ["template": ["metadata": ["labels": labels ?? ["app": .string(name)]], "spec": .mapping(spec)]]])
}

@Suite struct S8DefaultDenyTests {
    let ingress = S8NetworkAccess.namespaceDefaultDenyIngress
    let egress = S8NetworkAccess.namespaceDefaultDenyEgress

    @Test func namespaceWithoutAnyPolicyFailsNotNotAssessed() {
        let v = evaluate(ingress, [web()]).violations
        #expect(v.count == 1)
        #expect(v.first?.object?.name == "apps")
        #expect(v.first?.message.contains("no NetworkPolicy at all") == true)
        #expect(evaluate(ingress, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }

    /// `ingress: []` denies; `ingress: [{}]` allows everything.
    @Test func emptyListPassesEmptyRuleFails() {
        #expect(evaluate(ingress, [web()] + netpol("deny", "podSelector: {}\ningress: []")).isPass)
        #expect(evaluate(ingress, [web()] + netpol("deny", "podSelector: {}")).isPass)
        let v = evaluate(ingress, [web()] + netpol("deny", "podSelector: {}\ningress: [{}]")).violations
        #expect(v.map(\.path) == ["spec.ingress[0]"])
        #expect(v.first?.message.contains("allows all ingress traffic") == true)
    }

    @Test func policiesThatSelectOnlySomePodsAreNotADefaultDeny() {
        let v = evaluate(ingress, [web()] + netpol("web", "podSelector: {matchLabels: {app: web}}")).violations
        #expect(v.first?.message.contains("selects every pod for Ingress") == true)
    }

    /// Without policyTypes and without egress rules, defaulting gives Ingress only: no egress deny.
    @Test func egressDenyNeedsPolicyTypes() {
        #expect(evaluate(egress, [web()] + netpol("deny", "podSelector: {}")).isFail)
        #expect(evaluate(egress, [web()] + netpol("deny", "podSelector: {}\npolicyTypes: [Egress]")).isPass)
        #expect(evaluate(egress, [web()] + netpol("deny", "podSelector: {}\npolicyTypes: [Egress]\negress: [{}]")).violations.map(\.path) == ["spec.egress[0]"])
    }

    @Test func systemNamespacesAreExempt() {
        #expect(evaluate(ingress, [web(ns: "kube-system")]).isPass)
    }
}

@Suite struct S8WorkloadIngressTests {
    let control = S8NetworkAccess.workloadsWithoutIngressPolicy

    @Test func bothSides() {
        let v = evaluate(control, [web(), web("api")] + netpol("api", "podSelector: {matchLabels: {app: api}}")).violations
        #expect(v.map { $0.object?.name } == ["web"])
        #expect(v.first?.path == "spec.template.metadata.labels")
        #expect(evaluate(control, [web(), web("api")] + netpol("all", "podSelector: {}")).isPass)
        let open = evaluate(control, [web()] + netpol("all", "podSelector: {}\ningress: [{}]")).violations
        #expect(open.first?.message.contains("apps/all ingress[0]") == true)
        // Host-network pods are BW-S9-001's.
        #expect(evaluate(control, [web(hostNetwork: true)]).isPass)
        #expect(evaluate(control, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }
}

@Suite struct S8SensitiveNamespaceTests {
    let control = S8NetworkAccess.sensitiveNamespaceReachability
    var cluster: [KubeObject] {
        [web("metrics-server", ns: "kube-system"), web("coredns", ns: "kube-system", labels: ["k8s-app": "kube-dns"]),
         web("prometheus", ns: "monitoring"), web("grafana", ns: "monitoring")]
            + netpol("deny", ns: "kube-system", "podSelector: {}")
            + netpol("dns", ns: "kube-system", "podSelector: {matchLabels: {k8s-app: kube-dns}}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]")
    }

    @Test func dnsOnlyPasses() {
        #expect(evaluate(control, cluster).isPass)
    }

    @Test func noPolicyFails() {
        let v = evaluate(control, [web("metrics-server", ns: "kube-system"), web("app")]).violations
        #expect(v.count == 1)
        #expect(v.first?.message.contains("apps/Deployment/app (All Connections)") == true)
        #expect(v.first?.message.contains("external 0.0.0.0-255.255.255.255") == true)
    }

    /// One item holding both selectors (AND) admits prometheus only; two items (OR) admit every
    /// pod of monitoring.
    @Test func andOrIndentationTrap() {
        let and = netpol("scrape", ns: "kube-system", """
        podSelector: {matchLabels: {app: metrics-server}}
        ingress:
        - from:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
            podSelector: {matchLabels: {app: prometheus}}
          ports: [{port: 8080}]
        """)
        let or = netpol("scrape", ns: "kube-system", """
        podSelector: {matchLabels: {app: metrics-server}}
        ingress:
        - from:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
          - podSelector: {matchLabels: {app: prometheus}}
          ports: [{port: 8080}]
        """)
        let andV = evaluate(control, cluster + and).violations
        #expect(andV.map(\.value) == ["1 sources"])
        #expect(andV.first?.message.contains("monitoring/Deployment/prometheus (TCP 8080)") == true)
        let orV = evaluate(control, cluster + or).violations
        #expect(orV.map(\.value) == ["2 sources"])
        #expect(orV.first?.message.contains("monitoring/Deployment/grafana (TCP 8080)") == true)
    }

    @Test func userNamedSensitiveNamespace() {
        let vault = namespace("vault", labels: ["bulwark.io/sensitive": "true"])
        let v = evaluate(control, [vault, web("vault", ns: "vault"), web("app")]).violations
        #expect(v.map { $0.object?.namespace } == ["vault"])
    }
}

@Suite struct S8DanglingTests {
    let control = S8NetworkAccess.danglingPolicies

    @Test func bothSides() {
        let good = netpol("web", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {app: api}}")
        #expect(evaluate(control, [web(), web("api")] + good).isPass)
        let v = evaluate(control, [web()] + netpol("cache", "podSelector: {matchLabels: {app: cache}}")
                         + netpol("web", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {app: api}}\n  - {}")).violations
        #expect(v.map(\.path) == ["spec.podSelector", "spec.ingress[0].from[0]", "spec.ingress[0].from[1]"])
        // A peer in a namespace the input does not hold is unknown, not dangling.
        let elsewhere = netpol("web", "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}")
        #expect(evaluate(control, [web()] + elsewhere).isPass)
        #expect(evaluate(control, [web()]).notAssessedReason == "no NetworkPolicy objects in input")
    }
}

@Suite struct S9MetadataEgressTests {
    let control = S9CloudMetadata.metadataEgress

    @Test func noEgressPolicyFails() {
        let v = evaluate(control, [web()]).violations
        #expect(v.count == 1)
        #expect(v.first?.value?.contains("169.254.169.254 (All Connections)") == true)
        #expect(v.first?.value?.contains("fd00:ec2::254") == true)
        #expect(v.first?.message.contains("no NetworkPolicy selects these pods for Egress") == true)
    }

    /// ipBlock 0.0.0.0/0 without an except reaches the metadata address; with excepts it does not.
    @Test func ipBlockWithAndWithoutExcept() {
        let open = netpol("internet", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0}\n  ports: [{port: 443}]")
        let v = evaluate(control, [web()] + open).violations
        #expect(v.first?.value == "169.254.169.254 (TCP 443), 169.254.170.2 (TCP 443), 169.254.170.23 (TCP 443), 100.100.100.200 (TCP 443)")
        #expect(v.first?.message.contains("NetworkPolicy apps/internet egress[0]") == true)
        let onlyIMDS = netpol("internet", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}")
        #expect(evaluate(control, [web()] + onlyIMDS).violations.first?.value?.hasPrefix("169.254.170.2 (All Connections)") == true)
        let closed = netpol("internet", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 169.254.170.2/32, 169.254.170.23/32, 100.100.100.200/32]}\n  - ipBlock: {cidr: '::/0', except: ['fd00:ec2::254/128', 'fd00:ec2::23/128']}")
        #expect(evaluate(control, [web()] + closed).isPass)
        // A second policy allowing the address again wins (policies add up).
        let again = netpol("imds", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 169.254.169.254/32}")
        #expect(evaluate(control, [web()] + closed + again).violations.first?.message.contains("apps/imds egress[0]") == true)
    }

    @Test func podSelectorsNeverOpenExternalAddresses() {
        let pods = netpol("pods", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {}")
        #expect(evaluate(control, [web()] + pods).isPass)
    }

    @Test func hostNetworkAndSystemNamespacesAreLeftOut() {
        let outcome = evaluate(control, [web(hostNetwork: true), web("cloud-controller", ns: "kube-system")])
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("1 in system namespaces exempt") == true)
        #expect(evaluate(control, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }
}
