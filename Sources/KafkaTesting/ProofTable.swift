import Foundation
import Synchronization

/// The proof suite's results (`swift test --filter Proof`, part of `make test`): one row per
/// scenario, printed as it finishes and again, as one table, when the test process exits — so
/// the CI log ends with every figure. Tests assert on the figures; the table only reports them.
public enum ProofTable {
    public struct Row: Sendable {
        public var scenario: String
        public var inputs: Int
        /// Kills or injected faults, as text ("5 × SIGKILL", "Produce: 6 errors").
        public var faults: String
        public var lost: Int
        public var duplicated: Int
        public var deadLettered: Int
        public var seconds: Double
        /// Extra figures (RSS, throughput).
        public var note: String

        public init(
            scenario: String, inputs: Int, faults: String, lost: Int, duplicated: Int, deadLettered: Int,
            seconds: Double, note: String = ""
        ) {
            self.scenario = scenario
            self.inputs = inputs
            self.faults = faults
            self.lost = lost
            self.duplicated = duplicated
            self.deadLettered = deadLettered
            self.seconds = seconds
            self.note = note
        }
    }

    private static let rows = Mutex<[Row]>([])

    /// Seconds since `start`, for the time column.
    public static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    public static func record(_ row: Row) {
        let first = rows.withLock { rows in
            rows.append(row)
            return rows.count == 1
        }
        if first { atexit { ProofTable.printTable() } }
        print("proof: " + line(row))
        fflush(nil)
    }

    static let header = ["scenario", "inputs", "kills/faults", "lost", "duplicated", "dead-lettered", "time", "note"]

    static func cells(_ r: Row) -> [String] {
        [
            r.scenario, String(r.inputs), r.faults, String(r.lost), String(r.duplicated), String(r.deadLettered),
            String(format: "%.1f s", r.seconds), r.note,
        ]
    }

    static func line(_ r: Row) -> String { zip(header, cells(r)).map { "\($0)=\($1)" }.joined(separator: " | ") }

    /// A Markdown table (the README quotes it).
    public static func render(_ rows: [Row]) -> String {
        let all = [header] + rows.map(cells)
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func fmt(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
                    separator: " | ") + " |"
        }
        let rule = "| " + widths.map { String(repeating: "-", count: max(3, $0)) }.joined(separator: " | ") + " |"
        return ([fmt(header), rule] + rows.map { fmt(cells($0)) }).joined(separator: "\n")
    }

    static func printTable() {
        let all = rows.withLock { $0 }
        // One write, after everything buffered: the test library's last lines must not cut into it.
        fflush(nil)
        let text = Array("\n=== Proof table (swift test --filter Proof; make test) ===\n\(render(all))\n\n".utf8)
        _ = text.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
}
