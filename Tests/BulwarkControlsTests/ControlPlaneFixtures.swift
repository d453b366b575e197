import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls
import BulwarkComponentConfig

/// Control-plane fixtures written from the documented defaults of kubeadm (v1.31 static pods in
/// /etc/kubernetes/manifests), minikube, RKE2 and k3s, plus a hardened and an insecure variant.
enum ControlPlaneFixtures {
    static func inventory(_ files: [(String, String)]) -> Inventory {
        var inventory = Inventory()
        let reader = ManifestReader()
        for (name, text) in files { inventory.merge(Inventory(objects: reader.parse(Array(text.utf8), file: name).objects)) }
        return inventory
    }

    static func context(_ files: [(String, String)], k3s: [K3sServerConfig] = [], kubeVersion: KubeVersion = .newestKnown) -> ScanContext {
        let inventory = inventory(files)
        var context = ScanContext(inventory: inventory, settings: ScanSettings(kubeVersion: kubeVersion))
        if !k3s.isEmpty { context.componentConfig = ComponentConfigIndex(inventory: inventory, k3sConfigs: k3s) }
        return context
    }

    // MARK: kubeadm v1.31 defaults

    static let kubeadmAPIServer = """
    apiVersion: v1
    kind: Pod
    metadata:
      annotations:
        kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 192.168.1.10:6443
      labels:
        component: kube-apiserver
        tier: control-plane
      name: kube-apiserver
      namespace: kube-system
    spec:
      containers:
      - command:
        - kube-apiserver
        - --advertise-address=192.168.1.10
        - --allow-privileged=true
        - --authorization-mode=Node,RBAC
        - --client-ca-file=/etc/kubernetes/pki/ca.crt
        - --enable-admission-plugins=NodeRestriction
        - --enable-bootstrap-token-auth=true
        - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
        - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
        - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
        - --etcd-servers=https://127.0.0.1:2379
        - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
        - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
        - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
        - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
        - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
        - --requestheader-allowed-names=front-proxy-client
        - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
        - --requestheader-extra-headers-prefix=X-Remote-Extra-
        - --requestheader-group-headers=X-Remote-Group
        - --requestheader-username-headers=X-Remote-User
        - --secure-port=6443
        - --service-account-issuer=https://kubernetes.default.svc.cluster.local
        - --service-account-key-file=/etc/kubernetes/pki/sa.pub
        - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
        - --service-cluster-ip-range=10.96.0.0/12
        - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
        - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
        image: registry.k8s.io/kube-apiserver:v1.31.2
        name: kube-apiserver
      hostNetwork: true
      priorityClassName: system-node-critical
    """

    static let kubeadmEtcd = """
    apiVersion: v1
    kind: Pod
    metadata:
      labels:
        component: etcd
        tier: control-plane
      name: etcd
      namespace: kube-system
    spec:
      containers:
      - command:
        - etcd
        - --advertise-client-urls=https://192.168.1.10:2379
        - --cert-file=/etc/kubernetes/pki/etcd/server.crt
        - --client-cert-auth=true
        - --data-dir=/var/lib/etcd
        - --experimental-initial-corrupt-check=true
        - --experimental-watch-progress-notify-interval=5s
        - --initial-advertise-peer-urls=https://192.168.1.10:2380
        - --initial-cluster=cp1=https://192.168.1.10:2380
        - --key-file=/etc/kubernetes/pki/etcd/server.key
        - --listen-client-urls=https://127.0.0.1:2379,https://192.168.1.10:2379
        - --listen-metrics-urls=http://127.0.0.1:2381
        - --listen-peer-urls=https://192.168.1.10:2380
        - --name=cp1
        - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
        - --peer-client-cert-auth=true
        - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
        - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
        - --snapshot-count=10000
        - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
        image: registry.k8s.io/etcd:3.5.15-0
        name: etcd
      hostNetwork: true
    """

    static let kubeadmControllerManager = """
    apiVersion: v1
    kind: Pod
    metadata:
      labels:
        component: kube-controller-manager
        tier: control-plane
      name: kube-controller-manager
      namespace: kube-system
    spec:
      containers:
      - command:
        - kube-controller-manager
        - --allocate-node-cidrs=true
        - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
        - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
        - --bind-address=127.0.0.1
        - --client-ca-file=/etc/kubernetes/pki/ca.crt
        - --cluster-cidr=10.244.0.0/16
        - --cluster-name=kubernetes
        - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
        - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
        - --controllers=*,bootstrapsigner,tokencleaner
        - --kubeconfig=/etc/kubernetes/controller-manager.conf
        - --leader-elect=true
        - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
        - --root-ca-file=/etc/kubernetes/pki/ca.crt
        - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
        - --service-cluster-ip-range=10.96.0.0/12
        - --use-service-account-credentials=true
        image: registry.k8s.io/kube-controller-manager:v1.31.2
        name: kube-controller-manager
      hostNetwork: true
    """

    static let kubeadmScheduler = """
    apiVersion: v1
    kind: Pod
    metadata:
      labels:
        component: kube-scheduler
        tier: control-plane
      name: kube-scheduler
      namespace: kube-system
    spec:
      containers:
      - command:
        - kube-scheduler
        - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
        - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
        - --bind-address=127.0.0.1
        - --kubeconfig=/etc/kubernetes/scheduler.conf
        - --leader-elect=true
        image: registry.k8s.io/kube-scheduler:v1.31.2
        name: kube-scheduler
      hostNetwork: true
    """

    /// /var/lib/kubelet/config.yaml as kubeadm writes it (zero durations are serialised as 0s).
    static let kubeadmKubelet = """
    apiVersion: kubelet.config.k8s.io/v1beta1
    authentication:
      anonymous:
        enabled: false
      webhook:
        cacheTTL: 0s
        enabled: true
      x509:
        clientCAFile: /etc/kubernetes/pki/ca.crt
    authorization:
      mode: Webhook
      webhook:
        cacheAuthorizedTTL: 0s
        cacheUnauthorizedTTL: 0s
    cgroupDriver: systemd
    clusterDNS:
    - 10.96.0.10
    clusterDomain: cluster.local
    healthzBindAddress: 127.0.0.1
    healthzPort: 10248
    kind: KubeletConfiguration
    rotateCertificates: true
    staticPodPath: /etc/kubernetes/manifests
    streamingConnectionIdleTimeout: 0s
    syncFrequency: 0s
    """

    static var kubeadm: [(String, String)] {
        [("/etc/kubernetes/manifests/kube-apiserver.yaml", kubeadmAPIServer), ("/etc/kubernetes/manifests/etcd.yaml", kubeadmEtcd),
         ("/etc/kubernetes/manifests/kube-controller-manager.yaml", kubeadmControllerManager),
         ("/etc/kubernetes/manifests/kube-scheduler.yaml", kubeadmScheduler), ("/var/lib/kubelet/config.yaml", kubeadmKubelet)]
    }

    // MARK: minikube (kubeadm underneath, its own paths and admission plugins)

    static let minikubeAPIServer = """
    apiVersion: v1
    kind: Pod
    metadata:
      labels:
        component: kube-apiserver
        tier: control-plane
      name: kube-apiserver-minikube
      namespace: kube-system
    spec:
      containers:
      - command:
        - kube-apiserver
        - --advertise-address=192.168.49.2
        - --allow-privileged=true
        - --authorization-mode=Node,RBAC
        - --client-ca-file=/var/lib/minikube/certs/ca.crt
        - --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota
        - --enable-bootstrap-token-auth=true
        - --etcd-cafile=/var/lib/minikube/certs/etcd/ca.crt
        - --etcd-certfile=/var/lib/minikube/certs/apiserver-etcd-client.crt
        - --etcd-keyfile=/var/lib/minikube/certs/apiserver-etcd-client.key
        - --etcd-servers=https://127.0.0.1:2379
        - --kubelet-client-certificate=/var/lib/minikube/certs/apiserver-kubelet-client.crt
        - --kubelet-client-key=/var/lib/minikube/certs/apiserver-kubelet-client.key
        - --secure-port=8443
        - --service-account-issuer=https://kubernetes.default.svc.cluster.local
        - --service-account-key-file=/var/lib/minikube/certs/sa.pub
        - --service-account-signing-key-file=/var/lib/minikube/certs/sa.key
        - --service-cluster-ip-range=10.96.0.0/12
        - --tls-cert-file=/var/lib/minikube/certs/apiserver.crt
        - --tls-private-key-file=/var/lib/minikube/certs/apiserver.key
        image: registry.k8s.io/kube-apiserver:v1.31.0
        name: kube-apiserver
    """

    // MARK: RKE2 (CIS profile): command + args, hardened image tag

    static let rke2APIServer = """
    apiVersion: v1
    kind: Pod
    metadata:
      labels:
        component: kube-apiserver
        tier: control-plane
      name: kube-apiserver
      namespace: kube-system
    spec:
      containers:
      - name: kube-apiserver
        image: index.docker.io/rancher/hardened-kubernetes:v1.30.4-rke2r1-build20240815
        command:
        - kube-apiserver
        args:
        - --admission-control-config-file=/etc/rancher/rke2/rke2-pss.yaml
        - --allow-privileged=true
        - --anonymous-auth=false
        - --api-audiences=https://kubernetes.default.svc.cluster.local,rke2
        - --audit-log-maxage=30
        - --audit-log-maxbackup=10
        - --audit-log-maxsize=100
        - --audit-log-path=/var/lib/rancher/rke2/server/logs/audit.log
        - --audit-policy-file=/etc/rancher/rke2/audit-policy.yaml
        - --authorization-mode=Node,RBAC
        - --bind-address=0.0.0.0
        - --cert-dir=/var/lib/rancher/rke2/server/tls/temporary-certs
        - --client-ca-file=/var/lib/rancher/rke2/server/tls/client-ca.crt
        - --egress-selector-config-file=/var/lib/rancher/rke2/server/etc/egress-selector-config.yaml
        - --enable-admission-plugins=NodeRestriction
        - --enable-aggregator-routing=true
        - --enable-bootstrap-token-auth=true
        - --encryption-provider-config=/var/lib/rancher/rke2/server/cred/encryption-config.json
        - --etcd-cafile=/var/lib/rancher/rke2/server/tls/etcd/server-ca.crt
        - --etcd-certfile=/var/lib/rancher/rke2/server/tls/etcd/client.crt
        - --etcd-keyfile=/var/lib/rancher/rke2/server/tls/etcd/client.key
        - --etcd-servers=https://127.0.0.1:2379
        - --kubelet-certificate-authority=/var/lib/rancher/rke2/server/tls/server-ca.crt
        - --kubelet-client-certificate=/var/lib/rancher/rke2/server/tls/client-kube-apiserver.crt
        - --kubelet-client-key=/var/lib/rancher/rke2/server/tls/client-kube-apiserver.key
        - --profiling=false
        - --secure-port=6443
        - --service-account-issuer=https://kubernetes.default.svc.cluster.local
        - --service-account-key-file=/var/lib/rancher/rke2/server/tls/service.key
        - --service-account-signing-key-file=/var/lib/rancher/rke2/server/tls/service.current.key
        - --service-cluster-ip-range=10.43.0.0/16
        - --tls-cert-file=/var/lib/rancher/rke2/server/tls/serving-kube-apiserver.crt
        - --tls-private-key-file=/var/lib/rancher/rke2/server/tls/serving-kube-apiserver.key
    """

    // MARK: k3s

    static let k3sConfigYAML = """
    write-kubeconfig-mode: "0600"
    tls-san:
      - k3s.example.internal
    secrets-encryption: true
    protect-kernel-defaults: true
    kube-apiserver-arg:
      - "audit-log-path=/var/lib/rancher/k3s/server/logs/audit.log"
      - "audit-policy-file=/var/lib/rancher/k3s/server/audit.yaml"
      - "audit-log-maxage=30"
      - "audit-log-maxbackup=10"
      - "audit-log-maxsize=100"
    kubelet-arg:
      - "streaming-connection-idle-timeout=5m"
    """
}
