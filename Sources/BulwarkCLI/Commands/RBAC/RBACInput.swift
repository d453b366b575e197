import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkRBAC

/// Reads the PATH… arguments (and --snapshot) and builds the RBAC index once.
enum RBACInput {
    /// Times a phase for `Diagnostics.timing` (scripts/bench-rbac.sh reads it).
    static func time<T>(_ label: String, _ work: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let result = try work()
        Diagnostics.timing("\(label) \(Diagnostics.seconds(ContinuousClock.now - start))")
        return result
    }

    static func load(_ input: InputOptions) async throws -> RBACIndex {
        let start = ContinuousClock.now
        let inventory = try await input.read().inventory
        Diagnostics.timing("parse \(Diagnostics.seconds(ContinuousClock.now - start))")
        for issue in inventory.issues where issue.level == .error {
            Diagnostics.note("bulwark: \(issue.file)\(issue.line.map { ":\($0)" } ?? ""): \(issue.message)")
        }
        let index = time("index") { RBACIndex(inventory: inventory) }
        if index.isEmpty { Diagnostics.note("bulwark: the input holds no Role, ClusterRole, RoleBinding or ClusterRoleBinding") }
        for binding in index.dormantBindings.prefix(Diagnostics.timingRequested ? 0 : 50) {
            Diagnostics.note("bulwark: note: \(binding.key.description) refers to missing \(binding.roleRef.description): dormant, it grants nothing until that role is created")
        }
        return index
    }

    static func subject(_ text: String) throws -> RBACSubject {
        guard let subject = RBACSubject(parsing: text) else {
            throw ValidationError("SUBJECT must be user:NAME, group:NAME or sa:NAMESPACE/NAME, not '\(text)'.")
        }
        return subject
    }

    static func resource(_ text: String, subresource: String) -> ResourceSpec {
        let spec = ResourceSpec(parsing: text, subresource: subresource)
        if spec.guessedGroup {
            Diagnostics.note("bulwark: note: '\(spec.resource)' is not a built-in resource; taken as core group. Write RESOURCE.GROUP for other groups.")
        }
        return spec
    }
}
