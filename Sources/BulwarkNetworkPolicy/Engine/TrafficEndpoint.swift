/// One end of a connection in a question: a workload of the analysis (by index) or an address
/// outside the cluster's pods.
public enum TrafficEndpoint: Sendable, Hashable {
    case workload(Int)
    case address(IPAddress)
}
