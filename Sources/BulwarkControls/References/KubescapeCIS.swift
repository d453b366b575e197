/// kubescape's control for each CIS Kubernetes Benchmark v1.12 recommendation, so a control that
/// names a CIS ID also names the kubescape control users see for it. kubescape keeps one control per
/// CIS item; this table is its framework `cis-v1.12.0` (kubescape/regolibrary,
/// `frameworks/cis-v1.12.0.json`, where each control's name starts `CIS-<id>`), the same benchmark
/// version as kube-bench's `cfg/cis-1.12` that the CIS IDs here come from.
public enum KubescapeCIS {
    public static let controlByCISID: [String: String] = {
        var table: [String: String] = [:]
        // 1.1.1 … 1.1.21: C-0092 … C-0112, in order.
        for item in 1...21 { table["1.1.\(item)"] = kubescapeID(91 + item) }
        let apiServer = [113, 114, 283, 116, 117, 118, 119, 120, 121, 122, 123, 125, 126, 127, 129, 130,
                         131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 277, 290]
        for (index, number) in apiServer.enumerated() { table["1.2.\(index + 1)"] = kubescapeID(number) }
        for item in 1...7 { table["1.3.\(item)"] = kubescapeID(143 + item) }
        for item in 1...2 { table["1.4.\(item)"] = kubescapeID(150 + item) }
        for item in 1...7 { table["2.\(item)"] = kubescapeID(152 + item) }
        table["3.1.1"] = kubescapeID(286); table["3.1.2"] = kubescapeID(287); table["3.1.3"] = kubescapeID(288)
        table["3.2.1"] = kubescapeID(160); table["3.2.2"] = kubescapeID(161)
        for item in 1...10 { table["4.1.\(item)"] = kubescapeID(161 + item) }
        let kubelet = [172, 173, 174, 175, 176, 178, 179, 180, 181, 182, 183, 184, 284]
        for (index, number) in kubelet.enumerated() { table["4.2.\(index + 1)"] = kubescapeID(number) }
        table["4.3.1"] = kubescapeID(291)
        let rbac = [185, 186, 187, 188, 189, 190, 246, 191, 278, 279, 280, 281, 282]
        for (index, number) in rbac.enumerated() { table["5.1.\(index + 1)"] = kubescapeID(number) }
        let podSecurity = [192, 193, 275, 276, 41, 197, 198, 199, 201, 202, 203, 204]
        for (index, number) in podSecurity.enumerated() { table["5.2.\(index + 1)"] = kubescapeID(number) }
        table["5.3.1"] = kubescapeID(205); table["5.3.2"] = kubescapeID(206)
        table["5.4.1"] = kubescapeID(207); table["5.4.2"] = kubescapeID(208)
        table["5.5.1"] = kubescapeID(289)
        for item in 1...4 { table["5.6.\(item)"] = kubescapeID(208 + item) }
        return table
    }()

    static func kubescapeID(_ number: Int) -> String {
        let digits = String(number)
        return "C-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `control` with the kubescape IDs of its CIS references added (kept once, in order).
    public static func addingReferences(to control: Control) -> Control {
        var control = control
        let derived = (control.info.references["cis"] ?? []).compactMap { controlByCISID[$0] }
        guard !derived.isEmpty else { return control }
        var kubescape = control.info.references["kubescape"] ?? []
        for id in derived where !kubescape.contains(id) { kubescape.append(id) }
        control.info.references["kubescape"] = kubescape
        return control
    }
}
