import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct CatalogTests {
    @Test func idsAreUniqueWellFormedAndMatchTheirSection() {
        let ids = ControlCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for control in ControlCatalog.all {
            let prefix = "BW-\(control.info.section.id)-"
            #expect(control.id.hasPrefix(prefix), "\(control.id) not in \(control.info.section.id)")
            let number = control.id.dropFirst(prefix.count)
            #expect(number.count == 3 && number.allSatisfy(\.isNumber), "\(control.id)")
            #expect(!control.info.title.isEmpty && !control.info.remediation.isEmpty)
            for key in control.info.references.keys {
                #expect(["cis", "kubescape", "pss", "checkov"].contains(key), "\(control.id) reference key \(key)")
            }
            for id in control.info.references["checkov"] ?? [] { #expect(id.hasPrefix("CKV_K8S_")) }
            for id in control.info.references["kubescape"] ?? [] { #expect(id.hasPrefix("C-0")) }
        }
    }

    @Test func nonPSSSection6ControlsLeaveRoomForPSSChecks() {
        for control in S6ContainerPrivileges.controls {
            let number = Int(control.id.dropFirst("BW-S6-".count)) ?? 0
            #expect(number >= 101)
        }
    }

    /// A check upstream adds later gets an ID no control has.
    @Test func pssFallbackIDsAreUnused() {
        let ids = Set(ControlCatalog.all.map(\.id))
        for index in 0..<(S6PodSecurityStandards.table.count + 10) {
            #expect(!ids.contains(S6PodSecurityStandards.fallbackID(index)), "\(S6PodSecurityStandards.fallbackID(index))")
        }
        #expect(S6PodSecurityStandards.fallbackID(0) == "BW-S6-050")
    }

    @Test func everyControlIsNotAssessedOnEmptyInput() {
        for control in ControlCatalog.all {
            let outcome = evaluate(control, [])
            #expect(outcome.notAssessedReason != nil, "\(control.id) must not pass on empty input")
        }
    }
}
