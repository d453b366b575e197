import XCTest
import BulwarkModel
@testable import BulwarkInputs

/// Kustomize and Helm folders read as they render (RenderPlan), the renderer found on an injected
/// search path so that both "kubectl present" and "no renderer" are tested on any machine.
final class RenderingTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A folder holding only a fake renderer script (`kubectl` by default).
    private func fakeRenderer(_ script: String, name: String = "kubectl") throws -> String {
        let bin = root.appendingPathComponent("fake-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let url = bin.appendingPathComponent(name)
        try ("#!/bin/sh\n" + script + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return bin.path
    }

    private var emptySearchPath: String {
        let empty = root.appendingPathComponent("no-renderers")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        return empty.path
    }

    private static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: web, image: nginx:1.27}]
    """

    private static let patch = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: web, securityContext: {privileged: true}}]
    """

    private static let policy = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny-all}
    spec: {podSelector: {}, policyTypes: [Ingress]}
    """

    /// base + overlay with a patch + an enabled component + a disabled one, as microservices-demo has.
    private func writeProject() throws {
        try write("app/base/kustomization.yaml", "resources:\n- web.yaml\n")
        try write("app/base/web.yaml", Self.deployment)
        try write("app/overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../base]
        components: [../components/policies]
        patches:
        - path: privileged-patch.yaml
        """)
        try write("app/overlay/privileged-patch.yaml", Self.patch)
        try write("app/components/policies/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [deny.yaml]\n")
        try write("app/components/policies/deny.yaml", Self.policy)
        try write("app/components/unused/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [extra.yaml]\n")
        try write("app/components/unused/extra.yaml", Self.policy.replacingOccurrences(of: "deny-all", with: "extra"))
    }

    // MARK: - the kustomization tree

    func testRootsAreTheKustomizationsNoOtherReferencesAndNeverAComponent() throws {
        try writeProject()
        let app = root.appendingPathComponent("app").standardizedFileURL.path
        let tree = KustomizationTree(directories: ["base", "overlay", "components/policies", "components/unused"].map { app + "/" + $0 },
                                     maxBytes: 1 << 20)
        XCTAssertEqual(tree.roots.map(\.directory), [app + "/overlay"], "base is referenced; the unused Component is not a root")
        let overlay = try XCTUnwrap(tree.inTree[app + "/overlay"])
        XCTAssertEqual(Set(tree.closure(of: overlay).map(\.directory)), [app + "/overlay", app + "/base", app + "/components/policies"])
        XCTAssertEqual(tree.setAsideFiles, Set([
            "base/kustomization.yaml", "overlay/kustomization.yaml", "overlay/privileged-patch.yaml",
            "components/policies/kustomization.yaml", "components/policies/deny.yaml",
            "components/unused/kustomization.yaml", "components/unused/extra.yaml",
        ].map { app + "/" + $0 }))
        // Scanned alone, the base is a root.
        let baseOnly = KustomizationTree(directories: [app + "/base"], maxBytes: 1 << 20)
        XCTAssertEqual(baseOnly.roots.map(\.directory), [app + "/base"])
    }

    func testRemoteReferencesAreRecognised() {
        for remote in ["https://github.com/org/repo/config?ref=v1", "github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6",
                       "git@github.com:org/repo.git", "ssh://git@example.com/repo.git", "git::https://example.com/r",
                       "http://example.com/all.yaml", "example.com/org/repo.git//deploy?ref=main"] {
            XCTAssertTrue(Kustomization.isRemote(remote), remote)
        }
        for local in ["../base", "deployment.yaml", "github-config.yaml", "./components/github.com-like"] {
            XCTAssertFalse(Kustomization.isRemote(local), local)
        }
    }

    // MARK: - without a renderer: patches and components set aside

    func testWithoutARendererPatchesAndComponentsAreSetAsideWithAWarning() throws {
        try writeProject()
        let reader = ManifestReader(render: RenderSettings(searchPath: emptySearchPath))
        let path = root.appendingPathComponent("app").path
        let inventory = reader.read([path])
        // Only the base's Deployment is an object; the privileged patch, the Components' policies
        // and the kustomization files are not judged as objects.
        XCTAssertEqual(inventory.objects.map { "\($0.kind)/\($0.name)" }, ["Deployment/web"])
        XCTAssertEqual(inventory.objects.first?.source?.file, path + "/base/web.yaml")
        let warning = try XCTUnwrap(inventory.issues.first { $0.message.contains("not rendered") })
        XCTAssertEqual(warning.level, .warning)
        XCTAssertEqual(warning.file, path + "/overlay")
        XCTAssertTrue(warning.message.contains("neither kubectl nor kustomize is on PATH"), warning.message)
        XCTAssertTrue(warning.message.contains("kubectl kustomize \(path)/overlay | bulwark scan -"), warning.message)
        // The old behaviour stays behind --no-render (render nil): every file is an object.
        let raw = ManifestReader().read([path])
        XCTAssertEqual(raw.objects.filter { $0.kind == "NetworkPolicy" }.count, 2)
        XCTAssertEqual(raw.objects.filter { $0.kind == "Deployment" }.count, 2)
    }

    func testARootNamingARemoteResourceIsNotRenderedAndFallsBack() throws {
        try write("remote/kustomization.yaml", "resources:\n- web.yaml\n- https://github.com/org/repo/deploy?ref=v1\npatches:\n- path: p.yaml\n")
        try write("remote/web.yaml", Self.deployment)
        try write("remote/p.yaml", Self.patch)
        // A renderer that would succeed: it must not even be started for a remote root.
        let marker = root.appendingPathComponent("started").path
        let bin = try fakeRenderer("/usr/bin/touch \(marker); echo 'apiVersion: v1'; echo 'kind: ConfigMap'; echo 'metadata: {name: fetched}'")
        let inventory = ManifestReader(render: RenderSettings(searchPath: bin)).read([root.appendingPathComponent("remote").path])
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the renderer was started for a remote kustomization")
        XCTAssertEqual(inventory.objects.map(\.name), ["web"])
        let warning = try XCTUnwrap(inventory.issues.first { $0.level == .warning })
        XCTAssertTrue(warning.message.contains("remote resource https://github.com/org/repo/deploy?ref=v1"), warning.message)
    }

    // MARK: - a renderer that fails, hangs or floods

    private func fallbackWarning(script: String, timeout: Duration = .seconds(60), maxBytes: Int = 256 << 20) throws -> (Inventory, InputIssue) {
        try writeProject()
        let bin = try fakeRenderer(script)
        var reader = ManifestReader(maxFileBytes: maxBytes, render: RenderSettings(searchPath: bin, timeout: timeout))
        reader.maxFileBytes = maxBytes
        let inventory = reader.read([root.appendingPathComponent("app").path])
        // Fallback: the base's file as it is, the patch and components still set aside.
        XCTAssertEqual(inventory.objects.map { "\($0.kind)/\($0.name)" }, ["Deployment/web"])
        XCTAssertNil(inventory.objects.first?.value["spec"]?["template"]?["spec"]?["containers"]?[0]?["securityContext"])
        return (inventory, try XCTUnwrap(inventory.issues.first { $0.message.contains("not rendered") }))
    }

    func testAFailingRenderFallsBackNamingTheError() throws {
        let (_, warning) = try fallbackWarning(script: "echo 'Error: accumulating resources: missing.yaml: no such file' >&2; exit 1")
        XCTAssertEqual(warning.level, .warning)
        XCTAssertTrue(warning.message.contains("`kubectl kustomize` exited with status 1: Error: accumulating resources: missing.yaml: no such file"), warning.message)
    }

    func testARendererRunningPastItsTimeIsStopped() throws {
        let started = Date()
        let (_, warning) = try fallbackWarning(script: "exec /bin/sleep 30", timeout: .seconds(1))
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(warning.message.contains("did not finish within 1 s"), warning.message)
    }

    func testARendererPrintingTooMuchIsStopped() throws {
        let started = Date()
        let (_, warning) = try fallbackWarning(script: "exec /usr/bin/yes 'apiVersion: v1'", maxBytes: 1 << 16)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(warning.message.contains("printed more than 65536 bytes"), warning.message)
    }

    func testTheRendererGetsNoneOfTheUsersEnvironmentAndNoNetwork() throws {
        try write("env/kustomization.yaml", "resources: [web.yaml]\n")
        try write("env/web.yaml", Self.deployment)
        try write("env/unnamed.yaml", Self.policy)
        let dump = root.appendingPathComponent("env.txt").path
        let bin = try fakeRenderer("/usr/bin/env > \(dump); echo \"$@\" >> \(dump); /bin/cat \(root.path)/env/web.yaml")
        setenv("BULWARK_TEST_SECRET_TOKEN", "do-not-pass", 1)
        defer { unsetenv("BULWARK_TEST_SECRET_TOKEN") }
        let inventory = ManifestReader(render: RenderSettings(searchPath: bin)).read([root.appendingPathComponent("env").path])
        XCTAssertEqual(inventory.objects.map(\.name), ["web"])
        let env = try String(contentsOfFile: dump, encoding: .utf8)
        XCTAssertFalse(env.contains("do-not-pass"))
        XCTAssertTrue(env.contains("HTTPS_PROXY=http://127.0.0.1:9"))
        XCTAssertTrue(env.contains("GIT_ALLOW_PROTOCOL=file"))
        XCTAssertTrue(env.contains("kustomize \(root.appendingPathComponent("env").standardizedFileURL.path)"))
        // The rendered object points back at its resource file and line.
        XCTAssertEqual(inventory.objects.first?.source?.file, root.appendingPathComponent("env").path + "/web.yaml")
        XCTAssertEqual(inventory.objects.first?.source?.line, 1)
        // A file the kustomization does not name is not part of what it renders.
        let unnamed = try XCTUnwrap(inventory.issues.first)
        XCTAssertEqual(unnamed.level, .warning)
        XCTAssertTrue(unnamed.message.contains("unnamed.yaml not read: the kustomization here does not name it"), unnamed.message)
    }

    func testARenderedObjectTakesItsSourceFilesLinesAndAddedFieldsTheirAncestorsLine() throws {
        let source = try XCTUnwrap(ManifestReader().parse(Array(("# comment\n\n" + Self.deployment).utf8), file: "web.yaml").objects.first)
        // As kustomize prints it: keys sorted, a patch's securityContext merged into the container.
        let rendered = try XCTUnwrap(ManifestReader().parse(Array("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - image: nginx:1.27
                name: web
                securityContext:
                  privileged: true
        """.utf8), file: "overlay").objects.first)
        let traced = RenderPlan.relined(rendered.value, source: source.value, fallback: 3)
        XCTAssertEqual(traced.line(at: FieldPath("metadata.name")), 5)
        XCTAssertEqual(traced.line(at: FieldPath("spec.template.spec.containers[0].image")), 9, "the flow-style container's line")
        XCTAssertEqual(traced.line(at: FieldPath("spec.template.spec.containers[0].securityContext.privileged")), 9,
                       "a patched-in field points at the nearest field the source file has")
    }

    // MARK: - Helm

    func testAHelmChartWithoutHelmIsSkippedWithAWarning() throws {
        try write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n")
        try write("chart/values.yaml", "image: nginx\n")
        try write("chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: {{ .Release.Name }}}\n")
        try write("plain.yaml", Self.policy)
        let inventory = ManifestReader(render: RenderSettings(searchPath: emptySearchPath)).read([root.path])
        XCTAssertEqual(inventory.objects.map(\.kind), ["NetworkPolicy"])
        XCTAssertEqual(inventory.issues.filter { $0.level == .error }, [], "template files are not parsed")
        let warning = try XCTUnwrap(inventory.issues.first)
        XCTAssertEqual(warning.level, .warning)
        XCTAssertTrue(warning.message.contains("helm is not on PATH"), warning.message)
    }

    func testAHelmChartIsRenderedByHelmTemplate() throws {
        try write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n")
        try write("chart/templates/deploy.yaml", "{{ .Values }}\n")
        let bin = try fakeRenderer("[ \"$1\" = template ] || exit 3; printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: %s}\\n' \"$2\"", name: "helm")
        let inventory = ManifestReader(render: RenderSettings(searchPath: bin)).read([root.path])
        XCTAssertEqual(inventory.objects.map { "\($0.kind)/\($0.name)" }, ["ConfigMap/chart"])
        XCTAssertEqual(inventory.issues, [])
    }
}
