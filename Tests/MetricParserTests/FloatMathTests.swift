import Testing

@testable import MetricParser

/// `FloatMath.tidy` finds a value's decimal exponent by comparing it with a table instead of
/// dividing by 10 until it is below 10; `pow10` reads a table of the products its multiply chain
/// made. Both must give, bit for bit, what the chains give: a metric's value and its id depend on it.
@Suite("FloatMath's tables agree with the chains they replace")
struct FloatMathTests {
    /// The exponent as repeated division or multiplication by 10 finds it (the definition).
    static func chainExponent(_ m: Double) -> Int {
        var e = 0
        var m = m
        while m >= 10, e < 400 { m /= 10; e += 1 }
        while m < 1, e > -400 { m *= 10; e -= 1 }
        return e
    }

    static func chainPow10(_ e: Int) -> Double {
        var r = 1.0
        let base = e > 0 ? 10.0 : 0.1
        for _ in 0..<min(abs(e), 400) { r *= base }
        return r
    }

    @Test("pow10 is the multiply chain's product for every exponent, beyond ±400 included")
    func powersOfTen() {
        for e in -420...420 {
            #expect(pow10(e).bitPattern == Self.chainPow10(e).bitPattern, "10^\(e)")
        }
    }

    @Test("the exponent at, next to and between powers of ten, and of report-sized figures")
    func exponents() {
        var samples: [Double] = [1, 9.999999999999, 10, 99.5, 1126.8 * 1e4, 0.5, 0.000123, 3.8e8, 9.99e21, 1e22, 5e30]
        for k in -25...25 {
            let p = Self.chainPow10(k)
            samples += [p, p.nextUp, p.nextDown, p * (1 + 1e-12), p * (1 - 1e-12), p * 1.5, p * 9.99]
        }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed xorshift sequence: the same values every run
        for _ in 0..<5000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            samples.append(Double(x % 1_000_000_000_000) / Double(1 << (x % 40)))
        }
        for m in samples where m > 0 {
            #expect(FloatMath.decimalExponent(m) == Self.chainExponent(m), "\(m)")
        }
    }
}
