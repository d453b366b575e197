import ArgumentParser
import BulwarkModel
import BulwarkInputs
import BulwarkControls

/// Controls evaluated over one inventory, as `scan`, `node` and `probe` report them: exceptions
/// applied, input errors listed (fields of the wrong type met by the pod checks included), and the
/// exit code decided by `--fail-on` and `--strict`.
struct ControlsReport {
    let report: ScanReport
    let exitCode: Int32

    init(inventory: Inventory, settings: ScanSettings, controls: [Control], policy: ScanPolicyOptions) throws {
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
    }

    func write(to output: OutputOptions) throws {
        try output.write(try ReportRendering.render(report, format: output.format, style: try output.style()))
    }
}
