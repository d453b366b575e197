import BulwarkModel
import Foundation

// Sources: end-of-life dates of 1.24–1.32 from the Kubernetes website's release history
// (https://kubernetes.io/releases/patch-releases/#non-active-branch-history, data file
// https://github.com/kubernetes/website/blob/main/data/releases/eol.yaml): 1.24 2023-07-28,
// 1.25 2023-10-28, 1.26 2024-02-28, 1.27 2024-07-16, 1.28 2024-10-22, 1.29 2025-02-28,
// 1.30 2025-07-15, 1.31 2025-11-11, 1.32 2026-02-28 (1.27, 1.28 and 1.31 ended later or earlier
// than the planned 28th of the month; checked 2026-11-29). "Maintenance Mode Start Date" and
// the planned end of life for 1.33–1.37 from the release pages (https://kubernetes.io/releases/1.N/).

/// The Kubernetes project's supported-version window: the three newest release lines get patch
/// releases for about 14 months each. Judged at a date (`ScanSettings.now`), not at build time.
public enum SupportWindow {
    /// Every line with its dates, oldest first.
    public static let lines: [ReleaseLine] = [
        line(24, eol: "2023-07-28"),
        line(25, eol: "2023-10-28"),
        line(26, eol: "2024-02-28"),
        line(27, eol: "2024-07-16"),
        line(28, eol: "2024-10-22"),
        line(29, eol: "2025-02-28"),
        line(30, eol: "2025-07-15"),
        line(31, eol: "2025-11-11"),
        line(32, eol: "2026-02-28"),
        line(33, released: "2025-04-23", maintenance: "2026-04-28", eol: "2026-06-28"),
        line(34, released: "2025-08-27", maintenance: "2026-08-27", eol: "2026-10-27"),
        line(35, released: "2025-12-17", maintenance: "2026-12-28", eol: "2027-02-28"),
        line(36, released: "2026-04-22", maintenance: "2027-04-28", eol: "2027-06-28"),
        line(37, released: "2026-08-26", maintenance: "2027-08-28", eol: "2027-10-28"),
    ]

    public static func line(_ id: KubeVersion) -> ReleaseLine? { lines.first { $0.id == id } }

    /// The status of `id` at `date`. End of life is the end of that day (UTC).
    public static func status(of id: KubeVersion, at date: Date) -> SupportStatus {
        guard let newest = lines.last?.id, let oldest = lines.first?.id else { return .olderThanKnown(oldestKnown: id) }
        guard let line = line(id) else {
            return id > newest ? .newerThanKnown(newestKnown: newest) : .olderThanKnown(oldestKnown: oldest)
        }
        if date > line.endOfLife { return .endOfLife(since: line.endOfLife) }
        if let start = line.maintenanceStart, date >= start { return .maintenance(endOfLife: line.endOfLife) }
        return .supported(endOfLife: line.endOfLife)
    }

    /// The lines receiving patches at `date`, newest first: released (when the date is known) and
    /// not past end of life. Normally the three newest minors, four while the oldest is in its
    /// maintenance months.
    public static func supportedLines(at date: Date) -> [ReleaseLine] {
        lines.filter { line in
            date <= line.endOfLife && (line.released.map { date >= $0 } ?? true)
        }.reversed()
    }

    private static func line(_ minor: Int, released: String? = nil, maintenance: String? = nil, eol: String) -> ReleaseLine {
        ReleaseLine(id: KubeVersion(1, minor), released: released.flatMap(day),
                    maintenanceStart: maintenance.flatMap(day), endOfLife: endOfDay(eol))
    }

    private static func day(_ text: String) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    private static func endOfDay(_ text: String) -> Date {
        (day(text) ?? Date.distantPast).addingTimeInterval(86_400 - 1)
    }
}
