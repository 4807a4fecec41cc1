import Foundation
import Kafka
import KafkaTesting
import TestSupport
import Testing

/// The shipped Kubernetes manifests, started as a pod would start them: the container's
/// environment rendered from the Deployment (env, envFrom, ConfigMap keys, the mounted
/// properties file), plus every variable Kubernetes adds on its own — the `kubernetes` Service's
/// and, as if `enableServiceLinks` were on, the service links of every Service in the namespace.
/// Static checks of the files missed that such names stopped the worker (issue 11); this runs it.
///
/// Two substitutions only, because a test host is not a cluster: TALLY_BROKERS points at the
/// test's noida-db, and the container's port is mapped to a free loopback port.
@Suite("Shipped manifests start with the environment a pod gets (noida-db)", .serialized)
struct ManifestEnvironmentTests {
    @Test("deployment.yaml: `tally run` becomes ready (/readyz 200) with the pod's environment")
    func worker() throws {
        let k = try Manifests.load()
        let deployment = try k.deployment("tally-worker")
        let topics = try k.workerTopics()
        #expect(topics.count >= 3, "input, output and dead-letter topics at least: \(topics)")
        try KafkaAdmin(config: TestCluster.integrationConfig()).createTopics(
            topics.map { .init(name: $0, partitions: 2) }, ifNotExists: true)

        let port = try freeLoopbackPort()
        let mounts = try k.materializeConfigMapVolumes(deployment, httpPort: port)
        var env = try k.environment(for: deployment, mounts: mounts)
        try expectServiceLinks(in: env, k)
        env["TALLY_BROKERS"] = try TestCluster.integration()

        let run = try TallyProcess(deployment.args, environment: env, inherit: false)
        try waitUntil(
            timeout: .seconds(60),
            "tally run ready on /readyz with the pod environment. stderr: \(run.stderr.suffix(2000))"
        ) {
            if let status = run.wait(timeout: .zero) {
                throw ExitedEarly(description: "tally run exited \(status): \(run.stderr.suffix(2000))")
            }
            return httpGet(port, "/readyz")?.status == 200
        }
        #expect(httpGet(port, "/healthz")?.status == 200)
        run.signal(SIGTERM)
        #expect(run.wait(timeout: .seconds(40)) == 0, "stderr: \(run.stderr.suffix(1500))")
    }

    @Test("lag-exporter-deployment.yaml: `tally lag --serve` answers /readyz with the pod's environment")
    func lagExporter() throws {
        let k = try Manifests.load()
        let deployment = try k.deployment("tally-lag-exporter")
        var env = try k.environment(for: deployment, mounts: [:])
        try expectServiceLinks(in: env, k)
        env["TALLY_BROKERS"] = try TestCluster.integration()
        // The container's port is in its arguments (`--serve :9465`): mapped like a port forward.
        let port = try freeLoopbackPort()
        var args = deployment.args
        let serve = try #require(args.firstIndex(of: "--serve"), "the exporter serves metrics") + 1
        args[serve] = "127.0.0.1:\(port)"

        let lag = try TallyProcess(args, environment: env, inherit: false)
        try waitUntil(
            timeout: .seconds(60),
            "tally lag --serve ready with the pod environment. stderr: \(lag.stderr.suffix(2000))"
        ) {
            if let status = lag.wait(timeout: .zero) {
                throw ExitedEarly(description: "tally lag exited \(status): \(lag.stderr.suffix(2000))")
            }
            return httpGet(port, "/readyz")?.status == 200
        }
        #expect(httpGet(port, "/metrics")?.status == 200)
        lag.signal(SIGTERM)
        #expect(lag.wait(timeout: .seconds(30)) == 0, "stderr: \(lag.stderr.suffix(1500))")
    }

    /// The rendered environment really holds the names that once stopped the worker.
    func expectServiceLinks(in env: [String: String], _ k: Manifests) throws {
        for service in k.services {
            let prefix = Manifests.linkPrefix(service.name)
            #expect(env["\(prefix)_SERVICE_HOST"] != nil, "\(prefix)_SERVICE_HOST rendered")
            #expect(env["\(prefix)_PORT"]?.hasPrefix("tcp://") == true, "\(prefix)_PORT rendered")
        }
        #expect(env.keys.contains("TALLY_WORKER_METRICS_PORT"), "the variable from issue 11 is in the environment")
    }
}

/// deploy/kubernetes read through PyYAML (a test requirement already) into JSON, and the rules
/// by which Kubernetes turns a Deployment and the namespace's Services into a container environment.
struct Manifests {
    struct Service {
        let name: String
        let clusterIP: String
        let ports: [(name: String?, port: Int, proto: String)]
    }

    struct Container {
        let name: String
        let args: [String]
        let env: [[String: Any]]
        let envFrom: [[String: Any]]
        let volumeMounts: [[String: Any]]
        let volumes: [[String: Any]]
    }

    let documents: [[String: Any]]
    let services: [Service]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("deploy/kubernetes")
    }

    static func load() throws -> Manifests {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        let data = try PythonScript.output(
            [
                "-c",
                "import json, sys, yaml; print(json.dumps([d for f in sys.argv[1:] for d in yaml.safe_load_all(open(f)) if d]))",
            ] + files.map { directory.appendingPathComponent($0).path },
            what: "PyYAML reading deploy/kubernetes (pip install -r requirements-test.txt)")
        let docs = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        // ClusterIPs are assigned by the cluster; any address shows the shape.
        var next = 10
        let services: [Service] = docs.filter { $0["kind"] as? String == "Service" }.map { doc in
            let meta = doc["metadata"] as? [String: Any] ?? [:]
            let spec = doc["spec"] as? [String: Any] ?? [:]
            let ports = (spec["ports"] as? [[String: Any]] ?? []).map {
                (
                    name: $0["name"] as? String, port: $0["port"] as? Int ?? 0,
                    proto: ($0["protocol"] as? String ?? "TCP")
                )
            }
            next += 1
            return Service(name: meta["name"] as? String ?? "", clusterIP: "10.96.0.\(next)", ports: ports)
        }
        return Manifests(documents: docs, services: services)
    }

    func deployment(_ name: String) throws -> Container {
        let doc = try #require(
            documents.first {
                $0["kind"] as? String == "Deployment" && ($0["metadata"] as? [String: Any])?["name"] as? String == name
            },
            "Deployment \(name) in deploy/kubernetes")
        let pod = ((doc["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
        let c = try #require((pod["containers"] as? [[String: Any]])?.first, "\(name) has a container")
        return Container(
            name: c["name"] as? String ?? "", args: c["args"] as? [String] ?? [],
            env: c["env"] as? [[String: Any]] ?? [],
            envFrom: c["envFrom"] as? [[String: Any]] ?? [], volumeMounts: c["volumeMounts"] as? [[String: Any]] ?? [],
            volumes: pod["volumes"] as? [[String: Any]] ?? [])
    }

    func configMap(_ name: String) throws -> [String: String] {
        let doc = try #require(
            documents.first {
                $0["kind"] as? String == "ConfigMap" && ($0["metadata"] as? [String: Any])?["name"] as? String == name
            },
            "ConfigMap \(name) in deploy/kubernetes")
        return (doc["data"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
    }

    /// The topics the worker's properties name (`*.topic` keys): they must exist before it starts.
    func workerTopics() throws -> [String] {
        let props = try configMap("tally-properties")["tally.properties"] ?? ""
        return props.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && !parts[0].hasPrefix("#") && parts[0].hasSuffix(".topic") ? parts[1] : nil
        }
    }

    /// Writes each ConfigMap volume's items into a temporary directory; returns mountPath → directory.
    /// The only change to the files: `http.port` is the test's free port (the container port, mapped).
    func materializeConfigMapVolumes(_ c: Container, httpPort: Int) throws -> [String: String] {
        var mounts: [String: String] = [:]
        for mount in c.volumeMounts {
            guard let name = mount["name"] as? String, let path = mount["mountPath"] as? String,
                let volume = c.volumes.first(where: { $0["name"] as? String == name }),
                let cm = volume["configMap"] as? [String: Any], let cmName = cm["name"] as? String
            else { continue }
            let data = try configMap(cmName)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tally-pod-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let items =
                (cm["items"] as? [[String: Any]])?.map { ($0["key"] as? String ?? "", $0["path"] as? String ?? "") }
                ?? data.keys.map { ($0, $0) }
            for (key, file) in items {
                let text = (data[key] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix("http.port=") ? "http.port=\(httpPort)" : String($0) }.joined(separator: "\n")
                try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            mounts[path] = dir.path
        }
        return mounts
    }

    /// Kubernetes' order: service links first, then envFrom, then env (later wins). Optional
    /// secret references resolve to nothing (no Secret in the test namespace); a value under a
    /// mounted path points at the materialized copy.
    func environment(for c: Container, mounts: [String: String]) throws -> [String: String] {
        var env = [
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOSTNAME": "\(c.name)-7d9f8b6c5-x2x4z", "HOME": "/",
        ]
        // The API server's Service is always linked, whatever enableServiceLinks says.
        env.merge(Self.links(Service(name: "kubernetes", clusterIP: "10.96.0.1", ports: [("https", 443, "TCP")]))) {
            $1
        }
        for s in services { env.merge(Self.links(s)) { $1 } }
        for source in c.envFrom {
            if let ref = (source["configMapRef"] as? [String: Any])?["name"] as? String {
                let prefix = source["prefix"] as? String ?? ""
                for (k, v) in try configMap(ref) { env[prefix + k] = v }
            }
        }
        for item in c.env {
            guard let name = item["name"] as? String else { continue }
            if var value = item["value"] as? String {
                for (mount, dir) in mounts where value.hasPrefix(mount) { value = dir + value.dropFirst(mount.count) }
                env[name] = value
            } else if let from = item["valueFrom"] as? [String: Any] {
                if let ref = from["configMapKeyRef"] as? [String: Any] {
                    env[name] = try #require(
                        try configMap(ref["name"] as? String ?? "")[ref["key"] as? String ?? ""], "\(name) resolves")
                } else if let ref = from["secretKeyRef"] as? [String: Any] {
                    try #require(
                        ref["optional"] as? Bool == true, "\(name): a required Secret would keep the pod from starting")
                }
            }
        }
        return env
    }

    static func linkPrefix(_ service: String) -> String {
        service.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The docker-link variables of one Service (kubelet: makeEnvironmentVariables / envvars.FromServices).
    static func links(_ s: Service) -> [String: String] {
        let p = linkPrefix(s.name)
        var env = [String: String]()
        guard let first = s.ports.first else { return env }
        env["\(p)_SERVICE_HOST"] = s.clusterIP
        env["\(p)_SERVICE_PORT"] = String(first.port)
        for port in s.ports {
            if let name = port.name { env["\(p)_SERVICE_PORT_\(linkPrefix(name))"] = String(port.port) }
        }
        env["\(p)_PORT"] = "\(first.proto.lowercased())://\(s.clusterIP):\(first.port)"
        for port in s.ports {
            let base = "\(p)_PORT_\(port.port)_\(port.proto.uppercased())"
            env[base] = "\(port.proto.lowercased())://\(s.clusterIP):\(port.port)"
            env["\(base)_PROTO"] = port.proto.lowercased()
            env["\(base)_PORT"] = String(port.port)
            env["\(base)_ADDR"] = s.clusterIP
        }
        return env
    }
}

struct ExitedEarly: Error, CustomStringConvertible {
    let description: String
}
