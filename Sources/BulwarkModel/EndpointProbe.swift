/// What `bulwark probe` observed at one HOST:PORT, as an inventory object
/// (`apiVersion: probe.bulwark.io/v1`, `kind: EndpointProbe`, `metadata.name: HOST:PORT`), so that
/// the probe controls are pure functions over the inventory like every other control. The probe
/// module writes it with `object`; controls read it back with `init?(object:)`.
///
/// Nothing secret is ever stored here: no response bodies, no Secret values (only whether each
/// sampled Secret key's stored value starts with `k8s:enc:`).
public struct EndpointProbe: Sendable, Equatable {
    public static let apiVersion = "probe.bulwark.io/v1"
    public static let kind = "EndpointProbe"

    /// What the port is expected to be, from its well-known number or from `COMPONENT=HOST:PORT`.
    public enum Component: String, Sendable, CaseIterable {
        case apiServer = "kube-apiserver"
        /// The removed plain-HTTP API port (8080).
        case insecureAPI = "kube-apiserver-insecure"
        case kubelet
        case kubeletReadOnly = "kubelet-read-only"
        case etcd
        case etcdPeer = "etcd-peer"
        case controllerManager = "kube-controller-manager"
        case scheduler = "kube-scheduler"
        case unknown

        /// The component a well-known port belongs to.
        public static func wellKnown(port: Int) -> Component {
            switch port {
            case 6443: return .apiServer
            case 8080: return .insecureAPI
            case 10250: return .kubelet
            case 10255: return .kubeletReadOnly
            case 2379: return .etcd
            case 2380: return .etcdPeer
            case 10257: return .controllerManager
            case 10259: return .scheduler
            default: return .unknown
            }
        }

        public var isEtcd: Bool { self == .etcd || self == .etcdPeer }
    }

    /// Whether the port could be reached at all.
    public enum Reachability: String, Sendable {
        case listening
        /// Connection refused: nothing serves this port, so its exposure is absent.
        case notListening = "not-listening"
        /// No answer in time (filtered, or accepts TCP but never speaks): not assessed.
        case timedOut = "timed-out"
        /// Any other failure (name resolution, network unreachable): not assessed.
        case failed
    }

    /// An unauthenticated HTTP request and the status it got.
    public struct HTTPAnswer: Sendable, Equatable {
        public var method: String
        public var path: String
        /// Over TLS (`https`) or plain (`http`).
        public var scheme: String
        public var status: Int
        public init(method: String, path: String, scheme: String, status: Int) {
            self.method = method; self.path = path; self.scheme = scheme; self.status = status
        }
        public var summary: String { "\(method) \(scheme)://…\(path) → \(status)" }
        public var isSuccess: Bool { (200..<300).contains(status) }
    }

    /// The S16 live check: a sample of the keys under `/registry/secrets/` and whether each stored
    /// value starts with `k8s:enc:`. Holds key names and provider names only.
    public struct SecretsAtRest: Sendable, Equatable {
        public var sampled: Int
        public var encrypted: Int
        /// Keys whose value is stored in clear (at most a few, for the message).
        public var plainKeys: [String]
        /// Providers seen in `k8s:enc:PROVIDER:…` prefixes (e.g. `aescbc`, `kms`).
        public var providers: [String]
        /// Why the check could not be done (TLS failure, permission, no Secret keys).
        public var error: String?
        public init(sampled: Int = 0, encrypted: Int = 0, plainKeys: [String] = [], providers: [String] = [], error: String? = nil) {
            self.sampled = sampled; self.encrypted = encrypted; self.plainKeys = plainKeys; self.providers = providers; self.error = error
        }
    }

    public var host: String
    public var port: Int
    public var component: Component
    public var reachability: Reachability
    /// Why the port was not reachable, or what failed while probing it.
    public var errors: [String]
    /// True when the port completes a TLS handshake; false when it answers in plain text; nil when unknown.
    public var tls: Bool?
    /// The server demanded a client certificate (mutual TLS).
    public var clientCertificateRequired: Bool?
    /// TLS versions the port accepted, as `TLSv1.0` … `TLSv1.3`; nil when not tested.
    public var tlsVersions: [String]?
    /// TLS ≤ 1.2 cipher suites (IANA names) the port accepted; nil when not tested.
    public var cipherSuites: [String]?
    /// A plain-HTTP request answered with an HTTP status.
    public var plainHTTP: HTTPAnswer?
    /// A request without any credentials (kubelet `/pods`, etcd `/version`, API `/api`) and its answer.
    public var anonymous: HTTPAnswer?
    public var secretsAtRest: SecretsAtRest?

    public init(host: String, port: Int, component: Component, reachability: Reachability, errors: [String] = [],
                tls: Bool? = nil, clientCertificateRequired: Bool? = nil, tlsVersions: [String]? = nil,
                cipherSuites: [String]? = nil, plainHTTP: HTTPAnswer? = nil, anonymous: HTTPAnswer? = nil,
                secretsAtRest: SecretsAtRest? = nil) {
        self.host = host; self.port = port; self.component = component; self.reachability = reachability
        self.errors = errors; self.tls = tls; self.clientCertificateRequired = clientCertificateRequired
        self.tlsVersions = tlsVersions; self.cipherSuites = cipherSuites; self.plainHTTP = plainHTTP
        self.anonymous = anonymous; self.secretsAtRest = secretsAtRest
    }

    /// `HOST:PORT`, with IPv6 hosts bracketed.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    // MARK: To and from an inventory object

    public var object: KubeObject {
        var status = Mapping()
        status.set("reachability", .string(reachability.rawValue))
        if !errors.isEmpty { status.set("errors", .array(errors.map(Value.string))) }
        if let tls { status.set("tls", .bool(tls)) }
        if let clientCertificateRequired { status.set("clientCertificateRequired", .bool(clientCertificateRequired)) }
        if let tlsVersions { status.set("tlsVersions", .array(tlsVersions.map(Value.string))) }
        if let cipherSuites { status.set("cipherSuites", .array(cipherSuites.map(Value.string))) }
        if let plainHTTP { status.set("plainHTTP", Self.value(plainHTTP)) }
        if let anonymous { status.set("anonymous", Self.value(anonymous)) }
        if let s = secretsAtRest {
            var m = Mapping()
            m.set("sampled", .int(s.sampled))
            m.set("encrypted", .int(s.encrypted))
            m.set("plainKeys", .array(s.plainKeys.map(Value.string)))
            m.set("providers", .array(s.providers.map(Value.string)))
            if let e = s.error { m.set("error", .string(e)) }
            status.set("secretsAtRest", .mapping(m))
        }
        return KubeObject([
            "apiVersion": .string(Self.apiVersion), "kind": .string(Self.kind),
            "metadata": ["name": .string(endpoint)],
            "spec": ["host": .string(host), "port": .int(port), "component": .string(component.rawValue)],
            "status": .mapping(status),
        ])
    }

    public init?(object: KubeObject) {
        guard object.kind == Self.kind, object.apiVersion == Self.apiVersion,
              let spec = object.value["spec"], let host = spec["host"]?.string, let port = spec["port"]?.int,
              let status = object.value["status"],
              let reachability = status["reachability"]?.string.flatMap(Reachability.init(rawValue:)) else { return nil }
        self.host = host
        self.port = port
        self.component = spec["component"]?.string.flatMap(Component.init(rawValue:)) ?? .unknown
        self.reachability = reachability
        self.errors = status["errors"]?.array?.compactMap(\.string) ?? []
        self.tls = status["tls"]?.bool
        self.clientCertificateRequired = status["clientCertificateRequired"]?.bool
        self.tlsVersions = status["tlsVersions"]?.array?.compactMap(\.string)
        self.cipherSuites = status["cipherSuites"]?.array?.compactMap(\.string)
        self.plainHTTP = status["plainHTTP"].flatMap(Self.answer)
        self.anonymous = status["anonymous"].flatMap(Self.answer)
        if let s = status["secretsAtRest"] {
            self.secretsAtRest = SecretsAtRest(
                sampled: s["sampled"]?.int ?? 0, encrypted: s["encrypted"]?.int ?? 0,
                plainKeys: s["plainKeys"]?.array?.compactMap(\.string) ?? [],
                providers: s["providers"]?.array?.compactMap(\.string) ?? [], error: s["error"]?.string)
        } else {
            self.secretsAtRest = nil
        }
    }

    private static func value(_ a: HTTPAnswer) -> Value {
        ["method": .string(a.method), "path": .string(a.path), "scheme": .string(a.scheme), "status": .int(a.status)]
    }

    private static func answer(_ v: Value) -> HTTPAnswer? {
        guard let status = v["status"]?.int else { return nil }
        return HTTPAnswer(method: v["method"]?.string ?? "GET", path: v["path"]?.string ?? "/",
                          scheme: v["scheme"]?.string ?? "http", status: status)
    }
}
