import BulwarkModel

/// The affected versions of one release line: from `firstAffected` (nil: from the line's first
/// build, pre-releases included) up to but not including `fixed` (nil: no release of this line
/// fixes it).
public struct AffectedLine: Sendable, Hashable {
    public var line: KubeVersion
    public var firstAffected: KubernetesVersion?
    public var fixed: KubernetesVersion?

    public init(line: KubeVersion, firstAffected: KubernetesVersion? = nil, fixed: KubernetesVersion?) {
        self.line = line; self.firstAffected = firstAffected; self.fixed = fixed
    }

    public func contains(_ version: KubernetesVersion) -> Bool {
        guard version.line == line else { return false }
        if let firstAffected, version < firstAffected { return false }
        if let fixed, version >= fixed { return false }
        return true
    }
}
