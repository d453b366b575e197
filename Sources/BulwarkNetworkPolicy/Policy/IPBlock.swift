import BulwarkModel

/// An `ipBlock` peer: `cidr` minus every `except`. Matched against addresses outside the cluster's
/// pods, as the API documentation intends.
public struct IPBlock: Sendable, Hashable {
    public var cidr: String
    public var except: [String]
    /// The addresses matched, sorted and disjoint.
    public var ranges: [IPRange]
    public var invalidReason: String?

    init(decoding v: Value) {
        cidr = v["cidr"]?.string ?? ""
        except = (v["except"]?.array ?? []).compactMap(\.string)
        ranges = []
        guard let whole = IPRange(cidr: cidr) else { invalidReason = "cidr \"\(cidr)\" is not a valid CIDR"; return }
        var cuts: [IPRange] = []
        for e in except {
            guard let cut = IPRange(cidr: e) else { invalidReason = "except \"\(e)\" is not a valid CIDR"; return }
            // The API server rejects an except outside the cidr (and of another family).
            guard whole.contains(cut) else { invalidReason = "except \(e) is not inside cidr \(cidr)"; return }
            cuts.append(cut)
        }
        ranges = whole.subtracting(cuts)
    }

    public func contains(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    public var summary: String { except.isEmpty ? "ipBlock \(cidr)" : "ipBlock \(cidr) except \(except.joined(separator: ", "))" }
}
