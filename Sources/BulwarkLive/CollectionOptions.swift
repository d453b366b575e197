/// What a live collection reads.
public struct CollectionOptions: Sendable {
    /// Only this namespace's namespaced objects; nil reads all namespaces (the default for a
    /// security scan). Cluster-scoped objects are always read.
    public var namespace: String?
    /// List Secrets (their values are dropped at once; SPEC §5).
    public var readSecrets: Bool
    /// Read every node's kubelet configuration through `nodes/NAME/proxy/configz`.
    public var kubeletConfigz: Bool
    /// Requests in flight at once.
    public var concurrency: Int
    /// Objects per page of a list (`limit`).
    public var pageSize: Int
    /// Each request's timeout, in seconds.
    public var requestTimeout: Double
    public var retry: RetryPolicy
    /// Pages of one list followed before the list counts as failed (a server whose continue
    /// tokens never end).
    public var maxPagesPerList: Int

    public init(namespace: String? = nil, readSecrets: Bool = false, kubeletConfigz: Bool = false, concurrency: Int = 4,
                pageSize: Int = 500, requestTimeout: Double = 30, retry: RetryPolicy = RetryPolicy(), maxPagesPerList: Int = 10_000) {
        self.namespace = namespace; self.readSecrets = readSecrets; self.kubeletConfigz = kubeletConfigz
        self.concurrency = max(1, concurrency); self.pageSize = max(1, pageSize)
        self.requestTimeout = requestTimeout; self.retry = retry
        self.maxPagesPerList = max(1, maxPagesPerList)
    }
}
