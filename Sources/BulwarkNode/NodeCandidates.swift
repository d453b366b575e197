/// Where each distribution keeps what `bulwark node` reads, like kube-bench's cfg/config.yaml. A
/// path a running component names (`--config`, `--kubeconfig`, `--tls-cert-file` …) is read as
/// well; these lists are what discovery tries when nothing names the file, and every path tried is
/// reported in the NodeHost's `searched`.
enum NodeCandidates {
    struct Entry: Sendable {
        var path: String
        var distributions: String
    }

    /// Kubelet systemd units; `<unit>.d/*.conf` drop-ins next to each are read too.
    static let kubeletUnits: [Entry] = [
        Entry(path: "/etc/systemd/system/kubelet.service", distributions: "kubeadm, EKS"),
        Entry(path: "/lib/systemd/system/kubelet.service", distributions: "kubeadm (deb)"),
        Entry(path: "/usr/lib/systemd/system/kubelet.service", distributions: "kubeadm (rpm)"),
        Entry(path: "/etc/systemd/system/snap.kubelet.daemon.service", distributions: "snap"),
    ]

    static let kubeletUnitDropInDirectories = [
        "/etc/systemd/system/kubelet.service.d", "/run/systemd/system/kubelet.service.d",
        "/lib/systemd/system/kubelet.service.d", "/usr/lib/systemd/system/kubelet.service.d",
    ]

    /// Kubelet config files, read only when no kubelet command line was found to name one.
    static let kubeletConfigs: [Entry] = [
        Entry(path: "/var/lib/kubelet/config.yaml", distributions: "kubeadm, minikube"),
        Entry(path: "/etc/kubernetes/kubelet-config.yaml", distributions: "kubespray"),
        Entry(path: "/etc/kubernetes/kubelet/kubelet-config.json", distributions: "EKS"),
        Entry(path: "/etc/kubernetes/kubelet/config.json", distributions: "EKS (AL2023)"),
        Entry(path: "/home/kubernetes/kubelet-config.yaml", distributions: "GKE"),
        Entry(path: "/var/lib/kubelet/config.json", distributions: "generic"),
        Entry(path: "/etc/kubernetes/kubelet.yaml", distributions: "generic"),
    ]

    static let staticPodFolders: [Entry] = [
        Entry(path: "/etc/kubernetes/manifests", distributions: "kubeadm, minikube"),
        Entry(path: "/var/lib/rancher/rke2/agent/pod-manifests", distributions: "RKE2"),
        Entry(path: "/var/lib/rancher/k3s/agent/pod-manifests", distributions: "k3s"),
        Entry(path: "/etc/kubernetes/static-pods", distributions: "generic"),
    ]

    /// Folders of certificates and keys, read recursively.
    static let pkiFolders: [Entry] = [
        Entry(path: "/etc/kubernetes/pki", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/ssl", distributions: "kubespray"),
        Entry(path: "/var/lib/kubelet/pki", distributions: "kubeadm, EKS, GKE"),
        Entry(path: "/var/lib/minikube/certs", distributions: "minikube"),
        Entry(path: "/var/lib/rancher/k3s/server/tls", distributions: "k3s"),
        Entry(path: "/var/lib/rancher/k3s/agent", distributions: "k3s"),
        Entry(path: "/var/lib/rancher/rke2/server/tls", distributions: "RKE2"),
        Entry(path: "/var/lib/rancher/rke2/agent", distributions: "RKE2"),
        Entry(path: "/etc/srv/kubernetes/pki", distributions: "GKE"),
    ]

    /// Kubeconfig files, and folders whose `*.conf`/`*.kubeconfig` files are kubeconfigs.
    static let kubeconfigs: [Entry] = [
        Entry(path: "/etc/kubernetes/admin.conf", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/super-admin.conf", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/controller-manager.conf", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/scheduler.conf", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/kubelet.conf", distributions: "kubeadm"),
        Entry(path: "/etc/kubernetes/bootstrap-kubelet.conf", distributions: "kubeadm"),
        Entry(path: "/var/lib/kube-proxy/kubeconfig.conf", distributions: "kubeadm (kube-proxy)"),
        Entry(path: "/var/lib/kube-proxy/kubeconfig", distributions: "EKS, GKE (kube-proxy)"),
        Entry(path: "/var/lib/kubelet/kubeconfig", distributions: "EKS, GKE"),
        Entry(path: "/var/lib/minikube/kubeconfig", distributions: "minikube"),
        Entry(path: "/etc/rancher/k3s/k3s.yaml", distributions: "k3s"),
        Entry(path: "/etc/rancher/rke2/rke2.yaml", distributions: "RKE2"),
    ]

    static let kubeconfigFolders: [Entry] = [
        Entry(path: "/var/lib/rancher/k3s/server/cred", distributions: "k3s"),
        Entry(path: "/var/lib/rancher/k3s/agent", distributions: "k3s"),
        Entry(path: "/var/lib/rancher/rke2/server/cred", distributions: "RKE2"),
        Entry(path: "/var/lib/rancher/rke2/agent", distributions: "RKE2"),
    ]

    static let k3sConfigs: [Entry] = [
        Entry(path: "/etc/rancher/k3s/config.yaml", distributions: "k3s"),
    ]

    static let cniFolders: [Entry] = [
        Entry(path: "/etc/cni/net.d", distributions: "all"),
    ]
}
