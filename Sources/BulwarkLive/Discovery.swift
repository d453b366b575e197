import BulwarkModel

/// What the API serves: `/api`, `/apis` and the resource lists of the groups a scan needs.
public struct Discovery: Sendable {
    /// The documents as served, kept in snapshots: `{api, apis, resources: [APIResourceList]}`.
    public var documents: Value
    /// Listable resources by (group, resource), at the preferred version that serves them.
    public var served: [String: ResourceType]
    /// Group versions whose resource list could not be read (e.g. an aggregated API that is down).
    public var unreadable: [String]

    static func key(_ group: String, _ resource: String) -> String { "\(group)/\(resource)" }

    public func resource(group: String, resource: String) -> ResourceType? { served[Self.key(group, resource)] }

    /// Reads discovery for the groups of `wanted`.
    static func fetch(_ client: KubeAPIClient, wanted: [CollectionPlan.Wanted]) async throws(LiveError) -> Discovery {
        let api = try await client.getOK("/api")
        let apis = try await client.getOK("/apis")
        // Core versions from /api; group versions from /apis, preferred first.
        // Names and versions become URL path segments: an empty one, one with a slash, or a dot
        // segment is no group or version kube-apiserver serves (and "" would overwrite the core
        // group), so it is not requested. The documents keep it; BW-S13-007 reports it.
        func isSegment(_ s: String) -> Bool { !s.isEmpty && !s.contains("/") && s != "." && s != ".." }
        var versionsByGroup: [String: [String]] = ["": (api["versions"]?.array?.compactMap(\.string) ?? []).filter(isSegment)]
        for group in apis["groups"]?.array ?? [] {
            guard let name = group["name"]?.string, isSegment(name), versionsByGroup[name] == nil else { continue }
            var versions = (group["versions"]?.array ?? []).compactMap { $0["version"]?.string }.filter(isSegment)
            if let preferred = group["preferredVersion"]?["version"]?.string, let i = versions.firstIndex(of: preferred) {
                versions.remove(at: i)
                versions.insert(preferred, at: 0)
            }
            versionsByGroup[name] = versions
        }
        let groups = Set(wanted.map(\.group))
        var lists: [Value] = []
        var served: [String: ResourceType] = [:]
        var unreadable: [String] = []
        for group in versionsByGroup.keys.sorted() where groups.contains(group) {
            for version in versionsByGroup[group] ?? [] {
                let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
                let list: Value
                do throws(LiveError) { list = try await client.getOK(path) } catch {
                    if error.kind == .unauthorized { throw error }
                    unreadable.append("\(path): \(error.message)")
                    continue
                }
                lists.append(list)
                for r in list["resources"]?.array ?? [] {
                    // Subresources (pods/log) and resources that cannot be listed are not collected.
                    guard let name = r["name"]?.string, !name.contains("/"), let kind = r["kind"]?.string,
                          (r["verbs"]?.array ?? []).contains(where: { $0.string == "list" }) else { continue }
                    let key = key(group, name)
                    if served[key] == nil {  // the first (preferred) version wins
                        served[key] = ResourceType(group: group, version: version, resource: name, kind: kind,
                                                   namespaced: r["namespaced"]?.bool ?? false)
                    }
                }
            }
        }
        let documents: Value = ["api": api, "apis": apis, "resources": .array(lists)]
        return Discovery(documents: documents, served: served, unreadable: unreadable)
    }
}
