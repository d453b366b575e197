/// One edge of an escalation path: what is done, the grant that allows it (nil for steps that
/// follow from how Kubernetes works, e.g. "a pod of that namespace may run as this account"),
/// and where it leads.
public struct PathStep: Sendable, Hashable {
    public var action: String
    public var grant: Grant?
    public var to: PathNode

    public init(action: String, grant: Grant?, to: PathNode) {
        self.action = action; self.grant = grant; self.to = to
    }
}
