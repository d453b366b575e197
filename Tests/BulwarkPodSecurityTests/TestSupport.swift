import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// A pod that passes restricted at every version, like upstream's fixture base pod
/// (test/fixtures.go: ensureSecurityContext + restricted defaults): one init container and one
/// container, both dropping ALL, no privilege escalation, pod-level runAsNonRoot and seccomp.
let restrictedPod: Value = [
    "metadata": ["name": "test"],
    "spec": [
        "securityContext": [
            "runAsNonRoot": true,
            "seccompProfile": ["type": "RuntimeDefault"],
        ],
        "initContainers": [[
            "name": "initcontainer1",
            "image": "k8s.gcr.io/pause",
            "securityContext": [
                "allowPrivilegeEscalation": false,
                "capabilities": ["drop": ["ALL"]],
            ],
        ]],
        "containers": [[
            "name": "container1",
            "image": "k8s.gcr.io/pause",
            "securityContext": [
                "allowPrivilegeEscalation": false,
                "capabilities": ["drop": ["ALL"]],
            ],
        ]],
    ],
]

/// A pod with no security settings at all: passes baseline, fails restricted.
let plainPod: Value = [
    "spec": [
        "containers": [["name": "app", "image": "nginx"]],
    ],
]

extension Value {
    /// A copy with `path` set to `newValue`, creating mappings on the way; `.null` removes a key.
    func setting(_ path: FieldPath, _ newValue: Value) -> Value {
        guard let first = path.components.first else { return newValue }
        let rest = FieldPath(Array(path.components.dropFirst()))
        switch first {
        case .key(let key):
            var mapping = self.mapping ?? Mapping()
            let child = mapping[key] ?? .null
            let updated = child.setting(rest, newValue)
            if rest.isEmpty, newValue.isNull {
                mapping.entries.removeAll { $0.key == key }
            } else {
                mapping.set(key, updated)
            }
            return .mapping(mapping)
        case .index(let index):
            var items = self.array ?? []
            while items.count <= index { items.append(.null) }
            items[index] = items[index].setting(rest, newValue)
            return .array(items)
        }
    }

    /// Several settings applied in order.
    func with(_ settings: [(FieldPath, Value)]) -> Value {
        settings.reduce(self) { $0.setting($1.0, $1.1) }
    }

    func with(_ path: FieldPath, _ newValue: Value) -> Value { setting(path, newValue) }
}

func template(_ pod: Value) -> PodTemplate {
    PodTemplate(metadata: pod["metadata"] ?? .null, spec: pod["spec"] ?? .null, basePath: FieldPath())
}

func v(_ minor: Int) -> PSSVersion { PSSVersion(minor: minor) }

func evaluate(_ pod: Value, _ level: PSSLevel, _ version: PSSVersion) -> PSSEvaluation {
    PodSecurity.evaluate(template(pod), level: level, version: version)
}

func evaluate(_ pod: Value, _ level: PSSLevel, _ minor: Int) -> PSSEvaluation {
    evaluate(pod, level, v(minor))
}

/// IDs of the failed checks.
func failedChecks(_ pod: Value, _ level: PSSLevel, _ minor: Int) -> [String] {
    evaluate(pod, level, minor).violations.map(\.check)
}

func violation(_ pod: Value, _ level: PSSLevel, _ minor: Int, _ check: String,
               file: StaticString = #filePath, line: UInt = #line) -> PSSViolation? {
    let found = evaluate(pod, level, minor).violations.first { $0.check == check }
    if found == nil { XCTFail("expected \(check) to fail at \(level) v1.\(minor)", file: file, line: line) }
    return found
}

/// Asserts that exactly `check` fails (and nothing else) at the level and version.
func assertOnlyFails(_ pod: Value, _ level: PSSLevel, _ minor: Int, _ check: String,
                     file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(failedChecks(pod, level, minor), [check], "at \(level) v1.\(minor)", file: file, line: line)
}

func assertAllowed(_ pod: Value, _ level: PSSLevel, _ minor: Int,
                   file: StaticString = #filePath, line: UInt = #line) {
    let evaluation = evaluate(pod, level, minor)
    XCTAssertTrue(evaluation.allowed, "at \(level) v1.\(minor): \(evaluation.forbiddenDetail)", file: file, line: line)
}

func paths(_ violation: PSSViolation?) -> [String] {
    violation?.paths.map(\.description) ?? []
}
