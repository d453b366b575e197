import BulwarkModel

/// A typed view of a kubeconfig (`kind: Config`): clusters, users and contexts. Credentials are
/// only tested for presence; their values are never read into findings.
public struct Kubeconfig: Sendable {
    public var object: KubeObject
    public var clusters: [Cluster]
    public var users: [User]
    public var contexts: [Context]

    public struct Cluster: Sendable {
        public var name: String
        public var server: String?
        public var insecureSkipTLSVerify: Bool
        public var path: FieldPath
    }

    public struct User: Sendable {
        public var name: String
        public var hasClientCertificate: Bool
        public var hasToken: Bool
        public var hasExecOrAuthProvider: Bool
        public var hasBasicAuth: Bool
        public var path: FieldPath
        public var hasCredentials: Bool { hasClientCertificate || hasToken || hasExecOrAuthProvider || hasBasicAuth }
    }

    public struct Context: Sendable {
        public var name: String
        public var cluster: String
        public var user: String
        public var path: FieldPath
    }

    public init(_ object: KubeObject) {
        self.object = object
        let v = object.value
        clusters = (v["clusters"]?.array ?? []).enumerated().map { i, c in
            let body = c["cluster"]
            return Cluster(name: c["name"]?.string ?? "", server: body?["server"]?.string,
                           insecureSkipTLSVerify: body?["insecure-skip-tls-verify"]?.bool == true,
                           path: FieldPath("clusters").appending(index: i).appending("cluster"))
        }
        users = (v["users"]?.array ?? []).enumerated().map { i, u in
            let body = u["user"]
            func has(_ key: String) -> Bool {
                guard let x = body?[key] else { return false }
                if let s = x.string { return !s.isEmpty }
                return !x.isNull
            }
            return User(name: u["name"]?.string ?? "",
                        hasClientCertificate: (has("client-certificate") || has("client-certificate-data")) && (has("client-key") || has("client-key-data")),
                        hasToken: has("token") || has("tokenFile"),
                        hasExecOrAuthProvider: has("exec") || has("auth-provider"),
                        hasBasicAuth: has("username") && has("password"),
                        path: FieldPath("users").appending(index: i).appending("user"))
        }
        contexts = (v["contexts"]?.array ?? []).enumerated().map { i, c in
            Context(name: c["name"]?.string ?? "", cluster: c["context"]?["cluster"]?.string ?? "",
                    user: c["context"]?["user"]?.string ?? "", path: FieldPath("contexts").appending(index: i).appending("context"))
        }
    }
}
