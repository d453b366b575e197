import Foundation
import BulwarkModel

/// The files behind the paths a user gave: files as given, folders searched recursively for
/// `.yaml`, `.yml` and `.json` (hidden folders skipped), and `-` for standard input.
public enum ManifestFiles {
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    public static func expand(_ paths: [String]) -> (files: [String], issues: [InputIssue]) {
        var files: [String] = []
        var issues: [InputIssue] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                issues.append(InputIssue(file: path, message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let relatives = DirectoryWalk.regularFiles(under: path, extensions: extensions) else {
                issues.append(InputIssue(file: path, message: "cannot read this folder"))
                continue
            }
            // Name files as the user would: the folder they gave, then the path inside it.
            let found = relatives.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
            files += found.sorted()
        }
        return (files, issues)
    }
}
