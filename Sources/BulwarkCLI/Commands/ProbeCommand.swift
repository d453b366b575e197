import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkControls
import BulwarkProbe

struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe component ports: plain HTTP, anonymous kubelet and etcd access, TLS versions and cipher suites.",
        discussion: """
        For each HOST, the well-known component ports are probed (6443, 8080, 10250, 10255, 2379, \
        2380, 10257, 10259); HOST:PORT probes one port, and COMPONENT=HOST:PORT says what a \
        non-standard port serves (kube-apiserver, kube-apiserver-insecure, kubelet, kubelet-read-only, \
        etcd, etcd-peer, kube-controller-manager, kube-scheduler). A closed port is "not listening" (the exposure is \
        absent); a port that does not answer within --timeout is not assessed.

        No credentials are ever sent, except the etcd client certificate given for the live \
        encryption check (--etcd-endpoint), which reads a few keys under /registry/secrets/ and \
        reports whether their stored values start with k8s:enc: — the values are never printed.

        Examples:
          bulwark probe 10.0.0.10
          bulwark probe 10.0.0.10:6443 node-1:10250 -o json
          bulwark probe etcd=127.0.0.1:32379 --timeout 1
          bulwark probe --etcd-endpoint https://10.0.0.10:2379 --etcd-cert c.crt --etcd-key c.key --etcd-ca ca.crt
        """)

    @Argument(help: ArgumentHelp("Endpoints to probe.", valueName: "[COMPONENT=]HOST[:PORT]"))
    var targets: [String] = []

    @Option(help: ArgumentHelp("Seconds allowed for each connection (connect, handshake, answer).", valueName: "seconds"))
    var timeout: Double = 2

    @Flag(name: .customLong("no-cipher-suites"), help: "Do not try each TLS ≤ 1.2 cipher suite (fewer connections).")
    var noCipherSuites = false

    @Option(name: .customLong("etcd-endpoint"), help: ArgumentHelp("etcd client URL for the live encryption check (S16).", valueName: "url"))
    var etcdEndpoint: String?

    @Option(name: .customLong("etcd-cert"), help: ArgumentHelp("Client certificate (PEM) for --etcd-endpoint.", valueName: "file"))
    var etcdCert: String?

    @Option(name: .customLong("etcd-key"), help: ArgumentHelp("Client key (PEM) for --etcd-endpoint.", valueName: "file"))
    var etcdKey: String?

    @Option(name: .customLong("etcd-ca"), help: ArgumentHelp("CA certificate (PEM) that signed etcd's serving certificate.", valueName: "file"))
    var etcdCA: String?

    @Option(name: .customLong("etcd-sample"), help: ArgumentHelp("How many Secret keys the live check reads.", valueName: "n"))
    var etcdSample: Int = 20

    @OptionGroup var policy: ScanPolicyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if targets.isEmpty && etcdEndpoint == nil { throw ValidationError("Give at least one HOST[:PORT] to probe, or --etcd-endpoint.") }
        guard timeout > 0, timeout <= 120 else { throw ValidationError("--timeout must be between 0 and 120 seconds, not \(timeout).") }
        guard (1...1000).contains(etcdSample) else { throw ValidationError("--etcd-sample must be between 1 and 1000.") }
        if etcdEndpoint == nil, etcdCert != nil || etcdKey != nil || etcdCA != nil {
            throw ValidationError("--etcd-cert, --etcd-key and --etcd-ca go with --etcd-endpoint.")
        }
    }

    func run() async throws {
        let settings = try policy.settings()
        var parsed: [ProbeTarget] = []
        do {
            for t in targets { parsed += try ProbeTarget.parse(t) }
        } catch {
            throw ValidationError(error.description)
        }
        let duration = Duration.milliseconds(Int64((timeout * 1000).rounded()))
        var etcdCheck: EtcdSecretsCheck?
        if let etcdEndpoint {
            for file in [etcdCert, etcdKey, etcdCA].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
                throw ValidationError("Cannot read \(file).")
            }
            do {
                etcdCheck = try EtcdSecretsCheck(url: etcdEndpoint, certificate: etcdCert, key: etcdKey, ca: etcdCA,
                                                 timeout: duration, limit: etcdSample)
            } catch { throw ValidationError(error.description) }
        }
        let run = ProbeRun(prober: EndpointProber(timeout: duration, cipherSuites: !noCipherSuites), etcdSecrets: etcdCheck)
        let probes = await run.run(parsed)
        var inventory = Inventory()
        for p in probes { inventory.add(p.object) }

        let evaluation = try ControlsReport(inventory: inventory, settings: settings, controls: ControlCatalog.probeControls, policy: policy)
        try evaluation.write(to: output)
        // The report is written: only the exit code is left to give.
        if evaluation.exitCode != 0 { throw ReportedExit(evaluation.exitCode) }
    }
}
