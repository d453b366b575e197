import BulwarkModel

extension KubeVersion {
    /// The first release of the line, `1.31.0`.
    public var firstRelease: KubernetesVersion { KubernetesVersion(major, minor, 0) }
}
