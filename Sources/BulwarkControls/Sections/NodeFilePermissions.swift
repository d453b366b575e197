import BulwarkModel

/// File modes and owners of the node's credentials and configuration (CIS 1.1.x and 4.1.x), over
/// the NodeFile objects `bulwark node` writes. "Or more restrictive" is a bitmask test: no
/// permission bit beyond the allowed ones. A file that is not there is no finding (kube-bench's
/// #1881); with no such file found at all the control is not assessed, naming what was searched.
public enum NodeFilePermissions {
    public static let controls: [Control] = [privateKeys, certificates, kubeconfigs, staticPodManifests, kubeletFiles, cniFiles,
                                             etcdDataDirectory, encryptionConfig]

    struct Rule {
        var roles: Set<String>
        var maxMode: UInt32
        var what: String
        var purposes: [String]
        /// Said when nothing was searched: the file is found only through a flag.
        var unsearched = ""
        /// Owners accepted besides root:root.
        var owners: Set<String> = ["root:root"]
        /// Only files this accepts (e.g. only the kubelet's unit among systemd files).
        var accepts: @Sendable (KubeObject) -> Bool = { _ in true }
    }

    static func evaluate(_ context: ScanContext, _ rule: Rule) -> ControlOutcome {
        let hosts = context.nodeHosts
        guard !hosts.isEmpty else { return .notAssessed(NodeFacts.noNode) }
        var violations: [Violation] = []
        var checked = 0
        var absent: [String] = []
        for host in hosts {
            let files = context.nodeFiles(on: host.name, roles: rule.roles).filter(rule.accepts)
            let judged = files.filter { NodeFacts.mode($0) != nil }
            if judged.isEmpty {
                let searched = NodeFacts.searched(host, rule.purposes)
                absent.append("node \(host.name): no \(rule.what) found\(searched.isEmpty ? rule.unsearched : searched)")
                continue
            }
            for file in judged {
                checked += 1
                guard let mode = NodeFacts.mode(file) else { continue }
                let extra = mode & 0o7777 & ~rule.maxMode
                if extra != 0 {
                    violations.append(Violation(
                        object: file, location: "mode", value: NodeFacts.octal(mode & 0o7777),
                        message: "\(file.name) has mode \(NodeFacts.octal(mode & 0o7777)); \(rule.what) should be \(NodeFacts.octal(rule.maxMode)) or more restrictive (extra bits \(NodeFacts.octal(extra)))"))
                }
                let owner = file.value["owner"]?.string ?? "?", group = file.value["group"]?.string ?? "?"
                if !rule.owners.contains("\(owner):\(group)") {
                    violations.append(Violation(
                        object: file, location: "owner", value: "\(owner):\(group)",
                        message: "\(file.name) is owned by \(owner):\(group); \(rule.what) should be owned by \(rule.owners.sorted().joined(separator: " or "))"))
                }
            }
        }
        guard checked > 0 else { return .notAssessed(absent.joined(separator: "; ")) }
        return .from(violations, pass: "\(checked) \(rule.what) at \(NodeFacts.octal(rule.maxMode)) or stricter, owned by \(rule.owners.sorted().joined(separator: " or "))")
    }

    static func control(id: String, section: GuideSection, severity: Severity, title: String, remediation: String,
                        cis: [String], rule: Rule) -> Control {
        Control(id: id, section: section, severity: severity, title: title, remediation: remediation,
                references: ["cis": cis], reads: ["NodeFile"]) { context in evaluate(context, rule) }
    }

    // MARK: BW-S1-301

    /// Reads: NodeFiles with role `privateKey` (PKI folders of kubeadm, k3s, RKE2, minikube, the
    /// kubelet's pki, and keys named by component flags). Allows: mode ≤ 0600, root:root.
    static let privateKeys = control(
        id: "BW-S1-301", section: .s1, severity: .high,
        title: "Private key files on nodes are mode 600 or stricter and owned by root",
        remediation: "chmod 600 the key files (e.g. /etc/kubernetes/pki/*.key) and chown root:root them.",
        cis: ["1.1.19", "1.1.21"],
        rule: Rule(roles: ["privateKey"], maxMode: 0o600, what: "private key files", purposes: ["pki"]))

    // MARK: BW-S1-302

    /// Reads: NodeFiles with role `certificate`. Allows: mode ≤ 0644, root:root.
    static let certificates = control(
        id: "BW-S1-302", section: .s1, severity: .medium,
        title: "Certificate files on nodes are mode 644 or stricter and owned by root",
        remediation: "chmod 644 (or 600) the certificate files (e.g. /etc/kubernetes/pki/*.crt, the kubelet's client CA) and chown root:root them; a writable CA file lets anyone on the node trust their own clients.",
        cis: ["1.1.19", "1.1.20", "4.1.7", "4.1.8"],
        rule: Rule(roles: ["certificate"], maxMode: 0o644, what: "certificate files", purposes: ["pki"]))

    // MARK: BW-S2-301

    /// Reads: NodeFiles with role `kubeconfig` (admin.conf, super-admin.conf, scheduler.conf,
    /// controller-manager.conf, kubelet.conf, kube-proxy's, k3s/RKE2 kubeconfigs, files named by
    /// `--kubeconfig`). Allows: mode ≤ 0600, root:root.
    static let kubeconfigs = control(
        id: "BW-S2-301", section: .s2, severity: .high,
        title: "Kubeconfig files on nodes are mode 600 or stricter and owned by root",
        remediation: "chmod 600 and chown root:root every kubeconfig on the node (admin.conf, super-admin.conf, scheduler.conf, controller-manager.conf, kubelet.conf, kube-proxy's kubeconfig); they hold client keys or tokens.",
        cis: ["1.1.13", "1.1.14", "1.1.15", "1.1.16", "1.1.17", "1.1.18", "4.1.3", "4.1.4", "4.1.5", "4.1.6"],
        rule: Rule(roles: ["kubeconfig"], maxMode: 0o600, what: "kubeconfig files", purposes: ["kubeconfigs"]))

    // MARK: BW-S2-302

    /// Reads: NodeFiles with role `staticPodManifest`. Allows: mode ≤ 0600, root:root.
    static let staticPodManifests = control(
        id: "BW-S2-302", section: .s2, severity: .medium,
        title: "Static pod manifests on nodes are mode 600 or stricter and owned by root",
        remediation: "chmod 600 and chown root:root the files in the static pod folder (kubeadm: /etc/kubernetes/manifests); whoever can write them chooses the control plane's flags.",
        cis: ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "1.1.8"],
        rule: Rule(roles: ["staticPodManifest"], maxMode: 0o600, what: "static pod manifests", purposes: ["staticPods"]))

    // MARK: BW-S4-301

    /// Reads: NodeFiles with role `kubeletConfig` (the file the kubelet's --config names and its
    /// --config-dir drop-ins) and `systemdUnit` (kubelet.service and its drop-ins). Allows: mode ≤
    /// 0600, root:root.
    static let kubeletFiles = control(
        id: "BW-S4-301", section: .s4, severity: .medium,
        title: "Kubelet config file and systemd unit are mode 600 or stricter and owned by root",
        remediation: "chmod 600 and chown root:root the kubelet config (kubeadm: /var/lib/kubelet/config.yaml) and the kubelet unit with its drop-ins (/etc/systemd/system/kubelet.service.d/*.conf).",
        cis: ["4.1.1", "4.1.2", "4.1.9", "4.1.10"],
        rule: Rule(roles: ["kubeletConfig", "systemdUnit"], maxMode: 0o600, what: "kubelet config and unit files", purposes: ["kubeletConfig", "kubeletUnit"]))

    // MARK: BW-S8-301

    /// Reads: NodeFiles with role `cniConfig` (/etc/cni/net.d). Allows: mode ≤ 0600, root:root.
    static let cniFiles = control(
        id: "BW-S8-301", section: .s8, severity: .low,
        title: "CNI configuration files on nodes are mode 600 or stricter and owned by root",
        remediation: "chmod 600 and chown root:root the files in /etc/cni/net.d; whoever can write them changes how every pod's network (and its NetworkPolicy enforcement) is set up.",
        cis: ["1.1.9", "1.1.10"],
        rule: Rule(roles: ["cniConfig"], maxMode: 0o600, what: "CNI configuration files", purposes: ["cni"]))

    // MARK: BW-S11-301

    /// Reads: the NodeFile with `purpose: etcdDataDir` (etcd's --data-dir, default /var/lib/etcd).
    /// Allows: mode ≤ 0700, owned by etcd:etcd (CIS) or root:root (kubeadm runs etcd as root).
    static let etcdDataDirectory = control(
        id: "BW-S11-301", section: .s11, severity: .high,
        title: "etcd data directory is mode 700 or stricter",
        remediation: "chmod 700 the etcd data directory (kubeadm: /var/lib/etcd) and chown it to the user etcd runs as (etcd:etcd, or root:root where etcd runs as root).",
        cis: ["1.1.11", "1.1.12"],
        rule: Rule(roles: ["other"], maxMode: 0o700, what: "etcd data directories", purposes: ["etcdData"],
                   unsearched: " (no etcd process or static pod on the node)", owners: ["root:root", "etcd:etcd"],
                   accepts: { $0.value["purpose"]?.string == "etcdDataDir" }))

    // MARK: BW-S16-301

    /// Reads: NodeFiles with role `encryptionConfig` (the file kube-apiserver's
    /// --encryption-provider-config names). Allows: mode ≤ 0600, root:root (SPEC S16).
    static let encryptionConfig = control(
        id: "BW-S16-301", section: .s16, severity: .high,
        title: "EncryptionConfiguration file is mode 600 or stricter and owned by root",
        remediation: "chmod 600 and chown root:root the file named by --encryption-provider-config: it holds the keys that encrypt every Secret.",
        cis: [],
        rule: Rule(roles: ["encryptionConfig"], maxMode: 0o600, what: "EncryptionConfiguration files", purposes: ["referencedDocuments"],
                   unsearched: " (no kube-apiserver on the node names one with --encryption-provider-config)"))
}
