import Foundation
import Testing
import BulwarkModel
@testable import BulwarkVersions

/// The importer on a small feed in the official format (Fixtures/cve-feed.json).
@Suite struct CVEFeedImporterTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cve-feed.json")

    func imported() throws -> CVEFeedImport {
        try CVEFeedImporter.importFeed(Data(contentsOf: Self.fixture), path: "cve-feed.json")
    }

    @Test func importsTheGoodEntriesAndNamesTheMalformedOnes() throws {
        let result = try imported()
        #expect(result.database.records.map(\.id) == ["CVE-2024-9042", "CVE-2024-5321", "CVE-2025-4563", "CVE-2024-7598", "CVE-2026-2270"])
        #expect(result.problems == [
            "items[5]: \"id\" is missing",
            "items[6]: \"id\" is not a string",
            "items[7]: \"id\" GHSA-abcd-efgh-ijkl is not a CVE ID",
            "items[8]: CVE-2099-0001: \"content_text\" is not a string",
            "items[9]: not an object",
            "items[10]: CVE-2024-9042 appears again; the first entry is kept",
        ])
        #expect(result.updatedAt == "2026-09-20T08:00:00Z")
        #expect(result.database.originDescription == "the imported Kubernetes CVE feed (cve-feed.json, updated 2026-09-20T08:00:00Z)")
    }

    @Test func readsVersionStylesOfTheAdvisoryText() throws {
        let db = try imported().database
        let logQuery = try #require(db.record(id: "CVE-2024-9042"))
        #expect(logQuery.components == [.kubelet])
        #expect(logQuery.windowsOnly)
        #expect(logQuery.cvssScore == 5.9 && logQuery.severity == .medium)
        #expect(!logQuery.uncertain)
        let cases: [(String, CVEVerdict)] = [
            ("v1.32.0", .affected(fixedIn: KubernetesVersion(1, 32, 1))), ("v1.32.1", .notAffected),
            ("v1.31.4", .affected(fixedIn: KubernetesVersion(1, 31, 5))), ("v1.31.5", .notAffected),
            ("v1.30.8", .affected(fixedIn: KubernetesVersion(1, 30, 9))), ("v1.30.9", .notAffected),
            ("v1.29.12", .affected(fixedIn: KubernetesVersion(1, 29, 13))), ("v1.29.13", .notAffected),
            ("v1.27.3", .affected(fixedIn: nil)), ("v1.33.0", .notAffected),
        ]
        for (text, expected) in cases {
            #expect(logQuery.affected.verdict(for: KubernetesVersion(parsing: text)!) == expected, "\(text)")
        }

        let logs = try #require(db.record(id: "CVE-2024-5321"))
        #expect(logs.components == [.kubelet] && logs.windowsOnly && logs.cvssScore == 6.1)
        #expect(logs.affected.verdict(for: KubernetesVersion(1, 28, 11)) == .affected(fixedIn: KubernetesVersion(1, 28, 12)))
        #expect(logs.affected.verdict(for: KubernetesVersion(1, 30, 3)) == .notAffected)

        let dra = try #require(db.record(id: "CVE-2025-4563"))
        #expect(dra.components == [.kubeAPIServer] && !dra.windowsOnly && dra.severity == .low && dra.cvssScore == 2.7)
        #expect(dra.affected.verdict(for: KubernetesVersion(1, 33, 1)).isAffected)
        #expect(dra.affected.verdict(for: KubernetesVersion(1, 33, 2)) == .notAffected)
        #expect(dra.affected.verdict(for: KubernetesVersion(1, 31, 9)) == .notAffected, "the range starts at 1.32.0")
    }

    @Test func unfixedAndDetaillessEntries() throws {
        let db = try imported().database
        let ns = try #require(db.record(id: "CVE-2024-7598"))
        #expect(ns.isUnfixed && ns.status == "unfixed" && ns.mitigation != nil)
        let placeholder = try #require(db.record(id: "CVE-2026-2270"))
        if case .unknown = placeholder.affected {} else { Issue.record("no versions: unknown, not judged") }
        let assessment = db.assess(KubernetesVersion(1, 31, 0), components: KubernetesComponent.controlPlane)
        #expect(assessment.unassessed.map(\.id) == ["CVE-2026-2270"])
        #expect(assessment.unfixed.map(\.id) == ["CVE-2024-7598"])
    }

    @Test func wholeFileErrors() {
        #expect(throws: CVEFeedError.self) { try CVEFeedImporter.importFeed(Data("{not json".utf8), path: "x") }
        #expect(throws: CVEFeedError.self) { try CVEFeedImporter.importFeed(Data("{\"version\":\"x\"}".utf8), path: "x") }
        do {
            _ = try CVEFeedImporter.importFeed(Data("[{\"cve_id\":\"CVE-2021-25741\"}]".utf8), path: "old.json")
            Issue.record("the 2022 flat format has no versions")
        } catch {
            #expect("\(error)".contains("2022 flat feed format"))
        }
    }

    @Test func advisoryLinesTheImporterCannotReadAreReportedNotGuessed() throws {
        let item: [String: Any] = ["id": "CVE-2099-1234", "summary": "kubelet issue", "status": "fixed",
                                   "content_text": "#### Affected Versions\n- some builds from last spring\n- kubelet <= v1.30.2\n#### Fixed Versions\n- kubelet v1.30.3\n"]
        let record = try CVEFeedImporter.record(from: item)
        #expect(record.uncertain)
        #expect(record.note?.contains("some builds from last spring") == true)
        #expect(record.affected.verdict(for: KubernetesVersion(1, 30, 2)).isAffected)
        #expect(record.note?.contains("medium assumed") == true)
    }

    /// Issue 10: a patch of 2^63−1 trapped (`patch + 1`), and `v1.0.1 to v1.999999999999.0`
    /// expanded every minor in between until memory ran out. Both lines are now unread, named in
    /// the note, and the record falls back to what it can still say.
    @Test func absurdVersionNumbersAreUnreadLinesNotTrapsOrExpansions() throws {
        let huge: [String: Any] = ["id": "CVE-2099-0002", "summary": "kubelet issue", "status": "fixed",
                                   "content_text": "#### Affected Versions\n- kubelet v1.30.9223372036854775807\n- v1.0.1 to v1.999999999999.0\n- v1.2.3 to v1.99999999999999999999999.0\n#### Fixed Versions\n- v1.30.9223372036854775807\n"]
        let record = try CVEFeedImporter.record(from: huge)
        #expect(record.uncertain)
        #expect(record.note?.contains("v1.0.1 to v1.999999999999.0") == true)
        #expect(record.note?.contains("v1.30.9223372036854775807") == true)
        #expect(record.note?.contains("v1.99999999999999999999999.0") == true)
        if case .unknown = record.affected {} else { Issue.record("nothing readable is left: unknown, not judged (\(record.affected))") }
        // Plausible numbers next to absurd ones still count.
        let mixed: [String: Any] = ["id": "CVE-2099-0003", "summary": "kubelet issue", "status": "fixed",
                                    "content_text": "#### Affected Versions\n- v1.30.0 to v1.30.4\n- v1.0.1 to v1.999999999999.0\n#### Fixed Versions\n- v1.30.5\n"]
        let readable = try CVEFeedImporter.record(from: mixed)
        #expect(readable.affected.verdict(for: KubernetesVersion(1, 30, 2)) == .affected(fixedIn: KubernetesVersion(1, 30, 5)))
    }

    @Test func storeHonoursTheDataDirectoryVariables() throws {
        #expect(CVEDataStore(environment: ["BULWARK_DATA_DIR": "/d", "XDG_DATA_HOME": "/x", "HOME": "/h"]).feedFile.path == "/d/cve-feed.json")
        #expect(CVEDataStore(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).feedFile.path == "/x/bulwark/cve-feed.json")
        #expect(CVEDataStore(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]).feedFile.path == "/h/.local/share/bulwark/cve-feed.json")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CVEDataStore(directory: dir)
        #expect(try store.load() == nil)
        if case .bundled = try store.database().origin {} else { Issue.record("bundled without an import") }
        try store.install(feed: Data(contentsOf: Self.fixture), from: "feed.json")
        #expect(try store.database().records.count == 5)
        #expect(throws: CVEFeedError.self) { try store.install(feed: Data("{\"items\":[{\"id\":1}]}".utf8), from: "bad.json") }
        #expect(try store.database().records.count == 5, "a rejected feed leaves the stored one alone")
    }
}
