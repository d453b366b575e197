import Foundation

/// A large generated cluster for the benchmark: objects as the API serves them in lists (JSON,
/// no apiVersion/kind), pods of about 2 KB. At scale 1: 2k namespaces, 50k pods, 10k
/// deployments, 10k replicasets, 6k services, 4k service accounts, 10k configmaps, 2k roles,
/// 2k rolebindings, 2k network policies, 1k quotas, 1k limit ranges = 100,000 objects.
enum GeneratedCluster {
    struct Part { var kind: String; var apiVersion: String; var items: [(namespace: String, json: String)] }

    static func make(scale: Double = 1) -> [Part] {
        func n(_ count: Int) -> Int { max(1, Int(Double(count) * scale)) }
        let namespaces = (0..<n(2000)).map { "team-\($0)" }
        func ns(_ i: Int) -> String { namespaces[i % namespaces.count] }
        func meta(_ name: String, _ namespace: String, labels: String = #""app":"svc""#, extra: String = "") -> String {
            #"{"name":"\#(name)","namespace":"\#(namespace)","uid":"\#(uid(name, namespace))","resourceVersion":"918273","creationTimestamp":"2026-10-01T08:00:00Z","labels":{\#(labels)}\#(extra)}"#
        }
        var parts: [Part] = []
        parts.append(Part(kind: "Namespace", apiVersion: "v1", items: namespaces.map { name in
            ("", #"{"metadata":{"name":"\#(name)","uid":"\#(uid(name, ""))","resourceVersion":"1","labels":{"kubernetes.io/metadata.name":"\#(name)","pod-security.kubernetes.io/enforce":"baseline"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}"#)
        }))
        parts.append(Part(kind: "Pod", apiVersion: "v1", items: (0..<n(50000)).map { i in
            let namespace = ns(i), name = "api-\(i / 5)-7d9f8c6b5-x\(i % 5)abc"
            let owner = #","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"api-\#(i / 5)-7d9f8c6b5","uid":"\#(uid("rs\(i / 5)", namespace))","controller":true,"blockOwnerDeletion":true}],"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-10-01T08:00:00Z","prometheus.io/scrape":"true"},"generateName":"api-\#(i / 5)-7d9f8c6b5-""#
            return (namespace, #"{"metadata":\#(meta(name, namespace, labels: #""app":"api","pod-template-hash":"7d9f8c6b5","tier":"backend","version":"v2""#, extra: owner)),"spec":{"volumes":[{"name":"config","configMap":{"name":"api-config","defaultMode":420}},{"name":"kube-api-access-\#(i % 97)","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}}],"defaultMode":420}}],"containers":[{"name":"api","image":"registry.example.com/shop/api:2.4.\#(i % 10)","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"env":[{"name":"LOG_LEVEL","value":"info"},{"name":"DB_HOST","value":"db.\#(namespace).svc"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"volumeMounts":[{"name":"config","mountPath":"/etc/api"},{"name":"kube-api-access-\#(i % 97)","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent","securityContext":{"allowPrivilegeEscalation":false,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}\#(i % 50 == 0 ? #","privileged":true"# : "")}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default","nodeName":"node-\#(i % 40)","securityContext":{"seccompProfile":{"type":"RuntimeDefault"}},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-01T08:00:01Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-01T08:00:09Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-01T08:00:09Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-01T08:00:00Z"}],"hostIP":"10.0.\#(i % 40).1","podIP":"10.244.\#(i % 250).\#(i % 200)","startTime":"2026-10-01T08:00:00Z","containerStatuses":[{"name":"api","state":{"running":{"startedAt":"2026-10-01T08:00:08Z"}},"ready":true,"restartCount":0,"image":"registry.example.com/shop/api:2.4.\#(i % 10)","imageID":"registry.example.com/shop/api@sha256:4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0","containerID":"containerd://\#(uid("c\(i)", namespace))","started":true}],"qosClass":"Burstable"}}"#)
        }))
        let podTemplate = #"{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"registry.example.com/shop/api:2.4.1","resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"securityContext":{"allowPrivilegeEscalation":false,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}],"securityContext":{"seccompProfile":{"type":"RuntimeDefault"}}}}"#
        parts.append(Part(kind: "Deployment", apiVersion: "apps/v1", items: (0..<n(10000)).map { i in
            (ns(i), #"{"metadata":\#(meta("api-\(i)", ns(i))),"spec":{"replicas":5,"selector":{"matchLabels":{"app":"api"}},"template":\#(podTemplate),"strategy":{"type":"RollingUpdate"}},"status":{"replicas":5,"readyReplicas":5}}"#)
        }))
        parts.append(Part(kind: "ReplicaSet", apiVersion: "apps/v1", items: (0..<n(10000)).map { i in
            (ns(i), #"{"metadata":\#(meta("api-\(i)-7d9f8c6b5", ns(i), extra: #","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"api-\#(i)","uid":"x","controller":true}]"#)),"spec":{"replicas":5,"selector":{"matchLabels":{"app":"api"}},"template":\#(podTemplate)},"status":{"replicas":5}}"#)
        }))
        parts.append(Part(kind: "Service", apiVersion: "v1", items: (0..<n(6000)).map { i in
            (ns(i), #"{"metadata":\#(meta("api-\(i)", ns(i))),"spec":{"type":"\#(i % 100 == 0 ? "NodePort" : "ClusterIP")","selector":{"app":"api"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}],"clusterIP":"10.96.\#(i % 250).\#(i % 200)"}}"#)
        }))
        parts.append(Part(kind: "ServiceAccount", apiVersion: "v1", items: (0..<n(4000)).map { i in (ns(i), #"{"metadata":\#(meta("sa-\(i)", ns(i)))}"#) }))
        parts.append(Part(kind: "ConfigMap", apiVersion: "v1", items: (0..<n(10000)).map { i in
            (ns(i), #"{"metadata":\#(meta("config-\(i)", ns(i))),"data":{"app.properties":"mode=production\nlog=info\n"}}"#)
        }))
        parts.append(Part(kind: "Role", apiVersion: "rbac.authorization.k8s.io/v1", items: (0..<n(2000)).map { i in
            (ns(i), #"{"metadata":\#(meta("reader", ns(i))),"rules":[{"apiGroups":[""],"resources":["pods","services"],"verbs":["get","list","watch"]}]}"#)
        }))
        parts.append(Part(kind: "RoleBinding", apiVersion: "rbac.authorization.k8s.io/v1", items: (0..<n(2000)).map { i in
            (ns(i), #"{"metadata":\#(meta("reader", ns(i))),"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},"subjects":[{"kind":"ServiceAccount","name":"sa-\#(i)","namespace":"\#(ns(i))"}]}"#)
        }))
        parts.append(Part(kind: "NetworkPolicy", apiVersion: "networking.k8s.io/v1", items: (0..<n(2000)).map { i in
            (ns(i), #"{"metadata":\#(meta("default-deny", ns(i))),"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}"#)
        }))
        parts.append(Part(kind: "ResourceQuota", apiVersion: "v1", items: (0..<n(1000)).map { i in
            (ns(i), #"{"metadata":\#(meta("quota", ns(i))),"spec":{"hard":{"requests.cpu":"10","requests.memory":"20Gi","limits.cpu":"20","limits.memory":"40Gi","pods":"100","services.nodeports":"0","services.loadbalancers":"0"}}}"#)
        }))
        parts.append(Part(kind: "LimitRange", apiVersion: "v1", items: (0..<n(1000)).map { i in
            (ns(i), #"{"metadata":\#(meta("limits", ns(i))),"spec":{"limits":[{"type":"Container","default":{"cpu":"500m","memory":"256Mi"},"defaultRequest":{"cpu":"100m","memory":"128Mi"},"max":{"cpu":"2","memory":"2Gi"}}]}}"#)
        }))
        return parts
    }

    static func uid(_ name: String, _ namespace: String) -> String {
        var h: UInt64 = 1469598103934665603
        for b in (namespace + "/" + name).utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        let hex = String(h, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return "\(padded.prefix(8))-\(padded.dropFirst(8).prefix(4))-4\(padded.dropFirst(12).prefix(3))-8\(padded.prefix(3))-\(padded.suffix(12))"
    }
}
