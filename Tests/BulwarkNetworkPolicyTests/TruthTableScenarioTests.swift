import Testing
import BulwarkModel
@testable import BulwarkNetworkPolicy

/// The scenario table: each semantic rule of NetworkPolicy, written from the API documentation and
/// the upstream e2e truth tables (test/e2e/network/netpol/network_policy.go), with known answers.
@Suite struct TruthTableScenarioTests {
    typealias M = TruthTableModel

    func policy(_ name: String, ns: String = "x", _ spec: String) -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: \(name)
          namespace: "\(ns)"
        spec:
        \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        ---

        """
    }

    @Test func noPoliciesEverythingAllowed() {
        #expect(mismatches(M.analysis(""), port: 80, expected: Truth(true)).isEmpty)
        #expect(mismatches(M.analysis(""), port: 81, proto: .sctp, expected: Truth(true)).isEmpty)
    }

    /// policyTypes absent, no ingress: defaulting adds Ingress only → default-deny ingress.
    @Test func defaultDenyIngress() {
        let a = M.analysis(policy("deny", "podSelector: {}"))
        var t = Truth(true); t.setNamespaceTo("x", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
        #expect(a.policies[0].policyTypes == [.ingress])
    }

    @Test func defaultDenyAll() {
        let a = M.analysis(policy("deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]"))
        var t = Truth(true); t.setNamespaceTo("x", false); t.setNamespaceFrom("x", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// `ingress: []` denies everything; `ingress: [{}]` (one empty rule) allows everything.
    @Test func emptyRuleListVersusEmptyRule() {
        let deny = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress: []"))
        var t = Truth(true); t.setTo("x/a", false)
        #expect(mismatches(deny, port: 80, expected: t).isEmpty)
        let allow = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress: [{}]"))
        #expect(mismatches(allow, port: 80, expected: Truth(true)).isEmpty)
        #expect(mismatches(allow, port: 81, proto: .udp, expected: Truth(true)).isEmpty)
    }

    @Test func allowFromOwnNamespacePodSelector() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}"))
        var t = Truth(true); t.setTo("x/a", false); t["x/b", "x/a"] = true
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    @Test func podSelectorMatchExpressions() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector:\n      matchExpressions: [{key: pod, operator: In, values: [b]}]"))
        var t = Truth(true); t.setTo("x/a", false); t["x/b", "x/a"] = true
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// An empty namespaceSelector selects every pod of every namespace.
    @Test func allowFromAllNamespaces() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {}"))
        #expect(mismatches(a, port: 80, expected: Truth(true)).isEmpty)
        // ... but not external addresses.
        #expect(!a.decide(from: .address(IPAddress("8.8.8.8")!), to: M.endpoint("x/a", in: a), proto: .tcp, port: 80).allowed)
    }

    /// The automatic kubernetes.io/metadata.name label selects a namespace by name.
    @Test func allowOnlyFromOtherNamespaceByName() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: 'y'}}"))
        var t = Truth(true); t.setTo("x/a", false); t.setNamespaceFrom("y", true)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    @Test func namespaceSelectorMatchExpressionsNotIn() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]"))
        var t = Truth(true); t.setTo("x/a", false); t.setNamespaceFrom("y", true); t.setNamespaceFrom("z", true)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    @Test func namespaceSelectorByCustomLabel() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: blue}}"),
                           namespaceLabels: ["z": ["team": "blue"]])
        var t = Truth(true); t.setTo("x/a", false); t.setNamespaceFrom("z", true)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// Two items (`- namespaceSelector` / `- podSelector`): OR.
    @Test func separatePeersAreOred() {
        let a = M.analysis(policy("p", """
        podSelector: {matchLabels: {pod: a}}
        ingress:
        - from:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: 'y'}}
          - podSelector: {matchLabels: {pod: b}}
        """))
        var t = Truth(true); t.setTo("x/a", false); t.setNamespaceFrom("y", true); t["x/b", "x/a"] = true
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// Both selectors in one item: AND — the indentation trap's other side.
    @Test func selectorsInOnePeerAreAnded() {
        let a = M.analysis(policy("p", """
        podSelector: {matchLabels: {pod: a}}
        ingress:
        - from:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: 'y'}}
            podSelector: {matchLabels: {pod: b}}
        """))
        var t = Truth(true); t.setTo("x/a", false); t["y/b", "x/a"] = true
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    @Test func policyByPortAndStackedPolicies() {
        let a = M.analysis(policy("p80", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}\n  ports: [{port: 80}]")
                           + policy("p81", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: c}}\n  ports: [{port: 81, protocol: TCP}]"))
        var t80 = Truth(true); t80.setTo("x/a", false); t80["x/b", "x/a"] = true
        var t81 = Truth(true); t81.setTo("x/a", false); t81["x/c", "x/a"] = true
        #expect(mismatches(a, port: 80, expected: t80).isEmpty)
        #expect(mismatches(a, port: 81, expected: t81).isEmpty)
        // Protocol defaults to TCP: UDP 80 is not opened.
        var udp = Truth(true); udp.setTo("x/a", false)
        #expect(mismatches(a, port: 80, proto: .udp, expected: udp).isEmpty)
    }

    @Test func multipleIngressPoliciesAllowAllWins() {
        let a = M.analysis(policy("deny", "podSelector: {}") + policy("allow", "podSelector: {}\ningress: [{}]"))
        #expect(mismatches(a, port: 80, expected: Truth(true)).isEmpty)
    }

    /// Named ports resolve against the destination pod's containers, name and protocol both.
    @Test func ingressOnNamedPort() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{port: serve-81-tcp}]"))
        var t80 = Truth(true); t80.setTo("x/a", false)
        #expect(mismatches(a, port: 81, expected: Truth(true)).isEmpty)
        #expect(mismatches(a, port: 80, expected: t80).isEmpty)
        // The name exists only for TCP; a UDP entry with that name matches nothing.
        let udp = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{port: serve-81-tcp, protocol: UDP}]"))
        var none = Truth(true); none.setTo("x/a", false)
        #expect(mismatches(udp, port: 81, proto: .udp, expected: none).isEmpty)
        #expect(udp.warnings.contains { $0.contains("serve-81-tcp") })
    }

    @Test func egressOnNamedPortResolvesAgainstPeer() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: serve-80-tcp}]"))
        var t81 = Truth(true); t81.setFrom("x/a", false)
        #expect(mismatches(a, port: 80, expected: Truth(true)).isEmpty)
        #expect(mismatches(a, port: 81, expected: t81).isEmpty)
        // A named port never matches an external address.
        #expect(!a.decide(from: M.endpoint("x/a", in: a), to: .address(IPAddress("1.2.3.4")!), proto: .tcp, port: 80).allowed)
    }

    @Test func endPortRange() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{port: 79, endPort: 80}]"))
        var denied = Truth(true); denied.setTo("x/a", false)
        #expect(mismatches(a, port: 80, expected: Truth(true)).isEmpty)
        #expect(mismatches(a, port: 81, expected: denied).isEmpty)
        // endPort with a named port is invalid: the entry matches nothing and is reported.
        let bad = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{port: serve-80-tcp, endPort: 81}]"))
        #expect(mismatches(bad, port: 80, expected: denied).isEmpty)
        #expect(bad.warnings.contains { $0.contains("endPort cannot be used with a named port") })
    }

    @Test func protocolOnlyRuleAndSCTP() {
        let tcpOnly = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{protocol: TCP}]"))
        var denied = Truth(true); denied.setTo("x/a", false)
        #expect(mismatches(tcpOnly, port: 80, expected: Truth(true)).isEmpty)
        #expect(mismatches(tcpOnly, port: 80, proto: .udp, expected: denied).isEmpty)
        // An SCTP-only (or UDP-only) rule must not open TCP, and still isolates the pod.
        let sctp = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{protocol: SCTP, port: 80}]"))
        #expect(mismatches(sctp, port: 80, proto: .sctp, expected: Truth(true)).isEmpty)
        #expect(mismatches(sctp, port: 80, proto: .tcp, expected: denied).isEmpty)
        let udp = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{protocol: UDP, port: 81}]"))
        #expect(mismatches(udp, port: 81, proto: .udp, expected: Truth(true)).isEmpty)
        #expect(mismatches(udp, port: 81, proto: .tcp, expected: denied).isEmpty)
    }

    @Test func denyEgressForNamespaceAndClientSideDeny() {
        let a = M.analysis(policy("deny-egress", "podSelector: {}\npolicyTypes: [Egress]")
                           + policy("allow-in", ns: "y", "podSelector: {}\ningress: [{}]"))
        var t = Truth(true); t.setNamespaceFrom("x", false)
        // y allows everything in, but x's egress is denied: both sides must agree.
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    @Test func egressToOtherNamespaceByBothSelectors() {
        let a = M.analysis(policy("p", """
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
        - to:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: 'y'}}
            podSelector: {matchLabels: {pod: a}}
        """))
        var t = Truth(true); t.setFrom("x/a", false); t["x/a", "y/a"] = true
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// Egress rules without policyTypes turn on Egress too; written policyTypes without Egress ignore them.
    @Test func policyTypesDefaulting() {
        let defaulted = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}"))
        #expect(defaulted.policies[0].policyTypes == [.ingress, .egress])
        var t = Truth(true); t.setTo("x/a", false); t.setFrom("x/a", false); t["x/a", "x/b"] = true
        #expect(mismatches(defaulted, port: 80, expected: t).isEmpty)
        let ingressOnly = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress]\ningress: [{}]\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}"))
        #expect(mismatches(ingressOnly, port: 80, expected: Truth(true)).isEmpty)
        #expect(ingressOnly.warnings.contains { $0.contains("egress rules are ignored") })
    }

    /// `policyTypes: []` is defaulted like an absent list; a quoted number is not a port.
    @Test func emptyPolicyTypesAndQuotedPort() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: []"))
        #expect(a.policies[0].policyTypes == [.ingress])
        var t = Truth(true); t.setTo("x/a", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
        let quoted = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- ports: [{port: '80'}]"))
        #expect(mismatches(quoted, port: 80, expected: t).isEmpty)
        #expect(quoted.warnings.contains { $0.contains("not a valid port name") })
    }

    @Test func ingressAndEgressIndependent() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress: []"))
        var t = Truth(true); t.setFrom("x/a", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
    }

    /// ipBlock names addresses outside the cluster's pods: egress to 0.0.0.0/0 alone does not open pods.
    @Test func ipBlockWithExceptAndSecondPolicy() {
        let a = M.analysis(policy("internet", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}"))
        let xa = M.endpoint("x/a", in: a)
        var t = Truth(true); t.setFrom("x/a", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
        #expect(a.decide(from: xa, to: .address(IPAddress("8.8.8.8")!), proto: .tcp, port: 443).allowed)
        #expect(!a.decide(from: xa, to: .address(IPAddress("169.254.169.254")!), proto: .tcp, port: 80).allowed)
        #expect(a.decide(from: xa, to: .address(IPAddress("169.254.169.253")!), proto: .tcp, port: 80).allowed)
        #expect(!a.decide(from: xa, to: .address(IPAddress("fd00:ec2::254")!), proto: .tcp, port: 80).allowed)
        // The excepted address is allowed again by a second policy.
        let b = M.analysis(policy("internet", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}")
                           + policy("imds", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 169.254.169.254/32}"))
        let decision = b.decide(from: M.endpoint("x/a", in: b), to: .address(IPAddress("169.254.169.254")!), proto: .tcp, port: 80)
        #expect(decision.allowed)
        #expect(decision.egress?.allowingRules.map(\.description) == ["x/imds egress[0]"])
    }

    @Test func ipv6BlocksAndIngressFromExternal() {
        let a = M.analysis(policy("v6", "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress, Ingress]\negress:\n- to:\n  - ipBlock: {cidr: '::/0', except: ['fd00:ec2::254/128']}\ningress:\n- from:\n  - ipBlock: {cidr: 2001:db8::/32}\n  ports: [{port: serve-80-tcp}]"))
        let xa = M.endpoint("x/a", in: a)
        #expect(a.decide(from: xa, to: .address(IPAddress("2001:4860::8888")!), proto: .udp, port: 53).allowed)
        #expect(!a.decide(from: xa, to: .address(IPAddress("fd00:ec2::254")!), proto: .tcp, port: 80).allowed)
        #expect(!a.decide(from: xa, to: .address(IPAddress("8.8.8.8")!), proto: .tcp, port: 80).allowed)
        #expect(a.decide(from: .address(IPAddress("2001:db8::1")!), to: xa, proto: .tcp, port: 80).allowed)
        #expect(!a.decide(from: .address(IPAddress("2001:db8::1")!), to: xa, proto: .tcp, port: 81).allowed)
        #expect(!a.decide(from: .address(IPAddress("2001:db9::1")!), to: xa, proto: .tcp, port: 80).allowed)
    }

    @Test func namespaceAndPodLabelChanges() {
        // Ingress after a namespace label is added / a pod label is added: modelled as inputs with the label.
        let spec = "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns2: updated}}\n    podSelector: {matchLabels: {pod2: updated}}"
        let before = M.analysis(policy("p", spec))
        var denied = Truth(true); denied.setTo("x/a", false)
        #expect(mismatches(before, port: 80, expected: denied).isEmpty)
        let after = M.analysis(policy("p", spec), namespaceLabels: ["y": ["ns2": "updated"]], podLabels: ["y/b": ["pod2": "updated"]])
        var t = denied; t["y/b", "x/a"] = true
        #expect(mismatches(after, port: 80, expected: t).isEmpty)
    }

    /// Host-network pods are outside policy: never isolated, never matched by selectors.
    @Test func hostNetworkPods() {
        let a = M.analysis(policy("deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]")
                           + policy("from-b", ns: "y", "podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}"),
                           hostNetwork: ["x/b", "z/c"])
        var t = Truth(true)
        t.setNamespaceTo("x", false); t.setNamespaceFrom("x", false)
        t.setTo("x/b", true); t.setFrom("x/b", true)   // x/b is on the host: the deny-all does not select it
        t["x/b", "x/b"] = true
        t["z/c", "y/a"] = false; t["z/c", "y/b"] = false; t["z/c", "y/c"] = false  // selectors never match host pods
        t["x/b", "y/a"] = false; t["x/b", "y/b"] = false; t["x/b", "y/c"] = false
        t["x/a", "x/b"] = false; t["x/c", "x/b"] = false   // x/a's egress is denied even toward a host pod
        t["z/c", "x/a"] = false; t["z/c", "x/c"] = false; t["x/b", "x/a"] = false; t["x/b", "x/c"] = false
        #expect(mismatches(a, port: 80, expected: t) == [])
    }

    @Test func invalidPeersMatchNothingAndAreReported() {
        let a = M.analysis(policy("p", "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/8}\n    podSelector: {}\n  - {}"))
        var t = Truth(true); t.setTo("x/a", false)
        #expect(mismatches(a, port: 80, expected: t).isEmpty)
        #expect(a.warnings.filter { $0.contains("x/p") }.count == 2)
    }
}
