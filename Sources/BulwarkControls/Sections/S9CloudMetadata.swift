import BulwarkModel

/// S9 Cloud metadata API, the part manifests show on their own: pods on the host network. (Egress
/// to 169.254.169.254 allowed by NetworkPolicy is evaluated with the S8 policy engine.)
public enum S9CloudMetadata {
    public static let controls: [Control] = [hostNetworkPods]

    // MARK: BW-S9-001

    /// Reads: `spec.hostNetwork` of every pod template outside system namespaces.
    /// Allows: unset or false. A hostNetwork pod uses the node's network stack: NetworkPolicy does
    /// not apply to it, and it reaches the cloud metadata API (169.254.169.254, fd00:ec2::254, …)
    /// as the node does, so an IMDS hop limit or pod-level egress block does not stop it.
    static let hostNetworkPods = Control(
        id: "BW-S9-001", section: .s9, severity: .high,
        title: "Pods on the host network (bypass NetworkPolicy, reach the cloud metadata API)",
        remediation: "Remove spec.hostNetwork: true; expose the pod through a Service instead. Where a node agent needs the host network, block the metadata address on the node (iptables) or use the cloud's workload identity and run it in a namespace with a restrictive Pod Security level.",
        references: ["cis": ["5.2.5"], "kubescape": ["C-0041"], "pss": ["hostNamespaces"], "checkov": ["CKV_K8S_19"]]
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
}
