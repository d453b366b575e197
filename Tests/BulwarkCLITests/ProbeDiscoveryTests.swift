import XCTest
import BulwarkModel
import BulwarkProbe
@testable import BulwarkCLI

/// Which endpoints `bulwark scan --probe` derives from the input (no network here).
final class ProbeDiscoveryTests: XCTestCase {
    func pod(_ component: String, _ command: [String]) -> KubeObject {
        KubeObject(["apiVersion": "v1", "kind": "Pod",
                    "metadata": ["name": .string(component), "namespace": "kube-system", "labels": ["component": .string(component)]],
                    "spec": ["containers": [["name": .string(component), "command": .array(([component] + command).map(Value.string))]]]])
    }

    func testEndpointsFromFlagsNodesAndTheKubeconfigServer() {
        let node = KubeObject(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"],
                               "status": ["addresses": [["type": "Hostname", "address": "n1"], ["type": "InternalIP", "address": "10.0.0.21"]]]])
        let inventory = Inventory(objects: [
            pod("kube-apiserver", ["--advertise-address=10.0.0.10", "--insecure-port=8080", "--insecure-bind-address=0.0.0.0"]),
            pod("etcd", ["--listen-client-urls=https://127.0.0.1:2379,https://0.0.0.0:2379", "--advertise-client-urls=https://10.0.0.10:2379",
                         "--listen-peer-urls=https://10.0.0.10:2380"]),
            node,
        ])
        let targets = ProbeDiscovery.targets(inventory, kubeconfigServer: "https://[fd00::1]:6443")
        let described = targets.map { "\($0.component.rawValue)=\($0.host):\($0.port)" }
        XCTAssertEqual(described, [
            "kube-apiserver=fd00::1:6443",
            "kube-apiserver=10.0.0.10:6443", "kube-apiserver-insecure=10.0.0.10:8080",
            "etcd=127.0.0.1:2379", "etcd=10.0.0.10:2379",
            "etcd-peer=10.0.0.10:2380",
            "kubelet=10.0.0.21:10250", "kubelet-read-only=10.0.0.21:10255",
        ], "listeners on 0.0.0.0 are probed at the advertised address")
    }

    func testNothingToProbeInPlainWorkloads() {
        let inventory = Inventory(objects: [KubeObject(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"]])])
        XCTAssertTrue(ProbeDiscovery.targets(inventory, kubeconfigServer: nil).isEmpty)
        XCTAssertEqual(ProbeDiscovery.hostPort(url: "https://api.example:443/base", defaultPort: 443)?.0, "api.example")
        XCTAssertEqual(ProbeDiscovery.hostPort(url: "https://api.example", defaultPort: 443)?.1, 443)
        XCTAssertNil(ProbeDiscovery.hostPort(url: "api.example:6443", defaultPort: 443))
    }
}
