/// Where sessions send: the transport, reached from any thread.
protocol Outlet: AnyObject, Sendable {
    func send(_ connection: ConnectionID, _ bytes: [UInt8], binary: Bool)
    func close(_ connection: ConnectionID, code: UInt16, reason: String)
    func pauseReading(_ connection: ConnectionID, _ paused: Bool)
}

extension LWSServer: Outlet {}
