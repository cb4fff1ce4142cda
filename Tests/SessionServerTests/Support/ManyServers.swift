import Foundation
import Testing

/// Suites that run three servers behind nginx load both cores by themselves; beside the other
/// tests they would starve those tests' sessions. They run only when PLAYBYPLAY_MANY_SERVERS=1,
/// which `./scripts/test` sets for a second run after the first.
enum ManyServers {
    static let alone = ConditionTrait.enabled(
        if: ProcessInfo.processInfo.environment["PLAYBYPLAY_MANY_SERVERS"] == "1",
        "runs alone: PLAYBYPLAY_MANY_SERVERS=1 swift test --filter 'ClusterChaosTests|ClusterBalancerTests' (./scripts/test does)")
}
