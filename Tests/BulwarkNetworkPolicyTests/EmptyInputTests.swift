import Testing
import BulwarkModel
@testable import BulwarkNetworkPolicy

@Suite struct EmptyInputTests {
    /// No objects at all: nothing to reach, and nothing may crash.
    @Test func emptyInventory() {
        let a = NetworkAnalysis(inventory: Inventory())
        let r = Reachability(a)
        #expect(ReachResult(analysis: a, reachability: r).count == 0)
        #expect(r.sources(of: []).isEmpty)
    }
}
