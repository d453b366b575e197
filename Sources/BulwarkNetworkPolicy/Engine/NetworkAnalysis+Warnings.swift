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
        for w in workloads where w.hostNetwork {
            out.append("\(w.endpoint) uses the host network: NetworkPolicy does not apply to it, and selectors never match it as a peer")
        }
        return out
    }
}
