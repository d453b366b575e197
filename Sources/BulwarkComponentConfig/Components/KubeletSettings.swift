import BulwarkModel

/// The kubelet's effective configuration: a KubeletConfiguration file (with the v1beta1 file
/// defaults), flags over it (flags override the file, as the kubelet does), and, with no file,
/// the flags' legacy defaults, which are much weaker (anonymous auth on, AlwaysAllow, read-only
/// port 10255). Sources: kubelet-authn-authz docs; kubelet `applyLegacyDefaults`.
public struct KubeletSettings: Sendable {
    /// The object findings name: the KubeletConfiguration, or the k3s stand-in.
    public var object: KubeObject
    public var config: Value?
    public var flags: FlagSet
    /// Used for k3s: its kubelet arguments count as explicit defaults.
    public var distribution: String?
    public var origin: String

    public init(object: KubeObject, config: Value?, flags: FlagSet = FlagSet(), distribution: String? = nil, origin: String) {
        self.object = object; self.config = config; self.flags = flags; self.distribution = distribution; self.origin = origin
    }

    public struct Key: Sendable {
        public var field: FieldPath
        public var flag: String
        public var fileDefault: Value?
        public var flagDefault: Value?
        /// The type a flag's text converts to.
        public var kind: ValueKind
        public enum ValueKind: Sendable { case bool, int, string, list }
    }

    public static let anonymousAuth = Key(field: "authentication.anonymous.enabled", flag: "anonymous-auth", fileDefault: false, flagDefault: true, kind: .bool)
    public static let webhookAuthentication = Key(field: "authentication.webhook.enabled", flag: "authentication-token-webhook", fileDefault: true, flagDefault: false, kind: .bool)
    public static let clientCAFile = Key(field: "authentication.x509.clientCAFile", flag: "client-ca-file", fileDefault: nil, flagDefault: nil, kind: .string)
    public static let authorizationMode = Key(field: "authorization.mode", flag: "authorization-mode", fileDefault: "Webhook", flagDefault: "AlwaysAllow", kind: .string)
    public static let readOnlyPort = Key(field: "readOnlyPort", flag: "read-only-port", fileDefault: 0, flagDefault: 10255, kind: .int)
    public static let tlsCertFile = Key(field: "tlsCertFile", flag: "tls-cert-file", fileDefault: nil, flagDefault: nil, kind: .string)
    public static let tlsPrivateKeyFile = Key(field: "tlsPrivateKeyFile", flag: "tls-private-key-file", fileDefault: nil, flagDefault: nil, kind: .string)
    public static let serverTLSBootstrap = Key(field: "serverTLSBootstrap", flag: "rotate-server-certificates", fileDefault: false, flagDefault: false, kind: .bool)
    public static let rotateCertificates = Key(field: "rotateCertificates", flag: "rotate-certificates", fileDefault: false, flagDefault: false, kind: .bool)
    public static let protectKernelDefaults = Key(field: "protectKernelDefaults", flag: "protect-kernel-defaults", fileDefault: false, flagDefault: false, kind: .bool)
    public static let streamingConnectionIdleTimeout = Key(field: "streamingConnectionIdleTimeout", flag: "streaming-connection-idle-timeout", fileDefault: "4h0m0s", flagDefault: "4h0m0s", kind: .string)
    public static let makeIPTablesUtilChains = Key(field: "makeIPTablesUtilChains", flag: "make-iptables-util-chains", fileDefault: true, flagDefault: true, kind: .bool)
    public static let tlsMinVersion = Key(field: "tlsMinVersion", flag: "tls-min-version", fileDefault: nil, flagDefault: nil, kind: .string)
    public static let tlsCipherSuites = Key(field: "tlsCipherSuites", flag: "tls-cipher-suites", fileDefault: nil, flagDefault: nil, kind: .list)

    public func setting(_ key: Key) -> KubeletSetting {
        if let flag = flags.last(key.flag) {
            let text = flag.effectiveValue
            let value: Value
            switch key.kind {
            case .bool: value = FlagSet.parseBool(text).map(Value.bool) ?? .string(text)
            case .int: value = Int(text).map(Value.int) ?? .string(text)
            case .string: value = .string(text)
            case .list: value = .array(flags.list(key.flag).map(Value.string))
            }
            let isDistributionDefault = flag.location == "k3s default"
            return KubeletSetting(value: value, source: isDistributionDefault ? .distributionDefault(distribution ?? "distribution") : .flag(flag))
        }
        if let config {
            if let v = config.value(at: key.field), !v.isNull { return KubeletSetting(value: v, source: .file(key.field)) }
            return KubeletSetting(value: key.fileDefault, source: .fileDefault)
        }
        if distribution != nil { return KubeletSetting(value: key.fileDefault, source: .fileDefault) }
        return KubeletSetting(value: key.flagDefault, source: .flagDefault)
    }

    /// Feature gates from the file's `featureGates` and `--feature-gates`, flags winning.
    public var featureGates: [(name: String, enabled: Bool, location: String)] {
        var out: [(String, Bool, String)] = []
        func put(_ name: String, _ on: Bool, _ at: String) {
            if let i = out.firstIndex(where: { $0.0 == name }) { out[i] = (name, on, at) } else { out.append((name, on, at)) }
        }
        for e in config?["featureGates"]?.mapping?.entries ?? [] {
            if let b = e.value.bool ?? e.value.string.flatMap(FlagSet.parseBool) { put(e.key, b, "featureGates.\(e.key)") }
        }
        for s in flags.map("feature-gates") { if let b = FlagSet.parseBool(s.value) { put(s.key, b, "--feature-gates at \(s.flag.location)") } }
        return out
    }
}
