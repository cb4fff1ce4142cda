import Cluster
import Commentary
import Foundation
import Logging
import SessionModel

/// What a server in a cluster does besides holding its sessions: takes sessions over, keeps
/// its leases, and picks up sessions whose owner died.
extension SessionRegistry {
    enum Adoption {
        case adopted(SessionSupervisor)
        case unknown
        /// Redis or the store failed, or a live owner did not hand the session over.
        case unavailable(String)
    }

    /// A session this server does not hold, brought here from the cluster (a client resumed
    /// here, or the sweeper found it without an owner). An unfinished one continues its pipeline.
    func adopt(_ id: String, waitForOwner: Bool) async -> Adoption {
        if let held = find(id) { return .adopted(held) }
        guard let cluster else { return .unknown }
        let task = takeovers[id] ?? Task { await self.takeOver(id, from: cluster, waitForOwner: waitForOwner) }
        takeovers[id] = task
        let adoption = await task.value
        takeovers[id] = nil
        return adoption
    }

    private func takeOver(_ id: String, from cluster: ClusterServices, waitForOwner: Bool) async -> Adoption {
        let takeover = SessionTakeover(services: cluster, dataDirectory: configuration.dataDirectory)
        let started = ContinuousClock.now
        do throws(ClusterError) {
            switch try await Offload.run({ () throws(ClusterError) in try takeover.run(id, waitForOwner: waitForOwner) }) {
            case .unknown:
                return .unknown
            case .held(let owner):
                return .unavailable("the session is held by \(owner), which did not hand it over")
            case .taken(let store, let meta, let events):
                let supervisor = add(meta: meta, store: store, events: events)
                logger.info("session taken over", metadata: [
                    "session.id": "\(id)", "cluster.epoch": "\(store.share?.lease.epoch ?? 0)", "session.last_seq": "\(events.last?.seq ?? 0)",
                    "takeover.ms": "\((ContinuousClock.now - started).milliseconds)"])
                if await supervisor.isFinished {
                    await finished(supervisor)
                } else {
                    await supervisor.resumeProcessing()
                }
                return .adopted(supervisor)
            }
        } catch {
            logger.error("session takeover failed", metadata: ["session.id": "\(id)", "error.message": "\(error)"])
            return .unavailable(error.message)
        }
    }

    /// Renews every lease this server holds (the server calls it every third of a lease's
    /// life) and answers handover requests. A lease found gone stops its session here.
    func keepLeases() async {
        guard let cluster else { return }
        let held = sessions.values.compactMap { supervisor in supervisor.store.share.map { (supervisor, $0) } }
        guard !held.isEmpty else { return }
        let checks = await Offload.run {
            held.map { supervisor, share in
                let renewed = Result { () throws(ClusterError) in try cluster.leases.renew(share.lease) }
                return (supervisor, renewed, try? cluster.catalog.takeHandoverRequest(share.session))
            }
        }
        for (supervisor, renewed, handover) in checks {
            switch renewed {
            case .success(false): await supervisor.leaseLost("the lease expired before it was renewed")
            case .failure(let error): logger.warning("lease not renewed", metadata: ["session.id": "\(supervisor.id)", "error.message": "\(error)"])
            case .success(true): if let handover, handover != cluster.node { await supervisor.handOver(to: handover) }
            }
        }
    }

    /// Unfinished sessions no server holds (their owner died while no client was attached)
    /// are taken over here.
    func adoptOrphans() async {
        guard let cluster else { return }
        guard let open = try? await Offload.run({ () throws(ClusterError) in try cluster.catalog.openSessions() }) else { return }
        for id in open where find(id) == nil {
            _ = await adopt(id, waitForOwner: false)
        }
    }

    /// Finished sessions of any server whose retention has passed: deleted from the cluster
    /// (the server that held one may be gone). The retention sweep calls it.
    func sweepFinishedInCluster() async {
        guard let cluster else { return }
        let retention = configuration.retention
        await Offload.run { cluster.mediaCache.evict(olderThan: retention) }
        do throws(ClusterError) {
            try await Offload.run { () throws(ClusterError) in
                // Batch after batch; one that fails is claimed again after its hold.
                while true {
                    let due = try cluster.catalog.claimDue()
                    for (session, mediaKey) in due { try Self.deleteShared(session, mediaKey: mediaKey, from: cluster) }
                    if due.count < SessionCatalog.claimBatch { break }
                }
            }
        } catch {
            logger.warning("finished sessions not deleted from the cluster yet", metadata: ["error.message": "\(error)"])
        }
    }

    private static func deleteShared(_ session: String, mediaKey: String, from services: ClusterServices) throws(ClusterError) {
        try services.catalog.delete(session, mediaKey: mediaKey)
        try services.objects.deleteAll(under: ClusterServices.prefix(of: session))
        try services.objects.deleteAll(under: StoreMedia.prefix(mediaKey))
        services.mediaCache.remove(key: mediaKey)
    }

    /// Everything the cluster keeps about a session, deleted in the background (retention).
    func deleteShared(_ share: SessionShare, mediaKey: String) {
        let logger = logger
        Task {
            do throws(ClusterError) {
                try await Offload.run { () throws(ClusterError) in
                    try Self.deleteShared(share.session, mediaKey: mediaKey, from: share.services)
                    try share.services.leases.release(share.lease)
                }
            } catch {
                logger.error("session not deleted from the cluster", metadata: ["session.id": "\(share.session)", "error.message": "\(error)"])
            }
        }
    }
}
