import BulwarkModel

/// A RoleBinding or ClusterRoleBinding: its role reference and its subjects, each subject already
/// normalised (a ServiceAccount without namespace in a RoleBinding takes the binding's namespace).
public struct RBACBinding: Sendable {
    public struct BoundSubject: Sendable {
        public var subject: RBACSubject
        /// Index in `subjects`, for the finding's field path.
        public var index: Int
    }

    public var key: ObjectKey
    public var roleRef: ObjectKey
    public var subjects: [BoundSubject]
    /// Subjects the authorizer can never match (an unknown kind, or a ServiceAccount without
    /// namespace in a ClusterRoleBinding), kept to report them.
    public var unmatchableSubjects: [Int]
    public var labels: [String: String]
    public var object: KubeObject

    public var isClusterBinding: Bool { key.kind == "ClusterRoleBinding" }
    public var isBootstrapDefault: Bool { labels["kubernetes.io/bootstrapping"] == "rbac-defaults" }
    /// The scope its grants apply to: everywhere, or the binding's namespace.
    public var scope: GrantScope { isClusterBinding ? .cluster : .namespace(key.namespace) }

    public init?(_ object: KubeObject) {
        guard object.kind == "RoleBinding" || object.kind == "ClusterRoleBinding" else { return nil }
        let isCluster = object.kind == "ClusterRoleBinding"
        let namespace = isCluster ? "" : (object.namespace.isEmpty ? "default" : object.namespace)
        self.key = ObjectKey(kind: object.kind, namespace: namespace, name: object.name)
        let refKind = object.value["roleRef"]?["kind"]?.string ?? ""
        let refName = object.value["roleRef"]?["name"]?.string ?? ""
        // A Role is looked up in the binding's namespace; a ClusterRoleBinding cannot use a Role.
        self.roleRef = ObjectKey(kind: refKind, namespace: refKind == "Role" ? namespace : "", name: refName)
        var subjects: [BoundSubject] = []
        var unmatchable: [Int] = []
        for (i, s) in (object.value["subjects"]?.array ?? []).enumerated() {
            let name = s["name"]?.string ?? ""
            switch s["kind"]?.string ?? "" {
            case "User" where !name.isEmpty: subjects.append(BoundSubject(subject: .user(name), index: i))
            case "Group" where !name.isEmpty: subjects.append(BoundSubject(subject: .group(name), index: i))
            case "ServiceAccount" where !name.isEmpty:
                let ns = s["namespace"]?.string ?? ""
                if !ns.isEmpty {
                    subjects.append(BoundSubject(subject: .serviceAccount(ns, name), index: i))
                } else if !isCluster {
                    subjects.append(BoundSubject(subject: .serviceAccount(namespace, name), index: i))
                } else {
                    unmatchable.append(i)
                }
            default: unmatchable.append(i)
            }
        }
        self.subjects = subjects
        self.unmatchableSubjects = unmatchable
        self.labels = object.labels
        self.object = object
    }
}
