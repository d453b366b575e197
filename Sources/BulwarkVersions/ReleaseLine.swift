import BulwarkModel
import Foundation

/// One Kubernetes release line's support dates. Patch releases stop at `endOfLife`; from
/// `maintenanceStart` a line gets only critical fixes.
public struct ReleaseLine: Sendable, Hashable {
    public var id: KubeVersion
    public var released: Date?
    public var maintenanceStart: Date?
    public var endOfLife: Date

    public init(id: KubeVersion, released: Date? = nil, maintenanceStart: Date? = nil, endOfLife: Date) {
        self.id = id; self.released = released; self.maintenanceStart = maintenanceStart; self.endOfLife = endOfLife
    }
}
