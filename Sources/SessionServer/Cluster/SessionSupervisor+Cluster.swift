import Cluster
import Commentary
import Logging
import SessionModel

/// How a cluster session leaves this server: taken from it, or handed over on request.
extension SessionSupervisor {
    /// A write was fenced, or a renewal found the lease gone: another server owns the session
    /// now. This one stops at once, writes nothing more, and closes its socket with 4503 so
    /// the client resumes (any server reaches the owner).
    func leaseLost(_ reason: String) async {
        guard !lost else { return }
        lost = true
        writes?.stop()
        logger.error("lease lost: another server owns the session now", metadata: ["error.message": "\(reason)"])
        if let connection = machine.attached {
            // Not 4409: no other connection took the session, so the client resumes (anywhere).
            outlet.close(connection, code: CloseCode.unavailable.rawValue, reason: "this server lost the session; resume again")
        }
        await shutdown()
        await registry?.forget(self)
    }

    /// Another server asked for the session (its client resumed there): the work stops, what
    /// is queued is written, the socket closes with 4409 and the lease is given back, so the
    /// other server takes the session at once.
    func handOver(to node: String) async {
        guard !lost, let share = store.share else { return }
        lost = true
        await shutdown()
        await writes?.drain()
        writes?.stop()
        if let connection = machine.attached {
            // Not 4409: no other connection took the session, so the client resumes (anywhere).
            outlet.close(connection, code: CloseCode.unavailable.rawValue, reason: "this server lost the session; resume again")
        }
        try? await Offload.run { () throws(ClusterError) in try share.services.leases.release(share.lease) }
        logger.info("session handed over", metadata: ["cluster.node": "\(node)"])
        await registry?.forget(self)
    }
}
