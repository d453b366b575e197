import Testing
@testable import BulwarkRBAC

/// (rule, request) → decision, each row written from upstream's evaluation_helpers.go and the
/// "Using RBAC Authorization" documentation; every matching rule has an allow and a deny row.
@Suite struct DecisionTableTests {
    struct Case: Sendable, CustomStringConvertible {
        var note: String
        var rule: PolicyRule
        var request: AccessRequest
        var allowed: Bool
        var description: String { note }
    }

    static let podsGet = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])

    static let cases: [Case] = [
        // verbs
        Case(note: "exact verb", rule: podsGet, request: .resource("get", "pods"), allowed: true),
        Case(note: "other verb", rule: podsGet, request: .resource("list", "pods"), allowed: false),
        Case(note: "verb *", rule: PolicyRule(verbs: ["*"], apiGroups: [""], resources: ["pods"]), request: .resource("escalate", "pods"), allowed: true),
        Case(note: "verbs are case-sensitive", rule: PolicyRule(verbs: ["Get"], apiGroups: [""], resources: ["pods"]), request: .resource("get", "pods"), allowed: false),
        Case(note: "custom verb bind", rule: PolicyRule(verbs: ["bind"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"]),
             request: .resource("bind", "clusterroles", group: "rbac.authorization.k8s.io", name: "admin"), allowed: true),
        Case(note: "empty verbs allow nothing", rule: PolicyRule(verbs: [], apiGroups: ["*"], resources: ["*"]), request: .resource("get", "pods"), allowed: false),
        // apiGroups
        Case(note: "core group is \"\"", rule: podsGet, request: .resource("get", "pods", group: "apps"), allowed: false),
        Case(note: "group *", rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["deployments"]), request: .resource("get", "deployments", group: "apps"), allowed: true),
        Case(note: "apps is not extensions", rule: PolicyRule(verbs: ["get"], apiGroups: ["extensions"], resources: ["deployments"]), request: .resource("get", "deployments", group: "apps"), allowed: false),
        Case(note: "no apiGroups: no resource match", rule: PolicyRule(verbs: ["get"], resources: ["pods"]), request: .resource("get", "pods"), allowed: false),
        // resources and subresources
        Case(note: "pods does not cover pods/exec", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods"]),
             request: .resource("create", "pods", subresource: "exec"), allowed: false),
        Case(note: "exact resource/subresource", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
             request: .resource("create", "pods", subresource: "exec"), allowed: true),
        Case(note: "pods/exec does not cover pods", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
             request: .resource("create", "pods"), allowed: false),
        Case(note: "*/scale covers any scale", rule: PolicyRule(verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"]),
             request: .resource("update", "deployments", group: "apps", subresource: "scale"), allowed: true),
        Case(note: "*/scale not other subresources", rule: PolicyRule(verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"]),
             request: .resource("update", "deployments", group: "apps", subresource: "status"), allowed: false),
        Case(note: "*/scale not the main resource", rule: PolicyRule(verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"]),
             request: .resource("update", "deployments", group: "apps"), allowed: false),
        Case(note: "*/sub needs the same length (no suffix match)", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["*/log"]),
             request: .resource("get", "pods", subresource: "catalog"), allowed: false),
        Case(note: "there is no pods/*", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/*"]),
             request: .resource("create", "pods", subresource: "exec"), allowed: false),
        Case(note: "* covers subresources", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["*"]),
             request: .resource("create", "pods", subresource: "exec"), allowed: true),
        // resourceNames
        Case(note: "name listed", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
             request: .resource("get", "configmaps", name: "a"), allowed: true),
        Case(note: "name not listed", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
             request: .resource("get", "configmaps", name: "b"), allowed: false),
        Case(note: "nameless request never matches names (list)", rule: PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
             request: .resource("list", "configmaps"), allowed: false),
        Case(note: "nameless create never matches names", rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["serviceaccounts/token"], resourceNames: ["x"]),
             request: .resource("create", "serviceaccounts", subresource: "token"), allowed: false),
        Case(note: "no names: any name", rule: podsGet, request: .resource("get", "pods", name: "web-1"), allowed: true),
        // non-resource URLs
        Case(note: "exact URL", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]), request: .nonResource("get", "/healthz"), allowed: true),
        Case(note: "URL is not a prefix match without *", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]), request: .nonResource("get", "/healthz/etcd"), allowed: false),
        Case(note: "trailing * is a prefix", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz/*"]), request: .nonResource("get", "/healthz/etcd"), allowed: true),
        Case(note: "prefix /healthz/* needs the slash", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz/*"]), request: .nonResource("get", "/healthz"), allowed: false),
        Case(note: "/api* covers /apis", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/api*"]), request: .nonResource("get", "/apis/apps"), allowed: true),
        Case(note: "URL *", rule: PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]), request: .nonResource("post", "/logs/x"), allowed: true),
        Case(note: "* inside is literal", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/a/*/b"]), request: .nonResource("get", "/a/x/b"), allowed: false),
        Case(note: "URL rule grants no resource", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["*"]), request: .resource("get", "pods"), allowed: false),
        Case(note: "resource rule grants no URL", rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*"]), request: .nonResource("get", "/healthz"), allowed: false),
        Case(note: "URL verb must match", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/metrics"]), request: .nonResource("post", "/metrics"), allowed: false),
    ]

    @Test(arguments: cases) func decision(_ c: Case) {
        #expect(c.rule.allows(c.request) == c.allowed, "\(c.note)")
    }
}
