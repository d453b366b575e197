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
                        let isName = IPv4Address(host) == nil && !host.contains(":")
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
}

/// A simple IPv4 literal check (no resolver).
private struct IPv4Address {
    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
    }
}

/// Records the handshake, sends the request, gathers the answer, and settles the promise exactly
/// once: on the answer's end (connection closed, or enough bytes), on an error, or at the deadline.
private final class ExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let promise: EventLoopPromise<Exchange.Outcome>
    let usesTLS: Bool
    let request: [UInt8]?
    let timeout: TimeAmount
    let maximumAnswer: Int
    var handshakeCompleted = false
    var received: [UInt8] = []
    var settled = false
    var deadline: Scheduled<Void>?

    init(promise: EventLoopPromise<Exchange.Outcome>, usesTLS: Bool, request: [UInt8]?, timeout: TimeAmount, maximumAnswer: Int) {
        self.promise = promise; self.usesTLS = usesTLS; self.request = request; self.timeout = timeout
        self.maximumAnswer = maximumAnswer
    }

    func channelActive(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = bound.value
            handler.settle(.timedOut(handshakeCompleted: handler.handshakeCompleted, received: handler.received), context: context)
        }
        if !usesTLS {
            if let request { send(request, context: context) } else { settle(finished(nil), context: context) }
        }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            handshakeCompleted = true
            if let request { send(request, context: context) } else { settle(finished(nil), context: context) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: min(buffer.readableBytes, maximumAnswer - received.count)) ?? []
        // Servers may keep the connection open despite `Connection: close`: stop at a whole answer.
        if received.count >= maximumAnswer || RawHTTPResponse.isComplete(received) { settle(finished(nil), context: context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle(finished(nil), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        settle(finished(Self.describe(error)), context: context)
    }

    private func finished(_ tlsError: String?) -> Exchange.Outcome {
        .finished(handshakeCompleted: handshakeCompleted, tlsError: tlsError, received: received)
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    private func settle(_ outcome: Exchange.Outcome, context: ChannelHandlerContext) {
        guard !settled else { return }
        settled = true
        deadline?.cancel()
        promise.succeed(outcome)
        context.close(promise: nil)
    }

    /// BoringSSL's error names (`TLSV1_ALERT_PROTOCOL_VERSION`, `WRONG_VERSION_NUMBER` …) without
    /// the source-file positions.
    static func describe(_ error: Error) -> String {
        let text = "\(error)"
        let names = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            .filter { $0.count > 6 && $0.contains("_") && $0 == $0.uppercased() }
            .map(String.init)
        var seen: [String] = []
        for n in names where !seen.contains(n) && n != "OPENSSL_INTERNAL" { seen.append(n) }
        return seen.isEmpty ? text : seen.joined(separator: ", ")
    }
}
