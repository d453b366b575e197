/// The least ClusterRole a scan needs, as YAML: read-only (get, list) on the resources of
/// `CollectionPlan`, without Secrets and without `nodes/proxy` unless their opt-ins are asked for.
public enum ScannerRole {
    public static func yaml(name: String = "bulwark-scanner", readSecrets: Bool, kubeletConfigz: Bool) -> String {
        var byGroup: [(group: String, resources: [CollectionPlan.Wanted])] = []
        for wanted in CollectionPlan.base {
            if let i = byGroup.firstIndex(where: { $0.group == wanted.group }) {
                byGroup[i].resources.append(wanted)
            } else {
                byGroup.append((wanted.group, [wanted]))
            }
        }
        var lines = [
            "# Read-only access for `bulwark scan` against a live cluster. No Secrets and no nodes/proxy:",
            "# those come only with the opt-ins below.",
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: ClusterRole",
            "metadata:",
            "  name: \(name)",
            "rules:",
        ]
        for (group, resources) in byGroup {
            lines.append("  - apiGroups: [\"\(group)\"]")
            lines.append("    resources:")
            for r in resources { lines.append("      - \(r.resource)  # \(r.purpose)") }
            lines.append("    verbs: [get, list]")
        }
        lines.append("  # Every scan asks first what it may read (SelfSubjectAccessReview); anyone may create these.")
        lines.append("  - apiGroups: [\"authorization.k8s.io\"]")
        lines.append("    resources: [selfsubjectaccessreviews]")
        lines.append("    verbs: [create]")
        if readSecrets {
            lines.append("  # --read-secrets: listing Secrets returns their VALUES to the scanner (Bulwark drops them at once,")
            lines.append("  # but whoever holds this role can read every Secret of the cluster).")
            lines.append("  - apiGroups: [\"\"]")
            lines.append("    resources: [secrets]")
            lines.append("    verbs: [get, list]")
        }
        if kubeletConfigz {
            lines.append("  # --kubelet-configz: nodes/proxy reaches every kubelet's API through the API server; besides")
            lines.append("  # /configz it can read logs and, with more verbs, exec into pods. Grant it only for the scan.")
            lines.append("  - apiGroups: [\"\"]")
            lines.append("    resources: [nodes/proxy]")
            lines.append("    verbs: [get]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
