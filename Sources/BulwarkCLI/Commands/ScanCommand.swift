import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkControls
import BulwarkVersions
import BulwarkKubeconfig
import BulwarkProbe

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check manifests, a live cluster, a snapshot or a node against every control of \"Securing a Cluster\" and report the results.",
        discussion: """
        Each control reports pass, fail or not assessed (with the reason: a control never passes for \
        lack of facts). Findings name the object, file and line, the field path, the value seen and the fix.

        Examples:
          bulwark scan examples/insecure
          bulwark scan k8s/ --fail-on medium -o sarif --output-file bulwark.sarif
          helm template ./chart | bulwark scan - -o json
          bulwark scan k8s/ --pss-level baseline --pss-version v1.29 --kube-version 1.29
          bulwark scan k8s/ --exceptions exceptions.yaml --now 2026-01-31T00:00:00Z
          bulwark scan --snapshot cluster.json.gz
          bulwark scan --context prod --probe          (a live cluster, and its endpoints)
          bulwark scan k8s/ --node-root /mnt/node1     (manifests and a node's files, one report)
          bulwark scan k8s/ --baseline main.json       (exit 1 only for findings new since main.json)

        Exceptions: annotate an object with bulwark.io/ignore: "BW-S6-104,BW-S5-001" and \
        bulwark.io/ignore-reason: "why", or list them in --exceptions FILE. Expired exceptions stop \
        hiding findings and are reported as expired.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Live cluster") var scope: NamespaceScopeOptions
    @OptionGroup(title: "Live cluster") var extras: LiveExtrasOptions
    @OptionGroup var judgement: JudgementOptions
    @OptionGroup var policy: ScanPolicyOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print how long reading, controls and rendering took, to standard error.")
    var timings = false

    @Option(help: ArgumentHelp("A JSON report of an earlier scan: only findings new since then count toward the exit code (a pull request fails only for what it made worse). The report itself is unchanged.", valueName: "old.json"))
    var baseline: String?

    @Flag(help: "Also probe the endpoints the input reports (the live context's API server, kube-apiserver and etcd addresses from their flags, Node InternalIPs at the kubelet ports), as `bulwark probe` does.")
    var probe = false

    @Option(name: .customLong("probe-timeout"), help: ArgumentHelp("Seconds allowed for each probe connection.", valueName: "seconds"))
    var probeTimeout: Double = 2

    func validate() throws {
        guard probeTimeout > 0, probeTimeout <= 120 else { throw ValidationError("--probe-timeout must be between 0 and 120 seconds, not \(probeTimeout).") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var (inventory, serverVersion) = try await input.read(scope: scope, extras: extras)
        if probe { await addProbes(to: &inventory) }
        let read = clock.now
        // A cluster's own version is the target unless --kube-version says otherwise.
        var settings = try policy.settings(judgement, serverVersion: serverVersion)
        settings.cveDatabase = try CVECommand.database()
        var evaluation = try ControlsReport(inventory: inventory, settings: settings, controls: Catalog.controls, policy: policy, started: start)
        if let baseline {
            let diff = try evaluation.judgeAgainst(baseline: baseline, failOn: policy.failOn)
            let s = diff.summary
            Diagnostics.note("baseline \(baseline): \(s.new) new, \(s.resolved) resolved, \(s.unchanged) unchanged, \(s.incomparable) incomparable")
        }
        let evaluated = clock.now
        try evaluation.write(to: output)
        if timings {
            let rendered = clock.now
            Diagnostics.note("timings: read=\(Diagnostics.seconds(read - start)) controls=\(Diagnostics.seconds(evaluated - read)) render=\(Diagnostics.seconds(rendered - evaluated)) objects=\(inventory.objects.count)")
        }
        // The report is written: only the exit code is left to give.
        if evaluation.exitCode != 0 { throw ReportedExit(evaluation.exitCode) }
    }

    /// Probes what the inventory (and the live context's server) reports and adds the results as
    /// `EndpointProbe` objects. No credentials are sent.
    private func addProbes(to inventory: inout Inventory) async {
        var server: String?
        if input.readsLiveCluster(scope: scope, extras: extras) {
            server = try? KubeconfigLoader(explicitPath: input.cluster.kubeconfig).resolve(context: input.cluster.context).server
        }
        let targets = ProbeDiscovery.targets(inventory, kubeconfigServer: server)
        if targets.isEmpty {
            inventory.add(issue: InputIssue(file: "--probe", level: .warning, message: "no endpoint to probe: the input reports no API server, etcd or node address"))
            return
        }
        let timeout = Duration.milliseconds(Int64((probeTimeout * 1000).rounded()))
        for p in await ProbeRun(prober: EndpointProber(timeout: timeout)).run(targets) { inventory.add(p.object) }
    }

    /// 1 when a finding at or above `failOn` remains; 2 under `--strict` when the scan is
    /// incomplete: an input error, or a control not assessed because something given could not be
    /// read, was refused or did not answer, or because the control could not judge an object
    /// (2 wins over 1). Controls whose kind of input was not
    /// given at all (no node in a manifest scan) never make a scan incomplete.
    static func exitCode(_ outcome: ControlRunner.Outcome, issues: [InputIssue], failOn: Severity, strict: Bool) -> Int32 {
        if strict && (issues.contains { $0.level == .error } || outcome.results.contains { $0.cause == .inputUnreadable || $0.cause == .controlError }) {
            return 2
        }
        return outcome.findings.contains { $0.severity >= failOn } ? 1 : 0
    }
}
