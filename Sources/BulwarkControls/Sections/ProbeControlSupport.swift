import BulwarkModel

// How the probe controls (BW-S1-101…, BW-S4-101…, BW-S11-101…, BW-S16-101) read `EndpointProbe`
// objects: which endpoints a control applies to, which of those were judged, and the rule that a
// closed port is an absent exposure (pass) while an unreachable one is not assessed.

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
    /// it listens and `judged` holds (the probe learnt what the control needs); closed endpoints
    /// count as passing (nothing is exposed); unreachable or unanswered ones are listed as not
    /// assessed, and when nothing was judged or closed the control is not assessed.
    func evaluateProbes(_ what: String, applies: (EndpointProbe) -> Bool, judged: (EndpointProbe) -> Bool,
                        pass: String, _ check: (ProbedEndpoint) -> [Violation]) -> ControlOutcome {
        let all = probedEndpoints
        guard !all.isEmpty else { return .notAssessed("no endpoint probe in input (run bulwark probe HOST)") }
        let candidates = all.filter { applies($0.probe) }
        guard !candidates.isEmpty else { return .notAssessed("no \(what) among the probed endpoints") }
        let closed = candidates.filter { $0.probe.reachability == .notListening }
        let assessed = candidates.filter { $0.probe.reachability == .listening && judged($0.probe) }
        let unassessed = candidates.filter { c in c.probe.reachability != .notListening && !assessed.contains { $0.probe.endpoint == c.probe.endpoint } }
        let violations = assessed.flatMap(check)
        if !violations.isEmpty { return .fail(violations) }
        let unassessedText = unassessed.map { u in
            "\(u.probe.endpoint) (\(u.probe.errors.first ?? u.probe.reachability.rawValue))"
        }.joinedForMessage
        if assessed.isEmpty && closed.isEmpty {
            return .notAssessed("\(what) could not be assessed: \(unassessedText)")
        }
        var parts = ["\(pass) (\(assessed.count) judged"]
        if !closed.isEmpty { parts.append("\(closed.count) not listening: \(closed.map(\.probe.endpoint).joinedForMessage)") }
        if !unassessed.isEmpty { parts.append("not assessed: \(unassessedText)") }
        return .pass(parts.joined(separator: "; ") + ")")
    }
}
