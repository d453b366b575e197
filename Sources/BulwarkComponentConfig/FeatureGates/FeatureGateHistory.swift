import BulwarkModel

/// One feature gate's stages by Kubernetes version.
public struct FeatureGateHistory: Sendable {
    public var name: String
    public var stages: [Span]

    public struct Span: Sendable {
        public var stage: FeatureStage
        public var from: KubeVersion
        /// Last version of this stage; nil: still current.
        public var to: KubeVersion?
    }

    init(_ name: String, _ spans: [(FeatureStage, String, String?)]) {
        self.name = name
        stages = spans.compactMap { stage, from, to in
            guard let f = KubeVersion(parsing: from) else { return nil }
            return Span(stage: stage, from: f, to: to.flatMap(KubeVersion.init(parsing:)))
        }
    }

    /// The stage at `version`; nil before the gate existed.
    public func stage(at version: KubeVersion) -> FeatureStage? {
        // Spans are contiguous and the last is open-ended: the latest span started is current.
        stages.last { version >= $0.from }?.stage
    }
}
