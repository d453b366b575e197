/// A field path like `spec.containers[0].securityContext.privileged`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// Parses the dotted form; `[N]` is an index, `["k.e.y"]` a key holding dots.
    public init(_ text: String) {
        var result: [Component] = []
        var current = ""
        var chars = Array(text)[...]
        func flush() { if !current.isEmpty { result.append(.key(current)); current = "" } }
        while let c = chars.popFirst() {
            switch c {
            case ".": flush()
            case "[":
                flush()
                var inner = ""
                while let d = chars.popFirst(), d != "]" { inner.append(d) }
                if let i = Int(inner) { result.append(.index(i)) }
                else { result.append(.key(inner.trimmingCharacters(in: "\""))) }
            default: current.append(c)
            }
        }
        flush()
        self.components = result
    }

    public init(stringLiteral value: String) { self.init(value) }

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }
    public func appending(_ path: FieldPath) -> FieldPath { FieldPath(components + path.components) }
    public static func + (lhs: FieldPath, rhs: FieldPath) -> FieldPath { lhs.appending(rhs) }

    public var isEmpty: Bool { components.isEmpty }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .key(let k):
                if k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) && !k.isEmpty {
                    out += out.isEmpty ? k : "." + k
                } else {
                    out += "[\"\(k)\"]"
                }
            }
        }
        return out
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
