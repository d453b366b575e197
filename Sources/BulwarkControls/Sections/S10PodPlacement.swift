import BulwarkModel

/// S10 Where pods may run: tolerations of the control-plane taints, `nodeName` set directly, and
/// namespaces' node-selector annotation. System namespaces are exempt: their DaemonSets (CNI,
/// kube-proxy, log and metrics agents) tolerate everything by design.
public enum S10PodPlacement {
    public static let controls: [Control] = [controlPlaneTolerations, directNodeName, namespaceNodeSelector, untaintedControlPlaneNodes]

    /// Taints kubeadm and most distributions put on control-plane nodes (no value, NoSchedule).
    static let controlPlaneTaintKeys = ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"]

    /// What a toleration lets a pod do on control-plane nodes, or nil when nothing.
    static func controlPlaneReach(of toleration: Value) -> String? {
        let key = toleration["key"]?.string ?? ""
        let op = toleration["operator"]?.string ?? "Equal"
        let effect = toleration["effect"]?.string ?? ""
        // Only tolerations of the NoSchedule effect (or of every effect) open scheduling.
        guard effect.isEmpty || effect == "NoSchedule" else { return nil }
        if op == "Exists" && key.isEmpty {
            return effect.isEmpty
                ? "tolerates every taint (operator Exists with no key): it can be scheduled on control-plane nodes and on nodes tainted for any other reason, and is never evicted by NoExecute taints"
                : "tolerates every NoSchedule taint (operator Exists with no key), the control-plane taint included"
        }
        guard controlPlaneTaintKeys.contains(key) else { return nil }
        // The control-plane taints carry no value, so Equal matches only an empty value.
        if op == "Exists" || (op == "Equal" && (toleration["value"]?.string ?? "").isEmpty) {
            return "tolerates the control-plane taint \(key)"
        }
        return nil
    }

    // MARK: BW-S10-001

    /// Reads: `spec.tolerations[*]` (`key`, `operator`, `value`, `effect`) of every pod template
    /// outside system namespaces.
    /// Allows: tolerations that match neither `node-role.kubernetes.io/control-plane` nor
    /// `node-role.kubernetes.io/master` with effect NoSchedule, and no `operator: Exists` without a
    /// key whose effect is empty or NoSchedule (a key-less Exists of only NoExecute or
    /// PreferNoSchedule does not open control-plane nodes and is allowed).
    static let controlPlaneTolerations = Control(
        id: "BW-S10-001", section: .s10, severity: .medium,
        title: "Workloads that tolerate the control-plane taint or every taint",
        remediation: "Remove tolerations of node-role.kubernetes.io/control-plane (and /master) and key-less operator: Exists tolerations from application workloads; tolerate only the specific taints of the nodes meant for them.",
        references: [:],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList {
            let tolerations = workload.pod.spec["tolerations"]?.array ?? []
            for (i, toleration) in tolerations.enumerated() {
                guard let reach = controlPlaneReach(of: toleration) else { continue }
                if workload.isInSystemNamespace { exempt += 1; continue }
                violations.append(Violation(
                    object: workload.object, path: workload.specPath("tolerations").appending(index: i), value: toleration.summary(),
                    message: "the pod \(reach): a compromised or misbehaving application pod can land next to the API server, etcd and their credentials"))
            }
        }
        let note = exempt == 0 ? "" : " (\(exempt) such tolerations in system namespaces exempt)"
        return .from(violations, pass: "no workload outside system namespaces tolerates the control-plane taint or every taint\(note)")
    }

    // MARK: BW-S10-002

    /// Reads: `spec.nodeName` of pod templates, and of Pods written as manifests (no `status`, no
    /// `ownerReferences`, not a mirror pod); live Pods always carry the node the scheduler chose,
    /// so they are judged through their controller's template instead.
    /// Allows: unset. A pod that names its node skips the scheduler: NoSchedule taints, node
    /// affinity and the PodNodeSelector admission plugin's namespace selector do not apply to it.
    static let directNodeName = Control(
        id: "BW-S10-002", section: .s10, severity: .medium,
        title: "Pods that set nodeName directly (bypass the scheduler)",
        remediation: "Remove spec.nodeName; use nodeSelector or node affinity with matching tolerations so that the scheduler and taints decide placement.",
        references: [:],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList {
            guard let node = workload.pod.spec["nodeName"]?.string, !node.isEmpty else { continue }
            if workload.object.kind == "Pod" {
                let meta = workload.object.metadata
                let bound = workload.object.value["status"] != nil
                    || !(meta?["ownerReferences"]?.array?.isEmpty ?? true)
                    || workload.object.annotations["kubernetes.io/config.mirror"] != nil
                if bound { continue }
            }
            if workload.isInSystemNamespace { exempt += 1; continue }
            violations.append(Violation(
                object: workload.object, path: workload.specPath("nodeName"), value: node,
                message: "the pod names its node \"\(node)\" directly: it bypasses the scheduler, so NoSchedule taints (the control-plane taint included), node affinity and the namespace's node selector are not applied"))
        }
        let note = exempt == 0 ? "" : " (\(exempt) in system namespaces exempt)"
        return .from(violations, pass: "no pod template or pod manifest sets nodeName\(note)")
    }

    // MARK: BW-S10-003

    static let nodeSelectorAnnotation = "scheduler.alpha.kubernetes.io/node-selector"

    /// Reads: Namespace `metadata.annotations["scheduler.alpha.kubernetes.io/node-selector"]`.
    /// Allows: no annotation, or a well-formed `key=value[,key=value…]` selector. The annotation is
    /// informational on its own: it only constrains pods when kube-apiserver enables the
    /// PodNodeSelector admission plugin (checked with the API server flags). Fails low for a
    /// malformed selector (PodNodeSelector rejects every pod of the namespace) and info for an
    /// empty one (it opts the namespace out of the cluster-wide default selector).
    static let namespaceNodeSelector = Control(
        id: "BW-S10-003", section: .s10, severity: .info,
        title: "Namespace node-selector annotations that are empty or malformed",
        remediation: "Write the annotation as key=value pairs separated by commas (e.g. node-pool=apps), or remove it; it takes effect only with the PodNodeSelector admission plugin enabled.",
        references: [:],
        reads: ["Namespace"]
    ) { context in
        guard context.inventory.contains(kind: "Namespace") else { return .notAssessed("no Namespace objects in input") }
        var violations: [Violation] = []
        var constrained: [String] = []
        for ns in context.inventory.objects(ofKind: "Namespace") {
            guard let selector = ns.annotations[nodeSelectorAnnotation] else { continue }
            let path = FieldPath([.key("metadata"), .key("annotations"), .key(nodeSelectorAnnotation)])
            let trimmed = selector.trimmingWhitespace
            if trimmed.isEmpty {
                violations.append(Violation(
                    object: ns, path: path, value: "\"\"",
                    message: "namespace \"\(ns.name)\" sets an empty node selector: with PodNodeSelector enabled this opts its pods out of the cluster-wide default node selector"))
            } else if !isWellFormedSelector(trimmed) {
                violations.append(Violation(
                    object: ns, path: path, value: selector,
                    message: "namespace \"\(ns.name)\" has a malformed node selector: with PodNodeSelector enabled every pod created in it is rejected; write key=value pairs separated by commas",
                    severity: .low))
            } else {
                constrained.append(ns.name)
            }
        }
        let pass = constrained.isEmpty
            ? "no namespace sets a node selector (informational: placement relies on taints and pod affinity)"
            : "namespaces \(constrained.sorted().joined(separator: ", ")) restrict their pods' nodes; this takes effect only when kube-apiserver enables the PodNodeSelector admission plugin"
        return .from(violations, pass: pass)
    }

    /// `k=v,k2=v2` (also `k==v`), the equality-only form PodNodeSelector accepts.
    static func isWellFormedSelector(_ text: String) -> Bool {
        for term in text.split(separator: ",", omittingEmptySubsequences: false) {
            let t = String(term).trimmingWhitespace
            var parts = t.split(separator: "=", omittingEmptySubsequences: false)
            // `k==v` splits into ["k", "", "v"].
            if parts.count == 3, parts[1].isEmpty { parts.remove(at: 1) }
            guard parts.count == 2 else { return false }
            let key = String(parts[0]).trimmingWhitespace, value = String(parts[1]).trimmingWhitespace
            guard !key.isEmpty, isLabelKey(key), value.isEmpty || isLabelValue(value) else { return false }
        }
        return true
    }

    static func isLabelKey(_ key: String) -> Bool {
        let pieces = key.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let name = pieces.last else { return false }
        if pieces.count == 2 {
            let prefix = pieces[0]
            guard !prefix.isEmpty, prefix.count <= 253,
                  prefix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else { return false }
        }
        return isLabelValue(String(name)) && !name.isEmpty
    }

    static func isLabelValue(_ value: String) -> Bool {
        guard value.count <= 63, let first = value.first, let last = value.last,
              first.isASCII && (first.isLetter || first.isNumber), last.isASCII && (last.isLetter || last.isNumber) else { return false }
        return value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    // MARK: BW-S10-004

    /// Labels that mark a control-plane node (kubeadm, and older clusters' `master`): the same
    /// keys as the control-plane taints.
    static let controlPlaneNodeLabels = controlPlaneTaintKeys

    /// Reads: Node `metadata.labels` (the control-plane role labels) and `spec.taints[*]`
    /// (`key`, `effect`).
    /// Allows: control-plane nodes with a `node-role.kubernetes.io/control-plane` (or `/master`)
    /// taint of effect NoSchedule or NoExecute, so that only pods that tolerate it land there.
    static let untaintedControlPlaneNodes = Control(
        id: "BW-S10-004", section: .s10, severity: .high,
        title: "Control-plane nodes without the NoSchedule taint",
        remediation: "Taint every control-plane node: kubectl taint nodes NODE node-role.kubernetes.io/control-plane:NoSchedule (kubeadm does this unless told otherwise).",
        references: [:],
        reads: ["Node"]
    ) { context in
        let nodes = context.inventory.objects(ofKind: "Node")
        guard !nodes.isEmpty else { return .notAssessed("no Node objects in input (scan a snapshot or a live cluster)") }
        let controlPlane = nodes.filter { node in controlPlaneNodeLabels.contains { node.labels[$0] != nil } }
        guard !controlPlane.isEmpty else {
            return .notAssessed("no node carries a control-plane role label (managed control planes run outside the cluster)")
        }
        var violations: [Violation] = []
        for node in controlPlane {
            let taints = node.value["spec"]?["taints"]?.array ?? []
            let tainted = taints.contains { taint in
                controlPlaneTaintKeys.contains(taint["key"]?.string ?? "")
                    && ["NoSchedule", "NoExecute"].contains(taint["effect"]?.string ?? "")
            }
            if tainted { continue }
            violations.append(Violation(
                object: node, path: "spec.taints", value: taints.isEmpty ? "none" : taints.map { $0.summary() }.joined(separator: ", "),
                message: "control-plane node \"\(node.name)\" has no node-role.kubernetes.io/control-plane NoSchedule taint: any application pod can be scheduled next to the API server, etcd and their credentials"))
        }
        return .from(violations, pass: "every control-plane node (\(controlPlane.count)) carries the NoSchedule taint")
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

}
