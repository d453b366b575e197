import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkNetworkPolicy

/// `bulwark netpol can` reads only what concerns SRC's and DST's namespaces
/// (`NamespaceScopedReader`). Its answers — yes/no, the policies and rules named on each side,
/// and the errors for unknown workloads and port names — must be those of the full read: checked
/// on the scenario table's model and on seeded random inputs full of prefilter traps.
@Suite struct ScopedReadEquivalenceTests {
    struct Question {
        var source: String, destination: String, port: String, proto: NetworkProtocol
    }

    /// The answer `can` gives, as text: what the CLI prints is derived from exactly these fields.
    static func answer(_ q: Question, _ analysis: NetworkAnalysis) -> String {
        func endpoint(_ text: String) -> TrafficEndpoint? {
            if let address = IPAddress(text) { return .address(address) }
            let p = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard p.count == 3 else { return nil }
            return analysis.workloadIndex(namespace: p[0], kind: p[1], name: p[2]).map { .workload($0) }
        }
        guard let src = endpoint(q.source) else { return "no workload \(q.source)" }
        guard let dst = endpoint(q.destination) else { return "no workload \(q.destination)" }
        var port = Int(q.port) ?? 0
        if port == 0 {
            guard case .workload(let d) = dst else { return "named port to an address" }
            guard let number = analysis.workloads[d].namedPorts[NamedPort(name: q.port, proto: q.proto)] else { return "no port \(q.port)" }
            port = number
        }
        let decision = analysis.decide(from: src, to: dst, proto: q.proto, port: port)
        func side(_ s: SideDecision?) -> String {
            guard let s else { return "-" }
            return "\(s.direction.rawValue) \(s.subject) \(s.reason.rawValue) [\(s.isolatingPolicies.joined(separator: ","))] [\(s.allowingRules.map(\.description).joined(separator: ","))]"
        }
        return "\(decision.allowed) port \(port) | \(side(decision.egress)) | \(side(decision.ingress))"
    }

    /// Namespaces `can` reads for a question (the CLI's rule).
    static func namespaces(_ q: Question) -> Set<String> {
        Set([q.source, q.destination].compactMap { text -> String? in
            if IPAddress(text) != nil { return nil }
            let p = text.split(separator: "/", omittingEmptySubsequences: false)
            return p.count == 3 ? String(p[0]) : nil
        })
    }

    /// Questions whose scoped answer differs from the full one; `answers` counts the full answers'
    /// kinds (true, false, no workload, no port), so a test can see that it asked varied questions.
    static func differences(_ paths: [String], _ questions: [Question], answers: inout [String: Int]) -> [String] {
        let inventory = ManifestReader().read(paths)
        precondition(inventory.issues.allSatisfy { $0.level != .error }, "generated input does not parse: \(inventory.issues)")
        let full = NetworkAnalysis(inventory: inventory)
        var scoped: [Set<String>: NetworkAnalysis] = [:]
        var out: [String] = []
        for q in questions {
            let wanted = namespaces(q)
            let analysis = scoped[wanted] ?? NetworkAnalysis(inventory: NamespaceScopedReader(namespaces: wanted).read(paths).inventory)
            scoped[wanted] = analysis
            let expected = answer(q, full), got = answer(q, analysis)
            answers[String(expected.prefix { $0 != " " }), default: 0] += 1
            if expected != got { out.append("\(q.source) -> \(q.destination) \(q.port)/\(q.proto.rawValue): full \(expected), scoped \(got)") }
        }
        return out
    }

    static func write(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scoped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    // MARK: the scenario table's model

    /// The truth-table model (namespaces x, y, z; pods a, b, c) in YAML, with one scenario's policies.
    static func model(_ policies: String) -> [String: String] {
        var files: [String: String] = [:]
        for ns in ["x", "y", "z"] {
            // Quoted: a plain y is a boolean in YAML 1.1.
            var docs = ["apiVersion: v1\nkind: Namespace\nmetadata: {name: '\(ns)', labels: {ns: '\(ns)'}}\n"]
            for pod in ["a", "b", "c"] {
                var ports = ""
                for port in [80, 81] { for proto in ["TCP", "UDP", "SCTP"] {
                    ports += "    - {containerPort: \(port), protocol: \(proto), name: serve-\(port)-\(proto.lowercased())}\n"
                } }
                docs.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \(pod)\n  namespace: \"\(ns)\"\n  labels: {pod: \(pod)}\nspec:\n  containers:\n  - name: cont\n    image: agnhost\n    ports:\n\(ports)")
            }
            files["\(ns).yaml"] = docs.joined(separator: "---\n")
        }
        files["policies.yaml"] = policies
        return files
    }

    static let scenarios: [String] = [
        "",
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: deny, namespace: x}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n",
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {matchLabels: {pod: a}}\n  ingress: [{}]\n",
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {matchLabels: {pod: a}}\n  ingress: []\n",
        // AND (one item) and OR (two items) by indentation.
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: and\n  namespace: x\nspec:\n  podSelector: {matchLabels: {pod: a}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {ns: 'y'}}\n      podSelector: {matchLabels: {pod: b}}\n---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: or\n  namespace: 'y'\nspec:\n  podSelector: {matchLabels: {pod: c}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {ns: z}}\n    - podSelector: {matchLabels: {pod: b}}\n",
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: named, namespace: 'y'}\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: serve-81-udp, protocol: UDP}, {port: 80, endPort: 81}]\n    from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: x}}}]\n",
        "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: egress, namespace: z}\nspec:\n  podSelector: {matchExpressions: [{key: pod, operator: NotIn, values: [a]}]}\n  policyTypes: [Egress]\n  egress:\n  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]\n  - to: [{podSelector: {}}]\n    ports: [{port: serve-80-tcp}]\n",
        // A List holding policies of x and z; a policy written in flow style from its first line.
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: l1, namespace: x}\n  spec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {pod: c}}}]}]}\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: l2, namespace: z}\n  spec: {podSelector: {}, policyTypes: [Egress]}\n---\n{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: f, namespace: 'y'}, spec: {podSelector: {}}}\n",
    ]

    @Test func scenarioTableModel() throws {
        var questions: [Question] = []
        let pods = ["x", "y", "z"].flatMap { ns in ["a", "b", "c"].map { "\(ns)/Pod/\($0)" } }
        for s in pods { for d in pods where s != d {
            for (port, proto) in [("80", NetworkProtocol.tcp), ("81", .udp), ("serve-81-udp", .udp), ("serve-80-tcp", .tcp), ("81", .sctp)] {
                questions.append(Question(source: s, destination: d, port: port, proto: proto))
            }
        } }
        for p in pods {
            questions.append(Question(source: p, destination: "169.254.169.254", port: "80", proto: .tcp))
            questions.append(Question(source: "8.8.8.8", destination: p, port: "80", proto: .tcp))
        }
        var answers: [String: Int] = [:]
        for (i, policies) in Self.scenarios.enumerated() {
            let dir = try Self.write(Self.model(policies))
            defer { try? FileManager.default.removeItem(at: dir) }
            let diffs = Self.differences([dir.path], questions, answers: &answers)
            #expect(diffs.isEmpty, "scenario \(i): \(diffs.prefix(5))")
        }
        #expect(answers["true", default: 0] > 100 && answers["false", default: 0] > 100, "\(answers)")
    }

    // MARK: generated inputs

    /// SplitMix64: the same inputs on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One random input: objects written in every style the prefilter must get right or decline.
    static func randomInput(seed: UInt64) -> (files: [String: String], workloads: [String]) {
        var rng = Generator(state: seed)
        let namespaces = ["default", "n1", "n2", "n3", "n4", "n5"]
        let teams = ["red", "blue"]
        var files: [String: String] = [:]
        var workloads: [String] = []
        var listItems: [[String]] = []

        /// Metadata lines in a random style; `namespace` "default" may be left out.
        func metadata(_ name: String, _ ns: String, labels: String?) -> [String] {
            let labelLine = labels.map { ["  labels: \($0)"] } ?? []
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: return ["metadata: {name: \(name), namespace: \(ns)\(labels.map { ", labels: \($0)" } ?? "")}"]
            case 1: return ["metadata:", "  name: \(name)", "  namespace: \"\(ns)\""] + labelLine
            case 2:  // namespace text in annotations: a block scalar and a quoted value
                let other = namespaces.randomElement(using: &rng)!
                return ["metadata:", "  annotations:", "    note: |", "      namespace: \(other)", "    quoted: \"namespace: \(other)\"",
                        "  name: \(name)", "  namespace: \(ns)"] + labelLine
            case 3:  // an anchor: declined, parsed in full
                return ["metadata: &meta", "  name: \(name)", "  namespace: \(ns)"] + labelLine
            case 4 where ns == "default":  // no namespace: the default
                return ["metadata:", "  name: \(name)"] + labelLine
            case 5:  // a quoted scalar over two lines in an annotation: declined
                return ["metadata:", "  name: \(name)", "  annotations:", "    multi: \"first", "      namespace: n9\"", "  namespace: \(ns)"] + labelLine
            default: return ["metadata:", "  name: \(name)", "  namespace: \(ns)"] + labelLine
            }
        }
        func emit(_ lines: [String], into docs: inout [String]) {
            if Int.random(in: 0..<8, using: &rng) == 0 {
                listItems.append(lines)  // goes into a List document instead
            } else {
                docs.append(lines.joined(separator: "\n") + "\n")
            }
        }
        func labels() -> String {
            "{app: \(["a", "b", "c"].randomElement(using: &rng)!), tier: \(["x", "y"].randomElement(using: &rng)!)}"
        }
        func selector() -> String {
            Bool.random(using: &rng) ? "{}" : "{matchLabels: {app: \(["a", "b", "c"].randomElement(using: &rng)!)}}"
        }
        func peer() -> String {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return "{podSelector: \(selector())}"
            case 1: return "{namespaceSelector: {matchLabels: {team: \(teams.randomElement(using: &rng)!)}}}"
            case 2: return "{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: \(namespaces.randomElement(using: &rng)!)}}, podSelector: \(selector())}"
            case 3: return "{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 10.0.0.0/8]}}"
            case 4: return "{namespaceSelector: {}}"
            default: return "{ipBlock: {cidr: \(["10.0.0.0/8", "'::/0'", "8.8.8.0/24"].randomElement(using: &rng)!)}}"
            }
        }
        func ports() -> String {
            let choices = ["{port: http}", "{port: 8080}", "{protocol: UDP, port: 53}", "{port: 80, endPort: 443}", "{protocol: UDP, port: dns}", "{protocol: SCTP}"]
            return "[" + (0..<Int.random(in: 1...2, using: &rng)).map { _ in choices.randomElement(using: &rng)! }.joined(separator: ", ") + "]"
        }
        func rule(_ field: String) -> String {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return "  - {}"
            case 1: return "  - ports: \(ports())"
            case 2: return "  - \(field):\n    - \(peer())\n    - \(peer())"
            default: return "  - \(field): [\(peer())]\n    ports: \(ports())"
            }
        }

        for ns in namespaces {
            var docs: [String] = []
            if ns == "default" || Int.random(in: 0..<4, using: &rng) > 0 {
                docs.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(ns)\n  labels:\n    team: \(teams.randomElement(using: &rng)!)\n")
            }
            for w in 0..<Int.random(in: 2...5, using: &rng) {
                let name = "w\(w)"
                let portsYAML = "    ports:\n    - {name: http, containerPort: \([8080, 80, 443].randomElement(using: &rng)!)}\n    - {name: dns, containerPort: 53, protocol: UDP}"
                let host = Int.random(in: 0..<10, using: &rng) == 0 ? "  hostNetwork: true\n" : ""
                if Bool.random(using: &rng) {
                    workloads.append("\(ns)/Pod/\(name)")
                    var lines = ["apiVersion: v1", "kind: Pod"] + metadata(name, ns, labels: labels())
                    lines += ("spec:\n\(host)  containers:\n  - name: main\n    image: img\n\(portsYAML)").split(separator: "\n").map(String.init)
                    emit(lines, into: &docs)
                } else {
                    workloads.append("\(ns)/Deployment/\(name)")
                    var lines = ["apiVersion: apps/v1", "kind: Deployment"] + metadata(name, ns, labels: nil)
                    lines += ["spec:", "  template:", "    metadata:", "      labels: \(labels())", "      namespace: not-used", "    spec:"]
                    if !host.isEmpty { lines.append("      hostNetwork: true") }
                    lines += ["      containers:", "      - name: main", "        image: img", "        ports:",
                              "        - {name: http, containerPort: \([8080, 80, 443].randomElement(using: &rng)!)}",
                              "        - {name: dns, containerPort: 53, protocol: UDP}"]
                    emit(lines, into: &docs)
                    // A Pod the Deployment's ReplicaSet owns, with the ReplicaSet present: represented by it.
                    if Bool.random(using: &rng) {
                        docs.append("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: \(name)-rs, namespace: \(ns)}\nspec:\n  template:\n    metadata: {labels: \(labels())}\n    spec: {containers: [{name: main, image: img}]}\n")
                        docs.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \(name)-rs-1\n  namespace: \(ns)\n  ownerReferences:\n  - {kind: ReplicaSet, name: \(name)-rs}\nspec: {containers: [{name: main, image: img}]}\n")
                        workloads.append("\(ns)/ReplicaSet/\(name)-rs")
                        workloads.append("\(ns)/Pod/\(name)-rs-1")
                    }
                }
            }
            for p in 0..<Int.random(in: 0...3, using: &rng) {
                let types = ["", "  policyTypes: [Ingress]\n", "  policyTypes: [Egress]\n", "  policyTypes: [Ingress, Egress]\n"].randomElement(using: &rng)!
                var spec = "spec:\n  podSelector: \(selector())\n\(types)"
                if Bool.random(using: &rng) { spec += "  ingress:\n" + (0..<Int.random(in: 0...2, using: &rng)).map { _ in rule("from") + "\n" }.joined() }
                if Bool.random(using: &rng) { spec += "  egress:\n" + (0..<Int.random(in: 0...2, using: &rng)).map { _ in rule("to") + "\n" }.joined() }
                let lines = ["apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy"] + metadata("p\(p)", ns, labels: nil)
                    + spec.split(separator: "\n").map(String.init)
                emit(lines, into: &docs)
            }
            files["\(ns).yaml"] = docs.joined(separator: "---\n")
        }
        if !listItems.isEmpty {
            let items = listItems.map { lines in
                lines.enumerated().map { $0.offset == 0 ? "- " + $0.element : "  " + $0.element }.joined(separator: "\n")
            }
            files["list.yaml"] = "apiVersion: v1\nkind: List\nitems:\n" + items.joined(separator: "\n") + "\n"
        }
        // A JSON file (never prescanned) with a policy of n1 and a Namespace relabelling n2 (the last Namespace object wins).
        files["extra.json"] = """
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "json", "namespace": "n1"},
         "spec": {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"team": "red"}}}]}]}}
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n2", "labels": {"team": "red"}}}
        """
        return (files, workloads)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func generatedInputs(seed: UInt64) throws {
        let (files, workloads) = Self.randomInput(seed: seed)
        let dir = try Self.write(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = Generator(state: seed &* 7919)
        let addresses = ["169.254.169.254", "8.8.8.8", "10.1.2.3", "2001:db8::1"]
        let endpoints = workloads + workloads.map { $0.replacingOccurrences(of: "/Deployment/", with: "/deployment/") } + ["n3/Pod/missing", "nowhere/Pod/w0"]
        var questions: [Question] = []
        for _ in 0..<400 {
            let src = Int.random(in: 0..<6, using: &rng) == 0 ? addresses.randomElement(using: &rng)! : endpoints.randomElement(using: &rng)!
            var dst = Int.random(in: 0..<6, using: &rng) == 0 ? addresses.randomElement(using: &rng)! : endpoints.randomElement(using: &rng)!
            if IPAddress(src) != nil && IPAddress(dst) != nil { dst = workloads[0] }
            let (port, proto) = [("8080", NetworkProtocol.tcp), ("http", .tcp), ("dns", .udp), ("53", .udp), ("443", .tcp), ("80", .sctp)].randomElement(using: &rng)!
            questions.append(Question(source: src, destination: dst, port: port, proto: proto))
        }
        var answers: [String: Int] = [:]
        let diffs = Self.differences([dir.path], questions, answers: &answers)
        #expect(diffs.isEmpty, "seed \(seed): \(diffs.count) differences, e.g. \(diffs.prefix(3))")
        #expect(answers["true", default: 0] > 20 && answers["false", default: 0] > 20 && answers["no", default: 0] > 0, "\(answers)")
        // The prefilter must actually skip documents, or it is no faster than the full read.
        let skipped = NamespaceScopedReader(namespaces: ["n1"]).read([dir.path]).skippedDocuments
        #expect(skipped > 0)
    }
}
