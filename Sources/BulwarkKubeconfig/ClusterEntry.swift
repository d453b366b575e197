/// One `clusters[].cluster` of a kubeconfig, paths already resolved against the file's folder.
public struct ClusterEntry: Sendable, Equatable {
    public var server: String
    public var certificateAuthorityData: [UInt8]?
    public var certificateAuthority: String?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    /// The kubeconfig file this entry came from (errors name it).
    public var file: String

    public init(server: String, certificateAuthorityData: [UInt8]? = nil, certificateAuthority: String? = nil,
                insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil, file: String) {
        self.server = server; self.certificateAuthorityData = certificateAuthorityData
        self.certificateAuthority = certificateAuthority; self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName; self.proxyURL = proxyURL; self.file = file
    }
}
