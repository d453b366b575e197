import BulwarkModel
import Foundation

/// Where a release line stands on a given date.
public enum SupportStatus: Sendable, Hashable {
    /// Receiving patch releases until `endOfLife`.
    case supported(endOfLife: Date)
    /// Past its maintenance-mode start: only critical fixes until `endOfLife`.
    case maintenance(endOfLife: Date)
    case endOfLife(since: Date)
    /// Newer than every line the bundled data knows: released after Bulwark was built, so still
    /// supported unless Bulwark's data is very old.
    case newerThanKnown(newestKnown: KubeVersion)
    /// Older than every line the data lists: long out of support.
    case olderThanKnown(oldestKnown: KubeVersion)
}
