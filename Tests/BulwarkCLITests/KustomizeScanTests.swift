import Foundation
import XCTest

/// `bulwark scan` of Kustomize folders, end to end: rendered as `kubectl kustomize` renders them
/// when kubectl is on PATH, with patches and components set aside when no renderer is, and file
/// by file with --no-render.
final class KustomizeScanTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"
    private static let corpus = URL(fileURLWithPath: "/work/shared/corpus")
    private static let demo = corpus.appendingPathComponent("GoogleCloudPlatform__microservices-demo/kustomize").path

    private func requireCorpus() throws {
        guard FileManager.default.fileExists(atPath: Self.demo) else { throw XCTSkip("corpus not at \(Self.corpus.path)") }
    }

    /// A search path holding no renderer, so the set-aside path runs even where kubectl is installed.
    private func noRendererPath() throws -> String {
        try BulwarkProcess.temporaryDirectory().path
    }

    private func kubectl() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/kubectl"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private func status(_ report: [String: Any], _ control: String) -> String? {
        (report["results"] as? [[String: Any]])?.first { $0["control"] as? String == control }?["status"] as? String
    }

    private func objects(_ report: [String: Any]) -> Int? { (report["summary"] as? [String: Any])?["objects"] as? Int }

    /// microservices-demo's network-policies Component is not enabled by its kustomization: the
    /// rendered app has no NetworkPolicy, so BW-S8-001 must not pass — rendered or set aside.
    func testADisabledComponentDoesNotMakeTheNetworkPolicyControlPass() throws {
        try requireCorpus()
        let raw = try BulwarkProcess.run(["scan", Self.demo, "--no-render", "-o", "json", now]).json()
        XCTAssertEqual(status(raw, "BW-S8-001"), "pass", "--no-render keeps the raw behaviour: the component's policies count")

        let setAside = try BulwarkProcess.run(["scan", Self.demo, "-o", "json", now],
                                              environment: ["BULWARK_RENDER_PATH": try noRendererPath()])
        let report = try setAside.json()
        XCTAssertEqual(status(report, "BW-S8-001"), "fail", setAside.stderr)
        let text = setAside.stdout + setAside.stderr
        XCTAssertTrue(text.contains("neither kubectl nor kustomize is on PATH"), text.prefix(2000).description)
        XCTAssertTrue(text.contains("kubectl kustomize \(Self.demo) | bulwark scan -"))
        // The twelve services of the base, and none of the components' NetworkPolicies or patches.
        XCTAssertLessThan(objects(report) ?? 0, objects(raw) ?? 0)

        guard kubectl() != nil else { return }
        let rendered = try BulwarkProcess.run(["scan", Self.demo, "-o", "json", now]).json()
        XCTAssertEqual(status(rendered, "BW-S8-001"), "fail")
    }

    /// The Done-when line of issue 11: a Kustomize folder scanned directly and its `kubectl
    /// kustomize` output piped to `bulwark scan -` give the same result for every control and the
    /// same findings, over every corpus root that kubectl can render offline.
    func testAScannedKustomizationMatchesItsPipedKubectlKustomizeOutput() throws {
        try requireCorpus()
        guard let kubectl = kubectl() else { throw XCTSkip("kubectl is not on PATH: the rendered path cannot be compared here") }
        let projects = ["GoogleCloudPlatform__microservices-demo", "kubernetes-sigs__metrics-server", "kubernetes__ingress-nginx",
                        "argoproj__argo-cd", "fluxcd__flux2"]
        var compared: [String] = []
        for project in projects {
            for root in Self.leafRoots(under: Self.corpus.appendingPathComponent(project).path) {
                guard let output = Self.render(kubectl: kubectl, root) else { continue }
                let direct = try BulwarkProcess.run(["scan", root, "-o", "json", now])
                let piped = try BulwarkProcess.run(["scan", "-", "-o", "json", now], stdin: output)
                let a = try direct.json(), b = try piped.json()
                XCTAssertEqual(objects(a), objects(b), root)
                XCTAssertEqual(Self.statuses(a), Self.statuses(b), root)
                XCTAssertEqual(Self.findings(a), Self.findings(b), root)
                XCTAssertEqual(direct.code, piped.code, root)
                compared.append(root)
            }
        }
        XCTAssertGreaterThanOrEqual(compared.count, 20, "too few corpus kustomizations rendered: \(compared)")
    }

    /// Corpus folders holding a kustomization (not a Component) and no other kustomization below them.
    private static func leafRoots(under project: String) -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: project) else { return [] }
        var folders: [String: Int] = [:]
        var components: Set<String> = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard ["kustomization.yaml", "kustomization.yml", "Kustomization"].contains(name) else { continue }
            let folder = project + "/" + (relative as NSString).deletingLastPathComponent
            let text = (try? String(contentsOfFile: project + "/" + relative, encoding: .utf8)) ?? ""
            if text.contains("kind: Component") { components.insert(folder) }
            folders[folder, default: 0] += 1
        }
        return folders.keys.filter { folder in
            !components.contains(folder) && !folders.keys.contains { $0 != folder && $0.hasPrefix(folder + "/") }
        }.sorted()
    }

    /// What `kubectl kustomize` prints for `root` offline, nil when it fails there.
    private static func render(kubectl: String, _ root: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = ["kustomize", root]
        process.environment = ["PATH": "/usr/bin:/bin", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
                               "GIT_ALLOW_PROTOCOL": "file", "HOME": FileManager.default.temporaryDirectory.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    private static func statuses(_ report: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for r in report["results"] as? [[String: Any]] ?? [] {
            if let c = r["control"] as? String { out[c] = r["status"] as? String ?? "?" }
        }
        return out
    }

    /// Findings as control, object and field: the file they point at differs by design (a source
    /// file or the folder against `-`).
    private static func findings(_ report: [String: Any]) -> [String] {
        (report["findings"] as? [[String: Any]] ?? []).map { f in
            let o = f["object"] as? [String: Any] ?? [:]
            return [f["control"], o["kind"], o["namespace"], o["name"], f["path"], f["value"], f["severity"]]
                .map { "\($0 ?? "-")" }.joined(separator: "|")
        }.sorted()
    }
}
