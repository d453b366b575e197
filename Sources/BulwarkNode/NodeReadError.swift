#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file on the node could not be read: `permission denied`, `not found`, `is a directory`.
struct NodeReadError: Error, Sendable, CustomStringConvertible {
    var message: String
    var isMissing = false

    init(message: String, isMissing: Bool = false) { self.message = message; self.isMissing = isMissing }

    init(errno code: Int32) {
        switch code {
        case EACCES, EPERM: self.init(message: "permission denied")
        case ENOENT, ENOTDIR: self.init(message: "not found", isMissing: true)
        case EISDIR: self.init(message: "is a directory")
        case ELOOP: self.init(message: "too many levels of symbolic links")
        default: self.init(message: String(cString: strerror(code)))
        }
    }

    var description: String { message }
}
