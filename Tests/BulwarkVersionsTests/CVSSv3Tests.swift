import Testing
@testable import BulwarkVersions

@Suite struct CVSSv3Tests {
    /// Scores published with these vectors in Kubernetes advisories and NVD.
    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:N", 5.9),   // CVE-2024-9042
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8),   // CVE-2023-3955
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N", 6.1),   // CVE-2024-5321
        ("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N", 3.4),   // CVE-2023-2431
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),   // scope changed
        ("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:L/A:N", 2.7),   // CVE-2025-4563
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    ])
    func baseScores(vector: String, score: Double) throws {
        #expect(try #require(CVSSv3(vector: vector)).baseScore == score)
    }

    @Test func findsTheVectorInsideACalculatorLinkAndToleratesLowerCase() throws {
        let text = "CVSS Rating: [CVSS:3.1/av:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H](https://www.first.org/cvss/calculator/3.1#CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H) - **HIGH** (8.8)"
        #expect(try #require(CVSSv3.firstVector(in: text)).baseScore == 8.8)
        #expect(CVSSv3.firstVector(in: "CVSS:3.1/AV:N/AC:L") == nil)
        #expect(CVSSv3(vector: "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P") == nil)
    }

    @Test func ratings() {
        #expect(CVSSv3.severity(forScore: 9.0) == .critical)
        #expect(CVSSv3.severity(forScore: 8.9) == .high)
        #expect(CVSSv3.severity(forScore: 4.0) == .medium)
        #expect(CVSSv3.severity(forScore: 3.9) == .low)
        #expect(CVSSv3.severity(forScore: 0.0) == .info)
    }
}
