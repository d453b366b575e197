/// A shortest way from a subject to cluster-admin-equivalent power, step by step.
public struct EscalationPath: Sendable, Hashable {
    public var subject: RBACSubject
    public var steps: [PathStep]

    public var length: Int { steps.count }

    /// `sa:ci/deployer → create deployments in kube-system → pod with sa:kube-system/x → get secrets cluster-wide`.
    public var text: String {
        ([subject.description] + steps.map(\.action)).joined(separator: " → ")
    }

    /// One line per step, each with the binding and role that grant it.
    public var explanation: [String] {
        var current = subject.description
        return steps.enumerated().map { i, step in
            var line = "\(i + 1). \(current): \(step.action)"
            if let g = step.grant {
                let via = g.subject == subject || g.subject.kind != .group ? "" : " via \(g.subject.description)"
                line += " (\(g.binding.description) → \(g.role.description): \(g.rule.summary)\(via))"
            }
            if case .identity(let s) = step.to { current = s.description } else { current = step.to.description }
            return line
        }
    }
}
