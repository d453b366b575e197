import BulwarkModel
import BulwarkCertificates
import BulwarkComponentConfig

/// S11 etcd, by certificate content: etcd's CA must not be the cluster CA even when it sits in a
/// file of another name (a copied `ca.crt`). BW-S11-006 compares the paths; this control compares
/// the CA certificates' public keys, read from the node's certificate files (`bulwark node`, or
/// `NodeFile` objects given as input).
public enum S11EtcdCertificates {
    public static let controls: [Control] = [caReusedByContent]

    /// A CA file a component flag names, with what it is.
    struct CAFile {
        var component: ComponentInstance
        var flag: String
        var path: String
    }

    // MARK: BW-S11-201

    /// Reads: etcd `--trusted-ca-file`, kube-apiserver `--etcd-cafile` (etcd's CA) and
    /// kube-apiserver `--client-ca-file` (the cluster CA); the certificates of those files from
    /// `NodeFile` objects. Allows: no certificate public key in common between an etcd CA file and
    /// a different cluster CA file (the same path is BW-S11-006's finding).
    static let caReusedByContent = Control(
        id: "BW-S11-201", section: .s11, severity: .medium,
        title: "etcd's CA is a different key pair from the cluster CA (compared by content)",
        remediation: "Create a dedicated etcd CA (kubeadm: /etc/kubernetes/pki/etcd/ca.crt, generated separately), reissue etcd's server, peer and client certificates from it, and point etcd --trusted-ca-file and kube-apiserver --etcd-cafile at it.",
        references: ["cis": ["2.7"]],
        reads: ObjectKinds.controlPlanePods + ["NodeFile"]
    ) { context in
        if let reason = context.componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        let config = context.componentConfig
        let etcdCAs = config.instances(.etcd).compactMap { c in c.flags.value("trusted-ca-file").map { CAFile(component: c, flag: "trusted-ca-file", path: $0) } }
            + config.instances(.apiServer).compactMap { c in c.flags.value("etcd-cafile").map { CAFile(component: c, flag: "etcd-cafile", path: $0) } }
        let clusterCAs = config.instances(.apiServer).compactMap { c in c.flags.value("client-ca-file").map { CAFile(component: c, flag: "client-ca-file", path: $0) } }
        guard !etcdCAs.isEmpty else { return .notAssessed("no etcd --trusted-ca-file or kube-apiserver --etcd-cafile in input") }
        guard !clusterCAs.isEmpty else { return .notAssessed("kube-apiserver has no --client-ca-file to compare with") }

        var notRead: [String] = []
        func certificates(_ file: CAFile) -> [CertificateFacts]? {
            guard let site = CertificateSites.nodeFile(atPath: file.path, in: context.inventory) else {
                notRead.append("\(file.path) (not in input)")
                return nil
            }
            switch site.reading {
            case .read(let facts): return facts
            case .unreadable(let why), .unavailable(let why):
                notRead.append("\(file.path) (\(why))")
                return nil
            }
        }
        var violations: [Violation] = []
        var compared = 0
        var reported = Set<String>()
        for etcdCA in etcdCAs {
            for clusterCA in clusterCAs where clusterCA.path != etcdCA.path {
                // Both looked up before giving up, so every file that could not be read is named.
                let etcdRead = certificates(etcdCA), clusterRead = certificates(clusterCA)
                guard let etcdCerts = etcdRead, let clusterCerts = clusterRead else { continue }
                compared += 1
                let clusterKeys = Set(clusterCerts.map(\.publicKeySHA256))
                guard let shared = etcdCerts.first(where: { clusterKeys.contains($0.publicKeySHA256) }),
                      reported.insert("\(etcdCA.component.object.reference.displayName)|\(etcdCA.flag)").inserted else { continue }
                violations.append(etcdCA.component.violation(
                    flag: etcdCA.flag, value: etcdCA.path,
                    message: "\(etcdCA.component.name) --\(etcdCA.flag)=\(etcdCA.path) holds the same CA key as --client-ca-file=\(clusterCA.path) (\(shared.subject), public key SHA-256 \(shared.publicKeySHA256.prefix(16))…): every client certificate the cluster CA signs (kubelets, users) is also accepted by etcd"))
            }
        }
        if compared == 0 && violations.isEmpty {
            let paths = Set(etcdCAs.map(\.path)).subtracting(clusterCAs.map(\.path))
            if paths.isEmpty { return .notAssessed("etcd's CA is the same file as the cluster CA (reported by BW-S11-006); nothing else to compare") }
            return .notAssessed("CA files not read: \(Array(Set(notRead)).sorted().joined(separator: "; ")) — run bulwark node on a control-plane node")
        }
        let unread = notRead.isEmpty ? "" : "; not read: \(Array(Set(notRead)).sorted().joined(separator: "; "))"
        return .from(violations, pass: "etcd's CA and the cluster CA are different key pairs (\(compared) pair(s) of files compared by public key\(unread))")
    }
}
