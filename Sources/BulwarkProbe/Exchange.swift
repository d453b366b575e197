import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// One connection to HOST:PORT: connect, optionally complete a TLS handshake, optionally send a
/// request and read the answer, all within one deadline. The building block of every probe.
struct Exchange: Sendable {
    /// How the connection ended.
    enum Outcome: Sendable {
        /// Connection refused: nothing listens.
        case refused
        /// The TCP connection was not made in time.
        case connectTimedOut
        /// Connected, but the step (`handshake` or `answer`) did not finish in time. `received`
        /// holds whatever arrived.
        case timedOut(handshakeCompleted: Bool, received: [UInt8])
        /// The connection could not be made for another reason.
        case connectFailed(String)
        /// Connected; the TLS handshake (when asked for) completed or failed with `tlsError`, and
        /// `received` holds the answer to the request (when one was sent).
        case finished(handshakeCompleted: Bool, tlsError: String?, received: [UInt8])
    }

    var host: String
    var port: Int
    var timeout: TimeAmount
    /// Bytes of the answer kept; the rest is not read. Enough for a status line and headers by
    /// default (bodies such as kubelet's pod list are never kept).
    var maximumAnswer: Int = 16 * 1024

    /// Runs one exchange. `tls` nil means plain TCP. With `request` nil, a TLS exchange ends as
    /// soon as the handshake completes and a plain one as soon as the connection is made.
    func run(tls: NIOSSLContext?, request: [UInt8]?) async -> Outcome {
        let group = MultiThreadedEventLoopGroup.singleton
        let host = self.host
        let timeout = self.timeout
        let maximumAnswer = self.maximumAnswer
        let promise = group.next().makePromise(of: Outcome.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        // SNI only for names: an IP address is not a valid server name.
                        let isName = !Self.isIPv4Literal(host) && !host.contains(":")
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: isName ? host : nil))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ExchangeHandler(promise: promise, usesTLS: tls != nil, request: request, timeout: timeout, maximumAnswer: maximumAnswer))
                }
            }
        do {
            _ = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            let outcome = Self.classify(connectError: error)
            promise.succeed(outcome)
            return outcome
        }
        return (try? await promise.futureResult.get()) ?? .connectFailed("no result")
    }

    static func classify(connectError error: Error) -> Outcome {
        if let e = error as? ChannelError, case .connectTimeout = e { return .connectTimedOut }
        if let e = error as? NIOConnectionError {
            let errors = e.connectionErrors.map(\.error)
            if errors.contains(where: Self.isRefused) { return .refused }
            if errors.contains(where: { ($0 as? ChannelError).map { if case .connectTimeout = $0 { true } else { false } } ?? false }) {
                return .connectTimedOut
            }
            if errors.isEmpty, let dns = e.dnsAError ?? e.dnsAAAAError { return .connectFailed("cannot resolve \(e.host): \(dns)") }
            return .connectFailed(errors.map { "\($0)" }.joined(separator: "; "))
        }
        if isRefused(error) { return .refused }
        return .connectFailed("\(error)")
    }

    private static func isRefused(_ error: Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }

    /// A dotted-quad IPv4 address (no resolver).
    static func isIPv4Literal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
