import Foundation
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL
import BulwarkModel
import BulwarkKubeconfig

/// A Kubernetes API client for one context: one `HTTPClient` (call `shutdown()` when done), GETs
/// and POSTs with bearer tokens, retries on 429/5xx/broken connections, 401 answered by one
/// credential refresh for exec plugins. Talks only to the kubeconfig's server.
public struct KubeAPIClient: Sendable {
    public let settings: ConnectionSettings
    let http: HTTPClient
    let credentials: CredentialProvider
    let retry: RetryPolicy
    let timeout: TimeAmount
    let base: String
    /// Largest body accepted (a page of 500 big objects is far below this).
    static let maxBody = 512 << 20

    public static func make(_ settings: ConnectionSettings, requestTimeout: Double = 30, retry: RetryPolicy = RetryPolicy(),
                            cache: ExecCredentialCache = ExecCredentialCache()) async throws(LiveError) -> KubeAPIClient {
        let credentials = CredentialProvider(settings: settings, cache: cache)
        let execCredential = try await credentials.execCredential()
        let tls = try TLSSetup.configuration(settings, credential: execCredential)
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        // Clamped so no caller's value can overflow Int64 milliseconds (the CLI allows at most a day).
        let milliseconds = requestTimeout.isFinite ? min(max(0.1, requestTimeout), 7 * 24 * 3600) * 1000 : 30_000
        let timeout = TimeAmount.milliseconds(Int64(milliseconds))
        configuration.timeout = .init(connect: timeout, read: timeout)
        configuration.redirectConfiguration = .disallow  // a redirect could carry the token elsewhere
        // Our own loop retries broken connections with backoff; AHC's would retry a TLS
        // verification failure until the connect timeout instead of failing at once.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let proxy = settings.proxyURL {
            configuration.proxy = try Self.proxy(proxy, origin: settings.origin)
        }
        var base = settings.server
        while base.hasSuffix("/") { base.removeLast() }
        if let name = settings.tlsServerName, !name.isEmpty, !settings.insecureSkipTLSVerify,
           var url = URLComponents(string: base), let host = url.host, host != name {
            // tls-server-name: SNI and certificate verification use this name while the connection
            // still goes to the server's address. AHC verifies against the request URL's host and
            // connects where dnsOverride maps it, so requests name `name` and dnsOverride maps it
            // back (the Host header then carries `name` too; kube-apiserver does not route on it).
            configuration.dnsOverride = [name: host]
            url.host = name
            base = url.string ?? base
        }
        if let name = settings.tlsServerName, !name.isEmpty, !settings.insecureSkipTLSVerify, settings.proxyURL == nil,
           let url = URLComponents(string: settings.server), url.scheme == "https", let host = url.host {
            // NIOSSL would also accept an IP SAN equal to the address connected to; kubectl does not.
            try await ServerNameCheck.verify(host: host, port: url.port ?? 443, serverName: name, tls: tls, timeout: timeout,
                                             origin: settings.serverForMessages)
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        return KubeAPIClient(settings: settings, http: http, credentials: credentials, retry: retry, timeout: timeout, base: base)
    }

    /// `proxy-url: http://host:port` (an HTTP CONNECT proxy). SOCKS is not supported.
    static func proxy(_ text: String, origin: String) throws(LiveError) -> HTTPClient.Configuration.Proxy {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", let host = url.host else {
            // Only the scheme is named: the URL may carry a proxy password.
            throw LiveError(.configuration, path: "", message: "\(origin): proxy-url with scheme '\(URL(string: text)?.scheme ?? "?")' is not supported (only http://host:port proxies)")
        }
        let login = url.user.map { HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0, password: (url.password ?? "").removingPercentEncoding ?? "") }
        return .server(host: host, port: url.port ?? (url.scheme == "https" ? 443 : 80), authorization: login)
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    public func get(_ path: String) async throws(LiveError) -> APIResponse {
        try await send(path, method: .GET, body: nil)
    }

    public func post(_ path: String, json: Value) async throws(LiveError) -> APIResponse {
        try await send(path, method: .POST, body: Array(json.jsonText.utf8))
    }

    /// Sends with retries. Returns any status the caller must judge (200, 403, 404, 410...);
    /// throws for 401 and for retryable failures that did not clear up.
    func send(_ path: String, method: HTTPMethod, body: [UInt8]?) async throws(LiveError) -> APIResponse {
        var refreshed = false
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "bulwark")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            if let header = try await credentials.authorizationHeader(refresh: refreshed && attempt == 1) {
                request.headers.add(name: "Authorization", value: header)
            }
            let outcome: Result<APIResponse, LiveError>
            var retryAfter: Double?
            var transient = true
            do {
                // One deadline for the head and the whole body: the client's read timeout alone
                // restarts with every chunk, so a body trickling in would never time out.
                let (status, headers, body) = try await Self.exchange(request, http: http, timeout: timeout)
                retryAfter = headers.first(name: "Retry-After").flatMap(Double.init)
                outcome = .success(APIResponse(status: status, body: body))
            } catch {
                // A certificate that does not verify will not verify on the next attempt either.
                transient = !(error is NIOSSLError || error is BoringSSLError)
                outcome = .failure(LiveError(.transport, path: path, message: "\(settings.serverForMessages): \(Self.describe(error))"))
            }
            switch outcome {
            case .success(let response) where response.status == 401:
                if !refreshed, await credentials.canRefresh {
                    refreshed = true
                    attempt = 0
                    continue
                }
                throw LiveError(.unauthorized, path: path, message: "401 Unauthorized: \(settings.serverForMessages) did not accept the credentials of context \(settings.contextName) (\(settings.authDescription))")
            case .success(let response) where RetryPolicy.isRetryable(status: response.status) && attempt < retry.maxAttempts:
                try await pause(retry.delay(afterAttempt: attempt, retryAfter: response.status == 429 ? retryAfter : nil), path: path)
            case .success(let response) where RetryPolicy.isRetryable(status: response.status):
                throw LiveError(.status(response.status), path: path,
                                message: "HTTP \(response.status) after \(attempt) attempts\(response.statusMessage.map { ": " + $0 } ?? "")")
            case .success(let response):
                return response
            case .failure where transient && attempt < retry.maxAttempts:
                try await pause(retry.delay(afterAttempt: attempt), path: path)
            case .failure(let error):
                throw LiveError(error.kind, path: path, message: error.message + " (after \(attempt) attempts)")
            }
        }
    }

    private func pause(_ seconds: Double, path: String) async throws(LiveError) {
        do { try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) } catch {
            throw LiveError(.transport, path: path, message: "cancelled")
        }
    }

    /// A short, content-free description of a transport error.
    /// Why a response body was abandoned.
    enum BodyError: Error {
        case deadlineExceeded
        case tooLarge(limit: Int)
    }

    /// One request, head and whole body, within `timeout`: the race against a timer cancels the
    /// request (and closes its connection) when the body is still arriving at the deadline.
    static func exchange(_ request: HTTPClientRequest, http: HTTPClient, timeout: TimeAmount) async throws -> (Int, HTTPHeaders, [UInt8]) {
        try await withThrowingTaskGroup(of: (Int, HTTPHeaders, [UInt8])?.self) { group in
            group.addTask {
                let response = try await http.execute(request, timeout: timeout)
                let body = try await collect(response.body, limit: maxBody)
                return (Int(response.status.code), response.headers, body)
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, timeout.nanoseconds)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else { throw BodyError.deadlineExceeded }
            return answer
        }
    }

    /// Reads a body chunk by chunk, refusing one over `limit` bytes.
    static func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard chunk.readableBytes <= limit - bytes.count else { throw BodyError.tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? BodyError {
            switch e {
            case .deadlineExceeded: return "timed out (the response body was still arriving at --request-timeout)"
            case .tooLarge(let limit): return "the response body is over \(limit) bytes; not read"
            }
        }
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection closed before the response was complete"
            default: return "\(e)"
            }
        }
        if let e = error as? NIOSSLError { return "TLS: \(e)" }
        if let e = error as? BoringSSLError { return "TLS: \(e)" }
        return "\(error)"
    }
}
