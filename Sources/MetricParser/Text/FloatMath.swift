/// Rounding without libm: the library links nothing beyond the Swift runtime (the bench
/// executable depends on it alone), and `Double.rounded()` lowers to libm's `round`.
enum FloatMath {
    /// Rounds half away from zero.
    @inline(__always)
    static func round(_ x: Double) -> Double {
        guard x.isFinite, abs(x) < 4.5e15 else { return x }  // beyond 2^52 every Double is integral
        let t = Double(Int64(x))
        let d = x - t
        if d >= 0.5 { return t + 1 }
        if d <= -0.5 { return t - 1 }
        return t
    }

    @inline(__always)
    static func isIntegral(_ x: Double) -> Bool { x.isFinite && round(x) == x }

    /// Keeps 12 significant digits: report figures never carry more, binary noise always does
    /// (1126.8 × 10⁴ = 11268000.000000002 → 11268000).
    static func tidy(_ v: Double) -> Double {
        guard v.isFinite, v != 0 else { return v }
        var e = 0
        var m = abs(v)
        while m >= 10, e < 400 { m /= 10; e += 1 }
        while m < 1, e > -400 { m *= 10; e -= 1 }
        let k = 11 - e
        guard k > -300, k < 300 else { return v }
        let p = pow10(abs(k))
        let r = k >= 0 ? round(v * p) / p : round(v / p) * p
        return r.isFinite ? r : v
    }
}
