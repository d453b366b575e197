import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkNetworkPolicy

/// An ipBlock that covers pod addresses the input reveals (pod IPs, Node pod CIDRs,
/// kube-controller-manager --cluster-cidr) is warned about; one that stays outside them is not.
@Suite struct IPBlockPodAddressTests {
    func analysis(_ yaml: String) -> NetworkAnalysis {
        let result = ManifestReader().parse(Array(yaml.utf8), file: "t.yaml")
        precondition(result.issues.isEmpty, "\(result.issues)")
        return NetworkAnalysis(inventory: Inventory(objects: result.objects))
    }

    func policy(_ name: String, _ peer: String, direction: String = "egress", field: String = "to") -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: \(name), namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          \(direction):
          - \(field):
            - ipBlock: \(peer)
        ---

        """
    }

    let pods = """
    apiVersion: v1
    kind: Pod
    metadata: {name: api-1, namespace: shop}
    spec: {containers: [{name: c, image: i}]}
    status: {podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}, {ip: "fd00:10:244:1::5"}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: node-agent, namespace: shop}
    spec: {hostNetwork: true, containers: [{name: c, image: i}]}
    status: {podIP: 192.168.0.10}
    ---

    """

    @Test func podIPsCoveredOrNot() {
        let a = analysis(pods + policy("wide", "{cidr: 10.0.0.0/8}") + policy("outside", "{cidr: 0.0.0.0/0, except: [10.0.0.0/8]}")
                         + policy("v6", "{cidr: '::/0'}", direction: "ingress", field: "from"))
        let w = a.ipBlockPodAddressWarnings
        #expect(w.count == 2, "\(w)")
        #expect(w.contains { $0.hasPrefix("NetworkPolicy shop/wide: egress[0].to[0] ipBlock 10.0.0.0/8 covers pod addresses: 1 pod IP (Pod shop/api-1 10.244.1.5)") })
        #expect(w.contains { $0.hasPrefix("NetworkPolicy shop/v6: ingress[0].from[0]") && $0.contains("fd00:10:244:1::5") })
        #expect(!w.contains { $0.contains("shop/outside") })
        // The host-network pod's address is its node's: an ipBlock over it is what ipBlock is for.
        let node = analysis(pods + policy("nodes", "{cidr: 192.168.0.0/24}"))
        #expect(node.ipBlockPodAddressWarnings.isEmpty)
        #expect(a.warnings.contains(w[0]))
    }

    @Test func nodePodCIDRs() {
        let nodes = """
        apiVersion: v1
        kind: Node
        metadata: {name: n1}
        spec: {podCIDR: 10.244.0.0/24, podCIDRs: [10.244.0.0/24, "fd00:10:244::/64"]}
        ---

        """
        let a = analysis(nodes + policy("overlap", "{cidr: 10.244.0.128/25}") + policy("apart", "{cidr: 10.245.0.0/16}"))
        #expect(a.ipBlockPodAddressWarnings.count == 1)
        #expect(a.ipBlockPodAddressWarnings.first?.contains("pod CIDR Node n1 spec.podCIDR 10.244.0.0/24") == true)
        // An except that cuts the pod CIDR out of the block leaves nothing to warn about.
        let cut = analysis(nodes + policy("cut", "{cidr: 10.0.0.0/8, except: [10.244.0.0/16]}"))
        #expect(cut.ipBlockPodAddressWarnings.isEmpty)
    }

    @Test func controllerManagerClusterCIDR() {
        let kcm = """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-controller-manager-cp1, namespace: kube-system}
        spec:
          containers:
          - name: kube-controller-manager
            image: registry.k8s.io/kube-controller-manager:v1.31.2
            command: [kube-controller-manager, --allocate-node-cidrs=true, "--cluster-cidr=10.244.0.0/16,fd00:10:244::/56"]
        ---

        """
        let a = analysis(kcm + policy("all6", "{cidr: '::/0', except: ['fd00::/8']}") + policy("all4", "{cidr: 0.0.0.0/0}"))
        let w = a.ipBlockPodAddressWarnings
        #expect(w.count == 1, "\(w)")
        #expect(w.first?.contains("shop/all4") == true)
        #expect(w.first?.contains("Pod kube-system/kube-controller-manager-cp1 kube-controller-manager --cluster-cidr 10.244.0.0/16") == true)
        // Without any pod address in the input there is nothing to compare with.
        #expect(analysis(policy("all4", "{cidr: 0.0.0.0/0}")).ipBlockPodAddressWarnings.isEmpty)
    }
}
