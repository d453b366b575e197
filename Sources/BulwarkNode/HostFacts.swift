import Foundation

/// Kernel facts of the node: loaded modules, modprobe.d blocks, SELinux and AppArmor state.
struct HostFacts {
    static let modulesPath = "/proc/modules"
    static let selinuxPath = "/sys/fs/selinux/enforce"
    static let apparmorPath = "/sys/module/apparmor/parameters/enabled"

    let root: NodeRoot
    var loaded: [String]?
    var modprobe: ModprobeConfig?
    var selinux: String?
    var apparmor: String?
    /// Whether /sys is there at all: without it, a missing SELinux or AppArmor file says nothing.
    var sysfsPresent = false
    var notRead: [(String, String)] = []
    var searched: [String] = []

    init(root: NodeRoot) { self.root = root }

    mutating func read() {
        searched.append(Self.modulesPath)
        switch root.readText(Self.modulesPath) {
        case .success(let text):
            loaded = text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map { ModprobeConfig.normalize(String($0)) } }
        case .failure(let e):
            notRead.append(("kernelModules", "\(Self.modulesPath): \(e.message)"))
        }

        // modprobe.d(5): the first directory holding a file name wins; files are read in name order.
        var chosen: [String: String] = [:]
        for directory in ModprobeConfig.directories {
            searched.append(directory)
            for name in root.list(directory) ?? [] where name.hasSuffix(".conf") && chosen[name] == nil {
                chosen[name] = directory + "/" + name
            }
        }
        if chosen.isEmpty {
            let anyDirectory = ModprobeConfig.directories.contains { root.isDirectory($0) }
            if anyDirectory { modprobe = ModprobeConfig() } else {
                notRead.append(("modprobe", "no modprobe.d directory under the root (\(ModprobeConfig.directories.joined(separator: ", ")))"))
            }
        } else {
            var config = ModprobeConfig()
            var unreadable: [String] = []
            for name in chosen.keys.sorted() {
                guard let path = chosen[name] else { continue }
                switch root.readText(path, limit: 1 << 20) {
                case .success(let text): config.parse(text, file: path)
                case .failure(let e): unreadable.append("\(path): \(e.message)")
                }
            }
            modprobe = config
            if !unreadable.isEmpty { notRead.append(("modprobeFiles", unreadable.joined(separator: "; "))) }
        }

        sysfsPresent = root.isDirectory("/sys/module") || root.isDirectory("/sys/fs")
        searched += [Self.selinuxPath, Self.apparmorPath]
        selinux = value(Self.selinuxPath, field: "selinux")
        apparmor = value(Self.apparmorPath, field: "apparmor")
    }

    mutating func value(_ path: String, field: String) -> String? {
        switch root.readText(path, limit: 4096) {
        case .success(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .failure(let e):
            let reason: String
            if e.isMissing {
                reason = sysfsPresent ? "\(path) does not exist: \(field == "selinux" ? "SELinux" : "AppArmor") is not enabled in this kernel"
                    : "\(path) not found and no /sys under the root"
            } else {
                reason = "\(path): \(e.message)"
            }
            notRead.append((field, reason))
            return nil
        }
    }
}
