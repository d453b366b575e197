import Foundation
import BulwarkInputs
import BulwarkModel

/// Finds the kubeconfig the way kubectl does and resolves a context into `ConnectionSettings`:
/// `--kubeconfig FILE`, else every file of `KUBECONFIG` (colon-separated; missing files are
/// skipped), else `~/.kube/config`, else in-cluster credentials when running in a pod.
public struct KubeconfigLoader: Sendable {
    public var explicitPath: String?
    public var environment: [String: String]
    public var homeDirectory: String
    public var inCluster: InClusterConfig

    public init(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String = NSHomeDirectory(), inCluster: InClusterConfig = InClusterConfig()) {
        self.explicitPath = explicitPath; self.environment = environment
        self.homeDirectory = homeDirectory; self.inCluster = inCluster
    }

    /// The kubeconfig files to read, in precedence order; empty when there are none.
    public func candidateFiles() throws(KubeconfigError) -> [String] {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw KubeconfigError(file: explicitPath, message: "the kubeconfig file given with --kubeconfig does not exist")
            }
            return [explicitPath]
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init)
                .filter { !$0.isEmpty && seen.insert($0).inserted && FileManager.default.fileExists(atPath: $0) }
        }
        let home = (homeDirectory as NSString).appendingPathComponent(".kube/config")
        return FileManager.default.fileExists(atPath: home) ? [home] : []
    }

    public func load() throws(KubeconfigError) -> Kubeconfig? {
        let files = try candidateFiles()
        if files.isEmpty { return nil }
        var parsed: [KubeconfigFile] = []
        for f in files { parsed.append(try KubeconfigFile.read(f)) }
        return Kubeconfig(merging: parsed)
    }

    /// The connection for `context` (or the current context). Falls back to in-cluster
    /// credentials only when no kubeconfig exists and no context was asked for.
    public func resolve(context: String? = nil) throws(KubeconfigError) -> ConnectionSettings {
        guard let config = try load() else {
            if context == nil, inCluster.isAvailable(environment: environment) {
                return try inCluster.resolve(environment: environment)
            }
            let where_ = environment["KUBECONFIG"].map { "KUBECONFIG=\($0)" } ?? "~/.kube/config"
            throw KubeconfigError(file: where_, message: "no kubeconfig found and not running in a pod; give --kubeconfig FILE")
        }
        return try Self.resolve(config, context: context)
    }

    public static func resolve(_ config: Kubeconfig, context requested: String?) throws(KubeconfigError) -> ConnectionSettings {
        guard let name = requested ?? config.currentContext else {
            throw KubeconfigError(file: config.origin, field: "current-context",
                                  message: "not set; give --context (contexts: \(config.contexts.keys.sorted().joined(separator: ", ")))")
        }
        guard let context = config.contexts[name] else {
            throw KubeconfigError(file: config.origin, field: requested == nil ? "current-context" : "",
                                  message: "no context named '\(name)' (contexts: \(config.contexts.keys.sorted().joined(separator: ", ")))")
        }
        guard let cluster = config.clusters[context.cluster] else {
            throw KubeconfigError(file: context.file, field: "contexts[\(name)].context.cluster",
                                  message: "no cluster named '\(context.cluster)'")
        }
        // kubectl allows a context without a user (anonymous); so do we.
        let user = context.user.isEmpty ? nil : config.users[context.user]
        if !context.user.isEmpty && user == nil {
            throw KubeconfigError(file: context.file, field: "contexts[\(name)].context.user", message: "no user named '\(context.user)'")
        }
        let clusterField = "clusters[\(context.cluster)].cluster"
        let userField = "users[\(context.user)].user"
        var settings = ConnectionSettings(contextName: name, origin: config.origin, server: cluster.server,
                                          insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
                                          tlsServerName: cluster.tlsServerName, proxyURL: cluster.proxyURL,
                                          namespace: context.namespace ?? "default")
        guard cluster.server.hasPrefix("https://") || cluster.server.hasPrefix("http://") else {
            throw KubeconfigError(file: cluster.file, field: clusterField + ".server", message: "'\(CredentialRedaction.redact(url: cluster.server))' is not an http(s) URL")
        }
        if cluster.certificateAuthorityData != nil && cluster.certificateAuthority != nil {
            throw KubeconfigError(file: cluster.file, field: clusterField,
                                  message: "certificate-authority and certificate-authority-data are both set; keep one")
        }
        settings.certificateAuthorityPEM = cluster.certificateAuthorityData
        if let p = cluster.certificateAuthority {
            settings.certificateAuthorityPEM = try readFile(p, file: cluster.file, field: clusterField + ".certificate-authority")
        }
        guard let user else { return settings }
        if user.clientCertificateData != nil && user.clientCertificate != nil {
            throw KubeconfigError(file: user.file, field: userField, message: "client-certificate and client-certificate-data are both set; keep one")
        }
        if user.clientKeyData != nil && user.clientKey != nil {
            throw KubeconfigError(file: user.file, field: userField, message: "client-key and client-key-data are both set; keep one")
        }
        settings.clientCertificatePEM = user.clientCertificateData
        if let p = user.clientCertificate {
            settings.clientCertificatePEM = try readFile(p, file: user.file, field: userField + ".client-certificate")
        }
        settings.clientKeyPEM = user.clientKeyData
        if let p = user.clientKey {
            settings.clientKeyPEM = SecretBytes(try readFile(p, file: user.file, field: userField + ".client-key"))
        }
        if (settings.clientCertificatePEM == nil) != (settings.clientKeyPEM == nil) {
            throw KubeconfigError(file: user.file, field: userField,
                                  message: "a client certificate needs its key and a key its certificate; one of them is missing")
        }
        // kubectl: an explicit token wins over tokenFile.
        if let token = user.token, !token.isEmpty {
            settings.token = token
        } else if let tokenFile = user.tokenFile {
            let bytes = try readFile(tokenFile, file: user.file, field: userField + ".tokenFile")
            settings.token = SecretBytes(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        settings.exec = user.exec
        return settings
    }

    static func readFile(_ path: String, file: String, field: String) throws(KubeconfigError) -> [UInt8] {
        switch InputFile.read(path) {
        case .success(let bytes): return bytes
        case .failure(let e): throw KubeconfigError(file: file, field: field, message: "cannot read \(path): \(e.message)")
        }
    }
}
