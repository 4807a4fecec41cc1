import Foundation
import ServiceLifecycle

/// SIGTERM and SIGINT from the first instruction of `main`, for the commands that shut down
/// gracefully (`tally run`, `tally lag --serve`).
///
/// A handler installed late (by the ServiceGroup, once settings are read and clients built)
/// leaves the start-up window to the default action: a SIGTERM in the first ~50 ms ended the
/// process with status 143 and no drain. So `install()` runs first and sets a process-wide
/// handler that only writes the signal number to a pipe (async-signal-safe); `forward(to:)`
/// reads the pipe on its own thread and hands each signal to the group's graceful shutdown,
/// which the group remembers even before it has started its services. A signal mask would
/// not do: async `main` runs on a pool thread, and the mask is per thread. Commands without a
/// graceful shutdown get the default action back, and a signal that came meanwhile is re-raised.
enum ShutdownSignals {
    static let signals = [SIGTERM, SIGINT]

    static func install() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // the handler never blocks (a full pipe drops a repeat)
        shutdownSignalPipe = (fds[0], fds[1])
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(shutdownSignalPipe.write, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// Back to the default action; a signal that arrived since `install()` takes effect now.
    static func restoreDefault() {
        for sig in signals { signal(sig, SIG_DFL) }
        var p = pollfd(fd: shutdownSignalPipe.read, events: Int16(POLLIN), revents: 0)
        var byte: UInt8 = 0
        if shutdownSignalPipe.read >= 0, poll(&p, 1, 0) == 1, read(shutdownSignalPipe.read, &byte, 1) == 1 {
            raise(Int32(byte))
        }
    }

    /// Hands every SIGTERM/SIGINT, including one that came before this call, to `group`'s graceful
    /// shutdown. The group must be configured with no signals of its own (one owner for them).
    static func forward(to group: ServiceGroup) {
        let fd = shutdownSignalPipe.read
        guard fd >= 0 else { return }
        let thread = Thread {
            var byte: UInt8 = 0
            while read(fd, &byte, 1) == 1 {
                Task { await group.triggerGracefulShutdown() }
            }
        }
        thread.name = "tally-signals"
        thread.start()
    }
}

/// Read and written only by `ShutdownSignals` (set once, before the handler is installed).
nonisolated(unsafe) private var shutdownSignalPipe: (read: Int32, write: Int32) = (-1, -1)

/// A command that shuts down through a ServiceGroup and so takes over SIGTERM/SIGINT.
protocol GracefulShutdownCommand {
    var shutsDownGracefully: Bool { get }
}

extension RunCommand: GracefulShutdownCommand {
    var shutsDownGracefully: Bool { true }
}

extension LagCommand: GracefulShutdownCommand {
    var shutsDownGracefully: Bool { serve != nil }
}
