/// A time base or rate as FFmpeg keeps them, without C types.
public struct Rational: Sendable, Hashable, Codable {
    public var num: Int64
    public var den: Int64

    public init(_ num: Int64, _ den: Int64) {
        self.num = num
        self.den = den
    }

    public var value: Double { den == 0 ? 0 : Double(num) / Double(den) }

    /// `ticks` of this time base in seconds.
    public func seconds(_ ticks: Int64) -> Double { Double(ticks) * Double(num) / Double(den) }

    /// Seconds as the nearest tick of this time base.
    public func ticks(_ seconds: Double) -> Int64 { Int64((seconds * Double(den) / Double(num)).rounded()) }

    /// Converts `ticks` of this time base into `other`, rounding to nearest, exactly in integers.
    public func rescale(_ ticks: Int64, to other: Rational) -> Int64 {
        let numerator = ticks.multipliedFullWidth(by: num * other.den)
        let denominator = den * other.num
        let (q, r) = denominator.dividingFullWidth(numerator)
        if r == 0 { return q }
        let twice = r.magnitude * 2
        if twice >= denominator.magnitude {
            return q + ((r < 0) != (denominator < 0) ? -1 : 1)
        }
        return q
    }
}
