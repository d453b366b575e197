import BulwarkModel
import BulwarkInputs

/// Lists one resource page by page (`limit` + `continue`), starting over when the continue token
/// expired (410 Gone), and turns the items into objects with their apiVersion and kind (list
/// items carry neither), redacted at once (no Secret value stays in memory longer than a page).
struct ResourceLister: Sendable {
    var client: KubeAPIClient
    var pageSize: Int
    /// Restarts after 410 before giving up.
    var maxRestarts = 3
    /// Pages of one list before giving up: a server whose continue tokens never end would
    /// otherwise be followed forever (500 objects a page: 5 million objects of one resource).
    var maxPages = 10_000

    enum Outcome: Sendable {
        case objects([Value])
        case forbidden(String)
    }

    func list(_ type: ResourceType, namespace: String?) async throws(LiveError) -> Outcome {
        let base = type.listPath(namespace: namespace)
        var restarts = 0
        var items: [Value] = []
        var token: String?
        var tokensSeen: Set<String> = []
        var pages = 0
        while true {
            pages += 1
            guard pages <= maxPages else {
                throw LiveError(.badResponse, path: base, message: "the list did not end after \(maxPages) pages; not followed further")
            }
            var path = base + "?limit=\(pageSize)"
            if let token { path += "&continue=" + PathEscaping.segment(token) }
            let response = try await client.get(path)
            switch response.status {
            case 200:
                let page = try response.json(path: path)
                guard let pageItems = page["items"]?.array else {
                    throw LiveError(.badResponse, path: path, message: "the list has no items array")
                }
                for item in pageItems { items.append(Self.object(item, type: type)) }
                let next = page["metadata"]?["continue"]?.string ?? ""
                if next.isEmpty { return .objects(items) }
                // A token seen before would replay the same pages forever.
                guard tokensSeen.insert(next).inserted else {
                    throw LiveError(.badResponse, path: path, message: "the server repeated a continue token; the list is not followed in a loop")
                }
                token = next
            case 403:
                return .forbidden(response.statusMessage ?? "403 Forbidden")
            case 410 where token != nil && restarts < maxRestarts:
                // The continue token expired (the server compacted past it): a consistent list needs a fresh start.
                restarts += 1
                items = []
                token = nil
                tokensSeen = []
            case 404:
                return .objects([])  // served by discovery but gone (e.g. a CRD removed meanwhile)
            default:
                throw LiveError(.status(response.status), path: path,
                                message: "HTTP \(response.status)\(response.statusMessage.map { ": " + $0 } ?? "")\(response.status == 410 ? " (continue token expired \(restarts + 1) times)" : "")")
            }
        }
    }

    static func object(_ item: Value, type: ResourceType) -> Value {
        guard case .mapping(var m) = item else { return item }
        if m["apiVersion"] == nil { m.entries.insert(.init(key: "apiVersion", value: .string(type.apiVersion)), at: 0) }
        if m["kind"] == nil { m.entries.insert(.init(key: "kind", value: .string(type.kind)), at: 1) }
        return SnapshotRedaction.redact(.mapping(m))
    }
}
