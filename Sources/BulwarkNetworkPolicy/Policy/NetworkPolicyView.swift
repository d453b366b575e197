import BulwarkModel

/// A `networking.k8s.io/v1` NetworkPolicy with `policyTypes` defaulted as the API server does.
public struct NetworkPolicyView: Sendable {
    public var object: KubeObject
    /// Effective namespace (empty counts as `default`).
    public var namespace: String
    public var name: String
    public var podSelector: LabelSelector
    public var policyTypes: Set<PolicyDirection>
    /// Whether `policyTypes` was written or defaulted.
    public var policyTypesWritten: Bool
    public var ingress: [PolicyRule]
    public var egress: [PolicyRule]
    /// Problems the API server would reject or that change the meaning silently.
    public var warnings: [String]

    public init(_ object: KubeObject) {
        self.object = object
        namespace = object.namespace.isEmpty ? "default" : object.namespace
        name = object.name
        let spec = object.value["spec"] ?? .null
        var warnings: [String] = []
        // spec.podSelector is required; an absent one reads as {} (every pod), as the API defaults it.
        podSelector = spec["podSelector"].map(LabelSelector.init(decoding:)) ?? .everything
        if let reason = podSelector.invalidReason { warnings.append("podSelector: \(reason); the policy selects no pod") }
        ingress = (spec["ingress"]?.array ?? []).enumerated().map { PolicyRule(direction: .ingress, index: $0.offset, decoding: $0.element) }
        egress = (spec["egress"]?.array ?? []).enumerated().map { PolicyRule(direction: .egress, index: $0.offset, decoding: $0.element) }
        // The API server defaults policyTypes when the list is absent *or empty*.
        if let written = spec["policyTypes"]?.array, !written.isEmpty {
            policyTypesWritten = true
            var types = Set<PolicyDirection>()
            for t in written {
                if let s = t.string, let d = PolicyDirection(rawValue: s) { types.insert(d) }
                else { warnings.append("policyTypes entry \(t.summary()) is not Ingress or Egress") }
            }
            policyTypes = types
            if !types.contains(.ingress) && !ingress.isEmpty { warnings.append("ingress rules are ignored: policyTypes does not list Ingress") }
            if !types.contains(.egress) && !egress.isEmpty { warnings.append("egress rules are ignored: policyTypes does not list Egress") }
        } else {
            // API defaulting: Ingress always; Egress only when egress rules exist.
            policyTypesWritten = false
            policyTypes = egress.isEmpty ? [.ingress] : [.ingress, .egress]
        }
        for rule in ingress + egress {
            for (i, peer) in (rule.peers ?? []).enumerated() {
                if case .invalid(let reason) = peer { warnings.append("\(rule.label).\(rule.direction.peerField)[\(i)]: \(reason)") }
            }
            for (i, port) in (rule.ports ?? []).enumerated() {
                if let reason = port.invalidReason { warnings.append("\(rule.label).ports[\(i)]: \(reason)") }
            }
        }
        self.warnings = warnings
    }

    public func affects(_ direction: PolicyDirection) -> Bool { policyTypes.contains(direction) }
    public func rules(_ direction: PolicyDirection) -> [PolicyRule] {
        guard affects(direction) else { return [] }
        return direction == .ingress ? ingress : egress
    }

    /// `namespace/name`.
    public var displayName: String { "\(namespace)/\(name)" }
}
