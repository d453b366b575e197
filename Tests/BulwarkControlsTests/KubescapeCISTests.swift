import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct KubescapeCISTests {
    @Test func tableIsOneToOneAndSpotChecksAgainstKubescapeNames() {
        let table = KubescapeCIS.controlByCISID
        #expect(Set(table.values).count == table.count, "a kubescape control maps to two CIS items")
        // Names in kubescape's cis-v1.12.0 framework: "CIS-1.1.1 … API server pod specification file
        // permissions", "CIS-1.2.3 … DenyServiceExternalIPs", "CIS-1.2.30 … extend-token-expiration",
        // "CIS-4.2.6 … make-iptables-util-chains" (C-0177 is skipped), "CIS-5.2.5 … host network".
        #expect(table["1.1.1"] == "C-0092")
        #expect(table["1.1.21"] == "C-0112")
        #expect(table["1.2.3"] == "C-0283")
        #expect(table["1.2.12"] == "C-0125")
        #expect(table["1.2.30"] == "C-0290")
        #expect(table["1.3.7"] == "C-0150")
        #expect(table["2.7"] == "C-0159")
        #expect(table["4.1.10"] == "C-0171")
        #expect(table["4.2.6"] == "C-0178")
        #expect(table["4.2.13"] == "C-0284")
        #expect(table["5.1.7"] == "C-0246")
        #expect(table["5.2.5"] == "C-0041")
        #expect(table["5.6.4"] == "C-0212")
        #expect(table["1.2.31"] == nil)
    }

    @Test func catalogControlsCarryTheKubescapeIDOfEachCISReference() {
        for control in ControlCatalog.all {
            let kubescape = control.info.references["kubescape"] ?? []
            for cis in control.info.references["cis"] ?? [] {
                if let expected = KubescapeCIS.controlByCISID[cis] {
                    #expect(kubescape.contains(expected), "\(control.id): CIS \(cis) → \(expected)")
                }
            }
            #expect(Set(kubescape).count == kubescape.count, "\(control.id) lists a kubescape ID twice")
        }
        let kubeletClientCert = ControlCatalog.all.first { $0.id == "BW-S4-010" }
        #expect(kubeletClientCert?.info.references["kubescape"] == ["C-0116"])
    }
}
