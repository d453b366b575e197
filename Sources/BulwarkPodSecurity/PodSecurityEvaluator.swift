import BulwarkModel

/// The Pod Security Standards engine: upstream Pod Security Admission's checks
/// (kubernetes/pod-security-admission `policy/`), evaluated on Bulwark's pod templates.
public enum PodSecurity {
    /// Every upstream check, baseline first, each in upstream's result order.
    public static let checks: [PSSCheckInfo] = CheckRegistry.ordered.map(\.info)

    /// The newest policy version any check defines; `latest` and newer versions evaluate as this.
    public static var newestPolicyVersion: PSSVersion { PSSVersion(minor: CheckRegistry.maxVersion) }

    /// Upstream's verdict for one pod: the failed checks in upstream's order, with upstream's
    /// reason and detail, plus the failing fields relative to the pod. `privileged` allows
    /// everything. Fields of the wrong type are listed in `malformed` and evaluated as absent.
    public static func evaluate(_ pod: PodTemplate, level: PSSLevel, version: PSSVersion) -> PSSEvaluation {
        let (view, malformed) = PodView.decode(pod)
        var violations: [PSSViolation] = []
        for (id, check) in CheckRegistry.selection(level: level, version: version) {
            guard let failure = check.evaluate(view) else { continue }
            violations.append(PSSViolation(
                check: id, reason: failure.reason, detail: failure.detail,
                paths: failure.fields.map(\.path), value: failure.fields.first?.value))
        }
        return PSSEvaluation(violations: violations, malformed: malformed)
    }

    /// The IDs of the checks run for a level and version, in order (after overrides).
    public static func checkIDs(level: PSSLevel, version: PSSVersion) -> [String] {
        CheckRegistry.selection(level: level, version: version).map(\.id)
    }
}

extension PSSEvaluation {
    /// Upstream's aggregate reason: `host namespaces, privileged`.
    public var forbiddenReason: String { violations.map(\.reason).joined(separator: ", ") }

    /// Upstream's aggregate detail: `host namespaces (hostNetwork=true), privileged (container "a" …)`.
    public var forbiddenDetail: String {
        violations.map { $0.detail.isEmpty ? $0.reason : "\($0.reason) (\($0.detail))" }.joined(separator: ", ")
    }
}
