import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL

/// A small HTTPS server on 127.0.0.1 (port chosen by the OS) for the client tests: plain SwiftNIO
/// + NIOSSL, with client certificates verified against the test CA (required or optional). Each
/// request goes to `handler`, which answers with a status, headers and a body, or asks for the
/// body to be cut short (the connection closes mid-body).
final class TestAPIServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [(String, String)]
        var body: [UInt8]
        /// The client presented a certificate the server verified.
        var clientCertificate: Bool
        var bearerToken: String? {
            headers.first { $0.0.lowercased() == "authorization" }.flatMap { $0.1.hasPrefix("Bearer ") ? String($0.1.dropFirst(7)) : nil }
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8]
        var truncate = false
        /// Send the body 4 bytes every 50 ms (each chunk well inside any read timeout).
        var trickle = false
    }

    typealias Handler = @Sendable (Request) -> Reply

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private(set) var port = 0

    init(certificate: String, key: String, ca: String, requireClientCertificate: Bool, handler: @escaping Handler) throws {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        tls.certificateVerification = requireClientCertificate ? .noHostnameVerification : .optionalVerification
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
        let context = try NIOSSLContext(configuration: tls)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(handler: handler))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    var url: String { "https://127.0.0.1:\(port)" }

    func shutdown() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    private final class RequestHandler: ChannelInboundHandler {
        /// Writes `rest` a few bytes at a time until it is sent or the channel is closed.
        static func trickle(_ rest: ArraySlice<UInt8>, context: ChannelHandlerContext) {
            guard context.channel.isActive else { return }
            guard !rest.isEmpty else {
                context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
                return
            }
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: rest.prefix(4))))), promise: nil)
            let next = rest.dropFirst(4)
            context.eventLoop.scheduleTask(in: .milliseconds(50)) { trickle(next, context: context) }
        }

        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handler: Handler
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(handler: @escaping Handler) { self.handler = handler }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h; body = []
            case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let peer = (try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self))?.peerCertificate
                let parts = head.uri.split(separator: "?", maxSplits: 1)
                var query: [String: String] = [:]
                if parts.count == 2 {
                    for pair in parts[1].split(separator: "&") {
                        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        query[kv[0]] = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
                    }
                }
                let request = Request(method: head.method.rawValue, path: String(parts.first ?? ""), query: query,
                                      headers: head.headers.map { ($0.name, $0.value) }, body: body, clientCertificate: peer != nil)
                let reply = handler(request)
                var headers = HTTPHeaders(reply.headers.map { ($0.0, $0.1) })
                headers.add(name: "Content-Type", value: "application/json")
                headers.add(name: "Content-Length", value: "\(reply.body.count)")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: reply.status), headers: headers))), promise: nil)
                if reply.trickle {
                    context.flush()
                    Self.trickle(reply.body[...], context: context)
                    self.head = nil
                    return
                }
                let sent = reply.truncate ? Array(reply.body.prefix(reply.body.count / 2)) : reply.body
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: sent)))), promise: nil)
                if reply.truncate {
                    context.flush()
                    context.close(promise: nil)  // mid-body: the client sees a short response
                } else {
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
                self.head = nil
            }
        }
    }
}
