import Commentary
import Cluster
public import ServiceLifecycle

/// `serve` runs the server as a service of the process's `ServiceGroup`: the loop and the
/// session sweeper run until graceful shutdown (SIGTERM, SIGINT), then every socket is closed
/// with 1001, every session's state is on disk, and the loop stops.
extension SessionServer: Service {
    public func run() async throws {
        start()
        await withTaskGroup(of: Void.self) { group in
            // Finished sessions are deleted once their retention has passed.
            let retentionSweep = max(Duration.seconds(1), min(configuration.retention / 4, .seconds(60)))
            group.addTask {
                await self.every(retentionSweep) { registry in
                    await registry.sweep()
                    await registry.sweepFinishedInCluster()
                }
            }
            if let cluster = configuration.cluster {
                group.addTask { await self.every(cluster.leaseTTL / 3) { await $0.keepLeases() } }
                group.addTask { await self.every(cluster.orphanSweep) { await $0.adoptOrphans() } }
                if let presence {
                    group.addTask {
                        await self.every(cluster.leaseTTL / 3) { registry in
                            let sessions = await registry.unfinished
                            try? await Offload.run { () throws(ClusterError) in try presence.report(sessions: sessions) }
                        }
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await stop()
    }

    /// Runs `work` on the registry every `interval`, until cancelled.
    func every(_ interval: Duration, _ work: (SessionRegistry) async -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await work(registry)
        }
    }

}
