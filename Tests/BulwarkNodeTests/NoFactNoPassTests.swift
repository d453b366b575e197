import Foundation
import Testing
import BulwarkModel
@testable import BulwarkControls
import BulwarkNode

/// No fact, no pass — over the whole catalogue, not control by control: with nothing in the
/// input, with each input kind alone giving no fact (a node without Kubernetes, a probe where
/// nothing answers), and with single objects a control does not read, no control may pass.
@Suite struct NoFactNoPassTests {
    static func passing(_ inventory: Inventory) -> [String] {
        let context = ScanContext(inventory: inventory)
        return ControlCatalog.all.compactMap { control in
            if case .pass(let reason) = control.evaluate(context) { return "\(control.id): \(reason)" }
            return nil
        }
    }

    @Test func emptyInventoryPassesNothing() {
        #expect(Self.passing(Inventory()) == [])
    }

    /// `bulwark node` on a machine with no Kubernetes: an empty root, and one with only an
    /// ordinary process and an /etc/passwd.
    @Test func nodeWithoutKubernetesPassesNothing() throws {
        let empty = try FakeNode(fixture: nil)
        defer { empty.remove() }
        #expect(Self.passing(NodeReader(root: empty.root.path).read()) == [])
        let plain = try FakeNode(fixture: nil)
        defer { plain.remove() }
        try plain.process(1, ["/sbin/init", "splash"])
        try plain.process(4242, ["/usr/bin/bash", "-l"])
        try plain.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
        try plain.write("/etc/hostname", "workstation\n")
        #expect(Self.passing(NodeReader(root: plain.root.path).read()) == [])
    }

    /// `bulwark probe HOST` where nothing answers on any well-known port.
    @Test func probeWhereNothingAnswersPassesNothing() {
        let ports = [6443, 8080, 10250, 10255, 10257, 10259, 2379, 2380]
        let objects = ports.map { EndpointProbe(host: "127.0.0.1", port: $0, component: .wellKnown(port: $0), reachability: .notListening).object }
        #expect(Self.passing(Inventory(objects: objects)) == [])
        let silent = ports.map { EndpointProbe(host: "127.0.0.1", port: $0, component: .wellKnown(port: $0), reachability: .timedOut, errors: ["no answer within 2 s"]).object }
        #expect(Self.passing(Inventory(objects: silent)) == [])
    }

    /// Objects one at a time: a control whose declared reads do not include the object's kind
    /// has no fact from it. Left out: controls that read no cluster object (`reads: []`) and the
    /// API-version controls, which judge every object's apiVersion (their reads name only what
    /// else they need).
    static let readEveryObject: Set<String> = ["BW-S13-001", "BW-S13-002", "BW-S13-003"]

    static let loneObjects: [KubeObject] = [
        KubeObject(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "shop"], "data": ["a": "b"]]),
        KubeObject(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web", "namespace": "shop"],
                    "spec": ["selector": ["app": "web"], "ports": [["port": 80]]]]),
        KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]]),
        KubeObject(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"],
                    "spec": ["selector": ["matchLabels": ["app": "web"]], "template": ["metadata": ["labels": ["app": "web"]],
                             "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]]]),
        KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "reader", "namespace": "shop"],
                    "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get"]]]]),
        KubeObject(["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "web", "namespace": "shop"]]),
        KubeObject(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "worker-1"]]),
    ]

    @Test(arguments: loneObjects.map { [$0] })
    func controlsPassOnlyOnKindsTheyRead(_ objects: [KubeObject]) {
        let context = ScanContext(inventory: Inventory(objects: objects))
        let kind = objects[0].kind
        var wrong: [String] = []
        for control in ControlCatalog.all {
            guard !control.reads.isEmpty, !control.reads.contains(kind), !Self.readEveryObject.contains(control.id) else { continue }
            if case .pass(let reason) = control.evaluate(context) { wrong.append("\(control.id) (reads \(control.reads)): \(reason)") }
        }
        #expect(wrong == [], "controls passed on a lone \(kind) they do not read:\n\(wrong.joined(separator: "\n"))")
    }
}
