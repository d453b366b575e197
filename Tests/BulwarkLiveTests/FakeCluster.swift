import Foundation
import BulwarkModel
import BulwarkInputs

/// The API of a small cluster, answered the way kube-apiserver answers (shapes from the
/// Kubernetes API reference: APIVersions, APIGroupList, APIResourceList, *List with
/// metadata.continue, Status bodies for 401/403/410/429, SelfSubjectAccessReview), with faults
/// the tests switch on. Thread-safe: the server calls it from its event loop.
final class FakeCluster: @unchecked Sendable {
    struct Kind: Sendable { var group, version, resource: String; var namespaced: Bool }

    /// Plural names and scope of the kinds the fixtures use.
    static let kinds: [String: (resource: String, namespaced: Bool)] = [
        "Namespace": ("namespaces", false), "Node": ("nodes", false), "Pod": ("pods", true),
        "Service": ("services", true), "ServiceAccount": ("serviceaccounts", true), "Secret": ("secrets", true),
        "ConfigMap": ("configmaps", true), "Deployment": ("deployments", true), "ReplicaSet": ("replicasets", true), "ClusterRole": ("clusterroles", false),
        "ClusterRoleBinding": ("clusterrolebindings", false), "Role": ("roles", true), "RoleBinding": ("rolebindings", true),
        "ValidatingWebhookConfiguration": ("validatingwebhookconfigurations", false),
        "MutatingWebhookConfiguration": ("mutatingwebhookconfigurations", false),
        "NetworkPolicy": ("networkpolicies", true), "ResourceQuota": ("resourcequotas", true), "LimitRange": ("limitranges", true),
        "DaemonSet": ("daemonsets", true), "Job": ("jobs", true), "CronJob": ("cronjobs", true),
    ]

    struct Faults: Sendable {
        /// Tokens accepted as bearer tokens (requests with a verified client certificate need none).
        var validTokens: Set<String> = []
        /// Resources a SelfSubjectAccessReview says may not be listed.
        var deniedByReview: Set<String> = []
        /// Resources whose list answers 403 although the review allowed it.
        var forbiddenOnList: Set<String> = []
        var tooManyRequestsOnce: Set<String> = []
        var unavailableOnce: Set<String> = []
        var truncatedOnce: Set<String> = []
        /// The first continue token presented for these resources has expired (410).
        var expireContinueOnce: Set<String> = []
        var configzForbidden = false
        /// Group versions whose discovery document always answers 503 (an aggregated API that is down).
        var brokenGroupVersions: Set<String> = []
        /// Entries appended to `/apis`' groups as they are (malformed discovery).
        var extraAPIGroups: [Value] = []
        /// Lists of these resources always answer with the same continue token (a server bug).
        var repeatedContinue: Set<String> = []
        /// Lists of these resources never end: every page carries a new continue token.
        var endlessContinue: Set<String> = []
        /// Lists of these resources send their body a few bytes at a time, slowly.
        var trickle: Set<String> = []
    }

    private let lock = NSLock()
    private var faults: Faults
    /// By resource: each item's namespace and its JSON, serialised once (pages are joined from them).
    private var objects: [String: [(namespace: String, json: String)]] = [:]
    private var types: [String: Kind] = [:]         // by resource
    private var fired: Set<String> = []
    private(set) var requests: [String] = []

    init(objects fixture: [Value], faults: Faults = Faults()) {
        self.faults = faults
        for o in fixture {
            guard let kind = o["kind"]?.string, let info = Self.kinds[kind], let apiVersion = o["apiVersion"]?.string else { continue }
            let parts = apiVersion.split(separator: "/").map(String.init)
            let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            types[info.resource] = Kind(group: group, version: version, resource: info.resource, namespaced: info.namespaced)
            // As stored by the server: with uid and resourceVersion, and managedFields to drop.
            guard case .mapping(var m) = o, case .mapping(var md)? = m["metadata"] else { continue }
            md.set("uid", .string(GeneratedCluster.uid(md["name"]?.string ?? "", md["namespace"]?.string ?? "")))
            md.set("resourceVersion", "4242")
            md.set("managedFields", [["manager": "kubectl", "operation": "Update", "apiVersion": .string(apiVersion)]])
            m.set("metadata", .mapping(md))
            // List items carry no apiVersion/kind.
            m.entries.removeAll { $0.key == "apiVersion" || $0.key == "kind" }
            objects[info.resource, default: []].append((md["namespace"]?.string ?? "", Value.mapping(m).jsonText))
        }
    }

    /// Adds items already in their served JSON form (no apiVersion/kind), e.g. generated ones.
    func add(kind: String, apiVersion: String, items: [(namespace: String, json: String)]) {
        lock.lock(); defer { lock.unlock() }
        guard let info = Self.kinds[kind] else { return }
        let parts = apiVersion.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        types[info.resource] = Kind(group: group, version: version, resource: info.resource, namespaced: info.namespaced)
        objects[info.resource, default: []] += items
    }

    static func fixtureObjects() throws -> [Value] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cluster.yaml").path
        return ManifestReader().read([file]).objects.map(\.value)
    }

    private func once(_ set: Set<String>, _ resource: String, _ label: String) -> Bool {
        guard set.contains(resource), !fired.contains(label + resource) else { return false }
        fired.insert(label + resource)
        return true
    }

    func handle(_ request: TestAPIServer.Request) -> TestAPIServer.Reply {
        lock.lock(); defer { lock.unlock() }
        requests.append(request.path + (request.query["continue"].map { "?continue=\($0)" } ?? ""))
        guard request.clientCertificate || request.bearerToken.map(faults.validTokens.contains) == true else {
            return Self.status(401, reason: "Unauthorized", message: "Unauthorized")
        }
        let path = request.path
        switch path {
        case "/version":
            return Self.json(["major": "1", "minor": "31", "gitVersion": "v1.31.4", "gitCommit": "a78aa47129b8539636eb86a9d00e31b2720fe06b",
                              "gitTreeState": "clean", "buildDate": "2024-12-10T11:37:14Z", "goVersion": "go1.22.9",
                              "compiler": "gc", "platform": "linux/amd64"])
        case "/api":
            return Self.json(["kind": "APIVersions", "versions": ["v1"],
                              "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "172.18.0.2:6443"]]])
        case "/apis":
            var groups: [String: Set<String>] = ["authorization.k8s.io": ["v1"]]
            for t in types.values where !t.group.isEmpty { groups[t.group, default: []].insert(t.version) }
            return Self.json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.keys.sorted().map { g in
                let versions = groups[g, default: []].sorted().map { Value.mapping(Mapping([.init(key: "groupVersion", value: .string("\(g)/\($0)")), .init(key: "version", value: .string($0))])) }
                return ["name": .string(g), "versions": .array(versions), "preferredVersion": versions[0]]
            } + faults.extraAPIGroups)])
        case "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews":
            let review = (try? TreeParser.parse(request.body, json: true)) ?? .null
            let resource = review["spec"]?["resourceAttributes"]?["resource"]?.string ?? ""
            let allowed = !faults.deniedByReview.contains(resource)
            var status = Mapping()
            status.set("allowed", .bool(allowed))
            if !allowed { status.set("reason", "no RBAC policy matched") }
            return TestAPIServer.Reply(status: 201, body: Array((["kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                "metadata": ["creationTimestamp": nil], "spec": review["spec"] ?? .null, "status": .mapping(status)] as Value).jsonText.utf8))
        default: break
        }
        if path.hasSuffix("/proxy/configz"), path.hasPrefix("/api/v1/nodes/") {
            if faults.configzForbidden {
                return Self.status(403, reason: "Forbidden", message: "nodes \"cp-1\" is forbidden: User \"test\" cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope")
            }
            return Self.json(["kubeletconfig": ["enableServer": true, "authentication": ["anonymous": ["enabled": true]],
                                                "authorization": ["mode": "AlwaysAllow"], "readOnlyPort": 10255,
                                                // Kubelets send these headers to fetch static pods; a bearer token is typical.
                                                "staticPodURLHeader": ["Authorization": ["Bearer PLANTED-LIVE-CONFIGZ-TOKEN"]]]])
        }
        let segments = path.split(separator: "/").map(String.init)
        // /api/v1/RESOURCE, /apis/G/V/RESOURCE, and .../namespaces/NS/RESOURCE
        if segments.count == 2 && segments[0] == "api" || segments.count == 3 && segments[0] == "apis" {
            let (group, version) = segments[0] == "api" ? ("", segments[1]) : (segments[1], segments[2])
            if faults.brokenGroupVersions.contains(group.isEmpty ? version : "\(group)/\(version)") {
                return Self.status(503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request")
            }
            let resources = types.values.filter { $0.group == group && $0.version == version }.sorted { $0.resource < $1.resource }
            var list: [Value] = resources.map { t in
                ["name": .string(t.resource), "singularName": "", "namespaced": .bool(t.namespaced), "kind": .string(Self.kindName(t.resource)),
                 "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]]
            }
            if group.isEmpty {
                list.append(["name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]])
                list.append(["name": "nodes/proxy", "singularName": "", "namespaced": false, "kind": "NodeProxyOptions", "verbs": ["create", "delete", "get", "patch", "update"]])
            }
            if group == "authorization.k8s.io" {
                list.append(["name": "selfsubjectaccessreviews", "singularName": "", "namespaced": false, "kind": "SelfSubjectAccessReview", "verbs": ["create"]])
            }
            return Self.json(["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(list)])
        }
        guard let resource = segments.last, let type = types[resource] else {
            return Self.status(404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        var namespace: String?
        if let i = segments.firstIndex(of: "namespaces"), i + 2 < segments.count { namespace = segments[i + 1] }
        if faults.forbiddenOnList.contains(resource) {
            return Self.status(403, reason: "Forbidden", message: "\(resource) is forbidden: User \"test\" cannot list resource \"\(resource)\" in API group \"\(type.group)\" at the cluster scope")
        }
        if once(faults.tooManyRequestsOnce, resource, "429") {
            var reply = Self.status(429, reason: "TooManyRequests", message: "Too many requests, please try again later.")
            reply.headers.append(("Retry-After", "1"))
            return reply
        }
        if once(faults.unavailableOnce, resource, "503") {
            return Self.status(503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request")
        }
        var items = objects[resource] ?? []
        if let namespace { items = items.filter { $0.namespace == namespace } }
        let limit = Int(request.query["limit"] ?? "") ?? items.count
        var offset = 0
        if let token = request.query["continue"] {
            if once(faults.expireContinueOnce, resource, "410") {
                return Self.status(410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
            }
            offset = Int(String(decoding: Data(base64Encoded: token) ?? Data(), as: UTF8.self)) ?? 0
        }
        let page = Array(items.dropFirst(offset).prefix(max(1, limit)))
        var metadata = Mapping()
        metadata.set("resourceVersion", "4242")
        if faults.repeatedContinue.contains(resource) {
            metadata.set("continue", "c2FtZQ==")
        } else if faults.endlessContinue.contains(resource) {
            metadata.set("continue", .string(Data("\(offset + 1)".utf8).base64EncodedString()))
        } else if offset + page.count < items.count {
            metadata.set("continue", .string(Data("\(offset + page.count)".utf8).base64EncodedString()))
            metadata.set("remainingItemCount", .int(items.count - offset - page.count))
        }
        let head: Value = ["kind": .string(Self.kindName(resource) + "List"), "apiVersion": .string(type.group.isEmpty ? type.version : "\(type.group)/\(type.version)"),
                           "metadata": .mapping(metadata)]
        var body = Array(head.jsonText.utf8.dropLast())
        body += Array(",\"items\":[".utf8)
        for (i, item) in page.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body += Array(item.json.utf8)
        }
        body += Array("]}".utf8)
        var reply = TestAPIServer.Reply(status: 200, body: body)
        if once(faults.truncatedOnce, resource, "cut") { reply.truncate = true }
        if faults.trickle.contains(resource) { reply.trickle = true }
        return reply
    }

    static func kindName(_ resource: String) -> String {
        kinds.first { $0.value.resource == resource }?.key ?? resource
    }

    static func json(_ value: Value) -> TestAPIServer.Reply {
        TestAPIServer.Reply(status: 200, body: Array(value.jsonText.utf8))
    }

    static func status(_ code: Int, reason: String, message: String) -> TestAPIServer.Reply {
        let value: Value = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                            "message": .string(message), "reason": .string(reason), "code": .int(code)]
        return TestAPIServer.Reply(status: code, body: Array(value.jsonText.utf8))
    }

    var requestLog: [String] { lock.lock(); defer { lock.unlock() }; return requests }
}
