import ArgumentParser
import BulwarkModel
import BulwarkInputs
import BulwarkControls
import BulwarkReports

/// Controls evaluated over one inventory, as `scan`, `node` and `probe` report them: exceptions
/// applied, input errors listed (fields of the wrong type met by the pod checks included), and the
/// exit code decided by `--fail-on` and `--strict`.
struct ControlsReport {
    private(set) var report: ScanReport
    private(set) var exitCode: Int32

    /// `started`: when the command began reading, for the report's duration.
    init(inventory: Inventory, settings: ScanSettings, controls: [Control], policy: ScanPolicyOptions,
         started: ContinuousClock.Instant? = nil) throws {
        var rules: [ExceptionRule] = []
        if let path = policy.exceptions {
            do { rules = try ExceptionsFile.load(path) } catch {
                throw ValidationError("Exceptions file \(error.description)")
            }
            // A typo in a control ID would except nothing, silently.
            let known = Catalog.controls.map(\.id)
            for rule in rules where !known.contains(where: { Glob.matches(rule.control, $0) }) {
                throw ValidationError("Exceptions file \(rule.source): \(rule.control) names no control (`bulwark controls` lists them).")
            }
        }
        let context = ScanContext(inventory: inventory, settings: settings)
        let outcome = ControlRunner.run(controls, context: context, exceptions: rules)
        let issues = inventory.issues + context.malformedFields
        exitCode = ScanCommand.exitCode(outcome, issues: issues, failOn: policy.failOn, strict: policy.strict)
        report = ScanReport(
            toolVersion: BulwarkCommand.version, generatedAt: settings.now,
            settings: .init(pssLevel: settings.pssLevel.rawValue, pssVersion: settings.pssVersion.description,
                            kubeVersion: settings.kubeVersion.description, failOn: policy.failOn),
            objects: inventory.objects.count, findings: outcome.findings, results: outcome.results,
            exceptions: outcome.exceptions, errors: issues, exitCode: Int(exitCode))
        if let started {
            let elapsed = ContinuousClock.now - started
            report.summary.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// `--baseline OLD.json`: only findings new since that scan count toward the exit code (an
    /// incomplete scan under --strict still exits 2). Returns the comparison for a note.
    mutating func judgeAgainst(baseline path: String, failOn: Severity) throws -> ReportDiff {
        let old: ScanReport
        do { old = try ReportDiff.load(path) } catch { throw ValidationError("--baseline \(error)") }
        let diff = ReportDiff(old: old, new: report)
        if exitCode != 2 { exitCode = diff.new.contains { $0.severity >= failOn } ? 1 : 0 }
        report.summary.exitCode = Int(exitCode)
        return diff
    }

    func write(to output: OutputOptions) throws {
        try output.write(try ReportRendering.render(report, format: output.format, style: try output.style()))
    }
}
