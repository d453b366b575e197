import Foundation
import BulwarkModel

/// The parts of a Kubernetes security advisory's Markdown body (the SRC issue template) that a
/// scanner needs: the "Affected Versions", "Fixed Versions" and "Affected Components" lists and
/// the rating. Advisories write versions by hand in varying styles — `kubelet v1.30.0 to v1.30.2`,
/// `<= v1.28.11`, `v1.27.0 - v1.27.1`, `kube-apiserver >= v1.3`, `All versions of Kubernetes` —
/// so each line is read with tolerant patterns, and lines that fit none are reported, not guessed.
struct AdvisoryText {
    private(set) var components: Set<KubernetesComponent> = []
    private(set) var affectedVersions: AffectedVersions = .unknown(reason: "the advisory lists no affected versions Bulwark could read")
    private(set) var unreadLines: [String] = []
    private(set) var ratedSeverity: Severity?
    private(set) var saysWindowsOnly = false

    /// One line of an "Affected Versions" list.
    enum Constraint: Equatable {
        case range(KubernetesVersion, KubernetesVersion)   // inclusive
        case upTo(KubernetesVersion, inclusive: Bool)
        case atLeast(KubernetesVersion)
        case exactly(KubernetesVersion)
        case wholeLine(KubeVersion)
        case all
    }

    init(_ body: String) {
        let sections = Self.sections(of: body)
        for line in sections["affected components"] ?? [] {
            components.formUnion(Self.componentsMentioned(in: line))
        }
        var constraints: [Constraint] = []
        for line in sections["affected versions"] ?? [] {
            components.formUnion(Self.componentsMentioned(in: line))
            if let c = Self.constraint(in: line) { constraints.append(c) } else { unreadLines.append(line) }
        }
        var fixed: [KubernetesVersion] = []
        for line in sections["fixed versions"] ?? [] {
            let found = Self.versions(in: line)
            // A number no Kubernetes release has (v1.2.9223372036854775807) makes the line unread,
            // not a fix: ranges are built by adding to these numbers.
            guard found.allSatisfy({ Self.isPlausible($0.0) }) else { unreadLines.append(line); continue }
            fixed += found.filter { $0.1 }.map(\.0)
        }
        affectedVersions = Self.affectedVersions(constraints, fixed: fixed)
        ratedSeverity = Self.rating(in: body)
        let lower = body.lowercased()
        saysWindowsOnly = lower.contains("only windows") || lower.contains("affects only windows")
            || lower.contains("with windows nodes is affected") || lower.contains("with windows nodes is impacted")
            || lower.contains("only affected if they include windows nodes") || lower.contains("only affected if they have windows nodes")
    }

    // MARK: Sections

    private static let headings = ["affected versions", "fixed versions", "affected components"]

    /// The list lines under each known heading (`### Fixed Versions`, `**Affected Versions**`,
    /// `Affected Versions:`), bullets and emphasis stripped.
    static func sections(of body: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: String?
        for rawLine in body.components(separatedBy: .newlines) {
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            let bare = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "#*_: ")).lowercased()
            if let heading = headings.first(where: { bare == $0 }) {
                current = heading
                continue
            }
            if trimmed.hasPrefix("#") { current = nil; continue }
            guard let section = current else { continue }
            var item = Substring(trimmed)
            while let first = item.first, "-*•+".contains(first) { item = item.dropFirst().drop(while: \.isWhitespace) }
            let text = item.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "**", with: "")
                .trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            result[section, default: []].append(text)
        }
        return result
    }

    // MARK: Components

    static func componentsMentioned(in text: String) -> Set<KubernetesComponent> {
        let lower = text.lowercased()
        var found: Set<KubernetesComponent> = []
        if lower.contains("kube-apiserver") || lower.contains("apiserver") || lower.contains("api server") { found.insert(.kubeAPIServer) }
        if lower.contains("kube-controller-manager") || lower.contains("controller-manager") || lower.contains("controller manager") { found.insert(.kubeControllerManager) }
        if lower.contains("kubelet") { found.insert(.kubelet) }
        if lower.contains("kube-proxy") { found.insert(.kubeProxy) }
        if lower.contains("kubectl") { found.insert(.kubectl) }
        if lower.contains("client-go") { found.insert(.clientGo) }
        return found
    }

    // MARK: Versions

    // Built per use: Regex is not Sendable, so it cannot be a shared static constant.
    private static var versionPattern: Regex<(Substring, Substring, Substring, Substring?, Substring?)> { /[vV]?(\d+)\.(\d+)(?:\.(\d+))?(?:-((?:alpha|beta|rc)\.\d+))?/ }

    /// Every version in `text`, with whether it had a patch number.
    static func versions(in text: String) -> [(KubernetesVersion, Bool)] {
        text.matches(of: versionPattern).map { m in
            // Digits too long for Int stay in the list as Int.max, so `isPlausible` rejects the
            // line instead of a shorter list of versions changing what it says.
            let major = Int(m.output.1) ?? .max, minor = Int(m.output.2) ?? .max
            let patch = m.output.3.map { Int($0) ?? .max }
            let pre = m.output.4.map { $0.split(separator: ".").map(String.init) } ?? []
            return (KubernetesVersion(major, minor, patch ?? 0, prerelease: pre), patch != nil)
        }
    }

    /// The largest numbers a version in an advisory may have: far above any Kubernetes release
    /// (1.x, minors below 100, patches below 100), low enough that building ranges from them
    /// (every minor between two versions, the patch after one) neither overflows nor explodes.
    static let maximumMajor = 99, maximumMinor = 999, maximumPatch = 9_999

    static func isPlausible(_ v: KubernetesVersion) -> Bool {
        (0...maximumMajor).contains(v.major) && (0...maximumMinor).contains(v.minor) && (0...maximumPatch).contains(v.patch)
    }

    /// What one line of an "Affected Versions" list says, or nil when it fits no pattern or
    /// names a version no Kubernetes release could have.
    static func constraint(in line: String) -> Constraint? {
        let lower = line.lowercased()
        let found = versions(in: line)
        guard found.allSatisfy({ isPlausible($0.0) }) else { return nil }
        if found.isEmpty {
            return lower.contains("all versions") || lower.contains("all kubernetes versions") ? .all : nil
        }
        if found.count == 2 {
            let between = Self.textBetweenFirstTwoVersions(line)
            let connector = between.trimmingCharacters(in: .whitespaces).lowercased()
            if ["-", "–", "—", "to", "through", "thru", "..", "and"].contains(connector) || connector.hasPrefix("to ") {
                return .range(found[0].0, found[1].0)
            }
            // `>= v1.28.0, < v1.28.5` and the like.
            if lower.contains(">="), lower.contains("<") {
                let inclusive = lower.contains("<=")
                return inclusive ? .range(found[0].0, found[1].0) : (found[1].0.patch > 0 ? .range(found[0].0, KubernetesVersion(found[1].0.major, found[1].0.minor, found[1].0.patch - 1)) : nil)
            }
            return nil
        }
        guard found.count == 1 else { return nil }
        let (version, hasPatch) = found[0]
        if lower.contains("<=") || lower.contains("≤") || lower.contains("and earlier") || lower.contains("and below") || lower.contains("or earlier") {
            return hasPatch ? .upTo(version, inclusive: true) : nil
        }
        if lower.contains("<") || lower.contains("prior to") || lower.contains("before") {
            return hasPatch ? .upTo(version, inclusive: false) : nil
        }
        if lower.contains(">=") || lower.contains("≥") || lower.contains("and later") || lower.contains("and above") || lower.contains("and newer") {
            return .atLeast(version)
        }
        return hasPatch ? .exactly(version) : .wholeLine(version.line)
    }

    private static func textBetweenFirstTwoVersions(_ line: String) -> String {
        let ranges = line.matches(of: versionPattern).map(\.range)
        guard ranges.count >= 2 else { return "" }
        return String(line[ranges[0].upperBound..<ranges[1].lowerBound])
    }

    /// Combines the affected constraints and the fixed versions into per-line ranges.
    static func affectedVersions(_ constraints: [Constraint], fixed: [KubernetesVersion]) -> AffectedVersions {
        if constraints.contains(.all) && fixed.isEmpty { return .allVersions }
        if constraints.isEmpty {
            guard !fixed.isEmpty else { return .unknown(reason: "the advisory lists no affected versions Bulwark could read") }
            // Only fixes listed: every patch before them is taken as affected.
            return .ranges(fixed.filter { $0.patch > 0 || $0.isPrerelease }.map { AffectedLine(line: $0.line, fixed: $0) }, olderLines: .all)
        }
        var fixedByLine: [KubeVersion: KubernetesVersion] = [:]
        for f in fixed where fixedByLine[f.line].map({ f < $0 }) ?? true { fixedByLine[f.line] = f }
        func nextPatch(_ v: KubernetesVersion) -> KubernetesVersion { KubernetesVersion(v.major, v.minor, v.patch + 1) }
        func from(_ v: KubernetesVersion) -> KubernetesVersion? { v.patch == 0 && !v.isPrerelease ? nil : v }

        var lines: [KubeVersion: AffectedLine] = [:]
        var olderFloor: AffectedVersions.OlderLines = .notAffected
        var sawUnboundedStart = false
        for c in constraints {
            switch c {
            case .all:
                sawUnboundedStart = true
            case .atLeast:
                // `>= v1.3` with fixes listed says where the flaw began; the fixes bound it.
                if fixed.isEmpty { return .allVersions }
            case .range(let a, let b):
                lines[b.line] = AffectedLine(line: b.line, firstAffected: a.line == b.line ? from(a) : nil,
                                             fixed: fixedByLine[b.line] ?? nextPatch(b))
                if a.line < b.line {
                    olderFloor = Self.lower(olderFloor, .from(a.line))
                    // Lines strictly between a and b are whole-line affected unless listed.
                    for minor in (a.minor + 1)..<max(a.minor + 1, b.minor) where a.major == b.major {
                        let id = KubeVersion(a.major, minor)
                        if lines[id] == nil { lines[id] = AffectedLine(line: id, fixed: fixedByLine[id]) }
                    }
                    if lines[a.line] == nil { lines[a.line] = AffectedLine(line: a.line, firstAffected: from(a), fixed: fixedByLine[a.line]) }
                }
            case .upTo(let v, let inclusive):
                lines[v.line] = AffectedLine(line: v.line, fixed: fixedByLine[v.line] ?? (inclusive ? nextPatch(v) : v))
                sawUnboundedStart = true
            case .exactly(let v):
                lines[v.line] = AffectedLine(line: v.line, firstAffected: from(v), fixed: fixedByLine[v.line] ?? nextPatch(v))
            case .wholeLine(let id):
                lines[id] = AffectedLine(line: id, fixed: fixedByLine[id])
            }
        }
        // A fix for a line the affected list did not name still means that line was affected.
        for (id, f) in fixedByLine where lines[id] == nil && (f.patch > 0 || f.isPrerelease) {
            if let oldest = lines.keys.min(), id < oldest, olderFloor == .notAffected, !sawUnboundedStart { continue }
            lines[id] = AffectedLine(line: id, fixed: f)
        }
        if sawUnboundedStart, let oldest = lines.keys.min() {
            // `<= vX` on the oldest listed line covers every older line.
            let oldestIsUnbounded = constraints.contains { c in
                if case .upTo(let v, _) = c { return v.line == oldest }
                return c == .all
            }
            if oldestIsUnbounded { olderFloor = .all }
        }
        guard !lines.isEmpty else { return .unknown(reason: "the advisory's versions could not be combined into ranges") }
        return .ranges(lines.values.sorted { $0.line < $1.line }, olderLines: olderFloor)
    }

    private static func lower(_ a: AffectedVersions.OlderLines, _ b: AffectedVersions.OlderLines) -> AffectedVersions.OlderLines {
        switch (a, b) {
        case (.all, _), (_, .all): return .all
        case (.notAffected, let x), (let x, .notAffected): return x
        case (.from(let x), .from(let y)): return .from(min(x, y))
        }
    }

    // MARK: Rating

    /// `rated **High**`, `rated Medium`, `- **MEDIUM** (6.1)`.
    static func rating(in body: String) -> Severity? {
        let lower = body.lowercased().replacingOccurrences(of: "*", with: "")
        guard let match = lower.firstMatch(of: /rated (critical|high|medium|moderate|low)/) else { return nil }
        switch match.output.1 {
        case "critical": return .critical
        case "high": return .high
        case "medium", "moderate": return .medium
        default: return .low
        }
    }
}
