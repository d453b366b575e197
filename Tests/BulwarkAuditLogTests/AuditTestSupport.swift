import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkAuditLog

/// Audit events written the way kube-apiserver's log backend writes them (fields of
/// k8s.io/apiserver/pkg/apis/audit/v1 Event), built per test.
enum Audit {
    static func event(verb: String, resource: String = "", subresource: String = "", namespace: String = "",
                      name: String = "", user: String = "alice@example.com", groups: [String] = ["system:authenticated"],
                      code: Int? = 201, request: Value? = nil, uri: String? = nil, sourceIP: String = "10.1.2.3",
                      stage: String = "ResponseComplete", auditID: String? = nil, time: String = "2026-01-30T10:00:00.000000Z",
                      userAgent: String = "kubectl/v1.31.0 (linux/amd64) kubernetes/abc", decision: String? = "allow",
                      apiGroup: String = "", apiVersion: String = "v1") -> Value {
        var m = Mapping()
        m.set("kind", "Event")
        m.set("apiVersion", "audit.k8s.io/v1")
        m.set("level", request == nil ? "Metadata" : "Request")
        m.set("auditID", .string(auditID ?? UUID().uuidString.lowercased()))
        m.set("stage", .string(stage))
        var path = apiGroup.isEmpty ? "/api/\(apiVersion)" : "/apis/\(apiGroup)/\(apiVersion)"
        if !namespace.isEmpty { path += "/namespaces/\(namespace)" }
        if !resource.isEmpty { path += "/\(resource)" }
        if !name.isEmpty { path += "/\(name)" }
        if !subresource.isEmpty { path += "/\(subresource)" }
        m.set("requestURI", .string(uri ?? path))
        m.set("verb", .string(verb))
        m.set("user", ["username": .string(user), "groups": .array(groups.map(Value.string))])
        m.set("sourceIPs", [.string(sourceIP)])
        m.set("userAgent", .string(userAgent))
        if !resource.isEmpty {
            var ref = Mapping()
            ref.set("resource", .string(resource))
            if !namespace.isEmpty { ref.set("namespace", .string(namespace)) }
            if !name.isEmpty { ref.set("name", .string(name)) }
            if !apiGroup.isEmpty { ref.set("apiGroup", .string(apiGroup)) }
            ref.set("apiVersion", .string(apiVersion))
            if !subresource.isEmpty { ref.set("subresource", .string(subresource)) }
            m.set("objectRef", .mapping(ref))
        }
        if let code { m.set("responseStatus", ["metadata": [:], "code": .int(code)]) }
        if let request { m.set("requestObject", request) }
        m.set("requestReceivedTimestamp", .string(time))
        m.set("stageTimestamp", .string(time))
        if let decision { m.set("annotations", ["authorization.k8s.io/decision": .string(decision), "authorization.k8s.io/reason": ""]) }
        return .mapping(m)
    }

    static func pod(_ spec: Value, name: String = "web") -> Value {
        ["kind": "Pod", "apiVersion": "v1", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func container(_ extra: [(String, Value)] = [], name: String = "app", image: String = "nginx:1.27") -> Value {
        var m = Mapping()
        m.set("name", .string(name)); m.set("image", .string(image))
        for (k, v) in extra { m.set(k, v) }
        return .mapping(m)
    }

    static func podCreate(_ spec: Value, namespace: String = "shop", user: String = "alice@example.com") -> Value {
        event(verb: "create", resource: "pods", namespace: namespace, user: user, request: pod(spec))
    }

    static func role(_ rules: [Value], cluster: Bool = true, name: String = "custom", verb: String = "create",
                     user: String = "alice@example.com", code: Int = 201) -> Value {
        event(verb: verb, resource: cluster ? "clusterroles" : "roles", namespace: cluster ? "" : "shop", name: verb == "create" ? "" : name,
              user: user, code: code, request: ["kind": .string(cluster ? "ClusterRole" : "Role"), "metadata": ["name": .string(name)], "rules": .array(rules)],
              apiGroup: "rbac.authorization.k8s.io")
    }

    static func rule(_ resources: [String], _ verbs: [String], groups: [String] = [""]) -> Value {
        ["apiGroups": .array(groups.map(Value.string)), "resources": .array(resources.map(Value.string)), "verbs": .array(verbs.map(Value.string))]
    }

    static func line(_ v: Value) -> String { v.jsonText }

    static func scan(_ lines: [String], rules: [String]? = nil, configure: (inout AuditLogScanner.Options) -> Void = { _ in }) -> AuditReport {
        scanBytes(Array((lines.joined(separator: "\n") + "\n").utf8), rules: rules, configure: configure)
    }

    static func scanBytes(_ bytes: [UInt8], name: String = "audit.log", rules: [String]? = nil,
                          configure: (inout AuditLogScanner.Options) -> Void = { _ in }) -> AuditReport {
        var options = AuditLogScanner.Options()
        if let rules { options.rules = AuditRules.all.filter { rules.contains($0.id) } }
        configure(&options)
        let scanner = AuditLogScanner(options: options)
        scanner.read(ByteSource.bytes(bytes), name: name)
        return scanner.finish()
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-audit-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("audit.log")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", file.path]
        try p.run(); p.waitUntilExit()
        return Array(try Data(contentsOf: dir.appendingPathComponent("audit.log.gz")))
    }
}
