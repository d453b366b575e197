/// Recognises a Kubernetes component from a process's argv: the binary's base name, hyperkube's
/// sub-command, or `k3s server` / `k3s agent`.
enum ComponentBinary {
    static let names: Set<String> = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy", "etcd"]
    static let hyperkube: [String: String] = [
        "apiserver": "kube-apiserver", "kube-apiserver": "kube-apiserver", "controller-manager": "kube-controller-manager",
        "kube-controller-manager": "kube-controller-manager", "scheduler": "kube-scheduler", "kube-scheduler": "kube-scheduler",
        "kubelet": "kubelet", "proxy": "kube-proxy", "kube-proxy": "kube-proxy",
    ]

    /// `kube-apiserver`, `k3s-server`, `k3s-agent`, or nil for anything else.
    static func component(_ argv: [String]) -> String? {
        guard let first = argv.first else { return nil }
        // k3s rewrites its process title to `/usr/local/bin/k3s server` (one string) on some versions.
        let words = first.contains(" ") && argv.count == 1 ? first.split(separator: " ").map(String.init) : argv
        // A process sets its own title: one made only of spaces splits into no words.
        guard let head = words.first else { return nil }
        let binary = NodeValues.basename(head)
        if names.contains(binary) { return binary }
        if binary == "hyperkube", words.count > 1 { return hyperkube[words[1]] }
        if binary == "k3s" || binary == "k3s-server" || binary == "k3s-agent" {
            if binary != "k3s" { return binary }
            if words.count > 1, words[1] == "server" || words[1] == "agent" { return "k3s-" + words[1] }
            return "k3s-server"
        }
        return nil
    }
}
