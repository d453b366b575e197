import ArgumentParser

/// Output of the `rbac` queries: a table for people, JSON for programs.
enum RBACFormat: String, ExpressibleByArgument, CaseIterable { case table, json }
