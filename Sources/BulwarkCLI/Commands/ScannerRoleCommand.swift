import ArgumentParser
import Foundation
import BulwarkLive

struct ScannerRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner-role",
        abstract: "Print the least read-only ClusterRole a live scan needs.",
        discussion: """
        Read-only (get, list) on the resources a scan reads, without Secrets (listing them returns \
        their values) and without nodes/proxy; each opt-in adds its rule with a comment saying \
        what it exposes.

        Examples:
          bulwark scanner-role | kubectl apply -f -
          kubectl create clusterrolebinding bulwark-scanner \\
              --clusterrole=bulwark-scanner --serviceaccount=security:bulwark
          bulwark scanner-role --read-secrets --kubelet-configz
        """)

    @Flag(help: "Add the rule that --read-secrets needs (list Secrets).")
    var readSecrets = false

    @Flag(help: "Add the rule that --kubelet-configz needs (get nodes/proxy).")
    var kubeletConfigz = false

    @Option(help: ArgumentHelp("The ClusterRole's name.", valueName: "name"))
    var name = "bulwark-scanner"

    func run() throws {
        print(ScannerRole.yaml(name: name, readSecrets: readSecrets, kubeletConfigz: kubeletConfigz), terminator: "")
    }
}
