import BulwarkModel
import BulwarkComponentConfig

/// S1 TLS for all API traffic, from component flags, kubelet configuration and kubeconfigs.
/// Probes of live ports belong to `bulwark probe`.
public enum S1TLS {
    public static let controls: [Control] = [
        apiServerServingCertificate, apiServerInsecurePort, tlsMinimumVersion, tlsCipherSuites,
        kubeletServingCertificate, kubeletReadOnlyPort, etcdClientTLS, etcdPeerTLS, etcdAutoTLS,
        controlPlaneBindAddress, kubeconfigTLS,
    ]

    /// Cipher suites CIS 1.2.29 / 4.2.12 accept (AEAD with forward secrecy, plus the TLS 1.3 suites).
    static let strongCipherSuites: Set<String> = [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ]

    static let weakTLSVersions: Set<String> = ["VersionTLS10", "VersionTLS11"]

    // MARK: BW-S1-001

    /// Reads: kube-apiserver `--tls-cert-file`, `--tls-private-key-file`.
    /// Allows: both set. Unset, the API server serves a self-signed certificate it generates in
    /// `--cert-dir`, which clients can only trust by skipping verification.
    static let apiServerServingCertificate = Control(
        id: "BW-S1-001", section: .s1, severity: .high,
        title: "kube-apiserver serves TLS with a configured certificate and key",
        remediation: "Set --tls-cert-file and --tls-private-key-file on kube-apiserver to a certificate signed by the cluster CA (kubeadm: /etc/kubernetes/pki/apiserver.crt and apiserver.key).",
        references: ["cis": ["1.2.24"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has --tls-cert-file and --tls-private-key-file") { api in
            ["tls-cert-file", "tls-private-key-file"].compactMap { flag in
                api.flags.value(flag).map { _ in nil } ?? api.violation(
                    flag: flag, value: ComponentInstance.unset,
                    message: "\(api.name): --\(flag) is not set, so the API server serves a self-signed certificate it generated itself; clients then cannot verify it without skipping TLS verification")
            }
        }
    }

    // MARK: BW-S1-002

    /// Reads: kube-apiserver `--insecure-port`, `--insecure-bind-address`, the component's version.
    /// Allows: before 1.20 `--insecure-port=0`; from 1.20 the port is locked to 0; from 1.24 the
    /// flags are removed (their presence stops the API server from starting: low).
    /// Unset before 1.20 means port 8080 on 127.0.0.1 (high: any local process is cluster-admin).
    static let apiServerInsecurePort = Control(
        id: "BW-S1-002", section: .s1, severity: .critical,
        title: "kube-apiserver has no insecure (plain HTTP, unauthenticated) port",
        remediation: "Set --insecure-port=0 (Kubernetes before 1.20) and remove --insecure-bind-address; from 1.24 remove both flags, which no longer exist.",
        references: ["kubescape": ["C-0005"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver serves no insecure port") { api in
            let version = context.version(of: api)
            let port = api.flags.value("insecure-port")
            let bind = api.flags.value("insecure-bind-address")
            if version >= KubeVersion(1, 24) {
                return ["insecure-port", "insecure-bind-address"].compactMap { flag in
                    guard let v = api.flags.value(flag) else { return nil }
                    return api.violation(flag: flag, value: v, message: "\(api.name) \(version): --\(flag) was removed in Kubernetes 1.24; the API server refuses to start with it", severity: .low)
                }
            }
            if version >= KubeVersion(1, 20) {
                guard let port, port != "0" else { return [] }
                return [api.violation(flag: "insecure-port", value: port, message: "\(api.name) \(version): --insecure-port can only be 0 since Kubernetes 1.20; the API server refuses to start with \(port)", severity: .low)]
            }
            switch port {
            case "0"?: return []
            case nil:
                return [api.violation(flag: "insecure-port", value: ComponentInstance.unset,
                                      message: "\(api.name) \(version): --insecure-port is unset, so the API server serves plain HTTP on port 8080 at \(bind ?? "127.0.0.1") with no authentication or authorization", severity: bind == nil || bind?.hasPrefix("127.") == true ? .high : nil)]
            case let p?:
                let onLoopback = (bind ?? "127.0.0.1").hasPrefix("127.") || bind == "localhost"
                return [api.violation(flag: "insecure-port", value: p,
                                      message: "\(api.name) \(version): serves plain HTTP on port \(p) at \(bind ?? "127.0.0.1") with no authentication or authorization\(onLoopback ? " (loopback only: every local process is cluster-admin)" : "")",
                                      severity: onLoopback ? .high : nil)]
            }
        }
    }

    // MARK: BW-S1-003

    /// Reads: `--tls-min-version` of kube-apiserver, kube-controller-manager, kube-scheduler; the
    /// kubelet's `tlsMinVersion`. Allows: VersionTLS12 or VersionTLS13. Unset: Go's server default,
    /// TLS 1.2 in builds with Go 1.22+ (Kubernetes 1.30+), TLS 1.0 before (low).
    static let tlsMinimumVersion = Control(
        id: "BW-S1-003", section: .s1, severity: .medium,
        title: "Components accept no TLS version below 1.2",
        remediation: "Set --tls-min-version=VersionTLS12 (or VersionTLS13) on kube-apiserver, kube-controller-manager and kube-scheduler, and tlsMinVersion: VersionTLS12 in the KubeletConfiguration.",
        reads: ObjectKinds.controlPlanePods + ["KubeletConfiguration"]
    ) { context in
        let kinds: [ComponentKind] = [.apiServer, .controllerManager, .scheduler]
        let instances = kinds.flatMap(context.componentConfig.instances)
        let kubelets = context.componentConfig.kubelets
        guard !instances.isEmpty || !kubelets.isEmpty else { return .notAssessed("no kube-apiserver, kube-controller-manager, kube-scheduler manifest or KubeletConfiguration in input") }
        var violations: [Violation] = []
        for c in instances {
            let version = context.version(of: c)
            if let v = c.flags.value("tls-min-version") {
                if weakTLSVersions.contains(v) {
                    violations.append(c.violation(flag: "tls-min-version", value: v, message: "\(c.name) accepts \(v == "VersionTLS10" ? "TLS 1.0" : "TLS 1.1"), which has known weaknesses"))
                }
            } else if version < KubeVersion(1, 30) {
                violations.append(c.violation(flag: "tls-min-version", value: ComponentInstance.unset,
                                              message: "\(c.name) \(version): --tls-min-version is unset; builds before Kubernetes 1.30 (Go < 1.22) accept TLS 1.0 by default", severity: .low))
            }
        }
        let target = KubeVersion(context.settings.kubeVersion.major, context.settings.kubeVersion.minor)
        for k in kubelets {
            let s = k.setting(KubeletSettings.tlsMinVersion)
            if let v = s.string, weakTLSVersions.contains(v) {
                violations.append(k.violation(KubeletSettings.tlsMinVersion, setting: s, message: "kubelet accepts \(v)"))
            } else if s.string == nil, target < KubeVersion(1, 30) {
                violations.append(k.violation(KubeletSettings.tlsMinVersion, setting: s, message: "kubelet \(target): tlsMinVersion is unset; builds before Kubernetes 1.30 (Go < 1.22) accept TLS 1.0 by default", severity: .low))
            }
        }
        return .from(violations, pass: "no component accepts TLS below 1.2 (\(instances.count) control-plane components, \(kubelets.count) kubelets)")
    }

    // MARK: BW-S1-004

    /// Reads: `--tls-cipher-suites` of kube-apiserver, controller-manager, scheduler; etcd
    /// `--cipher-suites`; the kubelet's `tlsCipherSuites`. Allows: unset (Go's default list, which
    /// has no RC4, 3DES or CBC-SHA256 suites) or only suites of the CIS allow-list.
    static let tlsCipherSuites = Control(
        id: "BW-S1-004", section: .s1, severity: .medium,
        title: "Components offer only strong TLS cipher suites",
        remediation: "Limit --tls-cipher-suites (kubelet: tlsCipherSuites; etcd: --cipher-suites) to AEAD suites with forward secrecy, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.",
        references: ["cis": ["1.2.29", "4.2.12"]],
        reads: ObjectKinds.controlPlanePods + ["KubeletConfiguration"]
    ) { context in
        let kinds: [ComponentKind] = [.apiServer, .controllerManager, .scheduler, .etcd]
        let instances = kinds.flatMap(context.componentConfig.instances)
        let kubelets = context.componentConfig.kubelets
        guard !instances.isEmpty || !kubelets.isEmpty else { return .notAssessed("no control-plane manifest or KubeletConfiguration in input") }
        var violations: [Violation] = []
        for c in instances {
            let flag = c.kind == .etcd ? "cipher-suites" : "tls-cipher-suites"
            let weak = c.flags.list(flag).filter { !strongCipherSuites.contains($0) }
            if !weak.isEmpty {
                violations.append(c.violation(flag: flag, value: weak.joined(separator: ","), message: "\(c.name) offers cipher suites outside the strong list: \(weak.joinedForMessage)"))
            }
        }
        for k in kubelets {
            let s = k.setting(KubeletSettings.tlsCipherSuites)
            let weak = (s.value?.array ?? []).compactMap(\.string).filter { !strongCipherSuites.contains($0) }
            if !weak.isEmpty {
                violations.append(k.violation(KubeletSettings.tlsCipherSuites, setting: s, message: "kubelet offers cipher suites outside the strong list: \(weak.joinedForMessage)"))
            }
        }
        return .from(violations, pass: "every configured cipher suite list holds only strong suites (unset lists use Go's secure default)")
    }

    // MARK: BW-S1-005

    /// Reads: kubelet `tlsCertFile`/`tlsPrivateKeyFile` (`--tls-cert-file`/`--tls-private-key-file`)
    /// and `serverTLSBootstrap` (`--rotate-server-certificates`). Allows: a certificate and key, or
    /// a serving certificate requested from the cluster. Otherwise the kubelet serves a
    /// self-signed certificate and the API server cannot verify it.
    static let kubeletServingCertificate = Control(
        id: "BW-S1-005", section: .s1, severity: .medium,
        title: "Kubelet serves TLS with a certificate the API server can verify",
        remediation: "Set serverTLSBootstrap: true in the KubeletConfiguration (and approve the kubelet-serving CSRs), or set tlsCertFile and tlsPrivateKeyFile to a certificate signed by the cluster CA.",
        references: ["cis": ["4.2.9"]],
        reads: ["KubeletConfiguration"]
    ) { context in
        context.evaluateKubelets(pass: "every kubelet has a serving certificate or requests one") { k in
            let cert = k.setting(KubeletSettings.tlsCertFile), key = k.setting(KubeletSettings.tlsPrivateKeyFile)
            let bootstrap = k.setting(KubeletSettings.serverTLSBootstrap)
            if bootstrap.bool == true || (cert.string != nil && key.string != nil) { return [] }
            return [k.violation(KubeletSettings.serverTLSBootstrap, setting: bootstrap,
                                message: "kubelet has neither tlsCertFile/tlsPrivateKeyFile nor serverTLSBootstrap: it serves a self-signed certificate, so the API server cannot verify the kubelet it sends exec, logs and port-forward traffic to")]
        }
    }

    // MARK: BW-S1-006

    /// Reads: kubelet `readOnlyPort` / `--read-only-port`. Allows: 0. The default is 0 with a
    /// config file and 10255 with flags only.
    static let kubeletReadOnlyPort = Control(
        id: "BW-S1-006", section: .s1, severity: .high,
        title: "Kubelet read-only HTTP port is disabled",
        remediation: "Set readOnlyPort: 0 in the KubeletConfiguration (or --read-only-port=0).",
        references: ["cis": ["4.2.4"]],
        reads: ["KubeletConfiguration"]
    ) { context in
        context.evaluateKubelets(pass: "every kubelet has the read-only port disabled") { k in
            let s = k.setting(KubeletSettings.readOnlyPort)
            guard let port = s.int, port != 0 else { return [] }
            return [k.violation(KubeletSettings.readOnlyPort, setting: s,
                                message: "kubelet serves plain HTTP on port \(port) without authentication: anyone who can reach the node reads its pods' specs, environment and metrics")]
        }
    }

    // MARK: BW-S1-007

    /// Reads: etcd `--cert-file`, `--key-file`, `--listen-client-urls`, `--advertise-client-urls`.
    /// Allows: cert and key set and every client URL https (or unix socket).
    static let etcdClientTLS = Control(
        id: "BW-S1-007", section: .s1, severity: .high,
        title: "etcd serves clients over TLS with a certificate and key",
        remediation: "Set --cert-file and --key-file on etcd and use https:// in --listen-client-urls and --advertise-client-urls.",
        references: ["cis": ["2.1"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd serves clients over TLS") { etcd in
            etcdTLSViolations(etcd, files: ["cert-file", "key-file"], urls: ["listen-client-urls", "advertise-client-urls"],
                              unsetMeans: "etcd serves clients without TLS",
                              plainURL: { "client URL \($0) is plain HTTP; every key, Secrets included, crosses it in clear" })
        }
    }

    /// etcd's certificate and key flags that are unset, and its URLs that are plain `http://`.
    static func etcdTLSViolations(_ etcd: ComponentInstance, files: [String], urls: [String], unsetMeans: String,
                                  plainURL: (String) -> String) -> [Violation] {
        let unset = files.flatMap { flag in etcd.requireSet(flag, "--\(flag) is not set, so \(unsetMeans)") }
        let plain = urls.compactMap { flag -> Violation? in
            let plain = etcd.flags.list(flag).filter { $0.hasPrefix("http://") }
            guard !plain.isEmpty else { return nil }
            return etcd.violation(flag: flag, value: plain.joined(separator: ","), message: "\(etcd.name): \(plainURL(plain.joinedForMessage))")
        }
        return unset + plain
    }

    // MARK: BW-S1-008

    /// Reads: etcd `--peer-cert-file`, `--peer-key-file`, `--listen-peer-urls`,
    /// `--initial-advertise-peer-urls`. Allows: cert and key set and every peer URL https.
    static let etcdPeerTLS = Control(
        id: "BW-S1-008", section: .s1, severity: .high,
        title: "etcd members talk to each other over TLS",
        remediation: "Set --peer-cert-file and --peer-key-file on every etcd member and use https:// in --listen-peer-urls and --initial-advertise-peer-urls.",
        references: ["cis": ["2.4"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd peer traffic uses TLS") { etcd in
            etcdTLSViolations(etcd, files: ["peer-cert-file", "peer-key-file"], urls: ["listen-peer-urls", "initial-advertise-peer-urls"],
                              unsetMeans: "replication between members is not encrypted",
                              plainURL: { "peer URL \($0) is plain HTTP" })
        }
    }

    // MARK: BW-S1-009

    /// Reads: etcd `--auto-tls`, `--peer-auto-tls`. Allows: unset or false. Auto TLS uses
    /// self-signed certificates that no one verifies.
    static let etcdAutoTLS = Control(
        id: "BW-S1-009", section: .s1, severity: .high,
        title: "etcd does not use self-signed auto TLS",
        remediation: "Remove --auto-tls and --peer-auto-tls (or set them to false) and give etcd certificates from a dedicated etcd CA.",
        references: ["cis": ["2.3", "2.6"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateEtcd(pass: "etcd auto TLS is off") { etcd in
            ["auto-tls", "peer-auto-tls"].compactMap { flag in
                guard etcd.flags.bool(flag) == true else { return nil }
                return etcd.violation(flag: flag, value: etcd.shown(flag), message: "\(etcd.name): --\(flag) generates a self-signed certificate, and etcd then accepts \(flag == "auto-tls" ? "clients" : "peers") it cannot authenticate")
            }
        }
    }

    // MARK: BW-S1-010

    /// Reads: kube-controller-manager and kube-scheduler `--bind-address`, `--secure-port`, and the
    /// removed insecure `--port`/`--address`. Allows: `--bind-address` 127.0.0.1 (or ::1), or the
    /// secure port disabled (`--secure-port=0`); insecure `--port` 0 or unset on 1.24+. The
    /// documented default bind address is 0.0.0.0 (all interfaces): unset fails here although
    /// kube-bench passes it.
    static let controlPlaneBindAddress = Control(
        id: "BW-S1-010", section: .s1, severity: .medium,
        title: "kube-controller-manager and kube-scheduler listen only on localhost",
        remediation: "Set --bind-address=127.0.0.1 on kube-controller-manager and kube-scheduler (kubeadm does), and --port=0 on versions that still had the insecure port.",
        references: ["cis": ["1.3.7", "1.4.2"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        let instances = context.componentConfig.instances(.controllerManager) + context.componentConfig.instances(.scheduler)
        guard !instances.isEmpty else { return .notAssessed("no kube-controller-manager or kube-scheduler manifest in input") }
        var violations: [Violation] = []
        for c in instances {
            let version = context.version(of: c)
            if let port = c.flags.value("port"), port != "0", version < KubeVersion(1, 24) {
                violations.append(c.violation(flag: "port", value: port, message: "\(c.name) serves plain HTTP (no authentication) on port \(port) at \(c.flags.value("address") ?? "0.0.0.0")", severity: .high))
            } else if c.flags.value("port") == nil, version < KubeVersion(1, 20) {
                violations.append(c.violation(flag: "port", value: ComponentInstance.unset, message: "\(c.name) \(version): --port is unset, so it serves plain HTTP on its insecure port (\(c.kind == .scheduler ? 10251 : 10252)) at \(c.flags.value("address") ?? "0.0.0.0")", severity: .high))
            }
            if c.flags.value("secure-port") == "0" { continue }
            let bind = c.flags.value("bind-address")
            if bind == "127.0.0.1" || bind == "::1" || bind == "localhost" { continue }
            violations.append(c.violation(flag: "bind-address", value: bind ?? ComponentInstance.unset,
                                          message: "\(c.name) serves its HTTPS port (\(c.kind == .scheduler ? 10259 : 10257)) on \(bind.map { $0 == "0.0.0.0" || $0 == "::" ? "all interfaces (\($0))" : $0 } ?? "all interfaces (default 0.0.0.0)"); metrics, profiling and health endpoints are reachable from the network"))
        }
        return .from(violations, pass: "kube-controller-manager and kube-scheduler listen on localhost only")
    }

    // MARK: BW-S1-011

    /// Reads: kubeconfig documents (`kind: Config`): `clusters[*].cluster.insecure-skip-tls-verify`
    /// and `server`. Allows: verification on and an https server.
    static let kubeconfigTLS = Control(
        id: "BW-S1-011", section: .s1, severity: .high,
        title: "Kubeconfigs verify the API server's certificate over https",
        remediation: "Remove insecure-skip-tls-verify and set certificate-authority(-data) to the cluster CA; use an https:// server URL.",
        reads: []
    ) { context in
        let configs = context.componentConfig.kubeconfigs
        guard !configs.isEmpty else { return .notAssessed("no kubeconfig (kind: Config) in input") }
        var violations: [Violation] = []
        for object in configs {
            for cluster in Kubeconfig(object).clusters {
                if cluster.insecureSkipTLSVerify {
                    violations.append(Violation(object: object, path: cluster.path.appending("insecure-skip-tls-verify"), value: "true",
                                                message: "cluster \"\(cluster.name)\": insecure-skip-tls-verify lets anyone on the path impersonate the API server and capture the credentials sent to it"))
                }
                if let server = cluster.server, server.hasPrefix("http://") {
                    violations.append(Violation(object: object, path: cluster.path.appending("server"), value: ComponentControls.redacted(server),
                                                message: "cluster \"\(cluster.name)\": server is plain HTTP; credentials and every response cross the network in clear"))
                }
            }
        }
        return .from(violations, pass: "every kubeconfig cluster uses https with verification (\(configs.count) kubeconfigs)")
    }
}
