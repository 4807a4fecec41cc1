/// Look-ups of the subject rules behind `WordList`'s first/last-character bit test, inlined at the
/// call: most probes next to a figure miss on that one character, and the miss then costs no call.
/// Same answers as `prefix` / `suffix`.
extension WordList {
    @inline(__always)
    func quickPrefix(_ s: [UInt32], at i: Int, limit: Int) -> Int? {
        guard i < limit, i >= 0, mayStart(with: s[i]) else { return nil }
        return prefix(s, at: i, limit: limit)
    }

    @inline(__always)
    func quickSuffix(_ s: [UInt32], before end: Int, limit: Int) -> Int? {
        guard end - 1 >= limit, end - 1 < s.count, mayEnd(with: s[end - 1]) else { return nil }
        return suffix(s, before: end, limit: limit)
    }
}
