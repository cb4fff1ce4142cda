import Foundation

/// Wall-clock and CPU time of a piece of work, this process's and its children's.
struct Measurement {
    var wall: Double
    var cpu: Double

    static func of(_ body: () throws -> Void) rethrows -> Measurement {
        let startWall = Date(), startCPU = cpuSeconds()
        try body()
        return Measurement(wall: Date().timeIntervalSince(startWall), cpu: cpuSeconds() - startCPU)
    }

    private static func cpuSeconds() -> Double {
        var own = rusage(), children = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(own.ru_utime) + seconds(own.ru_stime) + seconds(children.ru_utime) + seconds(children.ru_stime)
    }
}
