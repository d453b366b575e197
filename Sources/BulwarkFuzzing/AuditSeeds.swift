import BulwarkModel

/// The seed audit events the audit-log mutants start from: audit.k8s.io/v1 Events as the API
/// server's log backend writes them (exec, privileged pod, RBAC change, Secret reads, denied
/// requests, RequestReceived stages), an EventList, v1beta1, and the managed forms (EKS/CloudWatch
/// string, object and batch; AKS diagnostic record and storage export; GKE Cloud Audit Log).
/// Kept small and in source: the shapes matter, not the volume (the mutator picks and repeats).
enum AuditSeeds {
    static func event(verb: String, resource: String, namespace: String = "shop", name: String = "", subresource: String = "",
                      apiGroup: String = "", user: String = "alice@example.com", code: Int = 201, stage: String = "ResponseComplete",
                      auditID: String, request: Value? = nil, time: String = "2026-01-30T10:00:00.000000Z") -> Value {
        var m = Mapping()
        m.set("kind", "Event")
        m.set("apiVersion", "audit.k8s.io/v1")
        m.set("level", request == nil ? "Metadata" : "Request")
        m.set("auditID", .string(auditID))
        m.set("stage", .string(stage))
        var uri = apiGroup.isEmpty ? "/api/v1" : "/apis/\(apiGroup)/v1"
        if !namespace.isEmpty { uri += "/namespaces/\(namespace)" }
        uri += "/\(resource)" + (name.isEmpty ? "" : "/\(name)") + (subresource.isEmpty ? "" : "/\(subresource)")
        m.set("requestURI", .string(uri))
        m.set("verb", .string(verb))
        m.set("user", ["username": .string(user), "uid": "1f2e", "groups": ["system:authenticated"]])
        m.set("sourceIPs", ["10.1.2.3", "::1"])
        m.set("userAgent", "kubectl/v1.31.0 (linux/amd64) kubernetes/abc")
        var ref = Mapping()
        ref.set("resource", .string(resource))
        if !namespace.isEmpty { ref.set("namespace", .string(namespace)) }
        if !name.isEmpty { ref.set("name", .string(name)) }
        if !apiGroup.isEmpty { ref.set("apiGroup", .string(apiGroup)) }
        ref.set("apiVersion", "v1")
        if !subresource.isEmpty { ref.set("subresource", .string(subresource)) }
        m.set("objectRef", .mapping(ref))
        m.set("responseStatus", ["metadata": [:], "code": .int(code)])
        if let request { m.set("requestObject", request) }
        m.set("requestReceivedTimestamp", .string(time))
        m.set("stageTimestamp", .string(time))
        m.set("annotations", ["authorization.k8s.io/decision": code < 400 ? "allow" : "forbid", "authorization.k8s.io/reason": ""])
        return .mapping(m)
    }

    static let privilegedPod: Value = [
        "kind": "Pod", "apiVersion": "v1", "metadata": ["name": "debug", "namespace": "shop"],
        "spec": ["hostNetwork": true, "hostPID": true,
                 "volumes": [["name": "root", "hostPath": ["path": "/", "type": "Directory"]]],
                 "containers": [["name": "sh", "image": "busybox:1.36",
                                 "securityContext": ["privileged": true, "capabilities": ["add": ["SYS_ADMIN", "NET_RAW"]]],
                                 "volumeMounts": [["name": "root", "mountPath": "/host"]]]]],
    ]

    static let exec = event(verb: "create", resource: "pods", name: "web-1", subresource: "exec", auditID: "6a0d5e3c-0001")

    /// The native events, one per line of a log.
    static let native: [Value] = [
        exec,
        event(verb: "create", resource: "pods", auditID: "6a0d5e3c-0002", request: privilegedPod),
        event(verb: "create", resource: "clusterrolebindings", namespace: "", apiGroup: "rbac.authorization.k8s.io", auditID: "6a0d5e3c-0003",
              request: ["kind": "ClusterRoleBinding", "metadata": ["name": "pwn"], "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
                        "subjects": [["kind": "User", "name": "mallory", "apiGroup": "rbac.authorization.k8s.io"]]]),
        event(verb: "create", resource: "clusterroles", namespace: "", apiGroup: "rbac.authorization.k8s.io", auditID: "6a0d5e3c-0004",
              request: ["kind": "ClusterRole", "metadata": ["name": "custom"],
                        "rules": [["apiGroups": [""], "resources": ["secrets", "*"], "verbs": ["get", "list", "*"]]]]),
        event(verb: "list", resource: "secrets", namespace: "", user: "system:serviceaccount:shop:web", code: 200, auditID: "6a0d5e3c-0005"),
        event(verb: "get", resource: "secrets", name: "db", user: "bob", code: 200, auditID: "6a0d5e3c-0006", time: "2026-01-30T10:00:01.5Z"),
        event(verb: "get", resource: "secrets", name: "db", user: "system:anonymous", code: 403, auditID: "6a0d5e3c-0007"),
        event(verb: "list", resource: "pods", user: "system:anonymous", code: 401, auditID: "6a0d5e3c-0008", time: "2026-01-30T10:00:02Z"),
        event(verb: "create", resource: "pods", name: "web-1", subresource: "exec", stage: "RequestReceived", auditID: "6a0d5e3c-0009"),
        event(verb: "create", resource: "pods", name: "web-1", subresource: "attach", user: "system:kube-controller-manager", auditID: "6a0d5e3c-0010"),
        event(verb: "create", resource: "serviceaccounts", name: "web", subresource: "token", auditID: "6a0d5e3c-0011"),
        event(verb: "patch", resource: "validatingwebhookconfigurations", namespace: "", name: "bulwark",
              apiGroup: "admissionregistration.k8s.io", auditID: "6a0d5e3c-0012", request: ["webhooks": []]),
    ]

    static var seeds: [Value] {
        let nativeLine = exec.jsonText
        var beta = exec.mapping ?? Mapping()
        beta.set("apiVersion", "audit.k8s.io/v1beta1")
        let list: Value = ["kind": "EventList", "apiVersion": "audit.k8s.io/v1", "items": .array(Array(native.prefix(3)))]
        let eksString: Value = .mapping(Mapping([.init(key: "@timestamp", value: "2026-01-30 10:00:00.000"), .init(key: "@message", value: .string(nativeLine))]))
        let eksObject: Value = .mapping(Mapping([.init(key: "timestamp", value: 1_769_767_200_000), .init(key: "message", value: exec)]))
        let eksBatch: Value = ["messageType": "DATA_MESSAGE", "logGroup": "/aws/eks/prod/cluster", "logStream": "kube-apiserver-audit-abc",
                               "logEvents": [["id": "1", "timestamp": 1_769_767_200_000, "message": .string(nativeLine)]]]
        let aks: Value = ["time": "2026-01-30T10:00:00Z", "category": "kube-audit",
                          "operationName": "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read",
                          "properties": ["log": .string(nativeLine), "stream": "stdout", "pod": "kube-apiserver-7d9"]]
        let aksExport: Value = ["records": [aks]]
        let gke: Value = [
            "insertId": "abc123", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
            "operation": ["id": "6a0d5e3c-aaaa-4bbb-8ccc-000000000001", "producer": "k8s.io"],
            "protoPayload": [
                "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                "authenticationInfo": ["principalEmail": "alice@example.com"],
                "authorizationInfo": [["granted": true, "permission": "io.k8s.core.v1.pods.exec.create",
                                       "resource": "core/v1/namespaces/shop/pods/web-1/exec"]],
                "methodName": "io.k8s.core.v1.pods.exec.create",
                "requestMetadata": ["callerIP": "10.1.2.3", "callerSuppliedUserAgent": "kubectl/v1.31.0"],
                "resourceName": "core/v1/namespaces/shop/pods/web-1/exec",
                "serviceName": "k8s.io", "status": ["code": 7, "message": "PERMISSION_DENIED"],
                "request": ["@type": "k8s.io/Pod", "spec": privilegedPod["spec"] ?? .null],
            ],
            "resource": ["type": "k8s_cluster", "labels": ["cluster_name": "prod"]],
            "timestamp": "2026-01-30T10:00:00.000000Z",
        ]
        return native + [.mapping(beta), list, eksString, eksObject, eksBatch, aks, aksExport, gke]
    }
}
