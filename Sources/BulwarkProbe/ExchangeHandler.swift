import NIOCore
import NIOSSL
import NIOTLS

/// Records the handshake, sends the request, gathers the answer, and settles the promise exactly
/// once: on the answer's end (connection closed, or enough bytes), on an error, or at the deadline.
final class ExchangeHandler: ChannelInboundHandler {
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
