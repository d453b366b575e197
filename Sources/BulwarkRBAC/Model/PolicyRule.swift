import BulwarkModel

/// One rule of a Role or ClusterRole, as the API stores it (`rbac.authorization.k8s.io/v1`).
/// Upstream matching (`pkg/apis/rbac/v1/evaluation_helpers.go`) is in `PolicyRule+Matching.swift`.
public struct PolicyRule: Sendable, Hashable, Codable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]

    public init(verbs: [String], apiGroups: [String] = [], resources: [String] = [],
                resourceNames: [String] = [], nonResourceURLs: [String] = []) {
        self.verbs = verbs; self.apiGroups = apiGroups; self.resources = resources
        self.resourceNames = resourceNames; self.nonResourceURLs = nonResourceURLs
    }

    /// Decodes a rule from the unstructured tree; list entries that are not strings are ignored
    /// (the API server would reject such a role, so it grants nothing through them).
    public init(_ value: Value) {
        func strings(_ key: String) -> [String] { value[key]?.array?.compactMap(\.string) ?? [] }
        self.init(verbs: strings("verbs"), apiGroups: strings("apiGroups"), resources: strings("resources"),
                  resourceNames: strings("resourceNames"), nonResourceURLs: strings("nonResourceURLs"))
    }

    /// `get,list pods,pods/log in "" [names: a]`, for tables and messages.
    public var summary: String {
        var parts: [String] = [verbs.joined(separator: ",")]
        if !nonResourceURLs.isEmpty {
            parts.append(nonResourceURLs.joined(separator: ","))
        } else {
            parts.append(resources.joined(separator: ","))
            parts.append("in " + apiGroups.map { $0.isEmpty ? "core" : $0 }.joined(separator: ","))
        }
        if !resourceNames.isEmpty { parts.append("names " + resourceNames.joined(separator: ",")) }
        return parts.joined(separator: " ")
    }

    private enum CodingKeys: String, CodingKey { case verbs, apiGroups, resources, resourceNames, nonResourceURLs }

    /// Encodes as a PolicyRule is written in YAML/JSON: empty lists are left out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verbs, forKey: .verbs)
        if !apiGroups.isEmpty || (nonResourceURLs.isEmpty && !resources.isEmpty) { try c.encode(apiGroups, forKey: .apiGroups) }
        if !resources.isEmpty { try c.encode(resources, forKey: .resources) }
        if !resourceNames.isEmpty { try c.encode(resourceNames, forKey: .resourceNames) }
        if !nonResourceURLs.isEmpty { try c.encode(nonResourceURLs, forKey: .nonResourceURLs) }
    }
}
