import BulwarkModel
import Prometheus

/// Prometheus text exposition of one scan (`-o prometheus`, and `serve`'s `/metrics`), through
/// swift-prometheus's registry. Labels stay bounded — control, section, severity, status — so a
/// cluster with thousands of findings still gives a few hundred series; per-object samples only
/// with `style.metricsPerObject` (`--metrics-per-object`).
public struct PrometheusRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let registry = PrometheusCollectorRegistry()
        let statusHelp = "1 for the status each control had in the last scan, per control."
        for result in report.results.sorted(by: { ControlOrder.precedes($0.control, $1.control) }) {
            registry.makeGauge(name: "bulwark_control_result", labels: [
                ("control", result.control), ("section", result.section.id),
                ("severity", result.severity.rawValue), ("status", result.status.rawValue),
            ], help: statusHelp).set(1.0)
        }
        let findingsHelp = "Findings left after exceptions, by guide section and severity."
        var counts: [GuideSection: [Severity: Int]] = [:]
        for finding in report.findings { counts[finding.section, default: [:]][finding.severity, default: 0] += 1 }
        for section in GuideSection.allCases where report.results.contains(where: { $0.section == section }) {
            for severity in Severity.allCases {
                registry.makeGauge(name: "bulwark_findings", labels: [("section", section.id), ("severity", severity.rawValue)],
                                   help: findingsHelp).set(Double(counts[section]?[severity] ?? 0))
            }
        }
        for summary in report.summary.sections {
            guard let score = summary.score else { continue }
            registry.makeGauge(name: "bulwark_section_score", labels: [("section", summary.section.id)],
                               help: "Share of the section's assessed controls that pass, 0 to 100.").set(Double(score))
        }
        registry.makeGauge(name: "bulwark_scan_objects", help: "Objects the scan read.").set(Double(report.summary.objects))
        if let time = RFC3339.parse(report.generatedAt) {
            registry.makeGauge(name: "bulwark_scan_timestamp_seconds", help: "When the scan ran, Unix time.")
                .set(time.timeIntervalSince1970)
        }
        registry.makeGauge(name: "bulwark_scan_duration_seconds", help: "How long the scan took, reading included.")
            .set(report.summary.durationSeconds ?? 0)
        registry.makeGauge(name: "bulwark_scan_exit_code", help: "The exit code the scan returned (0 clean, 1 findings at or above --fail-on, 2 incomplete).")
            .set(Double(report.summary.exitCode))
        if style.metricsPerObject {
            var byObject: [String: (ObjectReference, Severity, Int)] = [:]
            for finding in report.findings {
                guard let object = finding.object else { continue }
                let key = "\(finding.control)|\(object.displayName)"
                let previous = byObject[key]
                byObject[key] = (object, max(previous?.1 ?? finding.severity, finding.severity), (previous?.2 ?? 0) + 1)
            }
            for key in byObject.keys.sorted() {
                guard let (object, severity, count) = byObject[key] else { continue }
                let control = String(key.prefix { $0 != "|" })
                registry.makeGauge(name: "bulwark_object_findings", labels: [
                    ("control", control), ("kind", object.kind), ("namespace", object.namespace),
                    ("name", object.name), ("severity", severity.rawValue),
                ], help: "Findings per control and object (--metrics-per-object).").set(Double(count))
            }
        }
        return registry.emitToString()
    }
}
