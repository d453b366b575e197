/// The Kubernetes components whose flags and configuration Bulwark reads.
public enum ComponentKind: String, Sendable, CaseIterable, Hashable {
    case apiServer = "kube-apiserver"
    case etcd = "etcd"
    case controllerManager = "kube-controller-manager"
    case scheduler = "kube-scheduler"
    case kubelet = "kubelet"
    case kubeProxy = "kube-proxy"

    /// The binary name as it appears first in a command line.
    public var binary: String { rawValue }

    /// Other names the same binary has gone by: hyperkube's sub-commands (`hyperkube apiserver`).
    var hyperkubeNames: Set<String> {
        switch self {
        case .apiServer: return ["apiserver", "kube-apiserver"]
        case .controllerManager: return ["controller-manager", "kube-controller-manager"]
        case .scheduler: return ["scheduler", "kube-scheduler"]
        case .kubelet: return ["kubelet"]
        case .kubeProxy: return ["proxy", "kube-proxy"]
        case .etcd: return []
        }
    }

    /// Flags the component declares as booleans: `--flag value` does not consume `value` for these
    /// (pflag and Go's flag package both read a bare boolean flag as true).
    var booleanFlags: Set<String> {
        let common: Set<String> = ["profiling", "contention-profiling", "logtostderr", "alsologtostderr", "help", "version",
                                   "leader-elect", "enable-contention-profiling"]
        switch self {
        case .apiServer:
            return common.union(["anonymous-auth", "allow-privileged", "service-account-lookup", "enable-aggregator-routing",
                                 "service-account-extend-token-expiration", "audit-log-compress", "enable-bootstrap-token-auth",
                                 "enable-priority-and-fairness", "enable-garbage-collector", "enable-logs-handler",
                                 "kubelet-https", "enable-swagger-ui", "oidc-skip-client-id-check", "cors-allowed-origins-insecure",
                                 "strict-transport-security-directives-insecure", "audit-log-truncate-enabled",
                                 "audit-webhook-truncate-enabled", "permit-port-sharing", "permit-address-sharing"])
        case .controllerManager:
            return common.union(["use-service-account-credentials", "allocate-node-cidrs", "configure-cloud-routes",
                                 "enable-dynamic-provisioning", "enable-garbage-collector", "enable-hostpath-provisioner",
                                 "enable-taint-manager", "permit-port-sharing", "permit-address-sharing"])
        case .scheduler:
            return common.union(["permit-port-sharing", "permit-address-sharing"])
        case .kubelet:
            return common.union(["anonymous-auth", "authentication-token-webhook", "rotate-certificates",
                                 "rotate-server-certificates", "protect-kernel-defaults", "make-iptables-util-chains",
                                 "fail-swap-on", "serialize-image-pulls", "register-node", "enable-server",
                                 "enable-debugging-handlers", "cgroups-per-qos", "enable-controller-attach-detach",
                                 "kernel-memcg-notification", "localhost-kubelet-server"])
        case .kubeProxy:
            return common.union(["masquerade-all", "cleanup", "bind-address-hard-fail", "init-only"])
        case .etcd:
            return common.union(["client-cert-auth", "peer-client-cert-auth", "auto-tls", "peer-auto-tls", "enable-v2",
                                 "strict-reconfig-check", "enable-pprof", "debug", "force-new-cluster",
                                 "experimental-initial-corrupt-check", "enable-grpc-gateway", "client-crl-file-allow-missing",
                                 "experimental-peer-skip-client-san-verification", "peer-skip-client-san-verification"])
        }
    }
}
