import Testing
@testable import BulwarkVersions

@Suite struct KubernetesVersionTests {
    @Test(arguments: [
        ("v1.31.4", "1.31.4", nil),
        ("1.31.4", "1.31.4", nil),
        ("v1.29.3-eks-abc", "1.29.3", "eks-abc"),
        ("v1.28.3-gke.1286000", "1.28.3", "gke.1286000"),
        ("v1.30.1+k3s1", "1.30.1", "k3s1"),
        ("v1.27.6+rke2r1", "1.27.6", "rke2r1"),
        ("v1.10.0-beta.3", "1.10.0-beta.3", nil),
        ("v1.33.0-rc.1+vendor7", "1.33.0-rc.1", "vendor7"),
    ] as [(String, String, String?)])
    func parsesUpstreamAndDistribution(text: String, upstream: String, distribution: String?) throws {
        let v = try #require(KubernetesVersion(parsing: text))
        #expect(v.upstreamDescription == upstream)
        #expect(v.distribution == distribution)
    }

    @Test(arguments: ["", "latest", "v1.31", "1.x.4", "v1.31.4.5", "v1.31.-1", "v1.31.4-beta", "v٣.1.1"])
    func rejectsWhatIsNotAFullVersion(text: String) {
        #expect(KubernetesVersion(parsing: text) == nil)
    }

    @Test func distributionBuildsCompareAsTheirUpstreamVersion() throws {
        let eks = try #require(KubernetesVersion(parsing: "v1.29.3-eks-abc"))
        #expect(eks == KubernetesVersion(1, 29, 3))
        #expect(eks < KubernetesVersion(1, 29, 4))
        #expect(!(eks < KubernetesVersion(1, 29, 3)))
    }

    @Test func preReleasesSortBeforeTheirRelease() throws {
        let order = ["v1.10.0-alpha.2", "v1.10.0-alpha.10", "v1.10.0-beta.0", "v1.10.0-beta.3", "v1.10.0-rc.1", "v1.10.0", "v1.10.1", "v1.11.0"]
        let parsed = try order.map { try #require(KubernetesVersion(parsing: $0)) }
        #expect(parsed == parsed.sorted())
        for (a, b) in zip(parsed, parsed.dropFirst()) { #expect(a < b, "\(a) < \(b)") }
    }

    @Test func distributionVersionsAreJudgedAsUpstream() throws {
        let k3s = try #require(KubernetesVersion(parsing: "v1.30.2+k3s1"))
        let match = CVEDatabase.bundled.assess(k3s, components: [.kubelet]).affected.map(\.record.id)
        #expect(match.contains("CVE-2024-10220"))
        let fixed = try #require(KubernetesVersion(parsing: "v1.30.3+k3s1"))
        #expect(!CVEDatabase.bundled.assess(fixed, components: [.kubelet]).affected.map(\.record.id).contains("CVE-2024-10220"))
    }
}
