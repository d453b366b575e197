import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkNetworkPolicy

/// SPEC §4 workload names over a pod dump (`kubectl get pods -A -o yaml`): pods are named by the
/// controller their ownerReferences name even when that controller is absent, replicas are one
/// workload, a present controller's own owner names it in turn, and a mirror pod is its own.
@Suite struct WorkloadNamingTests {
    static func pod(_ name: String, ns: String = "default", owner: (String, String)?, app: String, controller: Bool = true) -> String {
        let refs = owner.map { "  ownerReferences: [{apiVersion: apps/v1, kind: \($0.0), name: \($0.1), controller: \(controller), uid: u}]\n" } ?? ""
        return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: \(ns)
          labels: {app: \(app)}
        \(refs)spec:
          containers: [{name: c, image: nginx}]
        ---

        """
    }

    static let dump = [
        pod("frontend-99684f7f8-l7mqq", owner: ("ReplicaSet", "frontend-99684f7f8"), app: "frontend"),
        pod("frontend-99684f7f8-9x2kd", owner: ("ReplicaSet", "frontend-99684f7f8"), app: "frontend"),
        pod("frontend-99684f7f8-zz1pq", owner: ("ReplicaSet", "frontend-99684f7f8"), app: "frontend"),
        pod("fluentd-x7k2p", ns: "kube-system", owner: ("DaemonSet", "fluentd"), app: "fluentd"),
        pod("db-0", owner: ("StatefulSet", "db"), app: "db"),
        pod("backup-28391-abcde", owner: ("Job", "backup-28391"), app: "backup"),
        pod("kube-apiserver-minikube", ns: "kube-system", owner: ("Node", "minikube"), app: "apiserver"),
        pod("lonely", owner: nil, app: "lonely"),
        // A ReplicaSet in the input, owned by a Deployment that is not: its pods go by the Deployment.
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: api-5c6d
          namespace: default
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: d}]
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: c, image: nginx}]}
        ---

        """,
        pod("api-5c6d-qwert", owner: ("ReplicaSet", "api-5c6d"), app: "api"),
    ].joined()

    @Test func podDumpIsNamedByControllers() {
        let result = ManifestReader().parse(Array(Self.dump.utf8), file: "pods.yaml")
        #expect(result.issues.isEmpty, "\(result.issues)")
        let analysis = NetworkAnalysis(inventory: Inventory(objects: result.objects))
        #expect(analysis.workloads.map(\.endpoint.description).sorted() == [
            "default/Deployment/api",
            "default/Job/backup-28391",
            "default/Pod/lonely",
            "default/ReplicaSet/frontend-99684f7f8",
            "default/StatefulSet/db",
            "kube-system/DaemonSet/fluentd",
            "kube-system/Pod/kube-apiserver-minikube",
        ])
        // The replicas are one workload, still found by a pod's own name.
        let frontend = analysis.workloadIndex(namespace: "default", kind: "pod", name: "frontend-99684f7f8-9x2kd")
        #expect(frontend.map { analysis.workloads[$0].endpoint.description } == "default/ReplicaSet/frontend-99684f7f8")
        #expect(analysis.workloads.first { $0.name == "frontend-99684f7f8" }?.members.count == 3)
    }

    @Test func ownerLoopsEnd() {
        let loop = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: a, namespace: x, ownerReferences: [{kind: ReplicaSet, name: b, controller: true}]}
        spec: {template: {spec: {containers: [{name: c, image: i}]}}}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: b, namespace: x, ownerReferences: [{kind: ReplicaSet, name: a, controller: true}]}
        spec: {template: {spec: {containers: [{name: c, image: i}]}}}
        """
        let result = ManifestReader().parse(Array(loop.utf8), file: "loop.yaml")
        let namer = WorkloadNamer(Inventory(objects: result.objects))
        for object in result.objects { _ = namer.name(of: object) }
        #expect(result.objects.count == 2)
    }
}
