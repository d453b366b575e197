import BulwarkModel

extension KubeVersion {
    /// The Kubernetes version in a container image tag, when the image is a Kubernetes build
    /// (`registry.k8s.io/kube-apiserver:v1.30.2`, RKE2's `rancher/hardened-kubernetes:v1.30.4-rke2r1-…`).
    /// etcd images carry etcd's own version and give none.
    public static func fromImage(_ image: String) -> KubeVersion? {
        guard let colon = image.lastIndex(of: ":") else { return nil }
        let repository = image[..<colon]
        let tag = image[image.index(after: colon)...]
        guard !tag.contains("/"), !repository.hasSuffix("etcd"), tag.first == "v" else { return nil }
        guard let version = KubeVersion(parsing: String(tag)), version.major == 1 else { return nil }
        return version
    }
}
