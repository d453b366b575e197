/// What a CVE database says about one version of some components.
public struct CVEAssessment: Sendable {
    public var version: KubernetesVersion
    public var components: Set<KubernetesComponent>
    /// CVEs with a fix that this version lacks.
    public var affected: [CVEMatch]
    /// CVEs without any fix that concern these components (mitigations only).
    public var unfixed: [CVERecord]
    /// Records whose version data could not be read: neither affected nor safe.
    public var unassessed: [CVERecord]
    /// How many records concern these components at all.
    public var considered: Int
}
