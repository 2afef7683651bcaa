import BerthCompiler
import BerthDiagnostics
import BerthPlan
import Foundation
import Testing

/// Golden plans for every sample and for focused fixtures; determinism; no secrets; the seed's
/// first example.
@Suite struct PlanTests {
    static let planFixtures = Repo.fixtures.appendingPathComponent("plans")
    static let fixtureFlows = Repo.files(in: planFixtures, ext: "yaml")
    static let samples = Repo.files(in: Repo.root.appendingPathComponent("samples"), ext: "yaml")

    func compile(_ url: URL) throws -> Plan {
        let file = SourceFile(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)))
        let result = FlowCompile.compile(file)
        #expect(!result.check.diagnostics.contains { $0.severity == .error }, "\(ShortRenderer().render(result.check.diagnostics))")
        return try #require(result.plans.first)
    }

    @Test(arguments: fixtureFlows)
    func fixtureMatchesGoldenPlan(_ url: URL) throws {
        let plan = try compile(url)
        let golden = url.deletingPathExtension().appendingPathExtension("plan.json")
        if let failure = Golden.compare(String(decoding: plan.encoded(), as: UTF8.self), with: golden) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test(arguments: samples)
    func sampleMatchesGoldenPlan(_ url: URL) throws {
        let plan = try compile(url)
        let golden = Self.planFixtures.appendingPathComponent("samples/" + url.deletingPathExtension().lastPathComponent + ".plan.json")
        if let failure = Golden.compare(String(decoding: plan.encoded(), as: UTF8.self), with: golden) { Issue.record(Comment(rawValue: failure)) }
    }

    /// Found by the fuzzer: a number too large for a double (1e999) made the plan encoder fail,
    /// and the plan file came out empty; -0.0 did not read back as written.
    @Test func nonFiniteAndNegativeZeroNumbersSurviveThePlanRoundTrip() throws {
        let text = """
            id: numbers
            namespace: company.team
            variables: {inf: 1e999, ninf: -1e999, text: .inf, negzero: -0.0, half: 0.5}
            tasks:
              - id: a
                type: io.kestra.plugin.core.log.Log
                message: hi

            """
        let result = FlowCompile.compile(SourceFile(path: "numbers.yaml", text: text))
        let plan = try #require(result.plans.first, "\(result.check.diagnostics)")
        let data = plan.encoded()
        #expect(data.count > 100)
        #expect(try Plan.decode(data).encoded() == data)
        #expect(plan.variables["inf"] == .double(.infinity))
        let json = String(decoding: data, as: UTF8.self)
        for expected in ["\"inf\" : \"Infinity\"", "\"ninf\" : \"-Infinity\"", "\"text\" : \".inf\"", "\"negzero\" : 0", "\"half\" : 0.5"] {
            #expect(json.contains(expected), "\(expected)")
        }
    }

    @Test func nullOptionalFieldsReadBackAsWritten() throws {
        // Found by the fuzzer: `defaults:` with no value was written as null and read back as absent.
        let text = """
            id: nulls
            namespace: company.team
            inputs:
              - id: name
                type: STRING
                defaults:
            tasks:
              - id: a
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: ubuntu
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  config:
                  host: ~
                commands: [echo]

            """
        let result = FlowCompile.compile(SourceFile(path: "nulls.yaml", text: text))
        let plan = try #require(result.plans.first, "\(result.check.diagnostics)")
        let data = plan.encoded()
        #expect(try Plan.decode(data).encoded() == data)
        #expect(plan.inputs.first?.defaults == nil)
        #expect(plan.tasks.first?.container?.config == nil && plan.tasks.first?.container?.host == nil)
    }

    @Test func aListTemplateJoinsTheExpressionNotItsBraces() throws {
        let text = """
            id: lines
            namespace: company.team
            variables:
              cmds: [echo a, echo b]
            tasks:
              - id: a
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: ubuntu
                commands: "{{- vars.cmds -}}"

            """
        let result = FlowCompile.compile(SourceFile(path: "lines.yaml", text: text))
        let plan = try #require(result.plans.first, "\(result.check.diagnostics)")
        let command = try #require(plan.tasks.first?.container?.create["Cmd"])
        #expect(command == .array([.string("/bin/sh"), .string("-c"), .template("set -e\n{{ (vars.cmds) | join('\\n') }}")]))
    }

    @Test func seedExampleCompilesToKestrasCreateBody() throws {
        let plan = try compile(Repo.root.appendingPathComponent("samples/hello-docker.yaml"))
        let create = try #require(plan.tasks.first?.container?.create)
        #expect(create["Image"] == .string("centos:7"))
        #expect(create["HostConfig"]?["NanoCpus"] == .int(1_000_000_000))
        #expect(create["Entrypoint"] == .array([.string("")]))
        #expect(create["Cmd"] == .array([.string("/bin/sh"), .string("-c"), .string("set -e\necho \"Hello World!\"")]))
    }

    @Test func everyRunnerPropertyLandsWhereTheEngineAPIExpectsIt() throws {
        let plan = try compile(Self.planFixtures.appendingPathComponent("runner-properties.yaml"))
        let spec = try #require(plan.tasks.first?.container)
        let host = try #require(spec.create["HostConfig"])
        #expect(host["NanoCpus"] == .int(1_500_000_000))
        #expect(host["Memory"] == .int(536_870_912))
        #expect(host["MemorySwap"] == .int(1_073_741_824))
        #expect(host["MemoryReservation"] == .int(268_435_456))
        #expect(host["MemorySwappiness"] == .int(60))
        #expect(host["KernelMemory"] == .int(67_108_864))
        #expect(host["OomKillDisable"] == .bool(true))
        #expect(host["ShmSize"] == .int(67_108_864))
        #expect(host["Privileged"] == .bool(true))
        #expect(host["NetworkMode"] == .string("none"))
        #expect(host["ExtraHosts"] == .array([.string("db.local:127.0.0.1")]))
        #expect(host["Binds"] == .array([.string("/srv/data:/data:ro"), .template("{{ workingDir }}:{{ workingDir }}:rw")]))
        #expect(host["PortBindings"]?["80/tcp"] == .array([.object(["HostIp": .string("127.0.0.1"), "HostPort": .string("8080")])]))
        #expect(host["PortBindings"]?["90/udp"] == .array([.object(["HostIp": .string(""), "HostPort": .string("9090")])]))
        #expect(spec.create["ExposedPorts"]?["53/tcp"] == .object([:]))
        #expect(host["DeviceRequests"] == .array([.object(["Driver": .string("nvidia"), "Count": .int(-1), "Capabilities": .array([.array([.string("gpu")])])])]))
        #expect(spec.create["User"] == .string("1000:1000"))
        #expect(spec.create["Entrypoint"] == .array([.string("/bin/busybox")]))
        #expect(spec.create["Image"] == .template("{{ inputs.image ?? 'busybox:1.36' }}"))
        #expect(spec.pullPolicy == .string("NEVER"))
        #expect(spec.fileHandlingStrategy == "MOUNT")
        #expect(spec.delete == .bool(false))
        #expect(spec.resume == .bool(false))
        #expect(spec.killGracePeriodSeconds == 30)
        #expect(spec.host == .string("unix:///var/run/docker.sock"))
        #expect(spec.credentials?["password"] == .template("{{ secret('REGISTRY_PASSWORD') }}"))
        #expect(spec.requiresHostVolumes && spec.requiresPrivileged)
        #expect(spec.files.outputDirectory)
        let env = try #require(spec.create["Env"])
        #expect(env == .array([.template("A={{ flow.id }}"), .string("B=two"), .template("WORKING_DIR={{ workingDir }}"), .template("OUTPUT_DIR={{ outputDir }}")]))
        #expect(spec.create["Cmd"] == .array([.string("/bin/sh"), .string("-c"), .template("set -e\ncd /tmp\necho one\necho \"{{ inputs.name }}\"")]))
    }

    @Test func pluginDefaultsPrecedence() throws {
        let plan = try compile(Self.planFixtures.appendingPathComponent("plugin-defaults.yaml"))
        let first = try #require(plan.tasks[0].container)
        #expect(first.create["Image"] == .string("ubuntu:22.04"))
        // The implicit runner has no `type`, so Docker-runner defaults do not reach it (Kestra).
        #expect(first.pullPolicy == .string("IF_NOT_PRESENT"))
        #expect(first.create["HostConfig"]?["Memory"] == nil)
        #expect(first.create["Cmd"] == .array([.string("/bin/sh"), .string("-c"), .string("echo default image")]))
        let second = try #require(plan.tasks[1].container)
        #expect(second.create["Image"] == .string("centos"))
        #expect(second.pullPolicy == .string("NEVER"))
        // Forced failFast: false wins over the task's own true; runner defaults merge key by key.
        #expect(second.create["Cmd"] == .array([.string("/bin/sh"), .string("-c"), .string("echo own image, forced failFast false")]))
        #expect(second.create["HostConfig"]?["Memory"] == .int(134_217_728))
        #expect(second.create["HostConfig"]?["MemorySwap"] == .int(268_435_456))
    }

    @Test func pluginDefaultsMatchARawPrefixAndConcatenateLists() throws {
        let plan = try compile(Self.planFixtures.appendingPathComponent("plugin-defaults-lists.yaml"))
        let task = try #require(plan.tasks[0].container)
        // Kestra's MapUtils.merge: the default's items, then the task's.
        #expect(task.create["Cmd"] == .array([.string("/bin/sh"), .string("-c"), .string("set -e\necho from-default\necho from-task\necho main")]))
        // `io.kestra.plugin.scripts.` (a trailing dot) is a prefix of the type as written.
        #expect(task.create["Env"] == .array([.string("FROM_PREFIX=yes"), .template("WORKING_DIR={{ workingDir }}")]))
    }

    @Test func deprecatedOptionsMapOntoTheRunner() throws {
        let plan = try compile(Self.planFixtures.appendingPathComponent("deprecated-options.yaml"))
        let docker = try #require(plan.tasks[0].container)
        #expect(docker.create["Image"] == .string("centos"))
        #expect(docker.host == .string("tcp://127.0.0.1:2375"))
        #expect(docker.create["HostConfig"]?["NanoCpus"] == .int(2_000_000_000))
        #expect(docker.create["HostConfig"]?["NetworkMode"] == .string("host"))
        #expect(plan.tasks[1].kind == .process)
        #expect(plan.tasks[1].process?.files.outputDirectory == true)
        // The deprecated docker options keep the image's entrypoint (no Entrypoint is sent).
        #expect(docker.create["Entrypoint"] == nil)
        let python = try #require(plan.tasks[2].container)
        #expect(python.create["Image"] == .string("python:3.13-slim"))
        let script = try #require(python.files.inputFiles.first { $0.key.hasSuffix(".py") })
        let digits = script.key.dropLast(3).allSatisfy { $0.isNumber }
        #expect(digits, "a temp-style name of digits, as Kestra's")
        #expect(script.value == .string("true = True\nfalse = False\nnull = None\nprint(\"hello\")\n"))
        let run = try #require(plan.tasks[4].container)
        #expect(run.create["Cmd"] == .array([.string("echo"), .template("{{ flow.id }}")]))
        #expect(run.create["Entrypoint"] == nil)
        #expect(plan.tasks[5].type == "io.kestra.plugin.core.log.Log")
    }

    @Test func controlNodesKeepTheirStructure() throws {
        let plan = try compile(Self.planFixtures.appendingPathComponent("control-nodes.yaml"))
        #expect(plan.tasks.map(\.kind) == [.sequential, .parallel, .conditional, .switchCase, .forEach, .forEach, .dag, .allowFailure, .workingDirectory, .internal, .loopUntil])
        #expect(plan.tasks[1].children["tasks"]?.map(\.id) == ["p1"])  // the disabled task is dropped
        #expect(plan.tasks[1].properties["concurrent"] == .int(2))
        #expect(Set(plan.tasks[2].children.keys) == ["then", "else"])
        #expect(Set(plan.tasks[3].children.keys) == ["cases.fast", "defaults"])
        #expect(plan.tasks[3].children["cases.fast"]?.first?.properties["duration"] == .double(1))
        #expect(plan.tasks[4].properties["concurrencyLimit"] == .int(0))
        #expect(plan.tasks[5].properties["values"] == .array([.string("a"), .string("b")]))
        #expect(plan.tasks[6].dependsOn == ["extract": [], "load": ["extract"]])
        #expect(plan.tasks[8].errors.map(\.id) == ["on-error"])
        #expect(plan.tasks[8].finally.map(\.id) == ["cleanup"])
        let timed = plan.tasks[9]
        #expect(timed.timeout == .double(5400))
        #expect(timed.allowFailure)
        #expect(timed.retry == PlanRetry(type: "exponential", maxAttempts: 5, maxDurationSeconds: nil, intervalSeconds: 1,
                                         minIntervalSeconds: nil, maxIntervalSeconds: 60, delayFactor: nil, warningOnRetry: false))
        #expect(plan.tasks[0].children["tasks"]?.first?.runIf == .template("{{ inputs.mode == 'fast' }}", as: .boolean))
        #expect(plan.tasks[0].children["tasks"]?.first?.source == SourcePoint(line: 14, column: 9))
        #expect(plan.errors.map(\.id) == ["flow-error"])
        #expect(plan.afterExecution.map(\.id) == ["after"])
        #expect(plan.inputs.first?.validation["values"] == .array([.string("fast"), .string("slow")]))
        #expect(plan.labels == ["team": "data"])
    }

    @Test func plansAreByteIdenticalAndRoundTrip() throws {
        for url in Self.fixtureFlows + Self.samples {
            let first = try compile(url).encoded()
            #expect(first == (try compile(url).encoded()))
            let decoded = try Plan.decode(first)
            #expect(decoded.encoded() == first)
        }
    }

    @Test func noSecretValueReachesAPlan() throws {
        setenv("SECRET_REGISTRY_PASSWORD", Data("hunter2-plan-secret".utf8).base64EncodedString(), 1)
        defer { unsetenv("SECRET_REGISTRY_PASSWORD") }
        for url in Self.fixtureFlows + Self.samples {
            let text = String(decoding: try compile(url).encoded(), as: UTF8.self)
            #expect(!text.contains("hunter2-plan-secret"))
            #expect(!text.contains(Data("hunter2-plan-secret".utf8).base64EncodedString()))
        }
        let text = String(decoding: try compile(Self.planFixtures.appendingPathComponent("runner-properties.yaml")).encoded(), as: UTF8.self)
        #expect(text.contains("{{ secret('REGISTRY_PASSWORD') }}"))
    }

    @Test func anotherVersionIsRefused() throws {
        let plan = try compile(Repo.root.appendingPathComponent("samples/hello-docker.yaml"))
        var text = String(decoding: plan.encoded(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\" : \(Plan.currentVersion)", with: "\"version\" : \(Plan.currentVersion + 1)")
        #expect(throws: PlanFormatError.self) { try Plan.decode(Data(text.utf8)) }
    }

    func compile(yaml: String) throws -> Plan {
        let result = FlowCompile.compile(SourceFile(path: "inline.yaml", text: yaml))
        #expect(!result.check.diagnostics.contains { $0.severity == .error }, "\(ShortRenderer().render(result.check.diagnostics))")
        return try #require(result.plans.first)
    }

    @Test func dockerRunPutsTheCredentialsRegistryBeforeTheImage() throws {
        func image(_ registry: String, _ image: String) throws -> JSONValue? {
            let plan = try compile(yaml: "id: r\nnamespace: audit\ntasks:\n  - id: run\n    type: io.kestra.plugin.docker.Run\n    containerImage: \(image)\n" +
                                   "    credentials: {registry: \"\(registry)\", username: u, password: p}\n")
            return plan.tasks[0].container?.create["Image"]
        }
        #expect(try image("ghcr.io", "org/app:1") == .string("ghcr.io/org/app:1"))
        #expect(try image("https://ghcr.io/v2/", "org/app:1") == .string("ghcr.io/org/app:1"))
        #expect(try image("ghcr.io", "ghcr.io/org/app:1") == .string("ghcr.io/org/app:1"))
        #expect(try image("docker.io", "org/app:1") == .string("org/app:1"))
    }

    @Test func windowsTargetsGetAnEmptyFirstLineForFailFast() throws {
        let plan = try compile(yaml: "id: w\nnamespace: audit\ntasks:\n  - id: t\n    type: io.kestra.plugin.scripts.shell.Commands\n    targetOS: WINDOWS\n" +
                               "    taskRunner: {type: io.kestra.plugin.core.runner.Process}\n    commands: [dir, echo done]\n")
        #expect(plan.tasks[0].process?.command.last == .string("\r\ndir\r\necho done"))
    }

    @Test func pythonDependenciesInstallIntoTheLibraryFolderBeforeTheScript() throws {
        let plan = try compile(yaml: "id: py\nnamespace: audit\ntasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n" +
                               "    dependencies: [requests]\n    packageManager: PIP\n    script: import requests\n")
        let spec = try #require(plan.tasks[0].container)
        guard case .array(let cmd)? = spec.create["Cmd"], let script = cmd.last?.template?.text else { Issue.record("no command"); return }
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines[0] == "set -e")
        #expect(lines[1].hasPrefix("python -m pip install --quiet --no-cache-dir --target=\"{{ workingDir }}/.kestra_additional_python_lib\" --requirement=\"{{ workingDir }}/"))
        #expect(lines[2].hasPrefix("python {{ workingDir }}/") && lines[2].hasSuffix(".py"))
        let requirements = try #require(spec.files.inputFiles.first { $0.key.hasSuffix("-requirements.txt") })
        #expect(requirements.value == .string("requests\n"))
        #expect(String(describing: spec.create["Env"]).contains("PYTHONPATH={{ workingDir }}/.kestra_additional_python_lib") == true)
    }
}
