/// Several kubeconfig files merged the way kubectl merges `KUBECONFIG`: for clusters, users and
/// contexts the first file that defines a name wins; current-context comes from the first file
/// that sets one.
public struct Kubeconfig: Sendable {
    public var files: [String]
    public var clusters: [String: ClusterEntry] = [:]
    public var users: [String: UserEntry] = [:]
    public var contexts: [String: ContextEntry] = [:]
    public var currentContext: String?

    public init(merging files: [KubeconfigFile]) {
        self.files = files.map(\.path)
        for file in files {
            for (name, entry) in file.clusters where clusters[name] == nil { clusters[name] = entry }
            for (name, entry) in file.users where users[name] == nil { users[name] = entry }
            for (name, entry) in file.contexts where contexts[name] == nil { contexts[name] = entry }
            if currentContext == nil { currentContext = file.currentContext }
        }
    }

    /// What the files are called in errors: one path, or the list.
    public var origin: String { files.count == 1 ? files[0] : files.joined(separator: ":") }
}
