import Foundation

/// RFC 3339 timestamps in UTC, as `--now` takes them and reports print them.
public enum RFC3339 {
    public static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    public static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    /// `YYYY-MM-DD` as the end of that day in UTC (an exception expiring on a date holds through it).
    public static func parseDay(_ text: String) -> Date? {
        guard let start = parse(text + "T00:00:00Z") else { return nil }
        return start.addingTimeInterval(86_400 - 1)
    }
}
