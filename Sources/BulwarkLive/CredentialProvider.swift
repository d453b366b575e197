import BulwarkKubeconfig

/// The bearer token to send, if any: the kubeconfig's token, or an exec plugin's (cached until it
/// expires, run again after a 401).
actor CredentialProvider {
    let settings: ConnectionSettings
    let cache: ExecCredentialCache
    private var plugin: ExecPlugin? { settings.exec.map { ExecPlugin(config: $0, server: settings.server) } }

    init(settings: ConnectionSettings, cache: ExecCredentialCache) {
        self.settings = settings; self.cache = cache
    }

    var canRefresh: Bool { settings.exec != nil }

    /// The exec plugin's credential, which may carry a client certificate for the TLS setup.
    func execCredential(refresh: Bool = false) async throws(LiveError) -> ExecCredential? {
        guard let plugin else { return nil }
        do { return try await cache.credential(for: plugin, refresh: refresh) } catch {
            throw LiveError(.configuration, path: "", message: error.description)
        }
    }

    func authorizationHeader(refresh: Bool = false) async throws(LiveError) -> String? {
        if let token = try await execCredential(refresh: refresh)?.token { return "Bearer " + token.text }
        return settings.token.map { "Bearer " + $0.text }
    }
}
