import Foundation
import NIOCore
import NIOSSL
import BulwarkModel

/// S16 live: reads a few keys under `/registry/secrets/` through etcd's v3 JSON gateway
/// (`POST /v3/kv/range`, etcd 3.4+) with the client certificate the user gave, and counts how many
/// stored values start with `k8s:enc:`. Values stay in memory only for that comparison: they are
/// never returned, printed or logged. Key names (namespace/name) and provider names are kept.
public struct EtcdSecretsCheck: Sendable {
    public struct Endpoint: Sendable {
        public var host: String
        public var port: Int
        public var https: Bool
    }

    public var endpoint: Endpoint
    public var certificate: String?
    public var key: String?
    public var ca: String?
    public var timeout: Duration
    /// How many Secret keys to sample.
    public var limit: Int

    public static let prefix = "/registry/secrets/"

    public init(url: String, certificate: String?, key: String?, ca: String?, timeout: Duration = .seconds(2), limit: Int = 20) throws(ProbeError) {
        self.endpoint = try Self.parse(url)
        if (certificate == nil) != (key == nil) { throw ProbeError("--etcd-cert and --etcd-key go together") }
        if !endpoint.https && (certificate != nil || ca != nil) {
            throw ProbeError("\(url): client certificates and a CA need an https:// endpoint")
        }
        self.certificate = certificate; self.key = key; self.ca = ca
        self.timeout = timeout; self.limit = limit
    }

    static func parse(_ url: String) throws(ProbeError) -> Endpoint {
        let https: Bool
        let rest: Substring
        if url.hasPrefix("https://") { https = true; rest = url.dropFirst(8) } else if url.hasPrefix("http://") { https = false; rest = url.dropFirst(7) } else {
            throw ProbeError("--etcd-endpoint \(url): expected https://HOST:PORT or http://HOST:PORT")
        }
        let hostPort = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        guard let target = try? ProbeTarget.parse(hostPort), target.count == 1, let t = target.first else {
            throw ProbeError("--etcd-endpoint \(url): expected a HOST:PORT after the scheme")
        }
        return Endpoint(host: t.host, port: t.port, https: https)
    }

    public func run() async -> EndpointProbe.SecretsAtRest {
        let tls: NIOSSLContext?
        do { tls = try makeTLS() } catch { return .init(error: error.description) }
        let rangeEnd = Self.prefixEnd(Self.prefix)
        let body: [String: Any] = [
            "key": Data(Self.prefix.utf8).base64EncodedString(),
            "range_end": Data(rangeEnd.utf8).base64EncodedString(),
            "limit": limit,
        ]
        guard let json = try? JSONSerialization.data(withJSONObject: body) else { return .init(error: "cannot encode the request") }
        let hostHeader = endpoint.host.contains(":") ? "[\(endpoint.host)]:\(endpoint.port)" : "\(endpoint.host):\(endpoint.port)"
        let request = Array("POST /v3/kv/range HTTP/1.1\r\nHost: \(hostHeader)\r\nContent-Type: application/json\r\nContent-Length: \(json.count)\r\nConnection: close\r\n\r\n".utf8) + Array(json)
        let (s, atto) = timeout.components
        let exchange = Exchange(host: endpoint.host, port: endpoint.port, timeout: .nanoseconds(s * 1_000_000_000 + atto / 1_000_000_000),
                                maximumAnswer: 8 * 1024 * 1024)
        let received: [UInt8]
        switch await exchange.run(tls: tls, request: request) {
        case .refused: return .init(error: "\(hostHeader): connection refused")
        case .connectTimedOut: return .init(error: "\(hostHeader): no connection in time")
        case .connectFailed(let m): return .init(error: "\(hostHeader): \(m)")
        case .timedOut(_, let bytes) where bytes.isEmpty: return .init(error: "\(hostHeader): no answer in time")
        case .timedOut(_, let bytes): received = bytes
        case .finished(let handshake, let tlsError, let bytes):
            if bytes.isEmpty {
                let why = tlsError.map { "TLS failed (\($0))" } ?? (handshake ? "connection closed without an answer" : "no answer")
                return .init(error: "\(hostHeader): \(why)")
            }
            received = bytes
        }
        guard let answer = RawHTTPResponse(received) else { return .init(error: "\(hostHeader): the answer is not HTTP") }
        return Self.evaluate(status: answer.status, body: answer.body)
    }

    /// Judges the gateway's answer. Only key names, counts and provider names leave this function.
    static func evaluate(status: Int, body: [UInt8]) -> EndpointProbe.SecretsAtRest {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        guard status == 200, let object else {
            // etcd's own error text ("etcdserver: user name is empty" …) holds no values.
            let message = (object?["error"] as? String) ?? (object?["message"] as? String)
            let detail = message.map { ": \(String($0.prefix(200)))" } ?? ""
            if status == 404 { return .init(error: "HTTP 404 from /v3/kv/range: no v3 JSON gateway (etcd before 3.4?)") }
            return .init(error: "HTTP \(status) from /v3/kv/range\(detail)")
        }
        let kvs = object["kvs"] as? [[String: Any]] ?? []
        if kvs.isEmpty { return .init(error: "no keys under \(prefix): no Secret stored, or not a Kubernetes etcd") }
        var result = EndpointProbe.SecretsAtRest(sampled: kvs.count)
        let marker = Array("k8s:enc:".utf8)
        for kv in kvs {
            let key = (kv["key"] as? String).flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? "?"
            let value = (kv["value"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
            let head = Array(value.prefix(64))
            if head.starts(with: marker) {
                result.encrypted += 1
                // k8s:enc:PROVIDER:… — the provider name only.
                let provider = head.dropFirst(marker.count).prefix { $0 != UInt8(ascii: ":") }
                let name = String(decoding: provider, as: UTF8.self)
                if !name.isEmpty, name.count <= 16, name.allSatisfy({ $0.isLetter || $0.isNumber }), !result.providers.contains(name) {
                    result.providers.append(name)
                }
            } else if result.plainKeys.count < 5 {
                result.plainKeys.append(Self.safeKeyName(key))
            }
        }
        return result
    }

    /// A key name for messages: printable ASCII only, bounded length.
    static func safeKeyName(_ key: String) -> String {
        String(key.unicodeScalars.map { (32..<127).contains($0.value) ? Character($0) : "?" }.prefix(253))
    }

    /// The end of a prefix range, as etcdctl `--prefix` computes it: the last byte plus one.
    static func prefixEnd(_ prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        if let last = bytes.last { bytes[bytes.count - 1] = last + 1 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func makeTLS() throws(ProbeError) -> NIOSSLContext? {
        guard endpoint.https else { return nil }
        var c = TLSConfiguration.makeClientConfiguration()
        c.minimumTLSVersion = .tlsv12
        do {
            if let ca {
                c.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
        } catch { throw ProbeError("--etcd-ca \(ca ?? ""): not a readable PEM certificate file") }
        if let certificate, let key {
            do { c.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) } } catch {
                throw ProbeError("--etcd-cert \(certificate): not a readable PEM certificate file")
            }
            // The key's content never reaches a message.
            do { c.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)) } catch {
                throw ProbeError("--etcd-key \(key): not a readable PEM private key")
            }
        }
        do { return try NIOSSLContext(configuration: c) } catch { throw ProbeError("cannot set up TLS for \(endpoint.host):\(endpoint.port): \(error)") }
    }
}
