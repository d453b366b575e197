/// Who a grant is for: a user, a group or a service account (`namespace` empty for users and groups).
public struct RBACSubject: Sendable, Hashable, Comparable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case user = "User", group = "Group", serviceAccount = "ServiceAccount"
    }

    public var kind: Kind
    public var namespace: String
    public var name: String

    public init(kind: Kind, namespace: String = "", name: String) {
        self.kind = kind; self.namespace = kind == .serviceAccount ? namespace : ""; self.name = name
    }

    public static func user(_ name: String) -> RBACSubject { RBACSubject(kind: .user, name: name) }
    public static func group(_ name: String) -> RBACSubject { RBACSubject(kind: .group, name: name) }
    public static func serviceAccount(_ namespace: String, _ name: String) -> RBACSubject {
        RBACSubject(kind: .serviceAccount, namespace: namespace, name: name)
    }

    /// Parses `user:NAME`, `group:NAME`, `sa:NAMESPACE/NAME`, and the API server's own spelling
    /// `system:serviceaccount:NAMESPACE:NAME` (which is what a user name of an SA looks like).
    public init?(parsing text: String) {
        if text.hasPrefix("system:serviceaccount:") {
            let rest = text.dropFirst("system:serviceaccount:".count).split(separator: ":", maxSplits: 1)
            guard rest.count == 2, !rest[0].isEmpty, !rest[1].isEmpty else { return nil }
            self.init(kind: .serviceAccount, namespace: String(rest[0]), name: String(rest[1])); return
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let prefix = text[..<colon].lowercased()
        let rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { return nil }
        switch prefix {
        case "user": self.init(kind: .user, name: rest)
        case "group": self.init(kind: .group, name: rest)
        case "sa", "serviceaccount":
            let parts = rest.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            self.init(kind: .serviceAccount, namespace: String(parts[0]), name: String(parts[1]))
        default: return nil
        }
    }

    /// `user:alice`, `group:devs`, `sa:ci/deployer`.
    public var description: String {
        switch kind {
        case .user: return "user:\(name)"
        case .group: return "group:\(name)"
        case .serviceAccount: return "sa:\(namespace)/\(name)"
        }
    }

    /// The groups a request by this identity carries without being told: every service account is
    /// in `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`; an
    /// authenticated user in `system:authenticated`; `system:anonymous` in `system:unauthenticated`.
    /// Groups carry no further groups.
    public var implicitGroups: [String] {
        switch kind {
        case .serviceAccount:
            return ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"]
        case .user:
            return name == "system:anonymous" ? ["system:unauthenticated"] : ["system:authenticated"]
        case .group:
            return []
        }
    }

    /// Identities Kubernetes itself creates and binds: `system:` users and groups other than the
    /// broad audience groups, and the kube-system service accounts the bootstrap policy binds
    /// (`BootstrapPolicy.kubernetesServiceAccounts`). Any other service account — one added to
    /// kube-system by a chart or an operator, Helm 2's `tiller`, even kube-system's `default` —
    /// is someone's workload identity and is judged like any other.
    public var isSystem: Bool {
        switch kind {
        case .serviceAccount:
            return namespace == "kube-system" && BootstrapPolicy.kubernetesServiceAccounts.contains(name)
        case .user:
            // A service account's user name is judged as the service account it names.
            if name.hasPrefix("system:serviceaccount:") {
                return RBACSubject(parsing: name).map { $0.kind == .serviceAccount && $0.isSystem } ?? false
            }
            return name.hasPrefix("system:")
        case .group:
            return name.hasPrefix("system:") && !RBACSubject.broadAudienceGroups.contains(name)
                && !name.hasPrefix("system:serviceaccounts")
        }
    }

    /// Groups that stand for "everyone" of some kind: grants to them reach far beyond one identity.
    public static let broadAudienceGroups: Set<String> = [
        "system:anonymous", "system:unauthenticated", "system:authenticated", "system:serviceaccounts",
    ]

    /// Sorted by kind (Group, ServiceAccount, User — alphabetical, as the JSON output documents),
    /// then namespace, then name.
    public static func < (a: RBACSubject, b: RBACSubject) -> Bool {
        (a.kind.rawValue, a.namespace, a.name) < (b.kind.rawValue, b.namespace, b.name)
    }
}
