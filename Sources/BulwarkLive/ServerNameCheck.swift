import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import BulwarkKubeconfig

/// `tls-server-name`: the server's certificate must be valid for that name, as kubectl (Go's
/// crypto/tls) demands. NIOSSL's hostname check also accepts an IP address SAN that equals the
/// address connected to, so a certificate the cluster CA issued for the server's IP (a kubelet's
/// or another component's) would pass although it does not name `tls-server-name`. Before any
/// request (and any credential) is sent, one handshake to the server — chain verified against the
/// cluster CA, SNI `tls-server-name` — reads the leaf certificate and checks its DNS names (or IP
/// names, when `tls-server-name` is an address) against the name only; a mismatch is refused.
enum ServerNameCheck {
    static func verify(host: String, port: Int, serverName: String, tls: TLSConfiguration, timeout: TimeAmount,
                       origin: String) async throws(LiveError) {
        var configuration = tls
        // The chain is still verified against the trust roots; the name is checked below.
        configuration.certificateVerification = .noHostnameVerification
        let leaf: NIOSSLCertificate?
        do {
            let context = try NIOSSLContext(configuration: configuration)
            let sni = serverName.isIPAddress ? nil : serverName
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: sni))
                        try channel.pipeline.syncOperations.addHandler(HandshakeWaiter())
                    }
                }
                .connect(host: host, port: port).get()
            defer { channel.close(promise: nil) }
            let waiter = try await channel.pipeline.handler(type: HandshakeWaiter.self).get()
            let done = channel.eventLoop.scheduleTask(in: timeout) { waiter.fail(ServerNameCheckTimeout()) }
            defer { done.cancel() }
            try await waiter.completed.futureResult.get()
            leaf = try await channel.nioSSL_peerCertificate().get()
        } catch let error as ServerNameCheckTimeout {
            _ = error
            throw LiveError(.transport, path: "", message: "\(origin): TLS handshake with \(host):\(port) did not complete in time")
        } catch {
            throw LiveError(.transport, path: "", message: "\(origin): TLS handshake with \(host):\(port) failed: \(error)")
        }
        guard let leaf, certificate(leaf, isValidFor: serverName) else {
            throw LiveError(.transport, path: "", message:
                "\(origin): TLS certificate of \(host):\(port) is not valid for tls-server-name \(serverName) (kubectl refuses it too)")
        }
    }

    /// RFC 6125 as Go checks it: DNS SANs only (no common name), one left-most `*` label; an IP
    /// `serverName` matches IP SANs only.
    static func certificate(_ certificate: NIOSSLCertificate, isValidFor serverName: String) -> Bool {
        var name = serverName.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let wantedIP = ipBytes(name)
        for san in certificate._subjectAlternativeNames() {
            let bytes = Array(san.contents)
            switch san.nameType {
            case .dnsName where wantedIP == nil:
                var dns = String(decoding: bytes, as: UTF8.self).lowercased()
                if dns.hasSuffix(".") { dns.removeLast() }
                if dns == name { return true }
                if dns.hasPrefix("*."), let dot = name.firstIndex(of: "."), name[name.index(after: dot)...] == dns.dropFirst(2),
                   !name[..<dot].isEmpty {
                    return true
                }
            case .ipAddress:
                if let wantedIP, wantedIP == bytes { return true }
            default: continue
            }
        }
        return false
    }

    /// The address bytes of an IPv4 or IPv6 literal, as a certificate's IP SAN holds them.
    static func ipBytes(_ text: String) -> [UInt8]? {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard let address = try? SocketAddress(ipAddress: bare, port: 0) else { return nil }
        switch address {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6): return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default: return nil
        }
    }
}

private struct ServerNameCheckTimeout: Error {}

/// Completes when the TLS handshake is done, or fails with the first error.
private final class HandshakeWaiter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    var completed: EventLoopPromise<Void>!

    func handlerAdded(context: ChannelHandlerContext) { completed = context.eventLoop.makePromise() }
    func handlerRemoved(context: ChannelHandlerContext) { completed.fail(ChannelError.ioOnClosedChannel) }

    func fail(_ error: Error) { completed.fail(error) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { completed.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        completed.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        completed.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}

private extension String {
    var isIPAddress: Bool { ServerNameCheck.ipBytes(self) != nil }
}
