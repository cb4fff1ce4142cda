import Foundation

/// Waits for a service started on a loopback port: a plain socket, no tool to wait with.
enum LoopbackProbe {
    /// Whether `request` sent to `port` gets a reply containing `expected` within about two seconds.
    static func answers(_ port: Int, sending request: String, expecting expected: String) -> Bool {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected == 0, send(fd, request, request.utf8.count, 0) == request.utf8.count {
                var buffer = [UInt8](repeating: 0, count: 64)
                let got = recv(fd, &buffer, buffer.count, 0)
                if got > 0, String(decoding: buffer[..<got], as: UTF8.self).contains(expected) { return true }
            }
            usleep(20_000)
        }
        return false
    }

    /// A loopback port nothing listens on now (the kernel's pick, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Tools.Failure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
