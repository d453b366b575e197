import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkControls
import BulwarkNode
import BulwarkProbe

/// `bulwark node`: reads this node (or a node filesystem under --root) and runs every control over
/// what it found; same report formats, schema and exit codes as `bulwark scan`.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Check a node: component command lines, kubelet config, kernel modules, SELinux/AppArmor, file modes of PKI and kubeconfigs.",
        discussion: """
        Reads, under --root (default /): Kubernetes processes' command lines (/proc/*/cmdline), static \
        pod manifests, the kubelet's systemd unit and the config file its --config names (plus \
        --config-dir drop-ins; flags override the file, as the kubelet does), the k3s config, \
        modprobe.d and /proc/modules, SELinux and AppArmor state, PKI files and kubeconfigs (mode \
        and owner, named from the root's own etc/passwd and etc/group), and the EncryptionConfiguration, \
        audit policy and admission config the API server's flags name. Nothing is written and nothing \
        is sent anywhere; private keys and tokens are never printed. What the node scan could not find \
        is reported as not assessed, with the paths it searched.

        Examples:
          sudo bulwark node
          bulwark node --root /mnt/node1 -o json
          bulwark node --root examples/node --fail-on critical
        """)

    @Option(help: ArgumentHelp("The node's filesystem root (a mounted node image or a copy of its files).", valueName: "dir"))
    var root: String = "/"

    @OptionGroup var judgement: JudgementOptions
    @OptionGroup var policy: ScanPolicyOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Also probe the endpoints the node reports (kube-apiserver and etcd addresses from their flags; with --root /, the kubelet on 127.0.0.1:10250 and :10255), as `bulwark probe` does. No credentials are sent.")
    var probe = false

    @Option(name: .customLong("probe-timeout"), help: ArgumentHelp("Seconds allowed for each probe connection.", valueName: "seconds"))
    var probeTimeout: Double = 2

    func validate() throws {
        guard probeTimeout > 0, probeTimeout <= 120 else { throw ValidationError("--probe-timeout must be between 0 and 120 seconds, not \(probeTimeout).") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root \(root) is not a directory.")
        }
    }

    func run() async throws {
        var inventory = NodeReader(root: root).read()
        if probe { await addProbes(to: &inventory) }
        var settings = try policy.settings(judgement)
        settings.cveDatabase = try CVECommand.database()
        let evaluation = try ControlsReport(inventory: inventory, settings: settings, controls: Catalog.controls, policy: policy)
        try evaluation.write(to: output)
        // The report is written: only the exit code is left to give.
        if evaluation.exitCode != 0 { throw ReportedExit(evaluation.exitCode) }
    }

    /// Whether `--root` is this machine: only then do loopback addresses mean the node itself.
    var scansThisMachine: Bool { URL(fileURLWithPath: root).standardizedFileURL.path == "/" }

    /// Probes the endpoints the node's components report, adding `EndpointProbe` objects.
    private func addProbes(to inventory: inout Inventory) async {
        var targets = ProbeDiscovery.targets(inventory, kubeconfigServer: nil)
        let kubeletHere = !inventory.objects(ofKind: "NodeProcess").filter { $0.value["component"]?.string == "kubelet" }.isEmpty
        if scansThisMachine && kubeletHere {
            for (port, component) in [(10250, EndpointProbe.Component.kubelet), (10255, .kubeletReadOnly)]
            where !targets.contains(where: { $0.port == port }) {
                targets.append(ProbeTarget(host: "127.0.0.1", port: port, component: component))
            }
        }
        if !scansThisMachine {
            // A loopback address read from a node mounted elsewhere would reach this machine instead.
            let loopback = targets.filter { $0.host == "localhost" || $0.host.hasPrefix("127.") || $0.host == "::1" }
            for t in loopback {
                inventory.add(issue: InputIssue(file: "--probe", level: .warning,
                                                message: "\(t.host):\(t.port) not probed: a loopback address of the node under --root \(root) is not reachable from here"))
            }
            targets.removeAll { t in loopback.contains(t) }
        }
        if targets.isEmpty {
            inventory.add(issue: InputIssue(file: "--probe", level: .warning, message: "no endpoint to probe: the node reports no API server, etcd or kubelet address"))
            return
        }
        let timeout = Duration.milliseconds(Int64((probeTimeout * 1000).rounded()))
        for p in await ProbeRun(prober: EndpointProber(timeout: timeout)).run(targets) { inventory.add(p.object) }
    }
}
