import BulwarkModel

// How the probe controls (BW-S1-101…, BW-S4-101…, BW-S11-101…, BW-S16-101) read `EndpointProbe`
// objects: which endpoints a control applies to, which of those were judged, and the rule that a
// closed port is an absent exposure (pass) on a host that answered elsewhere, while an unreachable
// one, or any port of a host where nothing answered, is not assessed.

/// One probed endpoint with the inventory object findings name.
struct ProbedEndpoint {
    var probe: EndpointProbe
    var object: KubeObject

    func violation(_ field: String, value: String?, message: String, severity: Severity? = nil) -> Violation {
        // A location, not a field path: the object was made by the probe and has no lines.
        Violation(object: object, location: "status.\(field)", value: value, message: message, severity: severity)
    }
}

extension ScanContext {
    var probedEndpoints: [ProbedEndpoint] {
        inventory.objects(ofKind: EndpointProbe.kind).compactMap { o in EndpointProbe(object: o).map { ProbedEndpoint(probe: $0, object: o) } }
    }

    /// Evaluates a probe control over the endpoints it `applies` to. An endpoint is judged when
    /// it listens and `judged` holds (the probe learnt what the control needs). A closed port is
    /// an absent exposure (it passes) only on a host that answered on some other probed port: when
    /// nothing on a host answers, its closed ports say nothing about Kubernetes — perhaps nothing
    /// runs there, perhaps the probe went to the wrong address — so they are not assessed, as are
    /// unreachable or unanswered endpoints. With nothing judged and no closed port on an answering
    /// host, the control is not assessed.
    func evaluateProbes(_ what: String, applies: (EndpointProbe) -> Bool, judged: (EndpointProbe) -> Bool,
                        pass: String, _ check: (ProbedEndpoint) -> [Violation]) -> ControlOutcome {
        let all = probedEndpoints
        guard !all.isEmpty else { return .notAssessed("no endpoint probe in input (run bulwark probe HOST)") }
        let candidates = all.filter { applies($0.probe) }
        guard !candidates.isEmpty else { return .notAssessed("no \(what) among the probed endpoints") }
        let answeringHosts = Set(all.filter { $0.probe.reachability == .listening }.map(\.probe.host))
        let closed = candidates.filter { $0.probe.reachability == .notListening && answeringHosts.contains($0.probe.host) }
        let silentHostClosed = candidates.filter { $0.probe.reachability == .notListening && !answeringHosts.contains($0.probe.host) }
        let assessed = candidates.filter { $0.probe.reachability == .listening && judged($0.probe) }
        let unassessed = candidates.filter { c in
            c.probe.reachability != .notListening && !assessed.contains { $0.probe.endpoint == c.probe.endpoint }
        }
        let violations = assessed.flatMap(check)
        if !violations.isEmpty { return .fail(violations) }
        var unassessedParts = unassessed.map { u in "\(u.probe.endpoint) (\(u.probe.errors.first ?? u.probe.reachability.rawValue))" }
        unassessedParts += silentHostClosed.map { "\($0.probe.endpoint) (refused, and no probed port of \($0.probe.host) answered)" }
        let unassessedText = unassessedParts.joinedForMessage
        if assessed.isEmpty && closed.isEmpty {
            return .unreadable("\(what) could not be assessed: \(unassessedText)")
        }
        var parts = ["\(pass) (\(assessed.count) judged"]
        if !closed.isEmpty { parts.append("\(closed.count) not listening: \(closed.map(\.probe.endpoint).joinedForMessage)") }
        if !unassessedParts.isEmpty { parts.append("not assessed: \(unassessedText)") }
        return .pass(parts.joined(separator: "; ") + ")")
    }
}
