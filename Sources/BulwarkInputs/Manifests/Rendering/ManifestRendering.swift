import Foundation
import BulwarkModel

/// How folders holding a kustomization or a Helm chart are read: rendered as `kubectl kustomize`
/// / `helm template` render them, and scanned as what they render to.
public struct RenderSettings: Sendable {
    /// Where renderers are looked up: `PATH` unless `BULWARK_RENDER_PATH` is set (tests use it
    /// to run with no renderer, or a fake one).
    public var searchPath: String
    /// A renderer running longer is stopped and its folder read as if there were no renderer.
    public var timeout: Duration

    public init(searchPath: String, timeout: Duration = .seconds(60)) {
        self.searchPath = searchPath
        self.timeout = timeout
    }

    /// The settings from this process's environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> RenderSettings {
        RenderSettings(searchPath: environment["BULWARK_RENDER_PATH"] ?? environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// The first executable named `name` on the search path.
    func executable(_ name: String) -> String? {
        for dir in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: String(path)) { return String(path) }
        }
        return nil
    }
}

/// The plan for reading the paths a user gave when rendering is on: which files to read as they
/// are, and which rendered outputs to read in their place.
///
/// - A kustomization root (one no other kustomization in the same PATH argument references, and
///   not a `Component`) is rendered with `kubectl kustomize DIR`, else `kustomize build DIR`.
///   Every file it builds from is then read only through its output.
/// - A rendered object names as its file and line the resource file and line it came from, when
///   exactly one object of that kind and name (after the root's namePrefix/nameSuffix, in the same
///   namespace, or the only one of that kind and name) is in the root's resource files; otherwise
///   the root's folder, with the document and line of the renderer's output.
/// - Files that are not objects on their own — kustomization files, every file a kustomization
///   names as a patch or transformer configuration, and a Component's files — are never read as
///   objects. When a root cannot be rendered (no renderer, remote resources, the renderer failed,
///   ran past its time or printed too much), its resource files are read as they are and a
///   warning names the reason and how to render.
/// - A Helm chart folder (Chart.yaml and templates/) is rendered with `helm template`, or skipped
///   with a warning.
struct RenderPlan {
    var rawFiles: [String] = []
    var rendered: [ManifestReader.FileResult] = []
    var issues: [InputIssue] = []

    init(paths: [String], settings: RenderSettings, reader: ManifestReader) {
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard path != "-", fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                let (files, expandIssues) = ManifestFiles.expand([path])
                rawFiles += files
                issues += expandIssues
                continue
            }
            planFolder(path, settings: settings, reader: reader)
        }
    }

    private mutating func planFolder(_ path: String, settings: RenderSettings, reader: ManifestReader) {
        let fm = FileManager.default
        guard let relatives = DirectoryWalk.regularFiles(under: path, extensions: ManifestFiles.extensions) else {
            issues.append(InputIssue(file: path, message: "cannot read this folder"))
            return
        }
        let base = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.path
        func absolute(_ relative: String) -> String { base.hasSuffix("/") ? base + relative : base + "/" + relative }
        func display(_ absolutePath: String) -> String {
            guard absolutePath.hasPrefix(base) else { return absolutePath }
            let rest = absolutePath.dropFirst(base.count).drop { $0 == "/" }
            if rest.isEmpty { return path }
            return path.hasSuffix("/") ? path + rest : path + "/" + rest
        }
        var folders: Set<String> = [base]
        for r in relatives {
            if let slash = r.lastIndex(of: "/") { folders.insert(absolute(String(r[..<slash]))) }
        }

        // Helm charts: the top-most folders holding Chart.yaml and templates/.
        let chartFolders = folders.filter { fm.fileExists(atPath: $0 + "/Chart.yaml") && fm.fileExists(atPath: $0 + "/templates") }
        let topCharts = chartFolders.filter { chart in !chartFolders.contains { $0 != chart && chart.hasPrefix($0 + "/") } }.sorted()
        var excluded: Set<String> = []
        for chart in topCharts {
            for r in relatives where absolute(r).hasPrefix(chart + "/") { excluded.insert(absolute(r)) }
            renderChart(chart, display: display(chart), settings: settings, reader: reader)
        }

        var tree = KustomizationTree(directories: folders.filter { chart in !topCharts.contains { chart == $0 || chart.hasPrefix($0 + "/") } }.sorted(),
                                     maxBytes: reader.maxFileBytes)
        tree.loadReachable(maxBytes: reader.maxFileBytes)
        excluded.formUnion(tree.setAsideFiles)
        var renderedRoots: [String] = []
        for root in tree.roots {
            let closure = tree.closure(of: root)
            let where_ = display(root.directory)
            let setAside = closure.reduce(0) { $0 + $1.patchFiles.count + ($1.isComponent ? $1.resourceFiles.count : 0) }
            let howTo = "render it yourself (`kubectl kustomize \(where_) | bulwark scan -`) or pass --no-render to judge every file as it is"
            let fallback = "its resource files were read as they are, \(setAside) patch and component file(s) set aside"
            if let remote = closure.flatMap { $0.remoteReferences }.first {
                issues.append(InputIssue(file: where_, level: .warning, message:
                    "kustomization not rendered: it names the remote resource \(remote), and Bulwark never fetches anything; \(fallback); \(howTo)"))
                continue
            }
            let renderer: (name: String, executable: String, arguments: [String])
            if let kubectl = settings.executable("kubectl") {
                renderer = ("kubectl kustomize", kubectl, ["kustomize", root.directory])
            } else if let kustomize = settings.executable("kustomize") {
                renderer = ("kustomize build", kustomize, ["build", root.directory])
            } else {
                issues.append(InputIssue(file: where_, level: .warning, message:
                    "kustomization not rendered: neither kubectl nor kustomize is on PATH; \(fallback); install one of them, or \(howTo)"))
                continue
            }
            let process = BoundedProcess(executable: renderer.executable, arguments: renderer.arguments,
                                          timeout: settings.timeout, maxOutputBytes: reader.maxFileBytes)
            switch process.run(environment: BoundedProcess.rendererEnvironment(searchPath: settings.searchPath)) {
            case .failure(let failure):
                issues.append(InputIssue(file: where_, level: .warning, message:
                    "kustomization not rendered: `\(renderer.name)` \(failure); \(fallback); \(howTo)"))
            case .success(let output):
                var result = reader.parse(output, file: where_)
                let resourceFiles = closure.flatMap { $0.resourceFiles }
                excluded.formUnion(resourceFiles)
                result.objects = Self.traced(result.objects, to: resourceFiles, prefix: closure.map { $0.namePrefix }.joined(),
                                             suffix: closure.reversed().map { $0.nameSuffix }.joined(), reader: reader, display: display)
                rendered.append(result)
                renderedRoots.append(root.directory)
            }
        }
        // What `kubectl kustomize DIR` renders is all a rendered folder holds: a file under it that
        // its kustomization does not name (loadgenerator.yaml in microservices-demo's
        // kubernetes-manifests) is not part of the app, and is left out with a warning.
        for rootDirectory in renderedRoots {
            let unnamed = relatives.filter { r in
                let file = absolute(r)
                return !excluded.contains(file) && file.hasPrefix(rootDirectory + "/")
                    && !tree.inTree.keys.contains { $0 != rootDirectory && $0.hasPrefix(rootDirectory + "/") && file.hasPrefix($0 + "/") }
            }.sorted()
            guard let first = unnamed.first else { continue }
            for r in unnamed { excluded.insert(absolute(r)) }
            let more = unnamed.count > 1 ? " and \(unnamed.count - 1) more" : ""
            issues.append(InputIssue(file: display(rootDirectory), level: .warning, message:
                "\(display(absolute(first)))\(more) not read: the kustomization here does not name it, so `kubectl kustomize` leaves it out of what it renders; pass --no-render to read every file"))
        }
        rawFiles += relatives.filter { !excluded.contains(absolute($0)) }.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }.sorted()
    }

    private mutating func renderChart(_ chart: String, display: String, settings: RenderSettings, reader: ManifestReader) {
        guard let helm = settings.executable("helm") else {
            issues.append(InputIssue(file: display, level: .warning, message:
                "Helm chart skipped: helm is not on PATH; run `helm template \(display) | bulwark scan -` to scan what it renders"))
            return
        }
        let name = URL(fileURLWithPath: chart).lastPathComponent
        let process = BoundedProcess(executable: helm, arguments: ["template", name, chart],
                                      timeout: settings.timeout, maxOutputBytes: reader.maxFileBytes)
        switch process.run(environment: BoundedProcess.rendererEnvironment(searchPath: settings.searchPath)) {
        case .failure(let failure):
            issues.append(InputIssue(file: display, level: .warning, message:
                "Helm chart skipped: `helm template` \(failure); run `helm template \(display) | bulwark scan -` with the values you deploy"))
        case .success(let output):
            rendered.append(reader.parse(output, file: display))
        }
    }

    /// Rendered objects, each pointed back at the resource file and line it came from where that is
    /// unambiguous (see the type's documentation).
    static func traced(_ objects: [KubeObject], to resourceFiles: [String], prefix: String, suffix: String,
                       reader: ManifestReader, display: (String) -> String) -> [KubeObject] {
        struct Key: Hashable { var kind: String; var name: String }
        var sources: [Key: [(namespace: String, source: SourceLocation, value: Value)]] = [:]
        for file in Set(resourceFiles).sorted() {
            for o in reader.readFile(file).objects {
                guard let source = o.source else { continue }
                sources[Key(kind: o.kind, name: o.name), default: []].append((o.namespace,
                    SourceLocation(file: display(file), document: source.document, line: source.line), o.value))
            }
        }
        return objects.map { object in
            var name = object.name
            if !prefix.isEmpty, name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
            if !suffix.isEmpty, name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
            let candidates = sources[Key(kind: object.kind, name: name)] ?? sources[Key(kind: object.kind, name: object.name)] ?? []
            let sameNamespace = candidates.filter { $0.namespace == object.namespace }
            let pick = sameNamespace.count == 1 ? sameNamespace.first : (candidates.count == 1 ? candidates.first : nil)
            guard let pick else { return object }
            // Lines of the source file: a field the source has keeps its line there; one the
            // render added (a patch, a label) takes the line of its nearest ancestor in the source.
            return KubeObject(relined(object.value, source: pick.value, fallback: Int32(clamping: pick.source.line)),
                              source: pick.source)
        }
    }

    /// `rendered` with every mapping key's line taken from `source` (see `traced`). List items are
    /// paired by their `name` when both sides have one (containers, ports, env), else by position.
    static func relined(_ rendered: Value, source: Value?, fallback: Int32) -> Value {
        switch rendered {
        case .mapping(let m):
            let sourceMapping = source?.mapping
            var out = Mapping()
            out.entries.reserveCapacity(m.entries.count)
            for entry in m.entries {
                let match = sourceMapping?.entry(entry.key)
                let line = match.map(\.line).flatMap { $0 > 0 ? $0 : nil } ?? fallback
                out.entries.append(Mapping.Entry(key: entry.key, value: relined(entry.value, source: match?.value, fallback: line), line: line))
            }
            return .mapping(out)
        case .array(let items):
            let sourceItems = source?.array ?? []
            return .array(items.enumerated().map { index, item in
                let byName = item["name"]?.string.flatMap { name in sourceItems.first { $0["name"]?.string == name } }
                let paired = byName ?? (sourceItems.indices.contains(index) ? sourceItems[index] : nil)
                return relined(item, source: paired, fallback: fallback)
            })
        default:
            return rendered
        }
    }
}
