/// A Kubernetes binary a CVE affects. Server-side components are judged by the versions a cluster
/// reports; the client ones (kubectl, client-go) only when a user supplies their versions.
public enum KubernetesComponent: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case kubeAPIServer = "kube-apiserver"
    case kubeControllerManager = "kube-controller-manager"
    case kubelet
    case kubeProxy = "kube-proxy"
    case kubectl
    case clientGo = "client-go"

    /// Judged by the API server's `/version`: the control-plane components ship and are upgraded
    /// together, so the API server's version stands for kube-controller-manager's too.
    public static let controlPlane: Set<KubernetesComponent> = [.kubeAPIServer, .kubeControllerManager]

    /// Every server-side binary built with Go's standard library (for Go runtime CVEs).
    public static let allServerSide: Set<KubernetesComponent> = [.kubeAPIServer, .kubeControllerManager, .kubelet, .kubeProxy]

    public static func < (a: KubernetesComponent, b: KubernetesComponent) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
