import BulwarkModel
import BulwarkComponentConfig
import BulwarkProbe

/// The endpoints a scanned cluster reports, for `bulwark scan --probe`: the live context's API
/// server, each recognised kube-apiserver's `--advertise-address`/`--secure-port` (and an
/// insecure port still configured), each etcd's client and peer listen URLs (their advertise URLs
/// when listening on every interface), and each Node's InternalIP at the kubelet ports.
enum ProbeDiscovery {
    static func targets(_ inventory: Inventory, kubeconfigServer: String?) -> [ProbeTarget] {
        var targets: [ProbeTarget] = []
        func add(_ host: String?, _ port: Int?, _ component: EndpointProbe.Component) {
            guard let host, !host.isEmpty, !isWildcard(host), let port, (1...65535).contains(port) else { return }
            if !targets.contains(where: { $0.host == host && $0.port == port }) {
                targets.append(ProbeTarget(host: host, port: port, component: component))
            }
        }
        if let server = kubeconfigServer, let (host, port) = hostPort(url: server, defaultPort: 443) {
            add(host, port, .apiServer)
        }
        let index = ComponentConfigIndex(inventory: inventory)
        for api in index.instances(.apiServer) {
            let host = api.flags.value("advertise-address") ?? api.flags.value("bind-address")
            add(host, api.flags.value("secure-port").flatMap { Int($0) } ?? 6443, .apiServer)
            if let insecure = api.flags.value("insecure-port").flatMap({ Int($0) }), insecure != 0 {
                // Bound to every interface (or the default loopback): probe the advertised address,
                // where a remote client would reach it.
                let bind = api.flags.value("insecure-bind-address")
                add(bind.map { isWildcard($0) || $0.hasPrefix("127.") ? host : $0 } ?? host, insecure, .insecureAPI)
            }
        }
        for etcd in index.instances(.etcd) {
            for (listen, advertise, component) in [("listen-client-urls", "advertise-client-urls", EndpointProbe.Component.etcd),
                                                   ("listen-peer-urls", "initial-advertise-peer-urls", .etcdPeer)] {
                let advertised = etcd.flags.list(advertise).compactMap { hostPort(url: $0, defaultPort: component == .etcd ? 2379 : 2380) }
                for url in etcd.flags.list(listen) {
                    guard let (host, port) = hostPort(url: url, defaultPort: component == .etcd ? 2379 : 2380) else { continue }
                    if isWildcard(host) {
                        for a in advertised where a.1 == port { add(a.0, port, component) }
                    } else {
                        add(host, port, component)
                    }
                }
            }
        }
        for node in inventory.objects(ofKind: "Node") {
            let addresses = node.value["status"]?["addresses"]?.array ?? []
            guard let ip = addresses.first(where: { $0["type"]?.string == "InternalIP" })?["address"]?.string else { continue }
            add(ip, 10250, .kubelet)
            add(ip, 10255, .kubeletReadOnly)
        }
        return targets
    }

    static func isWildcard(_ host: String) -> Bool { host == "0.0.0.0" || host == "::" || host == "[::]" }

    /// `https://HOST:PORT/path` → (HOST, PORT); IPv6 brackets removed.
    static func hostPort(url: String, defaultPort: Int) -> (String, Int)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let authority = url[schemeEnd.upperBound...].split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        guard let parsed = try? ProbeTarget.parse(authority) else { return nil }
        if parsed.count == 1, let t = parsed.first { return (t.host, t.port) }
        // No port in the URL: the scheme's default for the component.
        let host = authority.hasPrefix("[") ? String(authority.dropFirst().dropLast()) : authority
        return host.isEmpty ? nil : (host, defaultPort)
    }
}
