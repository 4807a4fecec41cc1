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
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts noida-db (`NOIDA_DB` or `noida-db` on PATH) and waits until it answers metadata.
    public static func start(timeout: Duration = .seconds(60)) throws -> NoidaBroker {
        let exe = ProcessInfo.processInfo.environment["NOIDA_DB"] ?? "noida-db"
        guard let path = which(exe) else {
            throw StartError(description: "noida-db not found on PATH; install it with: pip install noida-db==0.2.3")
        }
        let port = try freeLoopbackPort()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-noida-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("broker.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Watchdog: stop the broker when asked (TERM) or when the test process is gone.
        let script = """
            "$0" start --only kafka --host 127.0.0.1 --kafka-port \(port) --data-dir "$1/data" >>"$1/broker.log" 2>&1 &
            child=$!
            trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done
            kill $child 2>/dev/null; wait $child
            """
        p.arguments = ["-c", script, path, dir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let broker = NoidaBroker(port: port, dataDirectory: dir, process: p)

        let deadline = ContinuousClock.now + timeout
        var lastError = ""
        while ContinuousClock.now < deadline {
            guard p.isRunning else { break }
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
            description: "noida-db did not answer on 127.0.0.1:\(port) within \(timeout) (last error: \(lastError)). Log:\n\(tail)")
    }

    private init(port: Int, dataDirectory: URL, process: Process) {
        self.port = port
        self.bootstrapServers = "127.0.0.1:\(port)"
        self.dataDirectory = dataDirectory
        self.process = process
    }

    deinit { stop() }

    /// PID of the watchdog that owns the broker process.
    public var pid: Int32 { process.processIdentifier }

    /// Stops the broker (TERM, then KILL after 10 s) and removes its data directory.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date(timeIntervalSinceNow: 10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
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

func which(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
