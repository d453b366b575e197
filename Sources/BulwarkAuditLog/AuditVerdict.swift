import BulwarkModel

/// The selected rules as they are applied: single-event rules and bursts, each with its index in
/// the selection (bursts are flushed in that order).
struct RuleSet: Sendable {
    struct Single: Sendable {
        var index: Int
        var rule: AuditRule
        var judge: @Sendable (AuditEvent) -> String?
    }

    struct Burst: Sendable {
        var index: Int
        var rule: AuditRule
        var burst: AuditRule.Burst
    }

    let singles: [Single]
    let bursts: [Burst]

    init(_ rules: [AuditRule]) {
        var singles: [Single] = [], bursts: [Burst] = []
        for (i, rule) in rules.enumerated() {
            switch rule.judgement {
            case .single(let judge): singles.append(Single(index: i, rule: rule, judge: judge))
            case .burst(let burst): bursts.append(Burst(index: i, rule: rule, burst: burst))
            }
        }
        self.singles = singles; self.bursts = bursts
    }

    /// What the rules say of `event` by itself. Pure, so it is worked out where the event is
    /// decoded, on any core.
    func verdict(on event: AuditEvent) -> Verdict {
        var verdict = Verdict(event: event)
        let kubernetes = KubernetesIdentity.contains(event.username)
        for i in singles.indices where !(kubernetes && singles[i].rule.excludesKubernetesIdentities) {
            if let message = singles[i].judge(event) { verdict.detections.append((i, message)) }
        }
        for i in bursts.indices where !(kubernetes && bursts[i].rule.excludesKubernetesIdentities) {
            guard let key = bursts[i].burst.key(event) else { continue }
            verdict.burstKeys.append(Verdict.BurstKey(burst: i, key: key, distinct: bursts[i].burst.distinct?(event)))
        }
        return verdict
    }
}

/// An event with what the rules say of it by itself: its single-event detections and the burst
/// windows it counts in. Whether it is judged at all (a later stage of a request already counted
/// is not, nor one outside --since/--until) is decided in input order, and only then are these
/// taken.
struct Verdict: Sendable {
    struct BurstKey: Sendable {
        /// Index into `RuleSet.bursts`.
        var burst: Int
        var key: String
        var distinct: String?
    }

    var event: AuditEvent
    /// Index into `RuleSet.singles`, and the message.
    var detections: [(single: Int, message: String)] = []
    var burstKeys: [BurstKey] = []
}
