import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S6NamespaceLabelTests {
    let enforce = S6ContainerPrivileges.namespaceEnforceLabel
    let auditWarn = S6ContainerPrivileges.namespaceAuditWarnLabels

    @Test func missingOrPrivilegedEnforceFails() {
        let objects = [
            namespace("open"),
            namespace("priv", labels: ["pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/warn": "restricted"]),
            namespace("good", labels: ["pod-security.kubernetes.io/enforce": "baseline"]),
            namespace("kube-system"),
        ]
        let v = evaluate(enforce, objects).violations
        #expect(v.map { $0.object?.name } == ["open", "priv"])
        #expect(v[0].path == "metadata.labels[\"pod-security.kubernetes.io/enforce\"]")
        #expect(v[0].value == "unset")
        #expect(v[0].message.contains("audit") && v[0].message.contains("warn"))
        #expect(v[1].value == "privileged")
        #expect(v[1].message.contains("`pod-security.kubernetes.io/audit`"))
        #expect(!v[1].message.contains("`pod-security.kubernetes.io/warn`"))
        #expect(v.allSatisfy { $0.effectiveSeverity(enforce) == .medium })
    }

    @Test func findingSaysWhichLevelTheWorkloadsAlreadyPass() {
        let tidy: Value = [
            "securityContext": ["runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]],
            "containers": [container("app", [("securityContext", ["allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]])])],
        ]
        let plain: Value = ["containers": [container()]]
        let hostNet: Value = ["hostNetwork": true, "containers": [container()]]
        let objects = [
            namespace("tidy"), deployment("a", namespace: "tidy", pod: tidy), deployment("b", namespace: "tidy", pod: tidy),
            namespace("plain"), deployment("c", namespace: "plain", pod: tidy), deployment("d", namespace: "plain", pod: plain),
            namespace("host"), deployment("e", namespace: "host", pod: hostNet),
            namespace("empty"),
        ]
        let messages = Dictionary(uniqueKeysWithValues: evaluate(enforce, objects).violations.map { ($0.object?.name ?? "", $0.message) })
        #expect(messages["tidy"]?.contains("all 2 of its workloads already pass restricted:latest, so enforce=restricted is safe") == true)
        #expect(messages["plain"]?.contains("pass baseline:latest (not restricted), so enforce=baseline is safe") == true)
        #expect(messages["host"]?.contains("fail even baseline:latest") == true)
        #expect(messages["empty"]?.contains("safe") == false)
    }

    @Test func invalidLevelIsLow() {
        let v = evaluate(enforce, [namespace("typo", labels: ["pod-security.kubernetes.io/enforce": "restricted "])]).violations
        #expect(v.count == 1)
        #expect(v.first?.severity == .low)
    }

    @Test func clusterDefaultFromAdmissionConfigurationCounts() {
        let config = KubeObject(["apiVersion": "apiserver.config.k8s.io/v1", "kind": "AdmissionConfiguration",
                                 "plugins": [["name": "PodSecurity", "configuration": [
                                     "apiVersion": "pod-security.admission.config.k8s.io/v1", "kind": "PodSecurityConfiguration",
                                     "defaults": ["enforce": "baseline", "audit": "restricted", "warn": "restricted"]]]]])
        #expect(evaluate(enforce, [namespace("open"), config]).isPass)
        #expect(evaluate(auditWarn, [namespace("open"), config]).isPass)
        let privilegedDefault = KubeObject(["apiVersion": "pod-security.admission.config.k8s.io/v1", "kind": "PodSecurityConfiguration",
                                            "defaults": ["enforce": "privileged"]])
        #expect(evaluate(enforce, [namespace("open"), privilegedDefault]).violations.first?.message.contains("\"privileged\"") == true)
    }

    @Test func notAssessedWithoutNamespaces() {
        #expect(evaluate(enforce, [deployment("web", pod: ["containers": [container()]])]).notAssessedReason == "no Namespace objects in input")
        #expect(evaluate(enforce, [namespace("kube-system")]).notAssessedReason != nil)
        #expect(evaluate(auditWarn, []).notAssessedReason != nil)
    }

    @Test func auditAndWarnReportedPerMissingLabelBelowRestricted() {
        let objects = [
            namespace("baseline", labels: ["pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted"]),
            namespace("restricted", labels: ["pod-security.kubernetes.io/enforce": "restricted"]),
        ]
        let v = evaluate(auditWarn, objects).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "metadata.labels[\"pod-security.kubernetes.io/audit\"]")
        #expect(v.first?.object?.name == "baseline")
        #expect(v.first.map { $0.effectiveSeverity(auditWarn) } == .low)
    }
}

@Suite struct S6HostPathTests {
    let control = S6ContainerPrivileges.hostPathVolumes

    func workload(_ path: String, readOnly: Bool?, type: String? = nil, namespace ns: String = "apps") -> KubeObject {
        var hostPath: Mapping = Mapping()
        hostPath.set("path", .string(path))
        if let type { hostPath.set("type", .string(type)) }
        var mount = Mapping()
        mount.set("name", "host")
        mount.set("mountPath", "/host")
        if let readOnly { mount.set("readOnly", .bool(readOnly)) }
        return deployment("agent", namespace: ns, pod: [
            "volumes": [["name": "data", "emptyDir": [:]], ["name": "host", "hostPath": .mapping(hostPath)]],
            "containers": [container("app", [("volumeMounts", [.mapping(mount)])])],
        ])
    }

    func finding(_ path: String, readOnly: Bool?, type: String? = nil) -> Violation? {
        evaluate(control, [workload(path, readOnly: readOnly, type: type)]).violations.first
    }

    @Test func findingNamesTheVolumePathAndValue() throws {
        let v = try #require(finding("/var/lib/kubelet", readOnly: nil))
        #expect(v.path == "spec.template.spec.volumes[1].hostPath.path")
        #expect(v.value == "/var/lib/kubelet")
        #expect(v.severity == .critical)
        #expect(v.message.contains("writable by container \"app\""))
    }

    @Test func severityBySensitivityAndAccess() {
        #expect(finding("/var/lib/kubelet", readOnly: true)?.severity == .high)
        #expect(finding("/etc", readOnly: false)?.severity == .critical)
        #expect(finding("/etc/localtime", readOnly: true)?.severity == .low)
        #expect(finding("/etc/kubernetes/pki", readOnly: true)?.severity == .high)
        #expect(finding("/data/app", readOnly: false)?.severity == .medium)
        #expect(finding("/data/app", readOnly: true)?.severity == .low)
        #expect(finding("/proc", readOnly: true)?.severity == .medium)
        #expect(finding("/var/log", readOnly: true)?.severity == .low)
        #expect(finding("/var/log", readOnly: false)?.severity == .high)
    }

    @Test func runtimeSocketsAreCriticalEvenReadOnlyAndRunEqualsVarRun() {
        #expect(finding("/var/run/docker.sock", readOnly: true)?.severity == .critical)
        #expect(finding("/run/docker.sock", readOnly: true)?.severity == .critical)
        #expect(finding("/run/containerd/containerd.sock", readOnly: true)?.severity == .critical)
        #expect(finding("/var/run/crio/crio.sock", readOnly: true)?.severity == .critical)
        // A parent directory exposes what is beneath it.
        #expect(finding("/var/run", readOnly: true)?.severity == .critical)
        #expect(finding("/", readOnly: true)?.severity == .critical)
        #expect(finding("/", readOnly: true)?.message.contains("entire filesystem") == true)
        #expect(finding("/var/..//", readOnly: true)?.message.contains("entire filesystem") == true)
        #expect(finding("/var/lib/", readOnly: false)?.severity == .critical)
        #expect(finding("/var//run/./docker.sock", readOnly: true)?.severity == .critical)
        // Unknown sockets are high.
        #expect(finding("/var/run/agent/api.sock", readOnly: true)?.severity == .high)
        #expect(finding("/srv/x", readOnly: true, type: "Socket")?.severity == .high)
    }

    @Test func unmountedVolumeIsReadOnlySeverity() {
        let d = deployment("x", pod: ["volumes": [["name": "root", "hostPath": ["path": "/root"]]], "containers": [container()]])
        let v = evaluate(control, [d]).violations
        #expect(v.first?.severity == .high)
        #expect(v.first?.message.contains("not mounted by any container") == true)
    }

    @Test func passAndSystemNamespaceExemption() {
        let clean = deployment("web", pod: ["volumes": [["name": "c", "configMap": ["name": "cfg"]]], "containers": [container()]])
        #expect(evaluate(control, [clean]).isPass)
        let sys = workload("/var/run/docker.sock", readOnly: nil, namespace: "kube-system")
        let outcome = evaluate(control, [clean, sys])
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("1 in system namespaces exempt") == true)
        #expect(evaluate(control, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }
}

@Suite struct S6RunAsRootTests {
    let control = S6ContainerPrivileges.runAsRoot

    @Test func containerOverridesPod() {
        // Pod says non-root; one container overrides it with false and UID 0.
        let d = deployment("web", pod: [
            "securityContext": ["runAsNonRoot": true],
            "containers": [container("ok"),
                           container("root", [("securityContext", ["runAsNonRoot": false, "runAsUser": 0])])],
        ])
        let v = evaluate(control, [d]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.template.spec.containers[1].securityContext.runAsUser")
        #expect(v.first?.value == "0")
        #expect(v.first?.severity == .high)
    }

    @Test func podLevelUIDZeroIsReportedAtPodPath() {
        let d = deployment("web", pod: ["securityContext": ["runAsUser": 0], "containers": [container()]])
        let v = evaluate(control, [d]).violations
        #expect(v.first?.path == "spec.template.spec.securityContext.runAsUser")
        #expect(v.first?.message.contains("whole pod") == true)
    }

    @Test func unsetIsMediumAndNamesTheContainerField() {
        let d = deployment("web", pod: ["initContainers": [container("init")], "containers": [container("app", [("securityContext", ["runAsUser": 1000])])]])
        let v = evaluate(control, [d]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.template.spec.initContainers[0].securityContext.runAsNonRoot")
        #expect(v.first?.value == "runAsNonRoot=unset, runAsUser=unset")
        #expect(v.first.map { $0.effectiveSeverity(control) } == .medium)
    }

    @Test func explicitFalseAtPodLevelIsNamed() {
        let d = deployment("web", pod: ["securityContext": ["runAsNonRoot": false], "containers": [container()]])
        let v = evaluate(control, [d]).violations
        #expect(v.first?.path == "spec.template.spec.securityContext.runAsNonRoot")
        #expect(v.first?.value == "runAsNonRoot=false, runAsUser=unset")
    }

    @Test func passesAndUserNamespaces() {
        let nonRoot = deployment("a", pod: ["securityContext": ["runAsNonRoot": true], "containers": [container()]])
        let uid = deployment("b", pod: ["securityContext": ["runAsUser": 10001], "containers": [container()]])
        let windows = deployment("c", pod: ["os": ["name": "windows"], "containers": [container()]])
        #expect(evaluate(control, [nonRoot, uid, windows]).isPass)
        let userns = deployment("d", pod: ["hostUsers": false, "securityContext": ["runAsUser": 0], "containers": [container()]])
        #expect(evaluate(control, [userns]).violations.first?.severity == .low)
    }

    @Test func cronJobPathsAreFull() {
        let cron = KubeObject(["apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "job", "namespace": "apps"],
                               "spec": ["schedule": "* * * * *", "jobTemplate": ["spec": ["template": ["spec": ["containers": [container()]]]]]]])
        #expect(evaluate(control, [cron]).violations.first?.path == "spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot")
    }
}

@Suite struct S6PodSecurityPolicyTests {
    let control = S6ContainerPrivileges.podSecurityPolicies

    func psp(_ name: String, _ spec: Value) -> KubeObject {
        KubeObject(["apiVersion": "policy/v1beta1", "kind": "PodSecurityPolicy", "metadata": ["name": .string(name)], "spec": spec])
    }

    @Test func permissivePolicyReportsEachField() {
        let open = psp("open", [
            "privileged": true, "hostNetwork": true, "hostPID": true, "hostIPC": false,
            "hostPorts": [["min": 0, "max": 65535]], "volumes": ["*"], "allowPrivilegeEscalation": true,
            "runAsUser": ["rule": "RunAsAny"], "allowedCapabilities": ["*"],
        ])
        let v = evaluate(control, [open], settings: ScanSettings(kubeVersion: KubeVersion(1, 24))).violations
        let byPath = Dictionary(uniqueKeysWithValues: v.map { ($0.path, $0) })
        #expect(byPath["spec.privileged"]?.severity == .critical)
        #expect(byPath["spec.hostNetwork"]?.severity == .high)
        #expect(byPath["spec.hostPID"]?.severity == .high)
        #expect(byPath["spec.hostIPC"] == nil)
        #expect(byPath["spec.hostPorts"]?.severity == .medium)
        #expect(byPath["spec.volumes"]?.severity == .high)
        #expect(byPath["spec.volumes"]?.message.contains("no allowedHostPaths") == true)
        #expect(byPath["spec.runAsUser.rule"]?.value == "RunAsAny")
        #expect(byPath["spec.allowPrivilegeEscalation"]?.value == "true")
        #expect(byPath["spec.allowedCapabilities[0]"]?.severity == .high)
        #expect(v.count == 8)
        #expect(!v.contains { $0.message.contains("not served") })
    }

    @Test func restrictivePolicyPassesAndUnsetEscalationFails() {
        var spec: Mapping = Mapping()
        spec.set("privileged", false)
        spec.set("volumes", ["configMap", "secret", "emptyDir", "projected", "persistentVolumeClaim"])
        spec.set("runAsUser", ["rule": "MustRunAsNonRoot"])
        spec.set("requiredDropCapabilities", ["ALL"])
        let noEscalation = psp("restricted", .mapping(spec))
        let v = evaluate(control, [noEscalation]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.allowPrivilegeEscalation")
        #expect(v.first?.value == "unset")
        #expect(v.first?.message.contains("not served from Kubernetes 1.25") == true)
        spec.set("allowPrivilegeEscalation", false)
        #expect(evaluate(control, [psp("restricted", .mapping(spec))]).isPass)
    }

    @Test func hostPathRulesAndCapabilities() {
        let p = psp("hp", ["volumes": ["hostPath", "secret"], "allowPrivilegeEscalation": false, "runAsUser": ["rule": "MustRunAsNonRoot"],
                           "allowedHostPaths": [["pathPrefix": "/var/log", "readOnly": true], ["pathPrefix": "/data"]],
                           "allowedCapabilities": ["NET_BIND_SERVICE", "CAP_SYS_ADMIN"]])
        let v = evaluate(control, [p]).violations
        #expect(v.map(\.path) == ["spec.allowedHostPaths[1]", "spec.allowedCapabilities[1]"])
        #expect(v.allSatisfy { $0.severity == .medium })
        let noPaths = psp("hp2", ["volumes": ["hostPath"], "allowPrivilegeEscalation": false])
        #expect(evaluate(control, [noPaths]).violations.first?.path == "spec.volumes")
    }

    @Test func notAssessedWithoutPolicies() {
        #expect(evaluate(control, [namespace("apps")]).notAssessedReason == "no PodSecurityPolicy objects in input")
    }
}
