import BulwarkModel

/// Everything needed to talk to one API server as one user, resolved from a kubeconfig context
/// or from in-cluster credentials: files read, data decoded.
public struct ConnectionSettings: Sendable {
    /// The context's name, or `in-cluster`.
    public var contextName: String
    /// The kubeconfig file(s) or "in-cluster service account", for messages.
    public var origin: String
    public var server: String
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: SecretBytes?
    public var token: SecretBytes?
    public var exec: ExecConfig?
    /// The context's namespace (`default` when it names none).
    public var namespace: String

    public init(contextName: String, origin: String, server: String, certificateAuthorityPEM: [UInt8]? = nil,
                insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
                clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: SecretBytes? = nil, token: SecretBytes? = nil,
                exec: ExecConfig? = nil, namespace: String = "default") {
        self.contextName = contextName; self.origin = origin; self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM; self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName; self.proxyURL = proxyURL; self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM; self.token = token; self.exec = exec; self.namespace = namespace
    }

    /// The server URL for messages, reports and snapshots: a `user:password@` login and credential
    /// query parameters removed (`CredentialRedaction`); the connection still uses `server`.
    public var serverForMessages: String { CredentialRedaction.redact(url: server) }

    /// How the user authenticates, for messages (never the credential itself).
    public var authDescription: String {
        var parts: [String] = []
        if clientCertificatePEM != nil { parts.append("client certificate") }
        if token != nil { parts.append("bearer token") }
        if exec != nil { parts.append("exec plugin") }
        return parts.isEmpty ? "no credentials" : parts.joined(separator: " + ")
    }
}
