import BulwarkModel
import BulwarkComponentConfig

/// S11 etcd: client and peer certificate authentication, where etcd listens, a CA of its own, and
/// how kube-apiserver connects to it. The etcd probe and data-dir mode belong to `bulwark probe`
/// and `bulwark node`.
public enum S11Etcd {
    public static let controls: [Control] = [
        clientCertAuth, trustedCA, peerClientCertAuth, peerTrustedCA, plainHTTPListeners, distinctCA,
        apiServerEtcdCA, apiServerEtcdClientCert, apiServerEtcdServers,
    ]

    // MARK: BW-S11-001

    /// Reads: etcd `--client-cert-auth` (flag or `ETCD_CLIENT_CERT_AUTH`). Allows: true.
    static let clientCertAuth = Control(
        id: "BW-S11-001", section: .s11, severity: .critical,
        title: "etcd requires client certificates",
        remediation: "Set --client-cert-auth=true and --trusted-ca-file on etcd; give kube-apiserver a client certificate from the etcd CA.",
        references: ["cis": ["2.2"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd requires client certificates") { etcd in
            etcd.requireTrue("client-cert-auth", "clients are not required to present a certificate (default false): anyone who reaches the client port reads and writes every key, Secrets included")
        }
    }

    // MARK: BW-S11-002

    /// Reads: etcd `--trusted-ca-file`. Allows: set.
    static let trustedCA = Control(
        id: "BW-S11-002", section: .s11, severity: .high,
        title: "etcd verifies client certificates against a CA",
        remediation: "Set --trusted-ca-file on etcd to the etcd CA (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
        references: ["cis": ["2.7"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd has --trusted-ca-file") { etcd in
            etcd.requireSet("trusted-ca-file", "--trusted-ca-file is not set, so client certificates cannot be verified")
        }
    }

    // MARK: BW-S11-003

    /// Reads: etcd `--peer-client-cert-auth`. Allows: true.
    static let peerClientCertAuth = Control(
        id: "BW-S11-003", section: .s11, severity: .high,
        title: "etcd members require peer certificates",
        remediation: "Set --peer-client-cert-auth=true and --peer-trusted-ca-file on every etcd member.",
        references: ["cis": ["2.5"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd requires peer certificates") { etcd in
            etcd.requireTrue("peer-client-cert-auth", "peers are not required to present a certificate: anything that reaches the peer port can join the cluster and replicate its data")
        }
    }

    // MARK: BW-S11-004

    /// Reads: etcd `--peer-trusted-ca-file`. Allows: set.
    static let peerTrustedCA = Control(
        id: "BW-S11-004", section: .s11, severity: .high,
        title: "etcd verifies peer certificates against a CA",
        remediation: "Set --peer-trusted-ca-file on every etcd member.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd has --peer-trusted-ca-file") { etcd in
            etcd.requireSet("peer-trusted-ca-file", "--peer-trusted-ca-file is not set, so peer certificates cannot be verified")
        }
    }

    // MARK: BW-S11-005

    /// Reads: etcd `--listen-client-urls` (default http://localhost:2379). Allows: https, or http
    /// on loopback only.
    static let plainHTTPListeners = Control(
        id: "BW-S11-005", section: .s11, severity: .critical,
        title: "etcd has no plain-HTTP client listener beyond localhost",
        remediation: "Use https:// for every --listen-client-urls entry that is not 127.0.0.1, with --cert-file, --key-file and --client-cert-auth=true.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd's plain-HTTP listeners, if any, are loopback only") { etcd in
            let exposed = etcd.flags.list("listen-client-urls").filter { $0.hasPrefix("http://") && !ComponentControls.isLoopbackOrSocket($0) }
            return exposed.isEmpty ? [] : [etcd.violation(flag: "listen-client-urls", value: exposed.joined(separator: ","),
                                                          message: "\(etcd.name) listens for clients over plain HTTP on \(exposed.joinedForMessage): no TLS and no client authentication from the network")]
        }
    }

    // MARK: BW-S11-006

    /// Reads: etcd `--trusted-ca-file` and kube-apiserver `--client-ca-file` (paths). Allows:
    /// different files. The same CA would let any client certificate of the cluster (every
    /// kubelet's, every user's) authenticate to etcd. Comparing the certificates themselves is
    /// left to the certificate checks (S14).
    static let distinctCA = Control(
        id: "BW-S11-006", section: .s11, severity: .medium,
        title: "etcd trusts a CA of its own, not the cluster CA",
        remediation: "Issue etcd's server, peer and client certificates from a dedicated etcd CA (kubeadm: /etc/kubernetes/pki/etcd/ca.crt) and point --trusted-ca-file at it.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        if let reason = context.componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        let etcds = context.componentConfig.instances(.etcd), apis = context.componentConfig.instances(.apiServer)
        guard !etcds.isEmpty, !apis.isEmpty else { return .notAssessed("needs both an etcd and a kube-apiserver manifest in input") }
        let clusterCAs = Set(apis.compactMap { $0.flags.value("client-ca-file") })
        guard !clusterCAs.isEmpty else { return .notAssessed("kube-apiserver has no --client-ca-file to compare with") }
        var violations: [Violation] = []
        for etcd in etcds {
            guard let ca = etcd.flags.value("trusted-ca-file") else { continue }
            if clusterCAs.contains(ca) {
                violations.append(etcd.violation(flag: "trusted-ca-file", value: ca, message: "\(etcd.name) trusts \(ca), the same file kube-apiserver uses as --client-ca-file: every certificate the cluster CA signs (kubelets, users) is accepted by etcd"))
            }
        }
        return .from(violations, pass: "etcd's --trusted-ca-file differs from kube-apiserver's --client-ca-file (paths compared)")
    }

    // MARK: BW-S11-007

    /// Reads: kube-apiserver `--etcd-cafile`. Allows: set. Not applicable where the API server
    /// keeps its data elsewhere (k3s kine on a Unix socket).
    static let apiServerEtcdCA = Control(
        id: "BW-S11-007", section: .s11, severity: .high,
        title: "kube-apiserver verifies etcd's certificate",
        remediation: "Set --etcd-cafile on kube-apiserver (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
        references: ["cis": ["1.2.26"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        if let reason = context.componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        return context.evaluateComponents(.apiServer, pass: "kube-apiserver has --etcd-cafile") { api in
            api.requireSet("etcd-cafile", "--etcd-cafile is not set, so the API server does not verify the etcd it sends every object to")
        }
    }

    // MARK: BW-S11-008

    /// Reads: kube-apiserver `--etcd-certfile` and `--etcd-keyfile`. Allows: both set. Not
    /// applicable where the API server keeps its data elsewhere (k3s kine on a Unix socket).
    static let apiServerEtcdClientCert = Control(
        id: "BW-S11-008", section: .s11, severity: .high,
        title: "kube-apiserver authenticates to etcd with a client certificate",
        remediation: "Set --etcd-certfile and --etcd-keyfile on kube-apiserver (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt and .key).",
        references: ["cis": ["1.2.23"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        if let reason = context.componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        return context.evaluateComponents(.apiServer, pass: "kube-apiserver has an etcd client certificate") { api in
            api.requireSet("etcd-certfile", "--etcd-certfile is not set, so etcd cannot require client certificates")
                + api.requireSet("etcd-keyfile", "--etcd-keyfile is not set, so etcd cannot require client certificates")
        }
    }

    // MARK: BW-S11-009

    /// Reads: kube-apiserver `--etcd-servers`. Allows: https URLs or a Unix socket (k3s's kine).
    static let apiServerEtcdServers = Control(
        id: "BW-S11-009", section: .s11, severity: .high,
        title: "kube-apiserver reaches etcd over https",
        remediation: "Use https:// URLs in --etcd-servers, with --etcd-cafile, --etcd-certfile and --etcd-keyfile.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        if let reason = context.componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        return context.evaluateComponents(.apiServer, pass: "kube-apiserver reaches etcd over https") { api in
            let servers = api.flags.list("etcd-servers")
            if servers.isEmpty { return [api.violation(flag: "etcd-servers", value: ComponentInstance.unset, message: "\(api.name): --etcd-servers is not set (the API server cannot start without it)", severity: .low)] }
            let plain = servers.filter { $0.hasPrefix("http://") }
            return plain.isEmpty ? [] : [api.violation(flag: "etcd-servers", value: plain.map(ComponentControls.redacted).joined(separator: ","),
                                                       message: "\(api.name) sends every object, Secrets included, to etcd over plain HTTP at \(plain.map(ComponentControls.redacted).joinedForMessage)",
                                                       severity: plain.allSatisfy(ComponentControls.isLoopbackOrSocket) ? .medium : nil)]
        }
    }
}
