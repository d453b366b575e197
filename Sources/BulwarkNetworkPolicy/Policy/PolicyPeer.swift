import BulwarkModel

/// One item of a rule's `from`/`to`. Selectors inside one item are ANDed; items are ORed.
public enum PolicyPeer: Sendable, Hashable {
    /// Pods matching `podSelector` (nil: all pods) in namespaces matching `namespaceSelector`
    /// (nil: the policy's own namespace).
    case pods(namespaceSelector: LabelSelector?, podSelector: LabelSelector?)
    case ipBlock(IPBlock)
    /// An item the API server would reject (empty, or ipBlock mixed with selectors); matches nothing.
    case invalid(String)

    init(decoding v: Value) {
        guard case .mapping = v else { self = .invalid("peer is not an object"); return }
        let ns = v["namespaceSelector"].flatMap { $0.isNull ? nil : LabelSelector(decoding: $0) }
        let pods = v["podSelector"].flatMap { $0.isNull ? nil : LabelSelector(decoding: $0) }
        if let block = v["ipBlock"], !block.isNull {
            if ns != nil || pods != nil { self = .invalid("ipBlock cannot be combined with podSelector or namespaceSelector in one peer"); return }
            let parsed = IPBlock(decoding: block)
            if let reason = parsed.invalidReason { self = .invalid(reason); return }
            self = .ipBlock(parsed)
            return
        }
        if ns == nil && pods == nil { self = .invalid("peer sets none of podSelector, namespaceSelector, ipBlock"); return }
        if let reason = ns?.invalidReason ?? pods?.invalidReason { self = .invalid(reason); return }
        self = .pods(namespaceSelector: ns, podSelector: pods)
    }

    public var summary: String {
        switch self {
        case .pods(let ns, let pods):
            var parts: [String] = []
            if let ns { parts.append("namespaceSelector \(ns.summary)") }
            if let pods { parts.append("podSelector \(pods.summary)") }
            return parts.joined(separator: " AND ")
        case .ipBlock(let b): return b.summary
        case .invalid(let reason): return "invalid peer (\(reason))"
        }
    }
}
