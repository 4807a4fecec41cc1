import Foundation

/// Runs `python3` with arguments (the shared scorer, PyYAML, …) and collects what it printed:
/// the one way the test suites call the project's Python tools.
public enum PythonScript {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func run(_ arguments: [String]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr on its own thread: a full pipe must not block the script while stdout is read.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.001) }
        return Output(status: p.terminationStatus, stdout: data, stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// `run`, requiring exit status 0; `what` names the step in the error.
    public static func output(_ arguments: [String], what: String) throws -> Data {
        let o = try run(arguments)
        guard o.status == 0 else { throw Failure(description: "\(what) failed (exit \(o.status)): \(o.stderr)") }
        return o.stdout
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.withLock { data = d } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
