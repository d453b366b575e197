import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkKubeconfig
import BulwarkLive

/// What a live collection reads beyond the default kinds. Only on the commands whose controls use
/// it (`scan`, `snapshot`): `pss`, `rbac` and `netpol` judge neither Secrets nor kubelet settings.
struct LiveExtrasOptions: ParsableArguments {
    @Flag(help: "Also list Secrets. Their values are dropped as soon as they arrive; only type, metadata and key names are kept.")
    var readSecrets = false

    @Flag(help: "Read every node's kubelet configuration through nodes/NAME/proxy/configz (needs get on nodes/proxy).")
    var kubeletConfigz = false

    /// Whether an opt-in was given (which asks for a live cluster).
    var isRequested: Bool { readSecrets || kubeletConfigz }
}

/// How to reach a live cluster: kubectl's kubeconfig flags.
struct ClusterOptions: ParsableArguments {
    @Flag(help: "Scan the live cluster of the kubeconfig context (the default when no path and no --snapshot is given).")
    var live = false

    @Option(help: ArgumentHelp("The kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).", valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use (default: its current-context).", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Timeout of each API request, e.g. 30s or 1m.", valueName: "duration"))
    var requestTimeout: String = "30s"

    /// Whether a live flag was given explicitly.
    var isRequested: Bool { live || kubeconfig != nil || context != nil }

    func validate() throws {
        if Self.seconds(requestTimeout) == nil {
            throw ValidationError("--request-timeout must be a finite positive duration of at most 24h such as 30s, 2m or 45, not '\(requestTimeout)'.")
        }
    }

    /// The longest --request-timeout accepted: a day. Longer (or `inf`, `1e300`) is a typo, and
    /// the HTTP client counts in 64-bit nanoseconds, which such values overflow.
    static let maximumRequestTimeout: Double = 24 * 3600

    /// `30`, `30s`, `2m`, `500ms`, as kubectl's --request-timeout; nil for anything not a finite
    /// positive number of at most `maximumRequestTimeout` seconds (nan, inf, negative, zero).
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text)
        var factor: Double = 1
        for (suffix, f) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count); factor = f
            break
        }
        guard let n = Double(number), n.isFinite, n > 0 else { return nil }
        let seconds = n * factor
        guard seconds.isFinite, seconds > 0, seconds <= maximumRequestTimeout else { return nil }
        return seconds
    }

    /// Collects the cluster. Kubeconfig and connection problems are usage errors (exit 2); they
    /// never print a credential.
    func collect(namespace: String? = nil, extras: LiveExtrasOptions? = nil) async throws -> LiveCollection {
        let settings: ConnectionSettings
        do { settings = try KubeconfigLoader(explicitPath: kubeconfig).resolve(context: context) } catch {
            throw ValidationError("Cannot use the kubeconfig: \(error.description)")
        }
        let options = CollectionOptions(namespace: namespace, readSecrets: extras?.readSecrets ?? false,
                                        kubeletConfigz: extras?.kubeletConfigz ?? false,
                                        requestTimeout: Self.seconds(requestTimeout) ?? 30)
        // One line rewritten in place, only on a terminal (logs and CI output stay clean).
        let onTerminal = isatty(2) == 1
        let progress: (@Sendable (String) -> Void)? = onTerminal ? Self.showProgress : nil
        let collector = LiveCollector(settings: settings, options: options, progress: progress)
        defer { if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        do { return try await collector.collect() } catch {
            throw ValidationError("Cannot collect from \(collector.sourceDescription): \(error.description)")
        }
    }

    @Sendable static func showProgress(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[Kbulwark: \(text)".utf8))
    }

    /// Forbidden or skipped resources as report warnings, and failed lists as errors, so that
    /// missing objects are never mistaken for a clean cluster.
    static func issues(forbidden: [Snapshot.Forbidden], source: String) -> [InputIssue] {
        forbidden.map { f in
            let name = f.qualifiedName
            let scope = f.namespace.isEmpty ? "" : " in namespace \(f.namespace)"
            if f.failed {
                return InputIssue(file: source, level: .error,
                                  message: "cannot list \(name)\(scope): \(f.reason); its objects are missing from this scan and controls that need them are not assessed")
            }
            return InputIssue(file: source, level: .warning,
                              message: "forbidden: \(name)\(scope) not collected (\(f.reason)); controls that need \(name) are not assessed")
        }
    }
}
