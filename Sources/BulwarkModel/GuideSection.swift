/// The sections of the guide "Securing a Cluster", written S1 … S17 (SPEC §2).
public enum GuideSection: Int, Sendable, CaseIterable, Comparable, Codable {
    case s1 = 1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17

    public var id: String { "S\(rawValue)" }

    public init?(id: String) {
        guard id.first == "S", let n = Int(id.dropFirst()), let s = GuideSection(rawValue: n) else { return nil }
        self = s
    }

    public var title: String {
        switch self {
        case .s1: return "TLS for all API traffic"
        case .s2: return "API authentication"
        case .s3: return "API authorization"
        case .s4: return "Kubelet access"
        case .s5: return "Limiting resource use"
        case .s6: return "Container privileges"
        case .s7: return "Kernel modules"
        case .s8: return "Network access"
        case .s9: return "Cloud metadata API"
        case .s10: return "Where pods may run"
        case .s11: return "etcd"
        case .s12: return "Audit logging"
        case .s13: return "Alpha and beta features"
        case .s14: return "Rotating credentials"
        case .s15: return "Third-party integrations"
        case .s16: return "Secrets encryption at rest"
        case .s17: return "Security updates"
        }
    }

    /// Why the guide asks for this section, in a sentence or two (for `bulwark explain`).
    public var rationale: String {
        switch self {
        case .s1: return "Kubernetes expects all API communication to be encrypted by TLS; anything sent in clear (tokens, Secrets, exec streams) can be read or changed on the network."
        case .s2: return "Every API request must be authenticated by a method fit for the cluster; anonymous or static-token access lets anyone who reaches the port act on the cluster."
        case .s3: return "Once authenticated, every call must pass authorization; RBAC should grant each user and workload only what it needs, since some permissions (Secrets, pod creation, escalate/bind) amount to far more."
        case .s4: return "Kubelets expose an HTTPS API that controls pods and nodes; without authentication and authorization it grants unauthenticated control of every container on the node."
        case .s5: return "Resource quotas and limit ranges keep one tenant or a compromised workload from exhausting the cluster, and decide who may expose services outside it."
        case .s6: return "Pod Security Standards limit what privileges containers run with; privileged pods, host namespaces and host paths turn a container compromise into a node compromise."
        case .s7: return "The kernel loads modules on demand, even for unprivileged processes opening a socket of a rare protocol; blacklisting unneeded modules (dccp, sctp, rds, tipc) removes that attack surface."
        case .s8: return "NetworkPolicies restrict which pods may talk to which; without them every pod can reach every other pod and service, and quotas on load balancers limit external exposure."
        case .s9: return "Cloud metadata APIs hand out node credentials; pods that can reach them may take over the node's cloud identity."
        case .s10: return "Node selectors, taints and admission keep sensitive workloads on dedicated nodes and ordinary pods off control-plane nodes."
        case .s11: return "Write access to etcd is root on the cluster, and read access reveals every Secret; only the API servers should reach it, with mutual TLS."
        case .s12: return "Audit logs record who did what on the API; without them an intrusion cannot be reconstructed, and the log itself must not leak Secret values."
        case .s13: return "Alpha and beta features may be incomplete and less secure; they should not be turned on in production without need."
        case .s14: return "Short-lived credentials and frequent rotation limit what a leaked certificate or token is worth."
        case .s15: return "Integrations and add-ons often ask for broad permissions; review what each is granted, and prefer namespace-scoped grants."
        case .s16: return "Secrets are stored in etcd; encrypting them at rest keeps an etcd backup or disk from revealing them."
        case .s17: return "Subscribe to kubernetes-security-announce and keep components on supported, patched releases; report vulnerabilities to the Security Response Committee."
        }
    }

    public static func < (lhs: GuideSection, rhs: GuideSection) -> Bool { lhs.rawValue < rhs.rawValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(id)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let s = GuideSection(id: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown section \(text)"))
        }
        self = s
    }
}
