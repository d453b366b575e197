import Foundation
import NIOCore
import NIOSSL
import BulwarkModel

/// Asks one endpoint the questions of `bulwark probe`: does it listen; does it speak TLS, with
/// which versions and TLS ≤ 1.2 suites; does it answer plain HTTP; does it answer its component's
/// sensitive request without credentials (kubelet `GET /pods`, etcd `GET /version`, API `GET
/// /api`). It never sends credentials: every request here is anonymous.
public struct EndpointProber: Sendable {
    /// Per connection: connect, handshake and answer each get at most this long.
    public var timeout: Duration
    /// Try each TLS ≤ 1.2 suite separately (about 15 connections per TLS port).
    public var cipherSuites: Bool

    public init(timeout: Duration = .seconds(2), cipherSuites: Bool = true) {
        self.timeout = timeout
        self.cipherSuites = cipherSuites
    }

    private var nioTimeout: TimeAmount {
        let (s, atto) = timeout.components
        return .nanoseconds(s * 1_000_000_000 + atto / 1_000_000_000)
    }

    private var seconds: String {
        let (s, atto) = timeout.components
        let value = Double(s) + Double(atto) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    public func probe(_ target: ProbeTarget) async -> EndpointProbe {
        var result = EndpointProbe(host: target.host, port: target.port, component: target.component, reachability: .listening)
        let exchange = Exchange(host: target.host, port: target.port, timeout: nioTimeout)

        // 1. Does anything listen, and does it speak TLS?
        let first: Exchange.Outcome
        do {
            let context = try NIOSSLContext(configuration: TLSOffer.any.configuration)
            first = await exchange.run(tls: context, request: nil)
        } catch {
            result.reachability = .failed
            result.errors.append("cannot set up TLS: \(error)")
            return result
        }
        var tryPlain = false
        switch first {
        case .refused:
            result.reachability = .notListening
            return result
        case .connectTimedOut:
            result.reachability = .timedOut
            result.errors.append("no TCP connection within \(seconds)")
            return result
        case .connectFailed(let message):
            result.reachability = .failed
            result.errors.append(message)
            return result
        case .timedOut(let completed, _):
            if completed { result.tls = true } else { tryPlain = true }
        case .finished(let completed, let tlsError, _):
            if completed {
                result.tls = true
            } else if let tlsError, Self.isClientCertificateDemand(tlsError) {
                result.tls = true
                result.clientCertificateRequired = true
            } else {
                tryPlain = true
            }
        }

        // 2. TLS: each version and each suite alone, then the component's anonymous request.
        if result.tls == true {
            result.tlsVersions = await accepted(TLSOffer.versions, exchange: exchange, result: &result)
            if cipherSuites {
                result.cipherSuites = await accepted(TLSOffer.cipherSuites, exchange: exchange, result: &result)
            }
            if let path = Self.anonymousPath(for: target.component, tls: true) {
                await askAnonymously(path: path, tls: true, exchange: exchange, result: &result)
            }
            return result
        }

        // 3. Not TLS: does it answer plain HTTP?
        if tryPlain {
            let path = Self.anonymousPath(for: target.component, tls: false) ?? "/"
            await askAnonymously(path: path, tls: false, exchange: exchange, result: &result)
            if result.plainHTTP == nil && result.tls == nil {
                switch first {
                case .finished(_, let tlsError?, _):
                    result.errors.append("neither TLS (\(tlsError)) nor HTTP answered")
                case .timedOut:
                    // Accepts TCP but stays silent: cannot be assessed.
                    result.errors.insert("no answer to a TLS client hello within \(seconds)", at: 0)
                    result.reachability = .timedOut
                default:
                    break
                }
            }
        }
        return result
    }

    /// The offers the server accepted, in offer order.
    private func accepted(_ offers: [TLSOffer], exchange: Exchange, result: inout EndpointProbe) async -> [String] {
        var accepted: [String] = []
        for offer in offers {
            guard let context = try? NIOSSLContext(configuration: offer.configuration) else { continue }
            switch await exchange.run(tls: context, request: nil) {
            case .finished(true, _, _), .timedOut(true, _):
                accepted.append(offer.label)
            case .finished(false, let tlsError?, _) where Self.isClientCertificateDemand(tlsError):
                // The server chose this version and suite, then asked for a certificate.
                accepted.append(offer.label)
                result.clientCertificateRequired = true
            case .timedOut(false, _), .connectTimedOut:
                result.errors.append("\(offer.label): no answer within \(seconds)")
            default:
                break
            }
        }
        return accepted
    }

    private func askAnonymously(path: String, tls: Bool, exchange: Exchange, result: inout EndpointProbe) async {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(result.endpoint)\r\nUser-Agent: bulwark-probe\r\nAccept: application/json\r\nConnection: close\r\n\r\n".utf8)
        let context = tls ? try? NIOSSLContext(configuration: TLSOffer.any.configuration) : nil
        if tls && context == nil { return }
        let outcome = await exchange.run(tls: context, request: request)
        let received: [UInt8]
        switch outcome {
        case .finished(_, let tlsError, let bytes):
            if let tlsError, Self.isClientCertificateDemand(tlsError) { result.clientCertificateRequired = true }
            received = bytes
        case .timedOut(_, let bytes):
            received = bytes
            if bytes.isEmpty { result.errors.append("GET \(path): no answer within \(seconds)") }
        default:
            return
        }
        guard let answer = RawHTTPResponse(received) else { return }
        if tls {
            result.anonymous = .init(method: "GET", path: path, scheme: "https", status: answer.status)
        } else if answer.isHTTPSOnlyRefusal {
            // A TLS-only server (Go) that our TLS hello did not satisfy: not plain HTTP.
            result.tls = true
        } else {
            result.tls = false
            result.plainHTTP = .init(method: "GET", path: path, scheme: "http", status: answer.status)
            result.anonymous = result.plainHTTP
        }
    }

    /// What an anonymous client asks each component: the request whose answer shows exposure.
    static func anonymousPath(for component: EndpointProbe.Component, tls: Bool) -> String? {
        switch component {
        case .kubelet, .kubeletReadOnly: return "/pods"
        case .etcd, .etcdPeer: return "/version"
        case .apiServer, .insecureAPI: return "/api"
        case .controllerManager, .scheduler: return "/healthz"
        case .unknown: return tls ? nil : "/"
        }
    }

    /// TLS alerts that mean "the server wants a client certificate" (bad_certificate in TLS 1.2,
    /// certificate_required in TLS 1.3), as opposed to a refused version or suite.
    static func isClientCertificateDemand(_ tlsError: String) -> Bool {
        tlsError.contains("CERTIFICATE_REQUIRED") || tlsError.contains("BAD_CERTIFICATE")
    }
}
