import Foundation
import Kafka

/// A real Kafka-protocol broker process for integration tests: `noida-db`'s Kafka service on
/// 127.0.0.1 at a free port with a fresh data directory, stopped by PID.
///
/// The process runs under a small shell watchdog that kills it when the test process dies, so
/// a crashed or killed test run leaves nothing behind.
public final class NoidaBroker: @unchecked Sendable {
    public let bootstrapServers: String
    public let port: Int
    public let dataDirectory: URL
    /// PID of the broker process itself.
    public let pid: Int32
    private let lock = NSLock()
    private var stopped = false

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts noida-db (`NOIDA_DB`, else the binary inside the `noida_db` Python package) and
    /// waits until it answers metadata.
    public static func start(timeout: Duration = .seconds(60)) throws -> NoidaBroker {
        guard let path = ProcessInfo.processInfo.environment["NOIDA_DB"] ?? serverBinary() else {
            throw StartError(description: "noida-db not found; install it with: pip install noida-db==0.2.3")
        }
        let port = try freeLoopbackPort()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-noida-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("broker.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        // A detached watchdog (a grandchild: it must not die with the thread that spawned it, as
        // a direct child of Foundation's Process can) runs the broker, records its PID, and kills
        // it when the test process is gone. noida-db catches SIGTERM but may not exit on it, so
        // stopping escalates to SIGKILL after 3 s.
        let script = """
            (
              "$0" start --only kafka --host 127.0.0.1 --kafka-port \(port) --data-dir "$1/data" >>"$1/broker.log" 2>&1 &
              child=$!
              echo $child > "$1/server.pid"
              while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
              kill $child 2>/dev/null
              for i in 1 2 3 4 5 6; do kill -0 $child 2>/dev/null || exit 0; sleep 0.5; done
              kill -9 $child 2>/dev/null
            ) </dev/null >/dev/null 2>&1 &
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, path, dir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Not waitUntilExit(): Foundation would wait for the detached watchdog, which inherits its
        // monitoring descriptor. The PID file says when the broker process exists.
        let pidFile = dir.appendingPathComponent("server.pid")
        var serverPID: Int32 = 0
        for _ in 0..<100 {
            if let text = try? String(contentsOf: pidFile, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                serverPID = pid
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard serverPID > 0 else {
            throw StartError(description: "noida-db did not start (no PID recorded in \(pidFile.path))")
        }
        let broker = NoidaBroker(port: port, dataDirectory: dir, pid: serverPID)

        let deadline = ContinuousClock.now + timeout
        var lastError = ""
        while ContinuousClock.now < deadline {
            guard kill(serverPID, 0) == 0 else { break }
            do {
                let admin = try KafkaAdmin(config: KafkaConfig(bootstrapServers: broker.bootstrapServers))
                let md = try admin.metadata(timeout: .seconds(2))
                if !md.brokers.isEmpty { return broker }
            } catch {
                lastError = "\(error)"
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        broker.stop()
        let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
        throw StartError(
            description:
                "noida-db did not answer on 127.0.0.1:\(port) within \(timeout) (last error: \(lastError)). Log:\n\(tail)"
        )
    }

    private init(port: Int, dataDirectory: URL, pid: Int32) {
        self.port = port
        self.bootstrapServers = "127.0.0.1:\(port)"
        self.dataDirectory = dataDirectory
        self.pid = pid
    }

    deinit { stop() }

    /// Stops the broker by PID (TERM, then KILL after 3 s) and removes its data directory.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if kill(pid, SIGTERM) == 0 {
            let deadline = Date(timeIntervalSinceNow: 3)
            while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

/// A port on 127.0.0.1 that was free a moment ago (the kernel picks it).
public func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw NoidaBroker.StartError(description: "socket() failed") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
        }
    }
    guard ok else { throw NoidaBroker.StartError(description: "bind() to 127.0.0.1:0 failed") }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// The server binary the `noida-db` Python package wraps. Run directly (not through the Python
/// entry point, which would leave the server orphaned when only the wrapper is signalled), so
/// the PID we hold is the broker's own.
func serverBinary() -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
        "python3", "-c", "from importlib.resources import files; print(files('noida_db').joinpath('noida-db'))",
    ]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    let path = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    p.waitUntilExit()
    guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else { return nil }
    if !FileManager.default.isExecutableFile(atPath: path) { chmod(path, 0o755) }
    return path
}

func which(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
