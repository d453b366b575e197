import Foundation
import BulwarkModel

/// Runs controls over one scan's facts, turns violations into findings, and applies exceptions.
public enum ControlRunner {
    /// The annotation that lists control IDs to ignore on an object, and the one giving the reason.
    public static let ignoreAnnotation = "bulwark.io/ignore"
    public static let ignoreReasonAnnotation = "bulwark.io/ignore-reason"

    public struct Outcome: Sendable {
        public var results: [ControlResult]
        public var findings: [Finding]
        public var exceptions: [ScanReport.ExceptionUse]
    }

    public static func run(_ controls: [Control], context: ScanContext, exceptions rules: [ExceptionRule] = []) -> Outcome {
        var results: [ControlResult] = []
        var findings: [Finding] = []
        var uses: [ScanReport.ExceptionUse] = []
        let now = context.settings.now
        // Controls are pure functions of the context: evaluate them on all cores, then assemble
        // results, findings and exceptions in catalogue order.
        let outcomes: [ControlOutcome] = ParallelMap.map(controls) { control in
            // A kind the control reads was not collected: judging it on what is there would be a
            // silent pass over the missing objects.
            let missing = context.inventory.uncollected(among: control.reads)
            if !missing.isEmpty { return .unreadable(missing.map(\.reason).joined(separator: "; ")) }
            return control.evaluate(context)
        }
        for (control, outcome) in zip(controls, outcomes) {
            let info = control.info
            switch outcome {
            case .pass(let reason):
                results.append(result(info, .pass, reason, 0))
            case .notAssessed(let reason):
                results.append(result(info, .notAssessed, reason, 0))
            case .unreadable(let reason):
                results.append(result(info, .notAssessed, reason, 0, cause: .inputUnreadable))
            case .broken(let error):
                results.append(result(info, .notAssessed, "the control could not judge \(error)", 0, cause: .controlError))
            case .fail(let violations):
                var kept: [Finding] = []
                for v in violations {
                    let finding = makeFinding(info, v)
                    let (rule, expired) = exception(for: finding, object: v.object, rules: rules, now: now)
                    if let rule {
                        uses.append(ScanReport.ExceptionUse(
                            control: info.id, object: finding.object, path: finding.path, source: rule.source,
                            reason: rule.reason, expires: rule.expires, status: expired ? .expired : .applied))
                        if !expired { continue }
                    }
                    kept.append(finding)
                }
                if kept.isEmpty {
                    results.append(result(info, .pass, "\(violations.count) finding(s) excepted", 0))
                } else {
                    results.append(result(info, .fail, "\(kept.count) finding(s)", kept.count))
                    findings += kept
                }
            }
        }
        return Outcome(results: results, findings: findings, exceptions: uses)
    }

    private static func result(_ info: ControlInfo, _ status: ResultStatus, _ reason: String, _ count: Int,
                               cause: NotAssessedCause? = nil) -> ControlResult {
        ControlResult(control: info.id, section: info.section, severity: info.severity, title: info.title,
                      status: status, reason: reason, findings: count, cause: cause)
    }

    private static func makeFinding(_ info: ControlInfo, _ v: Violation) -> Finding {
        let line = v.fieldPath.flatMap { path in v.object?.value.line(at: path) }
        return Finding(control: info.id, section: info.section, severity: v.severity ?? info.severity,
                       object: v.object?.reference, path: v.path, line: line ?? v.object?.source?.line,
                       value: v.value, message: v.message, remediation: info.remediation, subject: v.subject)
    }

    /// The exception that covers a finding, if any, and whether it has expired. An annotation on
    /// the object is checked first, then the rules in file order; an unexpired match wins over an
    /// expired one.
    private static func exception(for finding: Finding, object: KubeObject?, rules: [ExceptionRule], now: Date)
        -> (ExceptionRule?, expired: Bool)
    {
        if let object, let ids = object.annotations[ignoreAnnotation] {
            let listed = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if listed.contains(where: { Glob.matches($0, finding.control) }) {
                let reason = object.annotations[ignoreReasonAnnotation] ?? "no reason given (\(ignoreReasonAnnotation) is not set)"
                return (ExceptionRule(control: finding.control, reason: reason, source: "annotation \(ignoreAnnotation)"), false)
            }
        }
        var expiredMatch: ExceptionRule?
        for rule in rules where rule.matches(control: finding.control, object: finding.object) {
            if !rule.isExpired(at: now) { return (rule, false) }
            if expiredMatch == nil { expiredMatch = rule }
        }
        return (expiredMatch, expiredMatch != nil)
    }
}
