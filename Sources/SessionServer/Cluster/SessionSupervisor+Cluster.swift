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
        await stopHere("lease lost: another server owns the session now", reason, telling: "this server lost the session; resume again")
    }

    /// A write to Redis or the store failed (not fenced: the service did not answer). Nothing
    /// more goes out that the cluster does not hold: the session stops here, its socket closes
    /// with 4503, and it continues from what the cluster holds wherever it is resumed (or
    /// swept up) once the service answers again.
    func cutOff(_ what: String, _ error: ClusterError) async {
        await stopHere("cluster unreachable: the session stops here until it is resumed", "\(what): \(error)",
                       telling: "the cluster cannot be reached; resume again")
    }

    /// Stops the session on this server at once and forgets it here; the client is told to
    /// resume (4503, not 4409: no other connection took the session).
    private func stopHere(_ line: Logger.Message, _ reason: String, telling client: String) async {
        guard !lost else { return }
        lost = true
        writes?.stop()
        logger.error(line, metadata: ["error.message": "\(reason)"])
        if let connection = machine.attached { outlet.close(connection, code: CloseCode.unavailable.rawValue, reason: client) }
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
            outlet.close(connection, code: CloseCode.superseded.rawValue, reason: "the session moved to another server")
        }
        try? await Offload.run { () throws(ClusterError) in try share.services.leases.release(share.lease) }
        logger.info("session handed over", metadata: ["cluster.node": "\(node)"])
        await registry?.forget(self)
    }
}
