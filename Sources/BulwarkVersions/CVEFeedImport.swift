/// The result of reading an official Kubernetes CVE feed: the records it yielded, as a database,
/// and what was wrong with the entries that were skipped.
public struct CVEFeedImport: Sendable {
    public var database: CVEDatabase
    /// One message per malformed entry (`items[3]: "id" is missing`); the other entries are imported.
    public var problems: [String]
    /// The feed's `_kubernetes_io.updated_at`, when present.
    public var updatedAt: String?

    public init(database: CVEDatabase, problems: [String], updatedAt: String?) {
        self.database = database; self.problems = problems; self.updatedAt = updatedAt
    }

    /// Records whose advisory text gave no version ranges Bulwark could read.
    public var unassessable: [CVERecord] {
        database.records.filter { if case .unknown = $0.affected { return true }; return false }
    }
}
