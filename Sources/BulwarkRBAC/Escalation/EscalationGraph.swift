/// The escalation graph of an index, built once: identities and pools of service accounts as
/// nodes, capabilities as edges; one breadth-first search backwards from cluster-admin gives every
/// node its shortest way there, so "paths for every subject" costs one pass over the graph.
public struct EscalationGraph: Sendable {
    private var nodes: [PathNode] = []
    private var nodeID: [PathNode: Int] = [:]
    /// Edges by source node: (target, action, grant).
    private var edges: [[(to: Int, action: String, grant: Grant?)]] = []
    /// For each node, the edge (index in its `edges`) that starts its shortest path; nil: no path.
    private var next: [Int?] = []
    private var distance: [Int] = []
    /// Every identity that a binding names or the input knows as a service account.
    public private(set) var subjects: [RBACSubject] = []

    public init(index: RBACIndex) {
        let goal = id(.clusterAdmin)
        var accountsByNamespace: [String: [RBACSubject]] = [:]
        var accountsByName: [String: [RBACSubject]] = [:]
        for sa in index.serviceAccounts.keys.sorted() {
            accountsByNamespace[sa.namespace, default: []].append(sa)
            accountsByName[sa.name, default: []].append(sa)
        }
        let names: (String?, String) -> [RBACSubject] = { ns, name in
            if let ns { return [.serviceAccount(ns, name)] }
            return accountsByName[name] ?? []
        }
        var subjectSet = Set(index.subjects)
        subjectSet.formUnion(index.serviceAccounts.keys)
        subjects = subjectSet.sorted()

        // Service accounts with no binding of their own share their groups' edges: compute those
        // once per namespace instead of once per account.
        var groupEdgesByNamespace: [String: [Capabilities.Edge]] = [:]
        for subject in subjects {
            let from = id(.identity(subject))
            let caps: [Capabilities.Edge]
            if subject.kind == .serviceAccount && index.bindingIndices(naming: subject).isEmpty {
                if let cached = groupEdgesByNamespace[subject.namespace] {
                    caps = cached
                } else {
                    let groupGrants = RBACIndex.identities(of: subject).dropFirst().flatMap { index.effectiveGrants(of: $0) }
                    caps = Capabilities.edges(from: groupGrants, serviceAccountNames: names)
                    groupEdgesByNamespace[subject.namespace] = caps
                }
            } else {
                caps = Capabilities.edges(from: index.effectiveGrants(of: subject), serviceAccountNames: names)
            }
            for c in caps { addEdge(from, id(c.to), c.action, c.grant) }
        }
        // Pools to the accounts they stand for.
        for (ns, accounts) in accountsByNamespace {
            for sa in accounts {
                let to = id(.identity(sa))
                addEdge(id(.anyServiceAccount(namespace: ns)), to, "pod with \(sa.description)", nil)
                addEdge(id(.anyServiceAccount(namespace: nil)), to, "pod with \(sa.description)", nil)
            }
        }
        for m in index.mounted where m.tokenMounted {
            let to = id(.identity(m.serviceAccount))
            let action = "into \(m.workloadName.kind)/\(m.workloadName.namespace)/\(m.workloadName.name) running as \(m.serviceAccount.description)"
            addEdge(id(.runningPods(namespace: m.serviceAccount.namespace)), to, action, nil)
            addEdge(id(.runningPods(namespace: nil)), to, action, nil)
        }
        for sa in index.serviceAccountsWithTokenSecrets.sorted() {
            let to = id(.identity(sa))
            addEdge(id(.tokenSecrets(namespace: sa.namespace)), to, "token Secret of \(sa.description)", nil)
        }
        search(from: goal)
    }

    private mutating func id(_ node: PathNode) -> Int {
        if let existing = nodeID[node] { return existing }
        nodes.append(node)
        edges.append([])
        nodeID[node] = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func addEdge(_ from: Int, _ to: Int, _ action: String, _ grant: Grant?) {
        guard from != to else { return }
        edges[from].append((to, action, grant))
    }

    /// Breadth-first from the goal over reversed edges. Ties keep the first edge found, and
    /// edges are visited in construction order, so results are deterministic.
    private mutating func search(from goal: Int) {
        var reverse = Array(repeating: [(from: Int, edge: Int)](), count: nodes.count)
        for (from, list) in edges.enumerated() {
            for (e, edge) in list.enumerated() { reverse[edge.to].append((from, e)) }
        }
        next = Array(repeating: nil, count: nodes.count)
        distance = Array(repeating: Int.max, count: nodes.count)
        distance[goal] = 0
        var queue = [goal]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for (from, e) in reverse[node] where distance[from] == Int.max {
                distance[from] = distance[node] + 1
                next[from] = e
                queue.append(from)
            }
        }
    }

    /// The shortest path from `subject` to cluster-admin-equivalent power, or nil when none.
    public func path(from subject: RBACSubject) -> EscalationPath? {
        guard var node = nodeID[.identity(subject)], next[node] != nil else { return nil }
        var steps: [PathStep] = []
        while let e = next[node] {
            let edge = edges[node][e]
            steps.append(PathStep(action: edge.action, grant: edge.grant, to: nodes[edge.to]))
            node = edge.to
            if steps.count > nodes.count { break }
        }
        return EscalationPath(subject: subject, steps: steps)
    }

    /// Every subject with a path, shortest first, then by subject.
    public func allPaths(includeSystem: Bool = true) -> [EscalationPath] {
        subjects.filter { includeSystem || !$0.isSystem }.compactMap(path(from:))
            .sorted { ($0.length, $0.subject) < ($1.length, $1.subject) }
    }

    /// Whether `subject` already holds cluster-admin-equivalent power in one step.
    public func isClusterAdminEquivalent(_ subject: RBACSubject) -> Bool {
        guard let node = nodeID[.identity(subject)] else { return false }
        return distance[node] == 1
    }
}
