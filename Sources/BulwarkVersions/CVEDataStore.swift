import Foundation

/// Where `bulwark cve update` keeps the imported feed: `$BULWARK_DATA_DIR` (for tests and
/// packaging), else `$XDG_DATA_HOME/bulwark`, else `~/.local/share/bulwark`. The feed is stored
/// as given, so that a newer Bulwark reads it with its own (better) importer.
public struct CVEDataStore: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let dir = environment["BULWARK_DATA_DIR"], !dir.isEmpty {
            directory = URL(fileURLWithPath: dir)
        } else if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            // The XDG spec says relative values are invalid and must be ignored.
            directory = URL(fileURLWithPath: xdg).appendingPathComponent("bulwark")
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
            directory = home.appendingPathComponent(".local/share/bulwark")
        }
    }

    public var feedFile: URL { directory.appendingPathComponent("cve-feed.json") }

    /// Checks `data` as a feed, then stores it (atomically: a scan never reads half a file).
    /// Returns what the import found.
    @discardableResult
    public func install(feed data: Data, from source: String) throws -> CVEFeedImport {
        let imported = try CVEFeedImporter.importFeed(data, path: source)
        guard !imported.database.records.isEmpty else {
            throw CVEFeedError("\(source) has no usable CVE entries" + (imported.problems.isEmpty ? "" : ": " + imported.problems.prefix(5).joined(separator: "; ")))
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: feedFile, options: .atomic)
        } catch {
            throw CVEFeedError("cannot write \(feedFile.path): \(error.localizedDescription)")
        }
        var stored = imported
        stored.database.origin = .feed(path: feedFile.path, updatedAt: imported.updatedAt)
        return stored
    }

    /// The imported feed, or nil when none was imported.
    public func load() throws -> CVEFeedImport? {
        guard FileManager.default.fileExists(atPath: feedFile.path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: feedFile) } catch {
            throw CVEFeedError("cannot read \(feedFile.path): \(error.localizedDescription)")
        }
        return try CVEFeedImporter.importFeed(data, path: feedFile.path)
    }

    /// The database scans use: the imported feed when there is one, else the bundled table.
    public func database() throws -> CVEDatabase {
        try load()?.database ?? .bundled
    }
}
