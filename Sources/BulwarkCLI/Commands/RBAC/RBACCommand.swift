import ArgumentParser

/// `bulwark rbac …`: questions to the RBAC engine, answered from the same inputs as `scan`.
struct RBACCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Ask who can do what under RBAC, and how subjects can escalate to cluster-admin.",
        discussion: """
        Answers come from Roles, ClusterRoles (aggregation resolved from labels), RoleBindings, \
        ClusterRoleBindings, ServiceAccounts and the workloads that mount them, with the API \
        server's exact matching rules. They are RBAC's answers alone: members of system:masters \
        bypass RBAC, kubelets are authorized by the Node authorizer, and webhook authorizers are \
        not modelled. Direct grants only; `paths` shows indirect power.

        Examples:
          bulwark rbac who-can get secrets -n kube-system examples/insecure
          bulwark rbac can sa:ci/deployer create deployments.apps -n kube-system examples/insecure
          bulwark rbac subject sa:shop/shop-deployer examples/insecure -o json
          bulwark rbac paths examples/insecure
        """,
        subcommands: [RBACWhoCanCommand.self, RBACCanCommand.self, RBACSubjectCommand.self, RBACPathsCommand.self])
}
