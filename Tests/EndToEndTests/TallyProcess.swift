import Foundation
import Testing

/// The built `tally` executable, run as a child process with captured output.
final class TallyProcess: @unchecked Sendable {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL

    /// `tally` next to the test bundle (`swift build --build-tests` builds both), or `TALLY_BIN`.
    static var executable: URL {
        if let env = ProcessInfo.processInfo.environment["TALLY_BIN"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "tally")
    }

    /// `inherit: false` runs it with exactly `environment` (a container's), nothing of the test's.
    init(_ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil, inherit: Bool = true) throws
    {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        stdoutFile = dir.appendingPathComponent("stdout")
        stderrFile = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "tally not built at \(Self.executable.path): run `swift build --build-tests` (or set TALLY_BIN)")
        process.executableURL = Self.executable
        process.arguments = arguments
        var env = inherit ? ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TALLY_") } : [:]
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        if let stdin {
            let input = dir.appendingPathComponent("stdin")
            try Data(stdin).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to exit; nil when it is still running after `timeout`.
    func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Runs to completion (bounded) and returns the exit status, killing it on timeout.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil,
        timeout: Duration = .seconds(60)
    ) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let p = try TallyProcess(arguments, environment: environment, stdin: stdin)
        guard let status = p.wait(timeout: timeout) else {
            p.signal(SIGKILL)
            _ = p.wait(timeout: .seconds(5))
            Issue.record(
                "tally \(arguments.joined(separator: " ")) did not finish within \(timeout); stderr: \(p.stderr.suffix(2000))"
            )
            return (-1, p.stdout, p.stderr)
        }
        return (status, p.stdout, p.stderr)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// GET on 127.0.0.1 with curl (a tiny, dependable client; no FoundationNetworking needed).
func httpGet(_ port: Int, _ path: String) -> (status: Int, body: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["curl", "-s", "-m", "3", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let nl = text.lastIndex(of: "\n"), let code = Int(text[text.index(after: nl)...]), code > 0 else {
        return nil
    }
    return (code, String(text[..<nl]))
}
