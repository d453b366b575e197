/// A feature gate's maturity.
public enum FeatureStage: String, Sendable {
    case alpha, beta, stable, deprecated
}
