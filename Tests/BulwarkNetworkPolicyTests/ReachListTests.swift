import Testing
import BulwarkModel
@testable import BulwarkNetworkPolicy

/// The `reach` list: self-connections left out, replicas and equal external ranges merged,
/// order and JSON shape as issue 6 specifies, and `diff`.
@Suite struct ReachListTests {
    let base = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080}]}]}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: shop}
    spec:
      template:
        metadata: {labels: {app: api}}
        spec: {containers: [{name: c, image: i}]}
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: web, namespace: shop}
    spec:
      podSelector: {matchLabels: {app: web}}
      policyTypes: [Ingress, Egress]
      ingress:
      - from: [{podSelector: {matchLabels: {app: api}}}]
        ports: [{port: http}, {port: 9000, endPort: 9010}, {protocol: UDP, port: 53}]
      egress:
      - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
        ports: [{port: 443}]
      - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
        ports: [{port: 443}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: api, namespace: shop}
    spec:
      podSelector: {matchLabels: {app: api}}
      policyTypes: [Ingress]
    """

    @Test func jsonShapeAndMerging() {
        let a = NetworkAnalysis(inventory: Inventory(objects: TruthTableModel.parse(base)))
        let json = ReachFormat.json.render(ReachResult(analysis: a, reachability: Reachability(a)))
        // api → web on the resolved named port, the range, and UDP 53; api → everything outside;
        // web → the outside on 443 as ONE endpoint (two rules with equal connections merged).
        #expect(json == """
        {"connections":[
        {"src":{"kind":"Deployment","namespace":"shop","name":"api"},"dst":{"kind":"Deployment","namespace":"shop","name":"web"},"conn":{"TCP":["8080","9000-9010"],"UDP":["53"]}},
        {"src":{"kind":"Deployment","namespace":"shop","name":"api"},"dst":{"ipRanges":["0.0.0.0-255.255.255.255","::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]},"conn":{"all":true}},
        {"src":{"kind":"Deployment","namespace":"shop","name":"web"},"dst":{"ipRanges":["0.0.0.0-255.255.255.255"]},"conn":{"TCP":["443"]}}
        ]}

        """)
    }

    @Test func replicasAndSelfConnections() {
        let pods = (0..<3).map { i in
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p\(i), namespace: ns, labels: {app: x}}\nspec: {containers: [{name: c, image: i}]}"
        }.joined(separator: "\n---\n")
        let a = NetworkAnalysis(inventory: Inventory(objects: TruthTableModel.parse(pods)))
        #expect(a.classes.count == 1)
        let rows = ReachResult(analysis: a, reachability: Reachability(a)).list
        let podRows = rows.filter { if case .workload = $0.src, case .workload = $0.dst { return true }; return false }
        #expect(podRows.count == 6)
        #expect(podRows.allSatisfy { $0.src != $0.dst })
        #expect(podRows.map { "\($0.src)>\($0.dst)" }.first == "ns/Pod/p0>ns/Pod/p1")
    }

    @Test func diffShowsAddedRemovedChanged() {
        let old = NetworkAnalysis(inventory: Inventory(objects: TruthTableModel.parse(base)))
        let changed = base.replacingOccurrences(of: "{protocol: UDP, port: 53}", with: "{protocol: UDP, port: 54}")
            + "\n  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]"
        let new = NetworkAnalysis(inventory: Inventory(objects: TruthTableModel.parse(changed)))
        let diff = ReachDiff(old: ReachResult(analysis: old, reachability: Reachability(old)),
                             new: ReachResult(analysis: new, reachability: Reachability(new)))
        #expect(diff.table.contains("~ shop/Deployment/api => shop/Deployment/web : TCP 8080,9000-9010; UDP 53 -> TCP 8080,9000-9010; UDP 54"))
        // web's egress is isolated to ipBlocks, so only the outside gains access to api.
        #expect(diff.table.contains("+ 0.0.0.0-255.255.255.255 => shop/Deployment/api : All Connections"))
        #expect(diff.table.hasSuffix("1 added, 0 removed, 1 changed\n"))
        #expect(diff.json.hasPrefix(#"{"added":[{"src":{"ipRanges":["0.0.0.0-255.255.255.255"]},"dst":{"kind":"Deployment","namespace":"shop","name":"api"},"conn":{"all":true}}]"#))
    }
}
