/// One reason a subject may do something: the binding that names it, the role it points at, the
/// rule of that role, and the scope the binding gives the rule.
public struct Grant: Sendable, Hashable {
    public var subject: RBACSubject
    public var binding: ObjectKey
    public var role: ObjectKey
    public var rule: PolicyRule
    public var scope: GrantScope
    /// Index of the binding in the index's `bindings`, to reach its object and subject position.
    public var bindingIndex: Int

    public init(subject: RBACSubject, binding: ObjectKey, role: ObjectKey, rule: PolicyRule, scope: GrantScope, bindingIndex: Int) {
        self.subject = subject; self.binding = binding; self.role = role; self.rule = rule
        self.scope = scope; self.bindingIndex = bindingIndex
    }
}
