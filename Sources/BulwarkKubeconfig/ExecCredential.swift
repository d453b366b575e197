import Foundation
import BulwarkModel
import BulwarkInputs

/// What an exec credential plugin printed: a token and/or a client certificate, and when they expire.
public struct ExecCredential: Sendable, Equatable {
    public var token: SecretBytes?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: SecretBytes?
    public var expiration: Date?

    public init(token: SecretBytes? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: SecretBytes? = nil, expiration: Date? = nil) {
        self.token = token; self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM; self.expiration = expiration
    }

    /// Still usable at `now` (a credential without an expiry is kept for the whole run).
    public func isValid(at now: Date) -> Bool { expiration.map { $0 > now } ?? true }

    /// Parses the plugin's standard output (`kind: ExecCredential`, JSON).
    public static func parse(_ bytes: [UInt8], config: ExecConfig) throws(KubeconfigError) -> ExecCredential {
        func fail(_ message: String) -> KubeconfigError {
            KubeconfigError(file: config.file, field: "exec \(config.command)", message: message)
        }
        let root: Value
        do { root = try TreeParser.parse(bytes, json: true) } catch {
            throw fail("the plugin's output is not JSON (\(error.description))")
        }
        guard root["kind"]?.string == "ExecCredential" else { throw fail("the plugin's output is not an ExecCredential") }
        guard let apiVersion = root["apiVersion"]?.string, apiVersion == config.apiVersion else {
            throw fail("the plugin answered apiVersion \(root["apiVersion"]?.string ?? "(none)"); the kubeconfig asks for \(config.apiVersion)")
        }
        guard let status = root["status"], status.mapping != nil else { throw fail("the ExecCredential has no status") }
        var credential = ExecCredential()
        credential.token = status["token"]?.string.flatMap { $0.isEmpty ? nil : SecretBytes($0) }
        credential.clientCertificatePEM = status["clientCertificateData"]?.string.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.string.map(SecretBytes.init)
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw fail("the ExecCredential has clientCertificateData or clientKeyData but not both")
        }
        if credential.token == nil && credential.clientCertificatePEM == nil {
            throw fail("the ExecCredential has neither a token nor a client certificate")
        }
        if let text = status["expirationTimestamp"]?.string {
            guard let date = RFC3339.parse(text) else { throw fail("status.expirationTimestamp '\(text)' is not an RFC 3339 time") }
            credential.expiration = date
        }
        return credential
    }
}
