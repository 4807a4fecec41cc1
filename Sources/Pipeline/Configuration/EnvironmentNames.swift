/// What a container's environment may hold besides Tally's own settings.
///
/// A pod's environment is not Tally's alone: Kubernetes adds service links for every Service in
/// the namespace (a Service `tally-worker-metrics` gives `TALLY_WORKER_METRICS_SERVICE_HOST`,
/// `TALLY_WORKER_METRICS_PORT=tcp://10.96.0.10:9464`, …), and sidecar injectors and platforms add
/// more. None of that may stop the worker, so an unknown `TALLY_*` name from the environment is
/// ignored with a warning; only a near miss of a known key (a likely typo of a real setting) fails.
public enum EnvironmentNames {
    /// Whether `name=value` is a Kubernetes service-link variable (docker-link style):
    /// `X_SERVICE_HOST`, `X_SERVICE_PORT[_NAME]`, `X_PORT=tcp://…`, `X_PORT_<n>_<PROTO>[_PROTO|_PORT|_ADDR]`.
    public static func isServiceLink(name: String, value: String) -> Bool {
        let parts = name.split(separator: "_").map(String.init)
        guard parts.count >= 2 else { return false }
        if let s = parts.lastIndex(of: "SERVICE"), s > 0 {
            let after = parts[(s + 1)...]
            if after.first == "HOST", after.count == 1 { return true }
            if after.first == "PORT" { return Int(value) != nil }
        }
        let protocols: Set<String> = ["TCP", "UDP", "SCTP"]
        if parts.last == "PORT" { return ["tcp://", "udp://", "sctp://"].contains { value.hasPrefix($0) } }
        // X_PORT_9464_TCP, X_PORT_9464_TCP_PROTO / _PORT / _ADDR
        if let p = parts.lastIndex(of: "PORT"), p > 0, p + 2 < parts.count, Int(parts[p + 1]) != nil,
            protocols.contains(parts[p + 2])
        {
            let rest = parts[(p + 3)...]
            return rest.isEmpty || (rest.count == 1 && ["PROTO", "PORT", "ADDR"].contains(rest.first!))
        }
        return false
    }

    /// The known key `key` most likely stands for, if it is a near miss: the same letters without
    /// separators, or at most two edits away (keys of five or more characters).
    public static func nearMiss(_ key: String, known: Set<String>) -> String? {
        let squash = { (s: String) in s.filter { $0 != "." && $0 != "_" && $0 != "-" } }
        let k = squash(key)
        var best: (key: String, distance: Int)?
        for candidate in known.sorted() {
            if squash(candidate) == k { return candidate }
            guard k.count >= 5 else { continue }
            let d = editDistance(Array(k), Array(squash(candidate)), limit: 2)
            if d <= 2, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.key
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
