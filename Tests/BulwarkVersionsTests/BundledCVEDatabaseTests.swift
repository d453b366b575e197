import Testing
import BulwarkModel
@testable import BulwarkVersions

/// Every CVE of the bundled table, on both sides of every fixed version it lists.
@Suite struct BundledCVEDatabaseTests {
    let database = CVEDatabase.bundled

    /// The release just before `fixed`: the previous patch, or the previous pre-release.
    static func justBelow(_ fixed: KubernetesVersion) -> KubernetesVersion? {
        if fixed.isPrerelease, fixed.prerelease.count == 2, let n = Int(fixed.prerelease[1]), n > 0 {
            return KubernetesVersion(fixed.major, fixed.minor, fixed.patch, prerelease: [fixed.prerelease[0], String(n - 1)])
        }
        guard !fixed.isPrerelease, fixed.patch > 0 else { return nil }
        return KubernetesVersion(fixed.major, fixed.minor, fixed.patch - 1)
    }

    @Test func everyFixedVersionSeparatesAffectedFromFixed() throws {
        var checked = 0
        for record in database.records {
            guard case .ranges(let lines, _) = record.affected else { continue }
            for line in lines {
                guard let fixed = line.fixed else { continue }
                let below = try #require(Self.justBelow(fixed), "\(record.id): no version below \(fixed)")
                #expect(record.affected.verdict(for: below) == .affected(fixedIn: fixed), "\(record.id): \(below) should be affected, fixed in \(fixed)")
                #expect(record.affected.verdict(for: fixed) == .notAffected, "\(record.id): \(fixed) is the fix")
                #expect(record.affected.verdict(for: KubernetesVersion(fixed.major, fixed.minor, fixed.patch + 7)) == .notAffected,
                        "\(record.id): later patches of \(fixed.line) keep the fix")
                checked += 1
            }
        }
        #expect(checked > 150, "checked \(checked) fixed versions")
    }

    @Test func firstAffectedPatchesBoundRegressions() {
        for record in database.records {
            guard case .ranges(let lines, _) = record.affected else { continue }
            for line in lines {
                guard let first = line.firstAffected else { continue }
                #expect(record.affected.verdict(for: first).isAffected, "\(record.id): \(first) is the first affected")
                if first.patch > 0 {
                    let before = KubernetesVersion(first.major, first.minor, first.patch - 1)
                    #expect(record.affected.verdict(for: before) == .notAffected, "\(record.id): \(before) predates the flaw")
                }
            }
        }
    }

    @Test func linesWithoutAFixStayAffectedAndNewerLinesAreNot() {
        for record in database.records {
            guard case .ranges(let lines, let older) = record.affected, let newest = lines.map(\.line).max(),
                  let oldest = lines.map(\.line).min() else { continue }
            for line in lines where line.fixed == nil {
                #expect(record.affected.verdict(for: KubernetesVersion(line.line.major, line.line.minor, 99)).isAffected, "\(record.id) on \(line.line)")
            }
            let next = KubernetesVersion(newest.major, newest.minor + 1, 0)
            #expect(record.affected.verdict(for: next) == .notAffected, "\(record.id): \(next) ships the fix")
            if oldest.minor > 0 {
                let older1 = KubernetesVersion(oldest.major, oldest.minor - 1, 5)
                switch older {
                case .all: #expect(record.affected.verdict(for: older1).isAffected, "\(record.id): \(older1)")
                case .notAffected: #expect(record.affected.verdict(for: older1) == .notAffected, "\(record.id): \(older1)")
                case .from(let first):
                    #expect(record.affected.verdict(for: first.firstRelease).isAffected, "\(record.id): \(first)")
                    if first.minor > 0 {
                        #expect(record.affected.verdict(for: KubernetesVersion(first.major, first.minor - 1, 9)) == .notAffected, "\(record.id) before \(first)")
                    }
                }
            }
        }
    }

    @Test func tableIsWellFormed() {
        let ids = database.records.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate IDs")
        for record in database.records {
            #expect(record.id.wholeMatch(of: /CVE-\d{4}-\d{4,}/) != nil, "\(record.id)")
            // The table's versions are written as text; a typo would become 0.0.0.
            for fixed in record.affected.fixedVersions { #expect(fixed.major == 1, "\(record.id): \(fixed)") }
            if case .ranges(let lines, _) = record.affected {
                let minors = lines.map(\.line.minor).sorted()
                #expect(Set(minors).count == minors.count, "\(record.id): a line listed twice")
                if let lo = minors.first, let hi = minors.last { #expect(minors == Array(lo...hi), "\(record.id): gap in \(minors)") }
            }
            if record.isUnfixed { #expect(record.mitigation != nil, "\(record.id) needs a mitigation") }
            if record.uncertain { #expect(record.note != nil, "\(record.id) must say what is uncertain") }
            #expect(record.link.hasPrefix("https://"))
        }
    }

    /// The entries the reference marks `(?)`, and only those, are uncertain.
    @Test func uncertainEntriesAreTheOnesTheReferenceQuestions() {
        let uncertain = Set(database.records.filter(\.uncertain).map(\.id))
        #expect(uncertain == [
            "CVE-2018-1002102", "CVE-2019-9946", "CVE-2019-11244", "CVE-2019-11254", "CVE-2019-9512", "CVE-2019-9514",
            "CVE-2019-16276", "CVE-2020-8564", "CVE-2020-8565", "CVE-2020-10749", "CVE-2021-25736", "CVE-2021-25740",
            "CVE-2021-25743", "CVE-2025-13281", "CVE-2026-2270", "CVE-2026-76654",
        ])
    }

    @Test func unfixedEntriesAffectEveryVersion() {
        let unfixed = Set(database.records.filter(\.isUnfixed).map(\.id))
        #expect(unfixed == ["CVE-2020-8554", "CVE-2020-8561", "CVE-2020-8562", "CVE-2021-25740", "CVE-2024-7598", "CVE-2025-1767"])
        for id in unfixed {
            #expect(database.record(id: id)?.affected.verdict(for: KubernetesVersion(1, 37, 1)) == .affected(fixedIn: nil))
        }
    }

    @Test func advisoryWinsWhereSourcesDisagree() throws {
        let cve = try #require(database.record(id: "CVE-2021-25741"))
        #expect(cve.affected.verdict(for: KubernetesVersion(1, 19, 14)) == .affected(fixedIn: KubernetesVersion(1, 19, 15)))
        #expect(cve.affected.verdict(for: KubernetesVersion(1, 22, 1)).isAffected, "OSV's 1.22.1 is wrong")
        #expect(cve.affected.verdict(for: KubernetesVersion(1, 16, 3)) == .affected(fixedIn: nil), "every older line")
    }

    @Test func aLineWithoutAFixPointsAtTheNextFixedLine() throws {
        let cve = try #require(database.record(id: "CVE-2022-3172"))
        let v = KubernetesVersion(1, 21, 14)
        #expect(cve.affected.verdict(for: v) == .affected(fixedIn: nil))
        #expect(cve.affected.firstFix(after: v.line) == KubernetesVersion(1, 22, 14))
        let wholeOld = try #require(database.record(id: "CVE-2019-11250"))
        #expect(wholeOld.affected.firstFix(after: KubeVersion(1, 15)) == KubernetesVersion(1, 16, 0))
    }

    @Test func assessmentFiltersByComponentAndOperatingSystem() {
        let v = KubernetesVersion(parsing: "v1.28.0")!
        let linux = database.assess(v, components: [.kubelet], operatingSystem: "linux").affected.map(\.record.id)
        let windows = database.assess(v, components: [.kubelet], operatingSystem: "windows").affected.map(\.record.id)
        let unknown = database.assess(v, components: [.kubelet]).affected
        #expect(linux.contains("CVE-2024-10220"))
        #expect(!linux.contains("CVE-2023-3676"), "Windows-only CVEs skip Linux nodes")
        #expect(windows.contains("CVE-2023-3676"))
        #expect(unknown.first { $0.record.id == "CVE-2023-3676" }?.operatingSystemUnknown == true)
        let control = database.assess(v, components: KubernetesComponent.controlPlane).affected.map(\.record.id)
        #expect(control.contains("CVE-2024-3177") && !control.contains("CVE-2024-10220"))
        #expect(database.assess(v, components: KubernetesComponent.controlPlane).unassessed.map(\.id) == ["CVE-2026-2270", "CVE-2026-76654"])
    }
}
