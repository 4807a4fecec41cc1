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
        let k = 11 - decimalExponent(abs(v))
        guard k > -300, k < 300 else { return v }
        let p = pow10(abs(k))
        let r = k >= 0 ? round(v * p) / p : round(v / p) * p
        return r.isFinite ? r : v
    }

    /// The e with 1 ≤ m / 10^e < 10 as repeated division (or multiplication) by 10 finds it. That
    /// chain errs by at most e ulps, so away from a power of ten (a relative 10⁻¹² either side) the
    /// comparison with the table gives the same e without a chain of divisions; near one, or
    /// outside 10^±22, the chain itself decides.
    @inline(__always)
    static func decimalExponent(_ m: Double) -> Int {
        if m >= 1, m < 1e22 {
            let p = PowersOfTen.table + 400
            var e = 0
            while e < 21, m >= p[e + 1] { e += 1 }
            if m >= p[e] * (1 + 1e-12), m < p[e + 1] * (1 - 1e-12) { return e }
        }
        var e = 0
        var m = m
        while m >= 10, e < 400 { m /= 10; e += 1 }
        while m < 1, e > -400 { m *= 10; e -= 1 }
        return e
    }
}
