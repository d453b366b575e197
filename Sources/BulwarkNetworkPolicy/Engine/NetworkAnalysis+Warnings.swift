extension NetworkAnalysis {
    /// Problems worth telling the user about: policies the API server would reject or that do not
    /// do what they seem to, named ports that resolve nowhere, pods outside policy.
    public var warnings: [String] {
        var out: [String] = []
        for p in policies {
            for w in p.warnings { out.append("NetworkPolicy \(p.displayName): \(w)") }
            for rule in p.ingress + p.egress where p.affects(rule.direction) {
                for (i, port) in (rule.ports ?? []).enumerated() {
                    guard case .name(let name)? = port.port else { continue }
                    let key = NamedPort(name: name, proto: port.proto)
                    if !classes.contains(where: { $0.namedPorts[key] != nil }) {
                        out.append("NetworkPolicy \(p.displayName): \(rule.label).ports[\(i)] names port \"\(name)\"/\(port.proto.rawValue), which no container in the input declares")
                    } else if rule.direction == .egress && rule.peers?.contains(where: { if case .ipBlock = $0 { return true }; return false }) == true {
                        out.append("NetworkPolicy \(p.displayName): \(rule.label) uses named port \"\(name)\" toward an ipBlock; named ports never match external addresses")
                    }
                }
            }
        }
        out += ipBlockPodAddressWarnings
        for w in workloads where w.hostNetwork {
            out.append("\(w.endpoint) uses the host network: NetworkPolicy does not apply to it, and selectors never match it as a peer")
        }
        return out
    }

    /// ipBlock peers whose addresses overlap pod IPs or pod CIDRs the input reveals. The API intends
    /// ipBlock for traffic leaving or entering the cluster; whether it also matches pod traffic
    /// depends on the CNI (and on NAT), while Bulwark takes it as matching no pod.
    public var ipBlockPodAddressWarnings: [String] {
        guard !podAddresses.isEmpty else { return [] }
        var out: [String] = []
        for p in policies {
            for rule in p.ingress + p.egress where p.affects(rule.direction) {
                for (i, peer) in (rule.peers ?? []).enumerated() {
                    guard case .ipBlock(let block) = peer else { continue }
                    let covered = podAddresses.covered(by: block.ranges)
                    guard !covered.isEmpty else { continue }
                    let cidrs = covered.filter { $0.range.first != $0.range.last }.map(\.source)
                    let ips = covered.filter { $0.range.first == $0.range.last }
                    var what: [String] = []
                    if !cidrs.isEmpty { what.append("pod CIDR " + cidrs.joined(separator: ", ")) }
                    if !ips.isEmpty {
                        let shown = ips.prefix(3).map { "\($0.source) \($0.range.first)" }.joined(separator: ", ")
                        what.append("\(ips.count) pod IP\(ips.count == 1 ? "" : "s") (\(shown)\(ips.count > 3 ? ", …" : ""))")
                    }
                    out.append("NetworkPolicy \(p.displayName): \(rule.label).\(rule.direction.peerField)[\(i)] \(block.summary) covers pod addresses: \(what.joined(separator: "; ")). ipBlock is meant for addresses outside the cluster; CNIs differ in whether it matches pod traffic, and Bulwark takes it as matching no pod — select pods with podSelector/namespaceSelector instead")
                }
            }
        }
        return out
    }
}
