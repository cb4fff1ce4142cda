import Cluster
import Foundation
import SessionModel

/// Bringing a session that another server held, or left behind when it died, to this one:
/// the lease at its next epoch (asking a live owner to hand it over first), then the meta,
/// upload record, upload parts and events the cluster keeps, written into a fresh local
/// folder. Blocking (Redis and store round trips): run it through `Offload`.
struct SessionTakeover {
    enum Outcome {
        case taken(store: SessionStore, meta: SessionMeta, events: [SequencedEvent])
        /// The cluster knows no such session.
        case unknown
        /// Another server holds it and did not hand it over in time (`waiting`), or at all.
        case held(by: String)
    }

    let services: ClusterServices
    let dataDirectory: URL

    /// `waitForOwner`: ask a live owner to hand over and wait up to a lease's life for it
    /// (a client's resume); without it a held session is left alone (the orphan sweeper).
    func run(_ id: String, waitForOwner: Bool) throws(ClusterError) -> Outcome {
        guard try services.catalog.load(.meta, of: id) != nil else { return .unknown }
        guard let lease = try claim(id, waitForOwner: waitForOwner) else {
            return .held(by: "another server")
        }
        do throws(ClusterError) {
            return try copy(id, under: lease)
        } catch {
            try? services.leases.release(lease)
            throw error
        }
    }

    private func claim(_ id: String, waitForOwner: Bool) throws(ClusterError) -> SessionLease? {
        let deadline = ContinuousClock.now + services.settings.leaseTTL + .seconds(2)
        var asked = false
        while true {
            switch try services.leases.claim(id, node: services.node) {
            case .taken(let lease):
                // A request left by an earlier taker (it may have died since) is not for this owner.
                _ = try services.catalog.takeHandoverRequest(id)
                return lease
            case .held:
                guard waitForOwner, ContinuousClock.now < deadline else { return nil }
                if !asked {
                    try services.catalog.requestHandover(id, to: services.node, for: services.settings.leaseTTL * 2)
                    asked = true
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    private func keep(_ lease: SessionLease) throws(ClusterError) {
        guard try services.leases.renew(lease) else {
            throw ClusterError(.fenced, "session \(lease.session): the lease lapsed while it was being copied here")
        }
    }

    private func copy(_ id: String, under lease: SessionLease) throws(ClusterError) -> Outcome {
        let share = SessionShare(services: services, lease: lease)
        guard let metaBytes = try services.catalog.load(.meta, of: id), let meta = try? JSONDecoder().decode(SessionMeta.self, from: Data(metaBytes)) else {
            return .unknown
        }
        let record = try services.catalog.load(.upload, of: id).flatMap { try? JSONDecoder().decode(UploadRecord.self, from: Data($0)) }
        let events: [SequencedEvent]
        do {
            events = try share.journal.load()
        } catch {
            throw ClusterError(.rejected, "session \(id): its events cannot be read: \(error)")
        }
        let store = SessionStore(dataDirectory: dataDirectory, id: id, share: share)
        do {
            try? FileManager.default.removeItem(at: store.folder)
            try store.create()
            try store.save(meta)
            // Without a record nothing was acknowledged: the client sends from the start.
            try store.save(record ?? UploadRecord(ranges: ByteRanges([]), position: 0))
            // The copy may take longer than the lease lives: renewed every third of it.
            var renewed = ContinuousClock.now
            func keepWhileCopying() throws(ClusterError) {
                guard ContinuousClock.now - renewed > services.settings.leaseTTL / 3 else { return }
                try keep(lease)
                renewed = .now
            }
            for part in try services.objects.list(SessionShare.partsPrefix(id)) {
                guard let offset = SessionShare.offset(ofPart: part.key), let bytes = try services.objects.get(part.key) else { continue }
                try store.writeUpload(bytes[...], at: offset)
                try keepWhileCopying()
            }
            // The chunks already made (a chunk announced is not made again: PriorDeliveries).
            for object in try services.objects.list(StoreMedia.prefix(meta.mediaKey)) {
                guard let name = object.key.split(separator: "/").last.map(String.init), StoreMedia.isMadeOnce(name),
                      let bytes = try services.objects.get(object.key) else { continue }
                try Data(bytes).write(to: store.output.appendingPathComponent(name))
                try keepWhileCopying()
            }
            // Renewed once more: the server's renewals take over once the session is added.
            try keep(lease)
        } catch let error as ClusterError {
            throw error
        } catch {
            throw ClusterError(.rejected, "session \(id) cannot be written here: \(error.localizedDescription)")
        }
        return .taken(store: store, meta: meta, events: events)
    }
}
