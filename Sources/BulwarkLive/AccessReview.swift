import BulwarkModel

/// Asks the API server, with a SelfSubjectAccessReview, whether the current user may list a
/// resource, before trying. nil when the review itself could not be made (then the list's own
/// 403 decides).
enum AccessReview {
    static let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"

    struct Answer: Sendable {
        var allowed: Bool
        var reason: String
    }

    static func canList(_ type: ResourceType, namespace: String?, client: KubeAPIClient) async -> Answer? {
        var attributes = Mapping()
        attributes.set("verb", "list")
        attributes.set("group", .string(type.group))
        attributes.set("resource", .string(type.resource))
        if type.namespaced, let namespace { attributes.set("namespace", .string(namespace)) }
        let review: Value = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": ["resourceAttributes": .mapping(attributes)],
        ]
        guard let response = try? await client.post(path, json: review), response.status == 201 || response.status == 200,
              let value = try? response.json(path: path), let allowed = value["status"]?["allowed"]?.bool else { return nil }
        let reason = value["status"]?["reason"]?.string ?? ""
        return Answer(allowed: allowed && value["status"]?["denied"]?.bool != true, reason: reason)
    }
}
