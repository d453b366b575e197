import BulwarkModel

/// Structure-aware mutations of parsed manifests: each mutant is one corpus unit with a few values
/// replaced at random depths by values the code may not expect.
public struct Mutator: Sendable {
    public let corpus: Corpus

    public init(corpus: Corpus) { self.corpus = corpus }

    public enum Kind: String, Sendable { case manifests, node, snapshot, audit }

    /// Mutant `index` of run `seed`. Every 8th is a node tree (offset 3), every 8th a snapshot
    /// (offset 7), every 8th an audit log (offset 5).
    public func mutant(seed: UInt64, index: UInt64) -> Mutant {
        var rng = SeededRandom(seed: seed, index: index)
        let kind: Kind = index % 8 == 3 && !corpus.nodeTree.isEmpty ? .node : index % 8 == 7 ? .snapshot : index % 8 == 5 ? .audit : .manifests
        guard let unit = rng.pick(corpus.units) else { return Mutant(origin: "empty corpus", files: []) }
        var files = unit.files
        switch kind {
        case .manifests:
            mutateFiles(&files, &rng, times: 1 + rng.below(6))
            return Mutant(origin: "seed \(seed) index \(index) manifests of \(unit.name)", files: files)
        case .snapshot:
            // The snapshot a `snapshot --from-dump` of the unit writes, mutated as one document.
            if rng.chance(50) { mutateFiles(&files, &rng, times: 1 + rng.below(3)) }
            for i in files.indices { files[i].original = nil }
            var snapshot = Self.snapshotDocument(objects: files.flatMap(\.documents))
            for _ in 0..<(1 + rng.below(4)) { snapshot = mutate(snapshot, &rng, depth: 0) }
            return Mutant(origin: "seed \(seed) index \(index) snapshot of \(unit.name)", files: [], snapshot: snapshot)
        case .node:
            var tree = corpus.nodeTree
            mutateNodeTree(&tree, &rng)
            // A few manifests alongside, so `scan --node-root` sees both.
            return Mutant(origin: "seed \(seed) index \(index) node tree", files: [], node: tree)
        case .audit:
            return Mutant(origin: "seed \(seed) index \(index) audit log", files: [], audit: auditLines(&rng))
        }
    }

    /// An audit log: seed events (native, EventList, v1beta1, EKS/AKS/GKE forms) picked with
    /// repeats, most mutated structure-aware as manifests are, written one JSON object a line;
    /// a few lines then byte-mutated (cut, a token replaced, NULs), and now and then a blank or
    /// a huge line.
    func auditLines(_ rng: inout SeededRandom) -> [[UInt8]] {
        let seeds = AuditSeeds.seeds
        var lines: [[UInt8]] = []
        for _ in 0..<(1 + rng.below(16)) {
            guard var event = rng.pick(seeds) else { break }
            if rng.chance(75) {
                for _ in 0..<(1 + rng.below(3)) { event = mutate(event, &rng, depth: 0) }
            }
            var line = Array(FuzzJSON.text(event).utf8)
            switch rng.below(100) {
            case 0..<12: mutateBytes(&line, &rng)
            case 12..<14: line = []
            case 14..<15: line = Array(Self.longString(&rng).utf8)
            default: break
            }
            // A JSON line never holds a raw newline; a byte mutation may add some: it then spans lines.
            lines += line.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        }
        return lines
    }

    /// The snapshot document Bulwark writes (schema bulwark.io/snapshot/v1) around `objects`.
    static func snapshotDocument(objects: [Value]) -> Value {
        let discovery: Value = .mapping(Mapping([
            .init(key: "groupVersions", value: .array(["v1", "apps/v1", "rbac.authorization.k8s.io/v1", "networking.k8s.io/v1", "batch/v1"])),
        ]))
        return .mapping(Mapping([
            .init(key: "schemaVersion", value: "bulwark.io/snapshot/v1"),
            .init(key: "createdAt", value: "2026-01-01T00:00:00Z"),
            .init(key: "source", value: ["kind": "dump", "description": "fuzz"]),
            .init(key: "serverVersion", value: "v1.31.4"),
            .init(key: "discovery", value: discovery),
            .init(key: "forbidden", value: .array([["group": "", "resource": "secrets", "reason": "forbidden"]])),
            .init(key: "kubeletConfigz", value: .array([["node": "node-1", "config": ["kind": "KubeletConfiguration", "authentication": ["anonymous": ["enabled": true]]]]])),
            .init(key: "objects", value: .array(objects)),
        ]))
    }

    // MARK: Manifests

    func mutateFiles(_ files: inout [Mutant.File], _ rng: inout SeededRandom, times: Int) {
        guard !files.isEmpty else { return }
        for _ in 0..<times {
            let f = rng.below(files.count)
            if files[f].raw != nil {
                if var raw = files[f].raw { mutateBytes(&raw, &rng); files[f].raw = raw }
                continue
            }
            guard !files[f].documents.isEmpty else { continue }
            files[f].original = nil
            let d = rng.below(files[f].documents.count)
            switch rng.below(100) {
            case 0..<4: files[f].documents.remove(at: d)                                      // deleted object
            case 4..<9: files[f].documents.append(files[f].documents[d])                      // duplicated object
            case 9..<12:                                                                       // object from elsewhere in the unit
                if let other = rng.pick(files.flatMap(\.documents)) { files[f].documents.append(other) }
            case 12..<14: files[f].documents[d] = rng.pick(Self.wrongTypes) ?? .null            // an object that is no object
            default: files[f].documents[d] = mutate(files[f].documents[d], &rng, depth: 0)
            }
        }
    }

    /// Walks down from `value` to a random depth and mutates there.
    func mutate(_ value: Value, _ rng: inout SeededRandom, depth: Int, key: String? = nil) -> Value {
        switch value {
        case .mapping(var m) where !m.entries.isEmpty && depth < 40 && !rng.chance(12):
            let i = rng.below(m.entries.count)
            m.entries[i].value = mutate(m.entries[i].value, &rng, depth: depth + 1, key: m.entries[i].key)
            return .mapping(m)
        case .array(var a) where !a.isEmpty && depth < 40 && !rng.chance(15):
            let i = rng.below(a.count)
            a[i] = mutate(a[i], &rng, depth: depth + 1, key: key)
            return .array(a)
        default:
            return mutateHere(value, &rng, key: key)
        }
    }

    func mutateHere(_ value: Value, _ rng: inout SeededRandom, key: String?) -> Value {
        switch value {
        case .mapping(var m) where rng.chance(60):
            switch rng.below(6) {
            case 0: if !m.entries.isEmpty { m.entries.remove(at: rng.below(m.entries.count)) }      // deleted key
            case 1:                                                                                   // duplicated key
                if let e = rng.pick(m.entries) {
                    m.entries.append(.init(key: e.key, value: rng.chance(50) ? e.value : oddValue(&rng, key: e.key), line: e.line))
                }
            case 2: m.entries.removeAll()
            case 3: m.entries.append(.init(key: rng.pick(Self.oddKeys) ?? "", value: oddValue(&rng, key: nil)))
            case 4: if m.entries.count > 1 { m.entries.swapAt(rng.below(m.entries.count), rng.below(m.entries.count)) }
            default:                                                                                  // every value of the mapping odd
                for i in m.entries.indices where rng.chance(50) { m.entries[i].value = oddValue(&rng, key: m.entries[i].key) }
            }
            return .mapping(m)
        case .array(var a) where rng.chance(60):
            switch rng.below(5) {
            case 0: a.removeAll()
            case 1: a.insert(rng.pick(Self.oddListElements) ?? "", at: rng.below(a.count + 1))
            case 2: if let e = rng.pick(a) { a.append(e) }
            case 3: if !a.isEmpty { a.remove(at: rng.below(a.count)) }
            default: a = Array(repeating: a.first ?? "*", count: 1 + rng.below(300))
            }
            return .array(a)
        default:
            return oddValue(&rng, key: key)
        }
    }

    func oddValue(_ rng: inout SeededRandom, key: String?) -> Value {
        let lower = key?.lowercased() ?? ""
        var pools: [[Value]] = [Self.wrongTypes, Self.oddStrings, Self.oddNumbers]
        if lower.contains("port") { pools.append(Self.oddPorts) }
        if lower.contains("cidr") || lower.contains("ip") || lower == "except" { pools.append(Self.oddCIDRs) }
        if lower.contains("second") || lower.contains("timeout") || lower.contains("period") || lower.contains("duration")
            || lower.contains("interval") || lower.contains("age") { pools.append(Self.oddDurations) }
        if lower.contains("version") || lower == "image" { pools.append(Self.oddVersions) }
        if rng.chance(6) { return .string(Self.longString(&rng)) }
        // Pools specific to the key are picked as often as the generic ones together.
        let pool = pools.count > 3 && rng.chance(50) ? pools[3 + rng.below(pools.count - 3)] : pools[rng.below(3)]
        return rng.pick(pool) ?? .null
    }

    static func longString(_ rng: inout SeededRandom) -> String {
        let unit = ["a", "/", "*", " ", "é", "-", "a.b", ",", "=", "\\", "\n"][rng.below(11)]
        return String(repeating: unit, count: 1 + rng.below(70_000))
    }

    static let wrongTypes: [Value] = [.null, true, false, "", [], .mapping(Mapping()), ["x"], ["a": "b"], [[]], [.mapping(Mapping())], [.null], 0, 1.5, "true"]
    static let oddStrings: [Value] = ["", " ", "*", "/", "//", "-", ":", "::", "0", "-1", "*/*", "a/b/c/d", "/a", "a/", ".", "..", "../../etc/passwd",
                                      "\u{0}", "é/ü", "${VAR}", "--flag=", "=", "a=b=c", ",", ",,", "a,b", "https://user:pw@host:1/p?token=x",
                                      "system:masters", "system:", "kube-system", "default", "ALL", "NET_RAW", "Localhost", "localhost/", "unconfined",
                                      "RuntimeDefault", "privileged", "v1", "apps/v1", "/v1", "v1/", "rbac.authorization.k8s.io/", "Kind", "",
                                      "  spaces  ", "\t", "null", "~", "yes", "0x10", "1e3", "--", "-- --", "\"", "'", "{}", "[]"]
    static let oddNumbers: [Value] = [.int(Int.max), .int(Int.min), -1, 0, 1, 65535, 65536, 2_147_483_648, -2_147_483_649, .int(Int.max - 1),
                                      .double(1e300), .double(-1e300), 0.5, -0.5, .double(-0.0), 1.5, .double(Double.greatestFiniteMagnitude),
                                      .double(Double.leastNonzeroMagnitude), .string(FuzzJSON.rawNumberPrefix + "1e999"),
                                      .string(FuzzJSON.rawNumberPrefix + "-1e999"), .string(FuzzJSON.rawNumberPrefix + "99999999999999999999999"),
                                      .string(FuzzJSON.rawNumberPrefix + "-9223372036854775809"), .string(FuzzJSON.rawNumberPrefix + "9223372036854775808")]
    static let oddPorts: [Value] = [0, -1, 65536, 70000, .int(Int.max), .int(Int.min), "", "0", "-1", "65536", "http", "a-very-long-port-name-over-15",
                                    "80-", "-80", "80-70", "1-65536", "80:81", 80.5, "", "*", ["80"]]
    static let oddCIDRs: [Value] = ["0.0.0.0/0", "::/0", "10.0.0.0/33", "10.0.0.0/-1", "300.1.1.1/24", "1.2.3.4/", "/24", "1.2.3.4/8/8", "fe80::/129",
                                    "fe80::/-1", "::ffff:1.2.3.4/96", "1.2.3", "1.2.3.4.5/32", "", "*", "10.0.0.0/8 ", "abc", "10.0.0.0/99999999999999999999",
                                    "::1/128", "0.0.0.0/32", "255.255.255.255/32", "1:2:3:4:5:6:7:8:9/64", "[::1]/64"]
    static let oddDurations: [Value] = ["", "-1s", "0s", "1h-", "9999999999999h", "1.5.3m", "5", "-5", "inf", "nan", "1e300s", "1x", "s", "h",
                                        "2562047h48m", "2562048h", "1h1h1h", "P1D", .int(Int.max), -1, .double(1e300), 0.000001]
    static let oddVersions: [Value] = ["", "v", "v1.", "1", "v1.999999999999.0", "v9223372036854775807.0.0", "v1.-1.0", "v1.31.4-rc.0+abc",
                                       "latest", "image:tag@sha256:", "::", "a:b:c", "registry:99999/x", "v1.0.1 to v1.999999999999.0", "v99999999999999999999.1.1"]
    static let oddListElements: [Value] = ["", "*", "/", "-", ".", "*/*", "/*", "a/", "/a", "system:", ":", .null, [], .mapping(Mapping()), 0, -1]
    static let oddKeys = ["", "*", "/", "apiVersion", "kind", "metadata", "spec", "name", "namespace", "\u{0}", String(repeating: "k", count: 5000)]

    // MARK: Bytes and node trees

    func mutateBytes(_ bytes: inout [UInt8], _ rng: inout SeededRandom) {
        switch rng.below(7) {
        case 0: bytes = []
        case 1: if !bytes.isEmpty { bytes.removeSubrange(rng.below(bytes.count)..<bytes.count) }          // truncated
        case 2: if !bytes.isEmpty { bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        case 3:                                                                                                // a line repeated
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            if let line = rng.pick(lines) { bytes += [10] + Array(line) + [10] + Array(line) }
        case 4: bytes += Array(Self.longString(&rng).utf8)
        case 5:                                                                                                // a token replaced
            let odd: String
            switch rng.pick(Self.oddStrings + Self.oddNumbers + Self.oddDurations + Self.oddCIDRs) ?? "" {
            case .string(let s): odd = s.hasPrefix(FuzzJSON.rawNumberPrefix) ? String(s.dropFirst(FuzzJSON.rawNumberPrefix.count)) : s
            case let v: odd = v.jsonText
            }
            let separators: Set<UInt8> = [0, 10, 32, 61, 58, 44, 34, 9]                                // NUL \n ' ' = : , " \t
            let starts = bytes.indices.filter { $0 == 0 || separators.contains(bytes[$0 - 1]) }
            if let s = rng.pick(starts) {
                var e = s
                while e < bytes.count, !separators.contains(bytes[e]) { e += 1 }
                bytes.replaceSubrange(s..<e, with: Array(odd.utf8))
            }
        default: bytes.insert(contentsOf: [0, 32, 32, 0], at: rng.below(bytes.count + 1))
        }
    }

    func mutateNodeTree(_ tree: inout [Mutant.NodeFile], _ rng: inout SeededRandom) {
        for _ in 0..<(1 + rng.below(4)) {
            switch rng.below(10) {
            case 0:                                                                                  // an extra process
                let pid = 1000 + rng.below(90_000)
                let lines: [[UInt8]] = [Array("   ".utf8), [], [0], [0, 0], Array("kubelet\0--config=\0".utf8),
                                        Array("kube-apiserver\0--etcd-servers=,,\0--secure-port=-1\0--authorization-mode=\0".utf8),
                                        Array("etcd\0--listen-client-urls=http://[::1\0".utf8), Array(Self.longString(&rng).utf8)]
                tree.append(.init(path: "proc/\(pid)/cmdline", bytes: rng.pick(lines) ?? []))
            case 1: if !tree.isEmpty { tree.remove(at: rng.below(tree.count)) }
            default:
                guard !tree.isEmpty else { continue }
                let i = rng.below(tree.count)
                let path = tree[i].path
                let structured = path.hasSuffix(".yaml") || path.hasSuffix(".conf") || path.hasSuffix(".conflist") || path.hasSuffix(".json")
                let docs = structured && rng.chance(70) ? Corpus.parseDocuments(tree[i].bytes, name: path) : []
                if !docs.isEmpty {
                    var file = Mutant.File(name: path.hasSuffix(".json") ? path : path + ".yaml", documents: docs)
                    file.documents = file.documents.map { mutate($0, &rng, depth: 0) }
                    tree[i].bytes = file.bytes
                } else {
                    mutateBytes(&tree[i].bytes, &rng)
                }
            }
        }
    }
}
