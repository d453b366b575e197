import Foundation

/// Runs each exec plugin once and keeps its credential until `expirationTimestamp`, so a
/// collection of many requests starts the plugin once; `refresh` forces a new run (after a 401).
public actor ExecCredentialCache {
    private var entries: [ExecConfig: ExecCredential] = [:]
    private let clock: @Sendable () -> Date
    public private(set) var runs = 0

    public init(clock: @escaping @Sendable () -> Date = { Date() }) { self.clock = clock }

    public func credential(for plugin: ExecPlugin, refresh: Bool = false) throws(KubeconfigError) -> ExecCredential {
        if !refresh, let cached = entries[plugin.config], cached.isValid(at: clock()) { return cached }
        let fresh = try plugin.run()
        runs += 1
        entries[plugin.config] = fresh
        return fresh
    }
}
