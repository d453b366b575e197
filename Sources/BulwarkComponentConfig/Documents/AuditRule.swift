import BulwarkModel

/// One rule of an audit Policy. An empty list means "any"; a rule with neither `resources` nor
/// `nonResourceURLs` matches every request.
public struct AuditRule: Sendable {
    public var index: Int
    public var level: AuditLevel?
    public var levelText: String
    public var users: [String]
    public var userGroups: [String]
    public var verbs: [String]
    public var resources: [GroupResources]
    public var namespaces: [String]
    public var nonResourceURLs: [String]
    public var path: FieldPath

    public struct GroupResources: Sendable {
        public var group: String
        public var resources: [String]
        public var resourceNames: [String]
    }

    init(_ value: Value, index: Int) {
        self.index = index
        path = FieldPath("rules").appending(index: index)
        levelText = value["level"]?.string ?? ""
        level = AuditLevel(rawValue: levelText)
        func strings(_ key: String) -> [String] { (value[key]?.array ?? []).compactMap(\.string) }
        users = strings("users"); userGroups = strings("userGroups"); verbs = strings("verbs")
        namespaces = strings("namespaces"); nonResourceURLs = strings("nonResourceURLs")
        resources = (value["resources"]?.array ?? []).map { gr in
            GroupResources(group: gr["group"]?.string ?? "", resources: (gr["resources"]?.array ?? []).compactMap(\.string),
                           resourceNames: (gr["resourceNames"]?.array ?? []).compactMap(\.string))
        }
    }

    /// No restriction at all: matches every request.
    public var isCatchAll: Bool {
        users.isEmpty && userGroups.isEmpty && verbs.isEmpty && resources.isEmpty && namespaces.isEmpty && nonResourceURLs.isEmpty
    }

    /// Whether the rule matches this request.
    public func matches(_ r: AuditRequest) -> Bool {
        if !users.isEmpty && !users.contains(r.user) { return false }
        if !userGroups.isEmpty && !userGroups.contains(where: r.groups.contains) { return false }
        if !verbs.isEmpty && !verbs.contains(r.verb) { return false }
        if resources.isEmpty && nonResourceURLs.isEmpty { return namespaces.isEmpty || namespaces.contains(r.namespace) }
        if resources.isEmpty { return false }  // non-resource rule; our requests are resource requests
        if !namespaces.isEmpty && !namespaces.contains(r.namespace) { return false }
        return resources.contains { covers($0, r, ignoringNames: false) }
    }

    /// Whether the rule matches every request on the request's resource, whoever sends it, in any
    /// namespace, whatever the object name: then no later rule is reached for that resource.
    public func coversAll(of r: AuditRequest) -> Bool {
        guard users.isEmpty, userGroups.isEmpty, namespaces.isEmpty else { return false }
        if !verbs.isEmpty && !verbs.contains(r.verb) { return false }
        if resources.isEmpty && nonResourceURLs.isEmpty { return true }
        return resources.contains { covers($0, r, ignoringNames: false) && $0.resourceNames.isEmpty }
    }

    /// Whether some request on the resource (some user, namespace, name) matches this rule.
    public func mayMatch(_ r: AuditRequest) -> Bool {
        if !verbs.isEmpty && !verbs.contains(r.verb) { return false }
        if resources.isEmpty && nonResourceURLs.isEmpty { return true }
        if resources.isEmpty { return false }
        return resources.contains { covers($0, r, ignoringNames: true) }
    }

    /// Audit resource matching: `pods` matches pods only, `pods/*` every subresource of pods,
    /// `*/exec` every exec subresource, `*` everything; an empty list means every resource of
    /// the group.
    private func covers(_ gr: GroupResources, _ r: AuditRequest, ignoringNames: Bool) -> Bool {
        guard gr.group == r.group || gr.group == "*" else { return false }
        if gr.resources.isEmpty { return true }
        let parts = r.resource.split(separator: "/", maxSplits: 1).map(String.init)
        let base = parts[0], sub = parts.count > 1 ? parts[1] : nil
        return gr.resources.contains { pattern in
            if pattern == "*" || pattern == r.resource { return true }
            if let sub, pattern == "\(base)/*" || pattern == "*/\(sub)" { return true }
            return false
        }
    }
}
