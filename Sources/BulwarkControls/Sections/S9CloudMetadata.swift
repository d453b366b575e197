import BulwarkModel
import BulwarkNetworkPolicy

/// S9 Cloud metadata API, the part manifests show on their own: pods on the host network. (Egress
/// to 169.254.169.254 allowed by NetworkPolicy is evaluated with the S8 policy engine.)
public enum S9CloudMetadata {
    public static let controls: [Control] = [hostNetworkPods, metadataEgress]

    // MARK: BW-S9-001

    /// Reads: `spec.hostNetwork` of every pod template outside system namespaces.
    /// Allows: unset or false. A hostNetwork pod uses the node's network stack: NetworkPolicy does
    /// not apply to it, and it reaches the cloud metadata API (169.254.169.254, fd00:ec2::254, …)
    /// as the node does, so an IMDS hop limit or pod-level egress block does not stop it.
    static let hostNetworkPods = Control(
        id: "BW-S9-001", section: .s9, severity: .high,
        title: "Pods on the host network (bypass NetworkPolicy, reach the cloud metadata API)",
        remediation: "Remove spec.hostNetwork: true; expose the pod through a Service instead. Where a node agent needs the host network, block the metadata address on the node (iptables) or use the cloud's workload identity and run it in a namespace with a restrictive Pod Security level.",
        references: ["cis": ["5.2.5"], "kubescape": ["C-0041"], "pss": ["hostNamespaces"], "checkov": ["CKV_K8S_19"]],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList where workload.pod.spec["hostNetwork"]?.isTrue == true {
            if workload.isInSystemNamespace { exempt += 1; continue }
            violations.append(Violation(
                object: workload.object, path: workload.specPath("hostNetwork"), value: "true",
                message: "the pod uses the node's network: NetworkPolicy does not apply to it, it can reach the cloud metadata API at 169.254.169.254 with the node's credentials, and it sees every port the node listens on"))
        }
        let note = exempt == 0 ? "" : " (\(exempt) in system namespaces exempt)"
        return .from(violations, pass: "no pod outside system namespaces uses the host network\(note)")
    }

    // MARK: BW-S9-002

    /// Cloud credential endpoints: AWS IMDS (IPv4 and IPv6), ECS task metadata, EKS Pod Identity
    /// agent (IPv4 and IPv6), Alibaba Cloud metadata. GCP and Azure use 169.254.169.254 too.
    public static let metadataAddresses: [String] = [
        "169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "100.100.100.200",
    ]

    /// Reads: the egress each workload's pods have toward the metadata addresses under the
    /// NetworkPolicies in force (not egress-isolated = everything allowed).
    /// Allows: no port of any protocol reaches any of them. Host-network workloads are BW-S9-001's;
    /// system namespaces are exempt (cloud controllers there may need the metadata API).
    /// Medium, not high: the network path is proven, but whether the endpoint answers a pod with
    /// credentials depends on cloud settings a manifest does not show (IMDSv2 hop limit, workload
    /// identity); hostNetwork pods, which always get the node's answer, are BW-S9-001 (high).
    static let metadataEgress = Control(
        id: "BW-S9-002", section: .s9, severity: .medium,
        title: "Workloads whose egress reaches the cloud metadata API under the NetworkPolicies in force",
        remediation: """
        Select the pods with an egress policy that reaches the internet only through ipBlocks excepting the metadata addresses, and make sure no other policy selecting them allows those addresses (policies add up):
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-cloud-metadata, namespace: NAMESPACE}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
            - to:
                - namespaceSelector: {}
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [169.254.169.254/32, 169.254.170.2/32, 169.254.170.23/32, 100.100.100.200/32]
                - ipBlock:
                    cidr: ::/0
                    except: [fd00:ec2::254/128, fd00:ec2::23/128]
        Where pods need no internet at all, drop the ipBlocks. Also set the IMDSv2 hop limit to 1 on the nodes.
        """,
        references: ["kubescape": ["C-0052"]],
        reads: ObjectKinds.workloads + ["NetworkPolicy", "Namespace"]
    ) { context in
        let index = context.networkPolicy
        let analysis = index.analysis
        guard !analysis.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        let addresses = metadataAddresses.compactMap(IPAddress.init)
        var violations: [Violation] = []
        var exempt = 0
        for (i, w) in analysis.workloads.enumerated() where !w.hostNetwork {
            if ScanContext.isSystemNamespace(w.namespace) { exempt += 1; continue }
            var reached: [String] = []
            var rules: Set<String> = []
            let isolated = analysis.isIsolated(workload: i, .egress)
            for address in addresses {
                let conn = isolated
                    ? index.reachability.connection(fromClass: analysis.classOfWorkload[i], toAddress: address) : .all
                guard !conn.isEmpty else { continue }
                reached.append("\(address) (\(conn))")
                for r in analysis.egressRules(of: i, toward: address) { rules.insert("NetworkPolicy \(r)") }
            }
            guard !reached.isEmpty else { continue }
            let why = isolated
                ? "allowed by \(rules.sorted().joined(separator: ", "))"
                : "no NetworkPolicy selects these pods for Egress"
            violations.append(Violation(
                object: w.object, path: w.selectionPath, value: reached.joined(separator: ", "),
                message: "the pods can reach the cloud metadata API (\(reached.joined(separator: ", "))): \(why); it hands out the node's or the workload's cloud credentials"))
        }
        let note = exempt == 0 ? "" : " (\(exempt) in system namespaces exempt)"
        return .from(violations, pass: "no workload's egress reaches a cloud metadata address\(note)")
    }
}
