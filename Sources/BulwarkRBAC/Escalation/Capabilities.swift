/// The capabilities that turn one identity into another or into cluster-admin, tested with the
/// exact matcher against concrete requests (reference: rbac.md §1.6, RBAC Good Practices).
enum Capabilities {
    /// Workload kinds whose controllers create pods from a template the writer controls.
    static let podControllers: [(group: String, resource: String)] = [
        ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("", "replicationcontrollers"),
    ]

    static let writeVerbs = ["create", "update", "patch"]

    struct Edge {
        var action: String
        var grant: Grant
        var to: PathNode
    }

    /// Edges out of an identity holding `grants` (its own and its groups'), first grant per action.
    static func edges(from grants: [Grant], serviceAccountNames: (String?, String) -> [RBACSubject]) -> [Edge] {
        var out: [Edge] = []
        var seenActions = Set<String>()
        func add(_ action: String, _ grant: Grant, _ to: PathNode) {
            if seenActions.insert(action + "|" + String(describing: to)).inserted { out.append(Edge(action: action, grant: grant, to: to)) }
        }
        func first(_ request: AccessRequest, cluster: Bool = false) -> Grant? {
            grants.first { (!cluster || $0.scope == .cluster) && RBACIndex.scope($0.scope, canGrant: request) && $0.rule.allows(request) }
        }
        // Cluster-admin-equivalent powers (cluster scope only).
        for g in grants where g.scope == .cluster && g.rule.verbs.contains("*") && g.rule.apiGroups.contains("*") && g.rule.resources.contains("*") {
            add("* on * cluster-wide", g, .clusterAdmin)
        }
        for verb in ["list", "get"] {
            if let g = first(.resource(verb, "secrets"), cluster: true) { add("\(verb) secrets cluster-wide", g, .clusterAdmin) }
        }
        if let g = first(.resource("escalate", "clusterroles", group: "rbac.authorization.k8s.io", name: "cluster-admin"), cluster: true),
           first(.resource("update", "clusterroles", group: "rbac.authorization.k8s.io", name: "cluster-admin"), cluster: true) != nil
            || first(.resource("create", "clusterroles", group: "rbac.authorization.k8s.io"), cluster: true) != nil {
            add("escalate a ClusterRole to * on *", g, .clusterAdmin)
        }
        if let g = first(.resource("bind", "clusterroles", group: "rbac.authorization.k8s.io", name: "cluster-admin"), cluster: true),
           first(.resource("create", "clusterrolebindings", group: "rbac.authorization.k8s.io"), cluster: true) != nil {
            add("bind cluster-admin with a new ClusterRoleBinding", g, .clusterAdmin)
        }
        if let g = first(.resource("impersonate", "groups", name: "system:masters"), cluster: true) {
            add("impersonate group system:masters", g, .clusterAdmin)
        }
        if let g = first(.resource("impersonate", "users"), cluster: true) {
            add("impersonate any user", g, .clusterAdmin)
        }
        let csrGroup = "certificates.k8s.io"
        if let g = first(.resource("update", "certificatesigningrequests", group: csrGroup, subresource: "approval"), cluster: true),
           first(.resource("approve", "signers", group: csrGroup, name: "kubernetes.io/kube-apiserver-client"), cluster: true) != nil,
           first(.resource("create", "certificatesigningrequests", group: csrGroup), cluster: true) != nil {
            add("approve own CSR for a client certificate in group system:masters", g, .clusterAdmin)
        }
        for verb in writeVerbs {
            if let g = first(.resource(verb, "mutatingwebhookconfigurations", group: "admissionregistration.k8s.io"), cluster: true) {
                add("\(verb) mutatingwebhookconfigurations (rewrite every admitted object)", g, .clusterAdmin); break
            }
        }
        for verb in ["get", "create"] {
            if let g = first(.resource(verb, "nodes", subresource: "proxy"), cluster: true) {
                add("\(verb) nodes/proxy (kubelet API: exec in any pod on any node)", g, .clusterAdmin); break
            }
        }
        // Impersonation of named users and groups, and of service accounts.
        for g in grants where g.scope == .cluster && g.rule.verbMatches("impersonate") && g.rule.apiGroupMatches("") {
            for name in g.rule.resourceNames {
                if g.rule.resourceMatches(combined: "users", subresource: "") { add("impersonate user:\(name)", g, .identity(.user(name))) }
                if g.rule.resourceMatches(combined: "groups", subresource: "") && name != "system:masters" {
                    add("impersonate group:\(name)", g, .identity(.group(name)))
                }
            }
        }
        // Per scope: the grant's namespace, or every namespace.
        for g in grants {
            let ns = g.scope.namespace
            let place = g.scope.phrase
            let rule = g.rule
            if rule.allows(.resource("create", "pods")) { add("create pods \(place)", g, .anyServiceAccount(namespace: ns)) }
            for (group, resource) in podControllers {
                for verb in writeVerbs where rule.allows(.resource(verb, resource, group: group)) {
                    add("\(verb) \(resource) \(place)", g, .anyServiceAccount(namespace: ns))
                    break
                }
            }
            for sub in ["exec", "attach"] where rule.allows(.resource("create", "pods", subresource: sub)) {
                add("create pods/\(sub) \(place)", g, .runningPods(namespace: ns))
            }
            for verb in ["update", "patch"] where rule.allows(.resource(verb, "pods")) {
                add("\(verb) pods \(place) (swap a container image)", g, .runningPods(namespace: ns)); break
            }
            for verb in ["update", "patch"] where rule.allows(.resource(verb, "pods", subresource: "ephemeralcontainers")) {
                add("\(verb) pods/ephemeralcontainers \(place)", g, .runningPods(namespace: ns)); break
            }
            if ns != nil {
                for verb in ["list", "get"] where rule.allows(.resource(verb, "secrets")) {
                    add("\(verb) secrets \(place)", g, .tokenSecrets(namespace: ns)); break
                }
            }
            if rule.verbMatches("create") && rule.apiGroupMatches("") && rule.resourceMatches(combined: "serviceaccounts/token", subresource: "token") {
                if rule.resourceNames.isEmpty {
                    add("create serviceaccounts/token \(place)", g, .anyServiceAccount(namespace: ns))
                } else {
                    for name in rule.resourceNames {
                        for sa in serviceAccountNames(ns, name) { add("create a token for \(sa.description)", g, .identity(sa)) }
                    }
                }
            }
            if rule.verbMatches("impersonate") && rule.apiGroupMatches("") && rule.resourceMatches(combined: "serviceaccounts", subresource: "") {
                if rule.resourceNames.isEmpty {
                    add("impersonate service accounts \(place)", g, .anyServiceAccount(namespace: ns))
                } else {
                    for name in rule.resourceNames {
                        for sa in serviceAccountNames(ns, name) { add("impersonate \(sa.description)", g, .identity(sa)) }
                    }
                }
            }
            // bind/escalate inside a namespace: bind admin (or write any rule) there, then act as its accounts.
            if let ns, rule.apiGroupMatches("rbac.authorization.k8s.io") {
                let rbac = "rbac.authorization.k8s.io"
                func holds(_ request: AccessRequest) -> Bool {
                    grants.contains { ($0.scope == g.scope || $0.scope == .cluster) && $0.rule.allows(request) }
                }
                if rule.allows(.resource("bind", "clusterroles", group: rbac, name: "admin")), holds(.resource("create", "rolebindings", group: rbac)) {
                    add("bind ClusterRole admin in \(ns)", g, .anyServiceAccount(namespace: ns))
                }
                if rule.allows(.resource("escalate", "roles", group: rbac)),
                   holds(.resource("create", "roles", group: rbac)) || holds(.resource("update", "roles", group: rbac)) {
                    add("escalate a Role in \(ns)", g, .anyServiceAccount(namespace: ns))
                }
            }
        }
        return out
    }
}
