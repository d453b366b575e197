import NIOSSL
import BulwarkKubeconfig

/// The client's TLS configuration from a kubeconfig: the cluster's CA as the only trust root (as
/// kubectl does), the client certificate and key for mutual TLS, and no verification only when
/// the kubeconfig says `insecure-skip-tls-verify: true`.
enum TLSSetup {
    static func configuration(_ settings: ConnectionSettings, credential: ExecCredential?) throws(LiveError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if settings.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let ca = settings.certificateAuthorityPEM {
            do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca)) } catch {
                throw LiveError(.configuration, path: "", message: "\(settings.origin): the cluster's certificate authority is not PEM certificates")
            }
        }
        let certificate = credential?.clientCertificatePEM ?? settings.clientCertificatePEM
        let key = credential?.clientKeyPEM ?? settings.clientKeyPEM
        if let certificate, let key {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
            } catch {
                throw LiveError(.configuration, path: "", message: "\(settings.origin): the client certificate is not PEM")
            }
            // The key's bytes never reach a message; NIOSSL's error names no content either.
            do { tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key.bytes, format: .pem)) } catch {
                throw LiveError(.configuration, path: "", message: "\(settings.origin): the client key is not a PEM private key (PKCS#1, SEC1 or PKCS#8)")
            }
        }
        return tls
    }
}
