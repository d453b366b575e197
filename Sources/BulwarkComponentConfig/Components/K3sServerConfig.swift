import BulwarkModel

/// A k3s server's configuration: `/etc/rancher/k3s/config.yaml` (keys named like the flags,
/// `kube-apiserver-arg:` lists) or the `k3s server …` command line. k3s runs no control-plane
/// pods; it starts each component in-process with its own defaults (pkg/daemons/control/server.go
/// and the agent's kubelet arguments), then appends the `*-arg` values, which win.
public struct K3sServerConfig: Sendable {
    /// The document as read (a mapping).
    public var settings: Value
    /// The file or "k3s server command line", for messages.
    public var source: String

    public init(settings: Value, source: String) {
        self.settings = settings; self.source = source
    }

    /// Reads `k3s server --cluster-init --kube-apiserver-arg=audit-log-path=/x …` (the leading
    /// `k3s` and `server` are optional).
    public init(commandLine arguments: [String], source: String = "k3s server command line") {
        var tokens = arguments
        if let first = tokens.first, first.hasSuffix("k3s") { tokens.removeFirst() }
        if tokens.first == "server" { tokens.removeFirst() }
        let flags = FlagSet.parse(tokens.enumerated().map { CommandLineToken($1, location: "argv[\($0 + 1)]") },
                                  booleanFlags: Self.booleanKeys)
        var m = Mapping()
        for flag in flags.occurrences {
            if flag.name.hasSuffix("-arg") || flag.name == "disable" {
                var list = m[flag.name]?.array ?? []
                list.append(.string(flag.effectiveValue))
                m.set(flag.name, .array(list))
            } else if Self.booleanKeys.contains(flag.name) {
                m.set(flag.name, .bool(FlagSet.parseBool(flag.effectiveValue) ?? true))
            } else {
                m.set(flag.name, .string(flag.effectiveValue))
            }
        }
        self.init(settings: .mapping(m), source: source)
    }

    static let booleanKeys: Set<String> = ["cluster-init", "secrets-encryption", "protect-kernel-defaults", "disable-apiserver",
                                           "disable-scheduler", "disable-controller-manager", "disable-etcd", "selinux",
                                           "disable-network-policy", "disable-cloud-controller", "disable-kube-proxy"]

    public var dataDir: String { settings["data-dir"]?.string ?? "/var/lib/rancher/k3s" }

    func bool(_ key: String) -> Bool {
        switch settings[key] {
        case .bool(let b)?: return b
        case .string(let s)?: return FlagSet.parseBool(s) ?? false
        default: return false
        }
    }

    /// Where Kubernetes data lives: k3s's default SQLite (through kine), embedded etcd
    /// (`cluster-init`, or joining another server without a datastore endpoint), or an external
    /// datastore named by `datastore-endpoint`.
    public enum Datastore: Sendable, Equatable {
        case sqlite
        case embeddedEtcd
        case external(endpoint: String, isEtcd: Bool)
    }

    public var datastore: Datastore {
        if let endpoint = settings["datastore-endpoint"]?.string, !endpoint.isEmpty {
            let isEtcd = endpoint.hasPrefix("https://") || endpoint.hasPrefix("http://") || endpoint.hasPrefix("etcd")
            return .external(endpoint: endpoint, isEtcd: isEtcd)
        }
        if bool("cluster-init") || settings["server"]?.string != nil { return .embeddedEtcd }
        return .sqlite
    }

    /// The `*-arg` values for one component, as flags; written `name=value` without dashes.
    func extraArgs(_ key: String) -> FlagSet {
        let values: [Value]
        switch settings[key] {
        case .array(let a)?: values = a
        case .string(let s)?: values = [.string(s)]
        default: values = []
        }
        let tokens = values.enumerated().compactMap { i, v -> CommandLineToken? in
            guard let s = v.string else { return nil }
            let text = s.hasPrefix("-") ? s : "--" + s
            return CommandLineToken(text, location: "\(key)[\(i)]", fieldPath: FieldPath(key).appending(index: i))
        }
        return FlagSet.parse(tokens)
    }

    /// A stand-in object that names the config in findings.
    public var object: KubeObject {
        KubeObject(["apiVersion": "k3s.cattle.io/config", "kind": "K3sServerConfig", "metadata": ["name": .string(source)]],
                   source: SourceLocation(file: source, document: 0, line: 1))
    }

    /// The components this server runs, each with k3s's defaults then the user's extra args.
    public var components: [ComponentInstance] {
        var out: [ComponentInstance] = []
        func add(_ kind: ComponentKind, _ defaults: [(String, String)], argsKey: String) {
            var flags = FlagSet()
            for (name, value) in defaults {
                flags.append(CommandLineFlag(name: name, value: value, location: "k3s default"))
            }
            out.append(ComponentInstance(kind: kind, object: object, flags: flags.overridden(by: extraArgs(argsKey)),
                                         commandPath: FieldPath(argsKey), origin: "k3s server (\(source))", distribution: .k3s))
        }
        let tls = dataDir + "/server/tls"
        if !bool("disable-apiserver") {
            var api: [(String, String)] = [
                ("anonymous-auth", "false"), ("authorization-mode", "Node,RBAC"), ("enable-admission-plugins", "NodeRestriction"),
                ("profiling", "false"), ("tls-cert-file", tls + "/serving-kube-apiserver.crt"),
                ("tls-private-key-file", tls + "/serving-kube-apiserver.key"), ("client-ca-file", tls + "/client-ca.crt"),
                ("service-account-key-file", tls + "/service.key"), ("service-account-signing-key-file", tls + "/service.current.key"),
                ("service-account-issuer", "https://kubernetes.default.svc.cluster.local"),
                ("kubelet-certificate-authority", tls + "/server-ca.crt"),
                ("kubelet-client-certificate", tls + "/client-kube-apiserver.crt"), ("kubelet-client-key", tls + "/client-kube-apiserver.key"),
            ]
            switch datastore {
            case .sqlite: api.append(("etcd-servers", "unix://kine.sock"))
            case .embeddedEtcd:
                api += [("etcd-servers", "https://127.0.0.1:2379"), ("etcd-cafile", tls + "/etcd/server-ca.crt"),
                        ("etcd-certfile", tls + "/etcd/client.crt"), ("etcd-keyfile", tls + "/etcd/client.key")]
            case .external(let endpoint, _):
                api.append(("etcd-servers", endpoint))
                for (key, flag) in [("datastore-cafile", "etcd-cafile"), ("datastore-certfile", "etcd-certfile"), ("datastore-keyfile", "etcd-keyfile")] {
                    if let v = settings[key]?.string { api.append((flag, v)) }
                }
            }
            if bool("secrets-encryption") { api.append(("encryption-provider-config", dataDir + "/server/cred/encryption-config.json")) }
            add(.apiServer, api, argsKey: "kube-apiserver-arg")
        }
        if !bool("disable-controller-manager") {
            add(.controllerManager, [("service-account-private-key-file", tls + "/service.current.key"), ("root-ca-file", tls + "/server-ca.crt"),
                                     ("use-service-account-credentials", "true"), ("profiling", "false"), ("bind-address", "127.0.0.1")],
                argsKey: "kube-controller-manager-arg")
        }
        if !bool("disable-scheduler") {
            add(.scheduler, [("profiling", "false"), ("bind-address", "127.0.0.1")], argsKey: "kube-scheduler-arg")
        }
        if datastore == .embeddedEtcd && !bool("disable-etcd") {
            let etcd = tls + "/etcd"
            add(.etcd, [("client-cert-auth", "true"), ("peer-client-cert-auth", "true"), ("cert-file", etcd + "/server-client.crt"),
                        ("key-file", etcd + "/server-client.key"), ("trusted-ca-file", etcd + "/server-ca.crt"),
                        ("peer-cert-file", etcd + "/peer-server-client.crt"), ("peer-key-file", etcd + "/peer-server-client.key"),
                        ("peer-trusted-ca-file", etcd + "/peer-ca.crt"), ("listen-client-urls", "https://127.0.0.1:2379"),
                        ("listen-peer-urls", "https://127.0.0.1:2380")], argsKey: "etcd-arg")
        }
        var kubelet: [(String, String)] = [
            ("anonymous-auth", "false"), ("authentication-token-webhook", "true"), ("authorization-mode", "Webhook"),
            ("client-ca-file", dataDir + "/agent/client-ca.crt"), ("read-only-port", "0"),
            ("tls-cert-file", dataDir + "/agent/serving-kubelet.crt"), ("tls-private-key-file", dataDir + "/agent/serving-kubelet.key"),
        ]
        if bool("protect-kernel-defaults") { kubelet.append(("protect-kernel-defaults", "true")) }
        add(.kubelet, kubelet, argsKey: "kubelet-arg")
        return out
    }

    /// Why etcd controls do not apply, when k3s keeps its data elsewhere.
    public var etcdNotApplicableReason: String? {
        switch datastore {
        case .sqlite: return "k3s server (\(source)) stores cluster data in SQLite through kine, not etcd"
        case .external(let endpoint, let isEtcd) where !isEtcd:
            return "k3s server (\(source)) stores cluster data in \(endpoint.split(separator: ":").first.map(String.init) ?? "an external database") through kine, not etcd"
        case .external: return "k3s server (\(source)) uses an external etcd not described in the input"
        case .embeddedEtcd: return bool("disable-etcd") ? "k3s server (\(source)) runs with disable-etcd" : nil
        }
    }
}
