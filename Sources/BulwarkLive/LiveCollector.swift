import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkKubeconfig

/// Collects a cluster's objects into a snapshot: `/version`, discovery, a permission preflight
/// per resource (SelfSubjectAccessReview), paginated lists run a few at a time, and optionally
/// every node's kubelet configuration. Forbidden resources are recorded, never taken as empty.
public struct LiveCollector: Sendable {
    public var settings: ConnectionSettings
    public var options: CollectionOptions
    public var cache: ExecCredentialCache
    /// Called with a short progress text (the CLI shows it on a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(settings: ConnectionSettings, options: CollectionOptions = CollectionOptions(),
                cache: ExecCredentialCache = ExecCredentialCache(), progress: (@Sendable (String) -> Void)? = nil) {
        self.settings = settings; self.options = options; self.cache = cache; self.progress = progress
    }

    /// How the source is named in snapshots and in the report's errors.
    public var sourceDescription: String { "context \(settings.contextName) (\(settings.serverForMessages))" }

    public func collect(now: Date = Date()) async throws(LiveError) -> LiveCollection {
        let client = try await KubeAPIClient.make(settings, requestTimeout: options.requestTimeout, retry: options.retry, cache: cache)
        let result: Result<LiveCollection, LiveError>
        do { result = .success(try await collect(client, now: now)) } catch { result = .failure(error) }
        await client.shutdown()  // always: an HTTPClient that is not shut down traps in debug builds
        return try result.get()
    }

    func collect(_ client: KubeAPIClient, now: Date) async throws(LiveError) -> LiveCollection {
        var issues = connectionWarnings()
        let version = try await client.getOK("/version")
        let wanted = CollectionPlan.wanted(readSecrets: options.readSecrets)
        let discovery = try await Discovery.fetch(client, wanted: wanted)
        let types = wanted.compactMap { discovery.resource(group: $0.group, resource: $0.resource) }
        for problem in discovery.unreadable {
            issues.append(InputIssue(file: sourceDescription, level: .error,
                                     message: "discovery failed for \(problem); the resources it serves are missing from this scan"))
        }
        var forbidden: [Snapshot.Forbidden] = []
        if !options.readSecrets {
            // Not read on purpose (listing returns values); recorded so Secret controls are not assessed.
            forbidden.append(.init(group: "", resource: "secrets", kind: "Secret", namespace: options.namespace ?? "",
                                   reason: "not read without --read-secrets"))
        }
        let namespace = options.namespace
        let lister = ResourceLister(client: client, pageSize: options.pageSize, maxPages: options.maxPagesPerList)
        let counter = ProgressCounter()
        let progress = self.progress
        let total = types.count
        let results = try await Self.bounded(types, limit: options.concurrency) { type throws(LiveError) -> (ResourceLister.Outcome, String?) in
            if let answer = await AccessReview.canList(type, namespace: namespace, client: client), !answer.allowed {
                let why = answer.reason.isEmpty ? "" : " (\(answer.reason))"
                return (.forbidden("list not allowed by SelfSubjectAccessReview\(why)"), nil)
            }
            do throws(LiveError) {
                let outcome = try await lister.list(type, namespace: namespace)
                if let progress, case .objects(let found) = outcome {
                    let (done, objects) = await counter.add(objects: found.count)
                    progress("listed \(done)/\(total) resources, \(objects) objects (\(type.qualifiedName))")
                }
                return (outcome, nil)
            } catch {
                if error.kind == .unauthorized { throw error }
                return (.objects([]), error.description)
            }
        }
        var objects: [Value] = []
        for (type, (outcome, failure)) in zip(types, results) {
            if let failure {
                // Recorded (and reported) like a forbidden resource, so its controls are not assessed
                // here and in a scan of the snapshot alike.
                forbidden.append(.init(group: type.group, resource: type.resource, kind: type.kind,
                                       namespace: type.namespaced ? (namespace ?? "") : "", reason: failure, failed: true))
                continue
            }
            switch outcome {
            case .objects(let found): objects += found
            case .forbidden(let reason):
                forbidden.append(.init(group: type.group, resource: type.resource, kind: type.kind,
                                       namespace: type.namespaced ? (namespace ?? "") : "", reason: reason))
            }
        }
        var configz: [(node: String, config: Value)] = []
        if options.kubeletConfigz {
            let (found, denied, problems) = try await kubeletConfigz(client, nodes: objects.filter { $0["kind"]?.string == "Node" })
            configz = found
            if let denied { forbidden.append(denied) }
            issues += problems
        }
        let snapshot = Snapshot(createdAt: now, source: .init(kind: "live", description: sourceDescription),
                                serverVersion: version["gitVersion"]?.string, discovery: discovery.documents,
                                forbidden: forbidden, kubeletConfigz: configz, objects: objects)
        return LiveCollection(snapshot: snapshot, issues: issues)
    }

    /// Settings of the kubeconfig that weaken the connection, reported as warnings.
    func connectionWarnings() -> [InputIssue] {
        var issues: [InputIssue] = []
        if settings.insecureSkipTLSVerify {
            issues.append(InputIssue(file: settings.origin, level: .warning, message:
                "TLS verification disabled by kubeconfig (insecure-skip-tls-verify: true, context \(settings.contextName)): the API server's identity was not checked (S1)"))
        }
        if settings.server.hasPrefix("http://") {
            issues.append(InputIssue(file: settings.origin, level: .warning, message:
                "the API server \(settings.serverForMessages) is reached over plain HTTP: credentials and objects travel unencrypted (S1)"))
        }
        return issues
    }

    func kubeletConfigz(_ client: KubeAPIClient, nodes: [Value]) async throws(LiveError)
        -> ([(node: String, config: Value)], Snapshot.Forbidden?, [InputIssue]) {
        let names = nodes.compactMap { $0["metadata"]?["name"]?.string }
        let answers = try await Self.bounded(names, limit: options.concurrency) { name throws(LiveError) -> Result<Value?, LiveError> in
            let path = "/api/v1/nodes/\(PathEscaping.segment(name))/proxy/configz"
            do throws(LiveError) {
                let response = try await client.get(path)
                if response.status == 403 { return .success(nil) }
                guard response.status == 200 else {
                    return .failure(LiveError(.status(response.status), path: path, message: "HTTP \(response.status)"))
                }
                let value = try response.json(path: path)
                return .success(SnapshotRedaction.redactKubeletConfiguration(value["kubeletconfig"] ?? value))
            } catch {
                if error.kind == .unauthorized { throw error }
                return .failure(error)
            }
        }
        var found: [(node: String, config: Value)] = []
        var denied: Snapshot.Forbidden?
        var issues: [InputIssue] = []
        for (name, answer) in zip(names, answers) {
            switch answer {
            case .success(let config?): found.append((name, config))
            case .success(nil): denied = .init(group: "", resource: "nodes/proxy", kind: "KubeletConfiguration", reason: "get nodes/proxy forbidden: kubelet configuration not read")
            case .failure(let error):
                issues.append(InputIssue(file: sourceDescription, level: .warning, message: "cannot read the kubelet configuration of node \(name): \(error.description)"))
            }
        }
        return (found, denied, issues)
    }

    /// Runs `work` over `items` with at most `limit` in flight; results in input order.
    static func bounded<Item: Sendable, Output: Sendable>(
        _ items: [Item], limit: Int, _ work: @escaping @Sendable (Item) async throws(LiveError) -> Output
    ) async throws(LiveError) -> [Output] {
        let outcome: Result<[Output], LiveError> = await withTaskGroup(of: (Int, Result<Output, LiveError>).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                let index = next, item = items[index]
                next += 1
                group.addTask {
                    do throws(LiveError) { return (index, .success(try await work(item))) } catch { return (index, .failure(error)) }
                }
            }
            while next < min(limit, items.count) { start() }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let value): results[index] = value
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
                if next < items.count { start() }
            }
            return .success(results.compactMap { $0 })
        }
        return try outcome.get()
    }
}
