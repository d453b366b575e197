import BulwarkModel

/// Every RBAC fact of an inventory, normalised and indexed once: roles (aggregation resolved),
/// bindings with their resolved role (nil: dormant), bindings per subject and per role, the
/// service accounts known, and which workloads run as which service account. Queries then touch
/// only the roles and bindings that can matter.
public struct RBACIndex: Sendable {
    public let roles: [RBACRole]
    public let bindings: [RBACBinding]
    /// The role each binding resolves to, same order as `bindings`; nil when the role is missing
    /// (the binding is dormant and becomes live when someone creates that role).
    public let resolvedRole: [Int?]
    private let roleByKey: [ObjectKey: Int]
    private let bindingsBySubject: [RBACSubject: [Int]]
    private let bindingsByRole: [[Int]]
    /// ServiceAccount objects, and every service account a workload or binding names.
    public let serviceAccounts: [RBACSubject: KubeObject?]
    public let mounted: [MountedServiceAccount]
    /// Service accounts with a legacy token Secret (`kubernetes.io/service-account-token`) in the input.
    public let serviceAccountsWithTokenSecrets: Set<RBACSubject>

    /// False when the input held no Role, ClusterRole, RoleBinding or ClusterRoleBinding (the
    /// bootstrap defaults added alone do not count).
    public let inputHasRBAC: Bool

    /// True when the input holds no Role, ClusterRole, RoleBinding or ClusterRoleBinding.
    public var isEmpty: Bool { !inputHasRBAC }

    /// `assumeDefaults`: add the bootstrap ClusterRoles and ClusterRoleBindings
    /// (`BootstrapPolicy`) that the input does not define by name, as every cluster has them.
    public init(inventory: Inventory, assumeDefaults: Bool = true) {
        var roles: [RBACRole] = []
        for kind in ["ClusterRole", "Role"] {
            roles.append(contentsOf: inventory.objects(ofKind: kind).compactMap(RBACRole.init))
        }
        var bindings: [RBACBinding] = []
        for kind in ["ClusterRoleBinding", "RoleBinding"] {
            bindings.append(contentsOf: inventory.objects(ofKind: kind).compactMap(RBACBinding.init))
        }
        let inputHasRBAC = !roles.isEmpty || !bindings.isEmpty
        if assumeDefaults {
            let roleNames = Set(roles.filter(\.isClusterRole).map(\.key.name))
            let bindingNames = Set(bindings.filter(\.isClusterBinding).map(\.key.name))
            for object in BootstrapPolicy.objects {
                if object.kind == "ClusterRole", !roleNames.contains(object.name), let role = RBACRole(object) { roles.append(role) }
                if object.kind == "ClusterRoleBinding", !bindingNames.contains(object.name), let b = RBACBinding(object) { bindings.append(b) }
            }
        }
        var serviceAccountObjects: [RBACSubject: KubeObject] = [:]
        for sa in inventory.objects(ofKind: "ServiceAccount") {
            serviceAccountObjects[.serviceAccount(sa.namespace.isEmpty ? "default" : sa.namespace, sa.name)] = sa
        }
        var tokenSecrets = Set<RBACSubject>()
        for secret in inventory.objects(ofKind: "Secret") where secret.value["type"]?.string == "kubernetes.io/service-account-token" {
            if let name = secret.annotations["kubernetes.io/service-account.name"] {
                tokenSecrets.insert(.serviceAccount(secret.namespace.isEmpty ? "default" : secret.namespace, name))
            }
        }
        var mounted: [MountedServiceAccount] = []
        let namer = WorkloadNamer(inventory)
        for (object, pod) in inventory.workloads {
            let ns = object.namespace.isEmpty ? "default" : object.namespace
            let field = pod.spec["serviceAccountName"]?.string != nil ? "serviceAccountName"
                : (pod.spec["serviceAccount"]?.string != nil ? "serviceAccount" : "serviceAccountName")
            let name = pod.spec[field]?.string ?? "default"
            let sa = RBACSubject.serviceAccount(ns, name.isEmpty ? "default" : name)
            let automount = pod.spec["automountServiceAccountToken"]?.bool
                ?? serviceAccountObjects[sa]?.value["automountServiceAccountToken"]?.bool ?? true
            mounted.append(MountedServiceAccount(workload: object, workloadName: namer.name(of: object), serviceAccount: sa, tokenMounted: automount,
                                                 path: pod.path(FieldPath([.key("spec"), .key(field)]))))
        }
        self.init(roles: roles, bindings: bindings, serviceAccountObjects: serviceAccountObjects,
                  mounted: mounted, tokenSecrets: tokenSecrets, inputHasRBAC: inputHasRBAC)
    }

    public init(roles inputRoles: [RBACRole], bindings: [RBACBinding], serviceAccountObjects: [RBACSubject: KubeObject] = [:],
                mounted: [MountedServiceAccount] = [], tokenSecrets: Set<RBACSubject> = [], inputHasRBAC: Bool? = nil) {
        self.inputHasRBAC = inputHasRBAC ?? (!inputRoles.isEmpty || !bindings.isEmpty)
        var roles = inputRoles
        Aggregation.resolve(&roles)
        var roleByKey: [ObjectKey: Int] = [:]
        for (i, r) in roles.enumerated() where roleByKey[r.key] == nil { roleByKey[r.key] = i }
        var resolved: [Int?] = []
        resolved.reserveCapacity(bindings.count)
        var bySubject: [RBACSubject: [Int]] = [:]
        var byRole = Array(repeating: [Int](), count: roles.count)
        var accounts: [RBACSubject: KubeObject?] = serviceAccountObjects.mapValues { Optional($0) }
        for (b, binding) in bindings.enumerated() {
            // A ClusterRoleBinding may only reference a ClusterRole; anything else grants nothing.
            let valid = binding.roleRef.kind == "ClusterRole" || (binding.roleRef.kind == "Role" && !binding.isClusterBinding)
            let role = valid ? roleByKey[binding.roleRef] : nil
            resolved.append(role)
            if let role { byRole[role].append(b) }
            for s in binding.subjects {
                bySubject[s.subject, default: []].append(b)
                if s.subject.kind == .serviceAccount, accounts[s.subject] == nil { accounts[s.subject] = .some(nil) }
            }
        }
        for m in mounted where accounts[m.serviceAccount] == nil { accounts[m.serviceAccount] = .some(nil) }
        self.roles = roles
        self.bindings = bindings
        self.resolvedRole = resolved
        self.roleByKey = roleByKey
        self.bindingsBySubject = bySubject
        self.bindingsByRole = byRole
        self.serviceAccounts = accounts
        self.mounted = mounted
        self.serviceAccountsWithTokenSecrets = tokenSecrets
    }

    public func role(_ key: ObjectKey) -> RBACRole? { roleByKey[key].map { roles[$0] } }

    /// Bindings whose role does not exist: they grant nothing until that role is created. A
    /// binding without a roleRef name (a patch fragment, not a real object) is not one.
    public var dormantBindings: [RBACBinding] {
        bindings.indices.filter { resolvedRole[$0] == nil && !bindings[$0].roleRef.name.isEmpty }.map { bindings[$0] }
    }

    // MARK: Queries

    /// Whether a grant at `scope` can take effect for `request`: RoleBindings never grant
    /// non-resource URLs or cluster-scoped resources (those requests carry no namespace).
    static func scope(_ scope: GrantScope, canGrant request: AccessRequest) -> Bool {
        guard case .namespace = scope else { return true }
        switch request.target {
        case .nonResource: return false
        case .resource(let group, let resource, _, _): return APIResourceTable.isNamespaced(resource, group: group)
        }
    }

    /// Every grant, for any subject, that allows `request` within `filter`: roles are matched
    /// once, then only the bindings of matching roles are visited.
    public func grants(allowing request: AccessRequest, in filter: ScopeFilter) -> [Grant] {
        var out: [Grant] = []
        for (r, role) in roles.enumerated() {
            guard !bindingsByRole[r].isEmpty else { continue }
            let matching = role.rules.filter { $0.allows(request) }
            guard !matching.isEmpty else { continue }
            for b in bindingsByRole[r] {
                let binding = bindings[b]
                let scope = binding.scope
                guard filter.admits(scope), Self.scope(scope, canGrant: request) else { continue }
                for s in binding.subjects {
                    for rule in matching {
                        out.append(Grant(subject: s.subject, binding: binding.key, role: role.key, rule: rule, scope: scope, bindingIndex: b))
                    }
                }
            }
        }
        return out
    }

    /// The identities a request by `subject` is made as: itself, its implicit groups and `groups`.
    public static func identities(of subject: RBACSubject, groups: [String] = []) -> [RBACSubject] {
        var seen = Set<RBACSubject>()
        return ([subject] + (subject.implicitGroups + groups).map(RBACSubject.group)).filter { seen.insert($0).inserted }
    }

    /// Every grant the subject holds (directly or through its implicit and given groups), at every
    /// scope, limited to rules that can take effect at that scope.
    public func effectiveGrants(of subject: RBACSubject, groups: [String] = []) -> [Grant] {
        var out: [Grant] = []
        for identity in Self.identities(of: subject, groups: groups) {
            for b in bindingsBySubject[identity] ?? [] {
                guard let r = resolvedRole[b] else { continue }
                let binding = bindings[b]
                for rule in roles[r].rules {
                    if case .namespace = binding.scope, rule.isNonResourceOnly { continue }
                    out.append(Grant(subject: identity, binding: binding.key, role: roles[r].key, rule: rule, scope: binding.scope, bindingIndex: b))
                }
            }
        }
        return out
    }

    /// The grants that let `subject` (with `groups`) make `request` in `filter`; empty means
    /// RBAC denies it — the answer a SubjectAccessReview would give from RBAC alone.
    public func grants(for subject: RBACSubject, groups: [String] = [], allowing request: AccessRequest, in filter: ScopeFilter) -> [Grant] {
        effectiveGrants(of: subject, groups: groups).filter {
            filter.admits($0.scope) && Self.scope($0.scope, canGrant: request) && $0.rule.allows(request)
        }
    }

    /// Every subject named by a binding, sorted.
    public var subjects: [RBACSubject] { bindingsBySubject.keys.sorted() }

    /// Bindings that name `subject` exactly (not through groups).
    public func bindingIndices(naming subject: RBACSubject) -> [Int] { bindingsBySubject[subject] ?? [] }
}

extension PolicyRule {
    /// A rule with URLs and no resources: it only ever applies through a ClusterRoleBinding.
    var isNonResourceOnly: Bool { resources.isEmpty && !nonResourceURLs.isEmpty }
}
