import BulwarkModel

/// What the input tells about the addresses of the cluster's pods: pod IPs (`status.podIP`,
/// `status.podIPs` of Pods not on the host network, whose address is their node's) and pod CIDRs
/// (Node `spec.podCIDR`/`spec.podCIDRs`, kube-controller-manager `--cluster-cidr`). Used to warn
/// where an `ipBlock` covers pod addresses: the API intends ipBlock for traffic outside the cluster,
/// and CNIs differ in whether it matches pod IPs.
public struct PodAddresses: Sendable {
    /// A range of pod addresses and where the input says so.
    public struct Known: Sendable, Hashable {
        public var range: IPRange
        public var source: String
    }

    public private(set) var podCIDRs: [Known] = []
    /// Single addresses, sorted by address.
    public private(set) var podIPs: [Known] = []

    public var isEmpty: Bool { podCIDRs.isEmpty && podIPs.isEmpty }

    public init(inventory: Inventory) {
        for pod in inventory.objects(ofKind: "Pod") where pod.value["spec"]?["hostNetwork"]?.bool != true {
            let status = pod.value["status"]
            var addresses = (status?["podIPs"]?.array ?? []).compactMap { $0["ip"]?.string }
            if let single = status?["podIP"]?.string, !addresses.contains(single) { addresses.append(single) }
            let name = "Pod \(pod.namespace.isEmpty ? "default" : pod.namespace)/\(pod.name)"
            for text in addresses {
                guard let address = IPAddress(text) else { continue }
                podIPs.append(Known(range: IPRange(first: address, last: address), source: name))
            }
        }
        podIPs.sort { $0.range < $1.range }
        for node in inventory.objects(ofKind: "Node") {
            let spec = node.value["spec"]
            var cidrs = (spec?["podCIDRs"]?.array ?? []).compactMap(\.string)
            if let single = spec?["podCIDR"]?.string, !cidrs.contains(single) { cidrs.append(single) }
            for cidr in cidrs {
                if let range = IPRange(cidr: cidr) { podCIDRs.append(Known(range: range, source: "Node \(node.name) spec.podCIDR \(cidr)")) }
            }
        }
        for (object, pod) in inventory.workloads {
            for (container, _) in pod.containers {
                let words = ((container["command"]?.array ?? []) + (container["args"]?.array ?? []))
                    .compactMap(\.string).flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init) }
                guard words.contains(where: { $0.hasSuffix("kube-controller-manager") }) || (container["image"]?.string ?? "").contains("kube-controller-manager") else { continue }
                for (i, word) in words.enumerated() {
                    let value: String?
                    if word.hasPrefix("--cluster-cidr=") { value = String(word.dropFirst("--cluster-cidr=".count)) }
                    else if word == "--cluster-cidr", i + 1 < words.count { value = words[i + 1] }
                    else { value = nil }
                    // Dual-stack clusters list one CIDR per family, comma-separated.
                    for cidr in value.map({ $0.split(separator: ",").map(String.init) }) ?? [] {
                        if let range = IPRange(cidr: cidr) {
                            podCIDRs.append(Known(range: range, source: "\(object.kind) \(object.namespace.isEmpty ? "default" : object.namespace)/\(object.name) kube-controller-manager --cluster-cidr \(cidr)"))
                        }
                    }
                }
            }
        }
    }

    /// Known pod addresses that one of `ranges` overlaps: pod CIDRs first, then pod IPs.
    public func covered(by ranges: [IPRange]) -> [Known] {
        var out: [Known] = []
        for known in podCIDRs where ranges.contains(where: { Self.overlap($0, known.range) }) { out.append(known) }
        for r in ranges {
            // podIPs is sorted: start at the first address not below the range.
            var low = 0, high = podIPs.count
            while low < high {
                let mid = (low + high) / 2
                if podIPs[mid].range.first < r.first { low = mid + 1 } else { high = mid }
            }
            var i = low
            while i < podIPs.count && podIPs[i].range.first <= r.last {
                if podIPs[i].range.family == r.family { out.append(podIPs[i]) }
                i += 1
            }
        }
        return out
    }

    static func overlap(_ a: IPRange, _ b: IPRange) -> Bool {
        a.family == b.family && a.first <= b.last && b.first <= a.last
    }
}
