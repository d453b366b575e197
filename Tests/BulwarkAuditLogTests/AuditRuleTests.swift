import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkAuditLog

/// Every rule on both sides: events it must report, and near misses it must not.
final class AuditRuleTests: XCTestCase {
    typealias A = Audit

    struct Case {
        var rule: String
        /// Each entry is one scenario (a burst needs several lines).
        var hits: [[Value]]
        var misses: [[Value]]
    }

    static func times(_ n: Int, minutesApart: Double = 0.5, _ make: (Int, String) -> Value) -> [Value] {
        (0..<n).map { i in
            let seconds = Int(Double(i) * minutesApart * 60)
            return make(i, String(format: "2026-01-30T10:%02d:%02d.000000Z", seconds / 60, seconds % 60))
        }
    }

    static let cases: [Case] = [
        Case(rule: "BW-S2-401",
             hits: [[A.event(verb: "get", resource: "pods", namespace: "default", user: "system:anonymous", groups: ["system:unauthenticated"], code: 200)],
                    [A.event(verb: "get", user: "system:anonymous", code: 200, uri: "/version")]],
             misses: [[A.event(verb: "get", user: "system:anonymous", code: 200, uri: "/healthz")],
                      [A.event(verb: "get", user: "system:anonymous", code: 200, uri: "/readyz/etcd?verbose")],
                      [A.event(verb: "get", resource: "pods", user: "system:anonymous", code: 403, decision: "forbid")],
                      [A.event(verb: "get", resource: "pods", user: "bob", code: 200)]]),
        Case(rule: "BW-S2-402",
             hits: [times(10) { i, t in A.event(verb: "list", resource: "secrets", user: "stolen-token-\(i)", code: 403, sourceIP: "198.51.100.9", time: t, decision: "forbid") }],
             misses: [times(9) { _, t in A.event(verb: "list", resource: "pods", user: "dev", code: 403, sourceIP: "198.51.100.9", time: t, decision: "forbid") },
                      // Ten, but spread over more than the 30-minute window.
                      times(10, minutesApart: 4) { _, t in A.event(verb: "get", resource: "pods", user: "dev", code: 401, sourceIP: "198.51.100.9", time: t) },
                      times(12) { _, t in A.event(verb: "get", resource: "pods", user: "system:kube-scheduler", code: 403, sourceIP: "10.0.0.2", time: t) }]),
        Case(rule: "BW-S2-403",
             hits: [[A.event(verb: "create", resource: "certificatesigningrequests", user: "mallory", request:
                        ["spec": ["signerName": "kubernetes.io/kube-apiserver-client", "usages": ["digital signature", "client auth"], "request": "LS0t"]],
                     apiGroup: "certificates.k8s.io")]],
             misses: [[A.event(verb: "create", resource: "certificatesigningrequests", user: "mallory", request:
                        ["spec": ["signerName": "kubernetes.io/kubelet-serving", "usages": ["server auth"]]], apiGroup: "certificates.k8s.io")],
                      [A.event(verb: "create", resource: "certificatesigningrequests", user: "mallory", code: 403, request:
                        ["spec": ["signerName": "kubernetes.io/kube-apiserver-client", "usages": ["client auth"]]], apiGroup: "certificates.k8s.io")]]),
        Case(rule: "BW-S2-404",
             hits: [[A.event(verb: "list", resource: "secrets", namespace: "kube-system", user: "system:serviceaccount:kube-system:coredns", code: 200, sourceIP: "198.51.100.20")],
                    [A.event(verb: "get", resource: "configmaps", namespace: "kube-system", user: "bob", code: 200, sourceIP: "198.51.100.20")]],
             misses: [[A.event(verb: "list", resource: "secrets", namespace: "kube-system", user: "system:serviceaccount:kube-system:coredns", code: 200, sourceIP: "10.0.27.115")],
                      [A.event(verb: "get", resource: "pods", namespace: "shop", user: "bob", code: 200, sourceIP: "198.51.100.20")],
                      [A.event(verb: "get", user: "system:anonymous", code: 403, sourceIP: "198.51.100.20")]]),
        Case(rule: "BW-S2-405",
             hits: [[A.event(verb: "list", resource: "pods", user: "system:anonymous", code: 403, userAgent: "kube-hunter/0.6.8")],
                    [A.event(verb: "get", resource: "nodes", user: "sa", code: 200, userAgent: "Peirates/1.1.13")]],
             misses: [[A.event(verb: "list", resource: "pods", user: "bob", code: 200, userAgent: "kubectl/v1.31.0 (linux/amd64)")]]),
        Case(rule: "BW-S2-406",
             hits: [[A.event(verb: "delete", resource: "pods", namespace: "shop", name: "x", user: "kubernetes-admin", groups: ["system:masters", "system:authenticated"], code: 200)]],
             misses: [[A.event(verb: "delete", resource: "pods", namespace: "shop", name: "x", user: "alice", groups: ["devs"], code: 200)],
                      // The API server's loopback client is in system:masters too.
                      [A.event(verb: "get", resource: "pods", user: "system:apiserver", groups: ["system:masters"], code: 200)]]),
        Case(rule: "BW-S3-401",
             hits: [[A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", code: 101,
                             uri: "/api/v1/namespaces/shop/pods/web-1/exec?command=sh&container=app&stdin=true&tty=true", stage: "ResponseStarted")],
                    [A.event(verb: "get", resource: "pods", subresource: "attach", namespace: "shop", name: "web-1", code: nil, stage: "ResponseStarted")]],
             misses: [[A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", code: 403, decision: "forbid")],
                      [A.event(verb: "get", resource: "pods", subresource: "log", namespace: "shop", name: "web-1", code: 200)],
                      [A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "kube-system", name: "etcd-0", user: "system:serviceaccount:kube-system:generic-garbage-collector", code: 101)]]),
        Case(rule: "BW-S3-402",
             hits: [[A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "db-0", code: 101,
                             uri: "/api/v1/namespaces/shop/pods/db-0/exec?command=tar&command=cf&command=-&command=%2Fvar%2Flib%2Fdata&container=db&stderr=true&stdout=true")]],
             misses: [[A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "db-0", code: 101,
                               uri: "/api/v1/namespaces/shop/pods/db-0/exec?command=tar&command=xmf&command=-&command=-C&command=%2Ftmp&container=db&stdin=true")],
                      [A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "db-0", code: 101,
                               uri: "/api/v1/namespaces/shop/pods/db-0/exec?command=tar&command=czf&command=backup.tgz&command=%2Fdata")]]),
        Case(rule: "BW-S3-403",
             hits: [[A.event(verb: "create", resource: "pods", subresource: "portforward", namespace: "shop", name: "db-0", code: 101)]],
             misses: [[A.event(verb: "create", resource: "pods", subresource: "portforward", namespace: "shop", name: "db-0", code: 403, decision: "forbid")]]),
        Case(rule: "BW-S3-404",
             hits: [[A.event(verb: "patch", resource: "pods", subresource: "ephemeralcontainers", namespace: "shop", name: "web-1", code: 200,
                             request: ["spec": ["ephemeralContainers": [["name": "debugger", "image": "busybox:1.36"]]]])]],
             misses: [[A.event(verb: "get", resource: "pods", subresource: "ephemeralcontainers", namespace: "shop", name: "web-1", code: 200)]]),
        Case(rule: "BW-S3-405",
             hits: [[A.event(verb: "patch", resource: "clusterroles", name: "system:node", code: 200, apiGroup: "rbac.authorization.k8s.io")],
                    [A.event(verb: "delete", resource: "clusterroles", name: "system:kube-scheduler", code: 200, apiGroup: "rbac.authorization.k8s.io")]],
             misses: [[A.event(verb: "update", resource: "clusterroles", name: "system:coredns", code: 200, apiGroup: "rbac.authorization.k8s.io")],
                      [A.event(verb: "update", resource: "clusterroles", name: "shop-reader", code: 200, apiGroup: "rbac.authorization.k8s.io")],
                      [A.event(verb: "get", resource: "clusterroles", name: "system:node", code: 200, apiGroup: "rbac.authorization.k8s.io")],
                      // The API server reconciles the bootstrap roles at start-up.
                      [A.event(verb: "update", resource: "clusterroles", name: "system:node", user: "system:apiserver", groups: ["system:masters"], code: 200, apiGroup: "rbac.authorization.k8s.io")]]),
        Case(rule: "BW-S3-406",
             hits: [[A.event(verb: "create", resource: "clusterrolebindings", user: "mallory", request:
                        ["roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
                         "subjects": [["kind": "ServiceAccount", "name": "ci", "namespace": "shop"]]], apiGroup: "rbac.authorization.k8s.io")],
                    [A.event(verb: "create", resource: "rolebindings", namespace: "shop", user: "mallory", request:
                        ["roleRef": ["kind": "ClusterRole", "name": "cluster-admin"], "subjects": [["kind": "User", "name": "eve"]]], apiGroup: "rbac.authorization.k8s.io")]],
             misses: [[A.event(verb: "create", resource: "clusterrolebindings", user: "mallory", request:
                        ["roleRef": ["kind": "ClusterRole", "name": "view"], "subjects": [["kind": "User", "name": "eve"]]], apiGroup: "rbac.authorization.k8s.io")],
                      // A namespace admin binding is routine.
                      [A.event(verb: "create", resource: "rolebindings", namespace: "shop", user: "mallory", request:
                        ["roleRef": ["kind": "ClusterRole", "name": "admin"], "subjects": [["kind": "User", "name": "eve"]]], apiGroup: "rbac.authorization.k8s.io")],
                      [A.event(verb: "create", resource: "clusterrolebindings", user: "mallory", code: 403, request:
                        ["roleRef": ["kind": "ClusterRole", "name": "cluster-admin"]], apiGroup: "rbac.authorization.k8s.io")]]),
        Case(rule: "BW-S3-407",
             hits: [[A.role([A.rule(["*"], ["*"], groups: ["*"])])], [A.role([A.rule(["pods"], ["*"])], cluster: false)]],
             misses: [[A.role([A.rule(["deployments"], ["get", "list"], groups: ["*"])])],
                      [A.role([A.rule(["*"], ["*"])], code: 403)]]),
        Case(rule: "BW-S3-408",
             hits: [[A.role([A.rule(["secrets"], ["get", "delete"])])], [A.role([A.rule(["deployments"], ["patch"], groups: ["apps"])], cluster: false, verb: "update")]],
             misses: [[A.role([A.rule(["pods", "services"], ["get", "list", "watch"])])]]),
        Case(rule: "BW-S3-409",
             hits: [[A.role([A.rule(["pods"], ["get"]), A.rule(["pods/exec"], ["create"])])]],
             misses: [[A.role([A.rule(["pods", "pods/log"], ["get", "list"])])]]),
        Case(rule: "BW-S3-410",
             hits: [[A.role([A.rule(["nodes/proxy"], ["get"])])], [A.role([A.rule(["nodes/*"], ["get"])])]],
             misses: [[A.role([A.rule(["nodes"], ["get", "list"])])],
                      [A.role([A.rule(["nodes/proxy"], ["get"])], user: "system:serviceaccount:kube-system:clusterrole-aggregation-controller")]]),
        Case(rule: "BW-S3-411",
             hits: [[A.event(verb: "list", resource: "secrets", user: "mallory", code: 200, uri: "/api/v1/secrets?limit=500")]],
             misses: [[A.event(verb: "list", resource: "secrets", namespace: "shop", user: "mallory", code: 200)],
                      [A.event(verb: "list", resource: "secrets", user: "mallory", code: 403, decision: "forbid")],
                      [A.event(verb: "list", resource: "secrets", user: "system:serviceaccount:kube-system:namespace-controller", code: 200)]]),
        Case(rule: "BW-S3-412",
             hits: [times(15) { i, t in A.event(verb: "get", resource: "secrets", namespace: "ns\(i % 3)", name: "s\(i)", user: "mallory", code: 200, time: t) }],
             misses: [// The same Secret read 40 times (a pod reading its own token) is not enumeration.
                      times(40) { _, t in A.event(verb: "get", resource: "secrets", namespace: "shop", name: "db", user: "system:serviceaccount:shop:web", code: 200, time: t) },
                      times(20) { i, t in A.event(verb: "get", resource: "secrets", namespace: "shop", name: "s\(i)", user: "system:node:worker-1", code: 200, time: t) }]),
        Case(rule: "BW-S3-413",
             hits: [times(20) { i, t in A.event(verb: "get", resource: "secrets", namespace: "shop", name: "s\(i)", user: "mallory", code: 403, time: t, decision: "forbid") }],
             misses: [times(19) { i, t in A.event(verb: "get", resource: "secrets", namespace: "shop", name: "s\(i)", user: "mallory", code: 403, time: t, decision: "forbid") },
                      times(20) { i, t in A.event(verb: "get", resource: "secrets", namespace: "shop", name: "s\(i)", user: "mallory", code: 404, time: t) }]),
        Case(rule: "BW-S3-414",
             hits: [[A.event(verb: "create", resource: "mutatingwebhookconfigurations", user: "mallory", request: ["webhooks": []], apiGroup: "admissionregistration.k8s.io")],
                    [A.event(verb: "delete", resource: "validatingwebhookconfigurations", name: "policy", user: "mallory", code: 200, apiGroup: "admissionregistration.k8s.io")]],
             misses: [[A.event(verb: "get", resource: "mutatingwebhookconfigurations", name: "x", user: "mallory", code: 200, apiGroup: "admissionregistration.k8s.io")]]),
        Case(rule: "BW-S3-415",
             hits: [[A.podCreate(["containers": [A.container()]], namespace: "kube-system")],
                    // Whoever creates it: a ReplicaSet controller pod in kube-public still counts.
                    [A.podCreate(["containers": [A.container()]], namespace: "kube-public", user: "system:serviceaccount:kube-system:replicaset-controller")]],
             misses: [[A.podCreate(["containers": [A.container()]], namespace: "shop")],
                      [A.event(verb: "create", resource: "pods", subresource: "eviction", namespace: "kube-system", name: "x", code: 201)]]),
        Case(rule: "BW-S3-416",
             hits: [[A.event(verb: "create", resource: "serviceaccounts", namespace: "kube-system", name: "", request: ["metadata": ["name": "backdoor"]])]],
             misses: [[A.event(verb: "create", resource: "serviceaccounts", namespace: "kube-system", request: ["metadata": ["name": "replicaset-controller"]])],
                      [A.event(verb: "create", resource: "serviceaccounts", namespace: "shop", request: ["metadata": ["name": "backdoor"]])],
                      [A.event(verb: "create", resource: "serviceaccounts", subresource: "token", namespace: "kube-system", name: "backdoor")]]),
        Case(rule: "BW-S6-401",
             hits: [[A.podCreate(["containers": [A.container([("securityContext", ["privileged": true])])]])],
                    [A.podCreate(["initContainers": [A.container([("securityContext", ["privileged": true])], name: "init")], "containers": [A.container()]],
                                 user: "system:serviceaccount:kube-system:replicaset-controller")]],
             misses: [[A.podCreate(["containers": [A.container([("securityContext", ["privileged": false, "runAsNonRoot": true])])]])],
                      [A.event(verb: "create", resource: "pods", namespace: "shop", code: 409, request: A.pod(["containers": [A.container([("securityContext", ["privileged": true])])]]))]]),
        Case(rule: "BW-S6-402",
             hits: [[A.podCreate(["hostNetwork": true, "containers": [A.container()]])]],
             misses: [[A.podCreate(["hostNetwork": false, "containers": [A.container()]])]]),
        Case(rule: "BW-S6-403",
             hits: [[A.podCreate(["hostPID": true, "containers": [A.container()]])]],
             misses: [[A.podCreate(["hostPID": false, "containers": [A.container()]])]]),
        Case(rule: "BW-S6-404",
             hits: [[A.podCreate(["hostIPC": true, "containers": [A.container()]])]],
             misses: [[A.podCreate(["hostIPC": false, "containers": [A.container()]])]]),
        Case(rule: "BW-S6-405",
             hits: [[A.podCreate(["containers": [A.container()], "volumes": [["name": "sock", "hostPath": ["path": "/var/run/docker.sock"]]]])],
                    [A.podCreate(["containers": [A.container()], "volumes": [["name": "root", "hostPath": ["path": "/", "type": "Directory"]]]])],
                    [A.podCreate(["containers": [A.container()], "volumes": [["name": "pki", "hostPath": ["path": "/etc/kubernetes/pki/"]]]])]],
             misses: [[A.podCreate(["containers": [A.container()], "volumes": [["name": "data", "hostPath": ["path": "/mnt/data"]]]])],
                      [A.podCreate(["containers": [A.container()], "volumes": [["name": "etcetera", "hostPath": ["path": "/etcetera"]]]])]]),
        Case(rule: "BW-S6-406",
             hits: [[A.podCreate(["containers": [A.container([("securityContext", ["capabilities": ["add": ["NET_RAW", "SYS_ADMIN"]]])])]])],
                    [A.podCreate(["containers": [A.container([("securityContext", ["capabilities": ["add": ["CAP_BPF"]]])])]])]],
             misses: [[A.podCreate(["containers": [A.container([("securityContext", ["capabilities": ["add": ["NET_BIND_SERVICE", "CHOWN"], "drop": ["SYS_ADMIN"]]])])]])]]),
        Case(rule: "BW-S6-407",
             hits: [[A.event(verb: "create", resource: "daemonsets", namespace: "shop", request: ["metadata": ["name": "agent"]], apiGroup: "apps")]],
             misses: [[A.event(verb: "update", resource: "daemonsets", namespace: "shop", name: "agent", code: 200, apiGroup: "apps")],
                      [A.event(verb: "create", resource: "deployments", namespace: "shop", apiGroup: "apps")]]),
        Case(rule: "BW-S6-408",
             hits: [[A.event(verb: "create", resource: "cronjobs", namespace: "shop", request: ["metadata": ["name": "nightly"]], apiGroup: "batch")],
                    [A.event(verb: "patch", resource: "cronjobs", namespace: "shop", name: "nightly", code: 200, apiGroup: "batch")]],
             misses: [[A.event(verb: "update", resource: "cronjobs", subresource: "status", namespace: "shop", name: "nightly", user: "system:serviceaccount:kube-system:cronjob-controller", code: 200, apiGroup: "batch")],
                      [A.event(verb: "create", resource: "cronjobs", namespace: "shop", code: 403, decision: "forbid", apiGroup: "batch")]]),
        Case(rule: "BW-S8-401",
             hits: [[A.event(verb: "create", resource: "services", namespace: "shop", request: ["spec": ["type": "NodePort", "ports": [["port": 80]]]])]],
             misses: [[A.event(verb: "create", resource: "services", namespace: "shop", request: ["spec": ["type": "ClusterIP"]])]]),
        Case(rule: "BW-S8-402",
             hits: [[A.event(verb: "create", resource: "ingresses", namespace: "shop", request: ["spec": ["rules": [["host": "shop.example.com"]]]], apiGroup: "networking.k8s.io")]],
             misses: [[A.event(verb: "create", resource: "ingresses", namespace: "shop", request: ["spec": ["tls": [["hosts": ["shop.example.com"], "secretName": "tls"]]]], apiGroup: "networking.k8s.io")],
                      // No request body logged: no fact, no detection.
                      [A.event(verb: "create", resource: "ingresses", namespace: "shop", apiGroup: "networking.k8s.io")]]),
        Case(rule: "BW-S10-401",
             hits: [[A.event(verb: "create", resource: "nodes", user: "mallory", request: ["metadata": ["name": "rogue-1"]])],
                    [A.event(verb: "create", resource: "nodes", user: "system:node:worker-2", code: 403, request: ["metadata": ["name": "worker-9"]], decision: "forbid")]],
             misses: [[A.event(verb: "create", resource: "nodes", user: "system:node:worker-2", request: ["metadata": ["name": "worker-2"]])]]),
        Case(rule: "BW-S16-401",
             hits: [[A.event(verb: "create", resource: "configmaps", namespace: "shop", request: ["data": ["db_password": "hunter2", "mode": "prod"]])],
                    [A.event(verb: "update", resource: "configmaps", namespace: "shop", name: "cfg", code: 200, request: ["data": ["creds": "aws key AKIAIOSFODNN7EXAMPLE here"]])]],
             misses: [[A.event(verb: "create", resource: "configmaps", namespace: "shop", request: ["data": ["password_min_length": "12", "password_policy_enabled": "true"]])],
                      [A.event(verb: "create", resource: "configmaps", namespace: "shop", request: ["data": ["db_password": "${DB_PASSWORD}"]])]]),
    ]

    func testEveryRuleHasCasesOnBothSides() {
        let covered = Set(Self.cases.map(\.rule))
        for rule in AuditRules.all {
            XCTAssertTrue(covered.contains(rule.id), "\(rule.id) has no test cases")
        }
        for c in Self.cases { XCTAssertFalse(c.hits.isEmpty || c.misses.isEmpty, c.rule) }
    }

    func testHitsAreDetectedAndNearMissesAreNot() {
        for c in Self.cases {
            for (i, scenario) in c.hits.enumerated() {
                let report = A.scan(scenario.map(A.line), rules: [c.rule])
                XCTAssertEqual(report.errors, [], "\(c.rule) hit \(i)")
                XCTAssertEqual(report.detections.filter { $0.rule == c.rule }.count, 1, "\(c.rule) hit \(i) should be reported once")
            }
            for (i, scenario) in c.misses.enumerated() {
                let report = A.scan(scenario.map(A.line), rules: [c.rule])
                XCTAssertEqual(report.errors, [], "\(c.rule) miss \(i)")
                XCTAssertEqual(report.detections.filter { $0.rule == c.rule }.map(\.message), [], "\(c.rule) miss \(i) should not be reported")
            }
        }
    }

    func testBurstIsReportedOncePerWindowWithItsCount() {
        // 25 denials in the first window, then 12 more 40 minutes later: two windows, two detections.
        var lines = Self.times(25, minutesApart: 0.1) { _, t in A.event(verb: "get", resource: "pods", user: "dev", code: 403, sourceIP: "198.51.100.9", time: t, decision: "forbid") }
        lines += (0..<12).map { i in A.event(verb: "get", resource: "pods", user: "dev", code: 403, sourceIP: "198.51.100.9",
                                              time: String(format: "2026-01-30T10:4%d:00.000000Z", i % 10), decision: "forbid") }
        let report = A.scan(lines.map(A.line), rules: ["BW-S2-402"])
        XCTAssertEqual(report.detections.map(\.count), [25, 12])
    }

    func testConfigMapValuesNeverAppearInMessages() {
        let report = A.scan([A.line(A.event(verb: "create", resource: "configmaps", namespace: "shop", request: ["data": ["db_password": "hunter2-s3cret"]]))])
        let json = AuditReportRendering.json(report, rules: AuditRules.all)
        XCTAssertEqual(report.detections.map(\.rule), ["BW-S16-401"])
        XCTAssertFalse(json.contains("hunter2-s3cret"))
    }
}
