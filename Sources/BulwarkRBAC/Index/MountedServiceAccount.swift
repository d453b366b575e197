import BulwarkModel

/// A workload and the service account its pods run as, with whether the token is mounted.
public struct MountedServiceAccount: Sendable {
    public var workload: KubeObject
    /// How reports name the workload (SPEC §4: its top-most known controller).
    public var workloadName: WorkloadName
    public var serviceAccount: RBACSubject
    /// False when the pod or the ServiceAccount sets `automountServiceAccountToken: false` (the
    /// pod's setting wins): the pod then carries no API credential unless it projects one itself.
    public var tokenMounted: Bool
    /// Where the service account is named in the object (or where it would be, for `default`).
    public var path: FieldPath
}
