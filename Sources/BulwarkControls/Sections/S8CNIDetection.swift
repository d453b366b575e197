import BulwarkModel

/// Which CNI (or NetworkPolicy controller) a cluster runs, recognised from the container images
/// of its DaemonSets and Pods, and whether it enforces NetworkPolicy. Pure: reads the inventory only.
struct S8CNIDetection: Sendable {
    /// One recognised agent.
    struct Agent: Sendable {
        var name: String
        /// true: enforces NetworkPolicy; false: does not; nil: cannot tell from the input.
        var enforces: Bool?
        /// Why, e.g. `image docker.io/flannel/flannel:v0.25.1`.
        var evidence: String
        var object: KubeObject
    }

    var agents: [Agent]

    init(workloads: [(object: KubeObject, pod: PodTemplate)]) {
        var agents: [Agent] = []
        for (object, pod) in workloads where object.kind == "DaemonSet" || object.kind == "Pod" {
            let images = pod.containers.compactMap { $0.container["image"]?.string }
            let args = pod.containers.flatMap { c in (c.container["args"]?.array ?? []) + (c.container["command"]?.array ?? []) }
                .compactMap(\.string)
            for image in images {
                guard let (name, enforces, why) = Self.recognise(image: image, args: args, siblings: images) else { continue }
                if !agents.contains(where: { $0.name == name && $0.object.reference == object.reference }) {
                    agents.append(Agent(name: name, enforces: enforces, evidence: "\(object.kind) \(Self.display(object)): \(why)", object: object))
                }
            }
        }
        self.agents = agents
    }

    static func display(_ object: KubeObject) -> String {
        object.namespace.isEmpty ? object.name : "\(object.namespace)/\(object.name)"
    }

    /// The image's repository without registry and tag, lowercased: `flannel/flannel`.
    static func repository(_ image: String) -> (path: String, tag: String?) {
        var ref = image.lowercased()
        if let at = ref.firstIndex(of: "@") { ref = String(ref[..<at]) }
        var tag: String?
        if let colon = ref.lastIndex(of: ":"), !ref[colon...].contains("/") {
            tag = String(ref[ref.index(after: colon)...])
            ref = String(ref[..<colon])
        }
        var parts = ref.split(separator: "/").map(String.init)
        // A first component with a dot or colon (or localhost) is a registry.
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            parts.removeFirst()
        }
        return (parts.joined(separator: "/"), tag)
    }

    /// Recognises one image. Sources: each project's documentation on NetworkPolicy support
    /// (Calico, Cilium, Antrea, kube-router, Weave Net's weave-npc, Canal = Calico policy over
    /// flannel); flannel alone implements no policy; kindnet enforces since kind v0.24.0 bundled
    /// kube-network-policies into kindnetd (kubernetes-sigs/kind#3612, merged 2024-06; kind
    /// v0.23.0's kindnetd v20240513 does not), and aojea/kindnet since v1.3.0.
    static func recognise(image: String, args: [String], siblings: [String]) -> (String, Bool?, String)? {
        let (path, tag) = repository(image)
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let why = "image \(image)"
        switch true {
        case last == "node" && path.contains("calico"), last.hasPrefix("calico-node"):
            return ("calico", true, why)
        case last == "cilium" || last == "cilium-agent":
            return ("cilium", true, why)
        case last.hasPrefix("antrea-agent") || (path.hasPrefix("antrea/") && last.hasPrefix("antrea")):
            return ("antrea", true, why)
        case last == "kube-router":
            if args.contains(where: { $0 == "--run-firewall=false" }) {
                return ("kube-router", false, "\(why) with --run-firewall=false (its NetworkPolicy controller is off)")
            }
            return ("kube-router", true, why)
        case last == "weave-npc":
            return ("weave", true, why)
        case last == "weave-kube" || last == "weave":
            if siblings.contains(where: { repository($0).path.hasSuffix("weave-npc") }) { return nil }  // reported through weave-npc
            return ("weave", false, "\(why) without weave-npc, Weave Net's NetworkPolicy controller")
        case last == "kube-network-policies":
            return ("kube-network-policies", true, why)
        case last == "flannel" || last.hasSuffix("flannelcni-flannel") || last == "flanneld":
            return ("flannel", false, "\(why) (flannel implements no NetworkPolicy)")
        case last == "kindnetd" || last == "kindnet":
            return ("kindnet", kindnetEnforces(tag: tag), why)
        default:
            return nil
        }
    }

    /// kindest/kindnetd tags are `vYYYYMMDD-commit`; aojea/kindnet tags are semver.
    static func kindnetEnforces(tag: String?) -> Bool? {
        guard let tag, tag.hasPrefix("v") else { return nil }
        let body = tag.dropFirst()
        let digits = body.prefix { $0.isNumber }
        if digits.count == 8, let date = Int(digits) {
            if date <= 20240513 { return false }
            if date >= 20240620 { return true }
            return nil  // between kind v0.23.0 and the policy merge: cannot tell
        }
        let parts = body.split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
        guard parts.count >= 2, let major = parts[0], let minor = parts[1] else { return nil }
        return major > 1 || (major == 1 && minor >= 3)
    }
}
