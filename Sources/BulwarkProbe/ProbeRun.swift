import BulwarkModel

/// Probes every target (a few at a time) and, when asked, runs the S16 live check against etcd;
/// returns one `EndpointProbe` per endpoint, in target order.
public struct ProbeRun: Sendable {
    public var prober: EndpointProber
    public var etcdSecrets: EtcdSecretsCheck?
    /// Endpoints probed at once.
    public var parallelism: Int

    public init(prober: EndpointProber, etcdSecrets: EtcdSecretsCheck? = nil, parallelism: Int = 8) {
        self.prober = prober
        self.etcdSecrets = etcdSecrets
        self.parallelism = max(1, parallelism)
    }

    public func run(_ targets: [ProbeTarget]) async -> [EndpointProbe] {
        var unique: [ProbeTarget] = []
        for t in targets where !unique.contains(where: { $0.host == t.host && $0.port == t.port }) { unique.append(t) }
        // The etcd endpoint of the live check is probed as etcd too (no-certificate access, TLS).
        if let e = etcdSecrets?.endpoint {
            if let i = unique.firstIndex(where: { $0.host == e.host && $0.port == e.port }) {
                if unique[i].component == .unknown { unique[i].component = .etcd }
            } else {
                unique.append(ProbeTarget(host: e.host, port: e.port, component: .etcd))
            }
        }
        var results = [EndpointProbe?](repeating: nil, count: unique.count)
        let prober = self.prober
        await withTaskGroup(of: (Int, EndpointProbe).self) { group in
            var next = 0
            func start() {
                guard next < unique.count else { return }
                let i = next, target = unique[i]
                group.addTask { (i, await prober.probe(target)) }
                next += 1
            }
            for _ in 0..<parallelism { start() }
            while let (i, r) = await group.next() {
                results[i] = r
                start()
            }
        }
        var probes = results.compactMap { $0 }
        if let check = etcdSecrets, let i = probes.firstIndex(where: { $0.host == check.endpoint.host && $0.port == check.endpoint.port }) {
            probes[i].secretsAtRest = await check.run()
        }
        return probes
    }
}
