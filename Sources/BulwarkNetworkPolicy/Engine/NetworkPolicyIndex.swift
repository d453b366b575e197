import BulwarkModel

/// What a scan keeps of the NetworkPolicy engine: the indexed input and its reachability,
/// computed once per scan and shared by every S8/S9 control.
public struct NetworkPolicyIndex: Sendable {
    public let analysis: NetworkAnalysis
    public let reachability: Reachability

    public init(inventory: Inventory) {
        analysis = NetworkAnalysis(inventory: inventory)
        reachability = Reachability(analysis)
    }
}
