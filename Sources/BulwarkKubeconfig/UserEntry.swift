/// One `users[].user` of a kubeconfig (its AuthInfo), paths resolved against the file's folder.
public struct UserEntry: Sendable, Equatable {
    public var clientCertificateData: [UInt8]?
    public var clientCertificate: String?
    public var clientKeyData: SecretBytes?
    public var clientKey: String?
    public var token: SecretBytes?
    public var tokenFile: String?
    public var exec: ExecConfig?
    public var file: String

    public init(clientCertificateData: [UInt8]? = nil, clientCertificate: String? = nil, clientKeyData: SecretBytes? = nil,
                clientKey: String? = nil, token: SecretBytes? = nil, tokenFile: String? = nil, exec: ExecConfig? = nil, file: String) {
        self.clientCertificateData = clientCertificateData; self.clientCertificate = clientCertificate
        self.clientKeyData = clientKeyData; self.clientKey = clientKey; self.token = token
        self.tokenFile = tokenFile; self.exec = exec; self.file = file
    }
}
