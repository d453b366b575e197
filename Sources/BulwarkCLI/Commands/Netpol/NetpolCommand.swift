import ArgumentParser

/// `bulwark netpol`: what the NetworkPolicies of an input really allow.
struct NetpolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netpol",
        abstract: "NetworkPolicy analysis: who can reach whom, one connection, or the change between two versions.",
        discussion: """
        Computes exactly what the NetworkPolicies of the input allow (policyTypes defaulting, empty vs \
        absent rules, AND within a peer and OR across peers, namespaceSelector with the automatic \
        kubernetes.io/metadata.name label, ipBlock with except, TCP/UDP/SCTP, named ports, endPort). \
        A workload (Deployment, StatefulSet, Pod, …) stands for the pods its template makes. ipBlock is \
        taken to match addresses outside the cluster's pods; host-network pods are outside policy.

        Input: manifests (files, folders, '-'), a snapshot (--snapshot FILE) or, given neither, the \
        live cluster of the kubeconfig context; `diff` takes two manifest sets or snapshot files.

        Examples:
          bulwark netpol reach examples/netpol
          bulwark netpol reach examples/netpol --format json > reach.json
          bulwark netpol can shop/Deployment/frontend shop/Deployment/api 8080/TCP examples/netpol
          bulwark netpol diff old/ new/
        """,
        subcommands: [NetpolReachCommand.self, NetpolCanCommand.self, NetpolDiffCommand.self])
}
