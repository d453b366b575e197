#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files under a folder, recursively, as paths relative to it: hidden entries (name
/// starting with `.`) skipped, symbolic links neither followed nor listed — what FileManager's
/// enumerator with `.skipsHiddenFiles` and `isRegularFile` gives, at a fraction of its cost per
/// file. nil when the folder itself cannot be opened.
enum DirectoryWalk {
    static func regularFiles(under root: String, extensions: Set<String>) -> [String]? {
        guard let top = opendir(root) else { return nil }
        var out: [String] = []
        walk(top, path: root, relative: "", extensions: extensions, into: &out)
        return out
    }

    private static func walk(_ dir: OpaquePointer, path: String, relative: String, extensions: Set<String>, into out: inout [String]) {
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            let inside = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: type = UInt8(DT_REG)
                case S_IFDIR: type = UInt8(DT_DIR)
                default: continue
                }
            }
            if type == UInt8(DT_DIR) {
                guard let sub = opendir(full) else { continue }
                walk(sub, path: full, relative: inside, extensions: extensions, into: &out)
            } else if type == UInt8(DT_REG) {
                guard let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased()) else { continue }
                out.append(inside)
            }
        }
    }
}
