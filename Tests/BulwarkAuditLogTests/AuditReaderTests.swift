import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkAuditLog

/// Input forms, stage de-duplication, Kubernetes' own identities, errors and time filters.
final class AuditReaderTests: XCTestCase {
    typealias A = Audit

    private var execEvent: Value {
        A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", code: 101,
                auditID: "6a0d5e3c-aaaa-4bbb-8ccc-000000000001", time: "2026-01-30T10:00:00.000000Z")
    }

    func testStagesOfOneRequestCountOnce() {
        var received = execEvent, started = execEvent, complete = execEvent
        for (v, stage) in [(0, "RequestReceived"), (1, "ResponseStarted"), (2, "ResponseComplete")] {
            var m = (v == 0 ? received : v == 1 ? started : complete).mapping ?? Mapping()
            m.set("stage", .string(stage))
            if stage == "RequestReceived" { m.set("responseStatus", .null) }
            if v == 0 { received = .mapping(m) } else if v == 1 { started = .mapping(m) } else { complete = .mapping(m) }
        }
        let report = A.scan([received, started, complete].map(A.line), rules: ["BW-S3-401"])
        XCTAssertEqual(report.eventsRead, 1)
        XCTAssertEqual(report.duplicateStages, 2)
        XCTAssertEqual(report.detections.count, 1)
    }

    func testRequestReceivedAloneIsStillJudged() {
        // A policy that logs only RequestReceived: the event is judged at the end.
        var m = A.event(verb: "get", resource: "pods", user: "system:anonymous", code: nil, stage: "RequestReceived").mapping ?? Mapping()
        m.set("annotations", ["authorization.k8s.io/decision": "allow"])
        let report = A.scan([A.line(.mapping(m))], rules: ["BW-S2-401"])
        XCTAssertEqual(report.eventsRead, 1)
        XCTAssertEqual(report.detections.count, 1)
    }

    func testEventsWithoutAuditIDAreJudgedOneByOne() {
        var m = execEvent.mapping ?? Mapping()
        m.set("auditID", .null)
        let line = A.line(.mapping(m))
        let report = A.scan([line, line], rules: ["BW-S3-401"])
        XCTAssertEqual(report.eventsRead, 2)
        XCTAssertEqual(report.detections.count, 2)
    }

    func testKubernetesIdentitiesAreExcludedOnlyFromRulesAboutWhoActs() {
        let controller = "system:serviceaccount:kube-system:replicaset-controller"
        let privileged = A.podCreate(["containers": [A.container([("securityContext", ["privileged": true])])]], user: controller)
        let exec = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "w", user: controller, code: 101)
        let nodeExec = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "w", user: "system:node:worker-1", code: 101)
        // An account a chart added to kube-system is somebody's workload identity: judged.
        let tiller = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "w",
                             user: "system:serviceaccount:kube-system:tiller", code: 101)
        let report = A.scan([privileged, exec, nodeExec, tiller].map(A.line))
        XCTAssertEqual(report.detections.filter { $0.rule == "BW-S6-401" }.map(\.user), [controller])
        XCTAssertEqual(report.detections.filter { $0.rule == "BW-S3-401" }.map(\.user), ["system:serviceaccount:kube-system:tiller"])
        // Listed in --list-rules.
        XCTAssertEqual(AuditRules.byID["BW-S3-401"]?.excludesKubernetesIdentities, true)
        XCTAssertEqual(AuditRules.byID["BW-S6-401"]?.excludesKubernetesIdentities, false)
        XCTAssertTrue(AuditReportRendering.rulesJSON(AuditRules.all).contains("\"excludesKubernetesIdentities\":true"))
    }

    func testAnonymousIsNotAKubernetesIdentity() {
        XCTAssertFalse(KubernetesIdentity.contains("system:anonymous"))
        XCTAssertTrue(KubernetesIdentity.contains("system:kube-controller-manager"))
        XCTAssertTrue(KubernetesIdentity.contains("system:serviceaccount:kube-system:job-controller"))
        XCTAssertFalse(KubernetesIdentity.contains("system:serviceaccount:shop:web"))
    }

    // MARK: managed forms, each built from a native event

    private func nativeLine() -> String { A.line(execEvent) }

    func testEKSCloudWatchForms() throws {
        let native = nativeLine()
        let asString = Value.mapping(Mapping([.init(key: "@timestamp", value: "2026-01-30 10:00:00.000"), .init(key: "@message", value: .string(native))])).jsonText
        let asObject = Value.mapping(Mapping([.init(key: "timestamp", value: 1_769_767_200_000), .init(key: "message", value: execEvent)])).jsonText
        let batch: Value = ["messageType": "DATA_MESSAGE", "logGroup": "/aws/eks/prod/cluster", "logStream": "kube-apiserver-audit-abc",
                            "logEvents": [["id": "1", "timestamp": 1_769_767_200_000, "message": .string(native)]]]
        for line in [asString, asObject, batch.jsonText] {
            let report = A.scan([line], rules: ["BW-S3-401"])
            XCTAssertEqual(report.errors, [], line)
            XCTAssertEqual(report.detections.map(\.user), ["alice@example.com"], line)
        }
    }

    func testAKSDiagnosticLogForm() {
        let record: Value = ["time": "2026-01-30T10:00:00Z", "category": "kube-audit",
                             "operationName": "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read",
                             "properties": ["log": .string(nativeLine()), "stream": "stdout", "pod": "kube-apiserver-7d9"]]
        let storageExport: Value = ["records": [record]]
        for line in [record.jsonText, storageExport.jsonText] {
            let report = A.scan([line], rules: ["BW-S3-401"])
            XCTAssertEqual(report.errors, [])
            XCTAssertEqual(report.detections.map(\.rule), ["BW-S3-401"])
            XCTAssertEqual(report.detections.first?.objectRef.name, "web-1")
        }
    }

    func testGKECloudAuditLogForm() {
        // The exec of the native event as Cloud Audit Logs records it.
        let entry: Value = [
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
                "serviceName": "k8s.io", "status": [:],
            ],
            "resource": ["type": "k8s_cluster", "labels": ["cluster_name": "prod"]],
            "timestamp": "2026-01-30T10:00:00.000000Z",
        ]
        let report = A.scan([entry.jsonText], rules: ["BW-S3-401"])
        XCTAssertEqual(report.errors, [])
        let d = try? XCTUnwrap(report.detections.first)
        XCTAssertEqual(d?.user, "alice@example.com")
        XCTAssertEqual(d?.objectRef, AuditEvent.ObjectRef(resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", apiGroup: "", apiVersion: "v1"))
        XCTAssertEqual(d?.sourceIPs, ["10.1.2.3"])
        // A denied one maps to 403 and is not an exec that happened.
        var denied = entry.mapping ?? Mapping()
        var payload = entry["protoPayload"]?.mapping ?? Mapping()
        payload.set("status", ["code": 7, "message": "PERMISSION_DENIED"])
        denied.set("protoPayload", .mapping(payload))
        XCTAssertEqual(A.scan([Value.mapping(denied).jsonText], rules: ["BW-S3-401"]).detections.count, 0)
    }

    func testV1beta1AndKindOnlyEventsAndEventList() {
        var beta = execEvent.mapping ?? Mapping()
        beta.set("apiVersion", "audit.k8s.io/v1beta1")
        var noVersion = execEvent.mapping ?? Mapping()
        noVersion.set("apiVersion", .null)
        noVersion.entries.removeAll { $0.key == "apiVersion" }
        noVersion.set("auditID", "other-id")
        let list: Value = ["kind": "EventList", "apiVersion": "audit.k8s.io/v1", "items": [.mapping(beta)]]
        XCTAssertEqual(A.scan([Value.mapping(beta).jsonText], rules: ["BW-S3-401"]).detections.count, 1)
        XCTAssertEqual(A.scan([Value.mapping(noVersion).jsonText], rules: ["BW-S3-401"]).detections.count, 1)
        XCTAssertEqual(A.scan([list.jsonText], rules: ["BW-S3-401"]).detections.count, 1)
    }

    func testPrettyPrintedEventListSpanningLines() {
        let text = """
        {
          "kind": "EventList",
          "apiVersion": "audit.k8s.io/v1",
          "items": [
            \(nativeLine())
          ]
        }
        """
        let report = A.scanBytes(Array(text.utf8), rules: ["BW-S3-401"])
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.detections.first?.line, 1)
        XCTAssertEqual(report.detections.count, 1)
    }

    func testGzipAndConcatenatedMembers() throws {
        let one = try A.gzip(Array((nativeLine() + "\n").utf8))
        var second = execEvent.mapping ?? Mapping()
        second.set("auditID", "second")
        let two = try A.gzip(Array((Value.mapping(second).jsonText + "\n").utf8))
        let report = A.scanBytes(one + two, name: "audit.log.1.gz", rules: ["BW-S3-401"])
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.detections.count, 2)
        // Truncated gzip: an error, what was read still judged.
        let cut = A.scanBytes(Array(one.prefix(one.count - 6)), name: "cut.gz", rules: ["BW-S3-401"])
        XCTAssertFalse(cut.errors.isEmpty)
    }

    func testMalformedLinesAreErrorsWithFileAndLineAndTheRestIsRead() {
        let good = nativeLine()
        let truncated = String(good.prefix(good.count / 2))
        let lines = [truncated, "not json at all", #"{"kind":"Pod","apiVersion":"v1"}"#, "", good, #"[1,2"#]
        let report = A.scan(lines, rules: ["BW-S3-401"])
        XCTAssertEqual(report.detections.count, 1)
        XCTAssertEqual(report.detections.first?.line, 5)
        XCTAssertEqual(report.errors.map(\.line), [1, 2, 3, 6])
        XCTAssertTrue(report.errors.allSatisfy { $0.file == "audit.log" })
    }

    /// Several megabytes (many reads, each decoded in parallel): errors and the stages of one
    /// request split across reads come out in input order, as read one by one.
    func testDocumentsOfManyReadsAreTakenInInputOrder() {
        var lines: [String] = [], expectedErrors: [Int] = [], expectedExecLines: [Int] = []
        let broken = { (i: Int) in i % 97 == 0 }
        for i in 0..<12_000 {
            if broken(i) { lines.append("{\"kind\":\"Event\",\"broken\":\(i)"); expectedErrors.append(lines.count); continue }
            lines.append(A.line(A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-\(i)", code: 101,
                                        stage: "ResponseStarted", auditID: "id-\(i)")))
            expectedExecLines.append(lines.count)
            // A later stage of an earlier request, some reads on: counted once, with the exec.
            if i % 5 == 0 && i >= 3000 {
                lines.append(A.line(A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-\(i - 3000)",
                                            code: 101, auditID: "id-\(i - 3000)")))
                if broken(i - 3000) { expectedExecLines.append(lines.count) }
            }
        }
        XCTAssertGreaterThan(lines.joined(separator: "\n").utf8.count, 4 << 20)
        let report = A.scan(lines, rules: ["BW-S3-401"])
        XCTAssertEqual(report.errors.map(\.line), expectedErrors)
        XCTAssertEqual(report.detections.map(\.line).sorted(), expectedExecLines)
        XCTAssertEqual(report.duplicateStages, (3000..<12_000).filter { $0 % 5 == 0 && !broken($0) && !broken($0 - 3000) }.count)
    }

    func testOverlongLineIsAnErrorAndSkipped() {
        let long = #"{"kind":"Event","x":""# + String(repeating: "a", count: 5000) + #""}"#
        let report = A.scan([long, nativeLine()], rules: ["BW-S3-401"]) { $0.maximumLineBytes = 1000 }
        XCTAssertEqual(report.errors.map(\.line), [1])
        XCTAssertEqual(report.detections.map(\.line), [2])
    }

    func testMutatedAndTruncatedEventsNeverTrap() {
        let base = Array(nativeLine().utf8)
        var rng = SystemRandomNumberGenerator()
        for i in 0..<400 {
            var bytes = base
            if i % 2 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            for _ in 0..<Int.random(in: 0...4, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = A.scanBytes(bytes + [0x0A])
        }
        XCTAssertThrowsError(try JSONLine.parse(String(repeating: "[", count: 10_000)), "deep nesting must fail, not exhaust the stack")
    }

    func testSinceAndUntil() {
        let early = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "s", name: "a", code: 101, time: "2026-01-30T09:00:00.5Z")
        let late = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "s", name: "b", code: 101, time: "2026-01-30T11:00:00Z")
        let report = A.scan([early, late].map(A.line), rules: ["BW-S3-401"]) {
            $0.since = RFC3339Fast.seconds("2026-01-30T10:00:00Z")
            $0.until = RFC3339Fast.seconds("2026-01-30T11:30:00+01:00")
        }
        XCTAssertEqual(report.detections.map(\.objectRef.name), [])
        XCTAssertEqual(report.outsideTimeRange, 2)
        let open = A.scan([early, late].map(A.line), rules: ["BW-S3-401"]) { $0.since = RFC3339Fast.seconds("2026-01-30T10:00:00Z") }
        XCTAssertEqual(open.detections.map(\.objectRef.name), ["b"])
        XCTAssertEqual(RFC3339Fast.seconds("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(RFC3339Fast.seconds("2026-01-30T10:00:00+01:00"), RFC3339Fast.seconds("2026-01-30T09:00:00Z"))
    }

    func testExceptionsHideUntilTheyExpire() {
        let line = nativeLine()
        let rule = ExceptionRule(control: "BW-S3-40*", kind: "Pod", namespace: "shop", name: "web-*", reason: "debugging window", expires: "2026-02-01", source: "ex.yaml:1")
        let hidden = A.scan([line], rules: ["BW-S3-401"]) { $0.exceptions = [rule]; $0.now = Date(timeIntervalSince1970: RFC3339Fast.seconds("2026-01-31T00:00:00Z") ?? 0) }
        XCTAssertEqual(hidden.detections.count, 0)
        XCTAssertEqual(hidden.excepted["BW-S3-401"], 1)
        let expired = A.scan([line], rules: ["BW-S3-401"]) { $0.exceptions = [rule]; $0.now = Date(timeIntervalSince1970: RFC3339Fast.seconds("2026-02-03T00:00:00Z") ?? 0) }
        XCTAssertEqual(expired.detections.count, 1)
        XCTAssertEqual(expired.expiredExceptions, ["ex.yaml:1"])
    }

    func testJSONDocumentShape() throws {
        let report = A.scan([nativeLine(), "garbage"])
        let text = AuditReportRendering.json(report, rules: AuditRules.all)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let detections = object?["detections"] as? [[String: Any]]
        XCTAssertEqual(Set(detections?.first?.keys.map { $0 } ?? []).isSuperset(of: ["rule", "severity", "section", "auditID", "stageTimestamp", "user", "sourceIPs", "verb", "objectRef", "responseCode", "message"]), true)
        XCTAssertEqual((object?["summary"] as? [String: Any])?["events"] as? Int, 1)
        XCTAssertEqual((object?["errors"] as? [[String: Any]])?.first?["line"] as? Int, 2)
        let sarif = try JSONSerialization.jsonObject(with: Data(AuditReportRendering.sarif(report, rules: AuditRules.all, version: "t").utf8)) as? [String: Any]
        XCTAssertEqual(sarif?["version"] as? String, "2.1.0")
    }
}

/// The catalogue: IDs, references, and coverage of Falco's and Panther's rules.
final class AuditCatalogueTests: XCTestCase {
    func testIDsAreUniqueAndInTheSectionTheyName() {
        XCTAssertEqual(Set(AuditRules.all.map(\.id)).count, AuditRules.all.count)
        for r in AuditRules.all {
            XCTAssertTrue(r.id.hasPrefix("BW-\(r.section.id)-4"), r.id)
            XCTAssertFalse(r.remediation.isEmpty, r.id)
        }
    }

    /// Falco k8saudit's rules about security (k8s_audit_rules.yaml), leaving out the informational
    /// "K8s <kind> Created/Deleted" ones, All K8s Audit Events, and the three that only work with
    /// a site-written allow-list (Disallowed K8s User, Create Disallowed Pod, Create Disallowed Namespace).
    static let falcoSecurityRules = [
        "Create Privileged Pod", "Create Sensitive Mount Pod", "Create HostNetwork Pod", "Create HostPid Pod",
        "Create HostIPC Pod", "Create NodePort Service", "Create/Modify Configmap With Private Credentials",
        "Anonymous Request Allowed", "Attach/Exec Pod", "port-forward", "EphemeralContainers Created",
        "Pod Created in Kube Namespace", "Service Account Created in Kube Namespace", "System ClusterRole Modified/Deleted",
        "Attach to cluster-admin Role", "ClusterRole With Wildcard Created", "ClusterRole With Write Privileges Created",
        "ClusterRole With Pod Exec Created", "K8s Secret Get Successfully", "K8s Secret Get Unsuccessfully Tried",
        "Full K8s Administrative Access", "Ingress Object without TLS Certificate Created",
        "Untrusted Node Successfully Joined the Cluster", "Untrusted Node Unsuccessfully Tried to Join the Cluster",
    ]

    /// Panther's rules/kubernetes_rules and rules/aws_eks_rules RuleIDs.
    static let pantherRules = [
        "Kubernetes.AdmissionController.Created", "Kubernetes.API.AnonymousAccess", "Kubernetes.ClientCertificate.Created",
        "Kubernetes.ClusterRoleBinding.Privileged", "Kubernetes.CronJob.CreatedOrModified", "Kubernetes.DaemonSet.Created",
        "Kubernetes.Pod.Exec", "Kubernetes.API.IOC.Activity", "Kubernetes.Kubectl.CP.Operation",
        "Kubernetes.API.Multiple403.PublicIP", "Kubernetes.Pod.SystemNamespace", "Kubernetes.Pod.Dangerous.Capabilities",
        "Kubernetes.Pod.Host.IPC", "Kubernetes.Pod.Host.Network", "Kubernetes.Pod.Host.PID", "Kubernetes.Pod.HostPath.Volume",
        "Kubernetes.Pod.Privileged.Created", "Kubernetes.Role.NodeProxyPermissions", "Kubernetes.Role.PodExec",
        "Kubernetes.Role.Wildcard", "Kubernetes.Role.WritePermissions", "Kubernetes.Secret.AccessDenied",
        "Kubernetes.SecretEnumeration", "Kubernetes.Secrets.DumpAllNamespaces", "Kubernetes.Service.NodePort.Deployed",
        "Kubernetes.System.Principal.PublicIP", "Kubernetes.SystemRole.Modified",
        "Amazon.EKS.AnonymousAPIAccess", "Amazon.EKS.Audit.Exec", "Amazon.EKS.Audit.Multiple403",
        "Amazon.EKS.Audit.SystemNamespaceFromPublicIP",
        // Read by name only (not matched): ingress without TLS, service-account token rules.
        "k8s_ingress_without_tls", "k8s_serviceaccount_token_created", "k8s_steal_serviceaccount_token",
    ]

    func testEveryFalcoSecurityRuleIsMatched() {
        let named = Set(AuditRules.all.flatMap(\.falco))
        for rule in Self.falcoSecurityRules { XCTAssertTrue(named.contains(rule), "Falco rule \(rule) not matched") }
        XCTAssertTrue(named.isSubset(of: Set(Self.falcoSecurityRules)), "references name a Falco rule not in the list: \(named.subtracting(Self.falcoSecurityRules))")
    }

    func testAtLeastSixtyPercentOfPantherRulesAreMatched() {
        let named = Set(AuditRules.all.flatMap(\.panther))
        XCTAssertTrue(named.isSubset(of: Set(Self.pantherRules)), "\(named.subtracting(Self.pantherRules))")
        XCTAssertGreaterThanOrEqual(Double(named.count) / Double(Self.pantherRules.count), 0.6)
    }
}
