import BulwarkModel
import BulwarkInputs

/// What a live collection produced: a snapshot (source kind `live`) and the problems met, which
/// a scan reports in its `errors`.
public struct LiveCollection: Sendable {
    public var snapshot: Snapshot
    public var issues: [InputIssue]
}
