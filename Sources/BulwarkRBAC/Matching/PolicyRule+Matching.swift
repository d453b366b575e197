/// Rule matching exactly as upstream's `evaluation_helpers.go`: a resource request needs verb AND
/// apiGroup AND resource AND resourceName to match; a non-resource request needs verb AND URL.
extension PolicyRule {
    public func allows(_ request: AccessRequest) -> Bool {
        guard verbMatches(request.verb) else { return false }
        switch request.target {
        case .nonResource(let url):
            return nonResourceURLMatches(url)
        case .resource(let group, let resource, let subresource, let name):
            return apiGroupMatches(group)
                && resourceMatches(combined: subresource.isEmpty ? resource : resource + "/" + subresource,
                                   subresource: subresource)
                && resourceNameMatches(name)
        }
    }

    public func verbMatches(_ verb: String) -> Bool {
        verbs.contains { $0 == "*" || $0 == verb }
    }

    public func apiGroupMatches(_ group: String) -> Bool {
        apiGroups.contains { $0 == "*" || $0 == group }
    }

    /// `*` matches everything (subresources too); otherwise the exact `resource/subresource`
    /// string, or `*/sub` when the request has exactly that subresource. There is no `pods/*`.
    public func resourceMatches(combined: String, subresource: String) -> Bool {
        for ruleResource in resources {
            if ruleResource == "*" || ruleResource == combined { return true }
            if !subresource.isEmpty && ruleResource.count == subresource.count + 2
                && ruleResource.hasPrefix("*/") && ruleResource.hasSuffix(subresource) { return true }
        }
        return false
    }

    /// An empty list allows every name; otherwise the request must name one of them, so a
    /// nameless request (create, list, watch, deletecollection) never matches.
    public func resourceNameMatches(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// `*`, the exact path, or a trailing-`*` entry whose prefix (all trailing `*` removed, as Go's
    /// `strings.TrimRight`) starts the path.
    public func nonResourceURLMatches(_ url: String) -> Bool {
        for ruleURL in nonResourceURLs {
            if ruleURL == "*" || ruleURL == url { return true }
            if ruleURL.hasSuffix("*") {
                var prefix = Substring(ruleURL)
                while prefix.last == "*" { prefix = prefix.dropLast() }
                if url.hasPrefix(prefix) { return true }
            }
        }
        return false
    }

    /// True when the rule is a resource rule (it has resources) rather than a non-resource one.
    public var isResourceRule: Bool { !resources.isEmpty }
}
