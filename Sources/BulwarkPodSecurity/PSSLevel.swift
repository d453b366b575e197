/// Pod Security Standards levels.
public enum PSSLevel: String, Sendable, CaseIterable, Comparable {
    case privileged, baseline, restricted

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: PSSLevel, b: PSSLevel) -> Bool { a.rank < b.rank }
}
