import BulwarkModel

/// One endpoint to probe, parsed from `[COMPONENT=]HOST[:PORT]`: without a port, every well-known
/// component port of the host; `COMPONENT=` names what a non-standard port serves (e.g.
/// `etcd=127.0.0.1:32379`), so that the component's own questions are asked.
public struct ProbeTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var component: EndpointProbe.Component

    public init(host: String, port: Int, component: EndpointProbe.Component? = nil) {
        self.host = host
        self.port = port
        self.component = component ?? .wellKnown(port: port)
    }

    /// The well-known component ports, in the order they are probed.
    public static let wellKnownPorts = [6443, 8080, 10250, 10255, 2379, 2380, 10257, 10259]

    /// Parses one command-line target into one endpoint, or one per well-known port.
    public static func parse(_ text: String) throws(ProbeError) -> [ProbeTarget] {
        var rest = Substring(text)
        var component: EndpointProbe.Component?
        if let eq = rest.firstIndex(of: "=") {
            let name = String(rest[..<eq])
            guard let c = EndpointProbe.Component(rawValue: name) else {
                let known = EndpointProbe.Component.allCases.map(\.rawValue).joined(separator: ", ")
                throw ProbeError("\(text): unknown component '\(name)' (known: \(known))")
            }
            component = c
            rest = rest[rest.index(after: eq)...]
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            // [IPv6]:PORT
            guard let close = rest.firstIndex(of: "]") else { throw ProbeError("\(text): missing ']' after an IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw ProbeError("\(text): expected ':PORT' after ']'")
            }
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty, !host.contains("/") else { throw ProbeError("\(text): expected HOST or HOST:PORT") }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw ProbeError("\(text): '\(portText)' is not a port number (1-65535)")
            }
            return [ProbeTarget(host: String(host), port: port, component: component)]
        }
        guard component == nil else { throw ProbeError("\(text): a COMPONENT= target needs a port") }
        return wellKnownPorts.map { ProbeTarget(host: String(host), port: $0) }
    }
}
