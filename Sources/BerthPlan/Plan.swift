import Foundation

/// The contract between compiler and executor: everything needed to run one flow, with the
/// exact Engine API bodies. Documented in grammar/plan.md. Deterministic: sorted keys, ids from
/// task ids, no timestamps, no host paths, no secret values.
public struct Plan: Codable, Sendable, Hashable {
    /// The plan format version this build writes and reads.
    public static let currentVersion = 2

    public var version: Int
    public var flow: FlowIdentity
    public var inputs: [PlanInput]
    public var variables: [String: JSONValue]
    public var labels: [String: String]
    public var tasks: [PlanNode]
    public var errors: [PlanNode]
    public var finally: [PlanNode]
    public var afterExecution: [PlanNode]
    public var outputs: [PlanOutput]
    /// The flow-level retry: every runnable task without a retry of its own (or of an
    /// enclosing flowable) is retried with it.
    public var retry: PlanRetry?
    /// Where the plan came from: the file's base name (no host path).
    public var source: String

    public init(version: Int = Plan.currentVersion, flow: FlowIdentity, inputs: [PlanInput], variables: [String: JSONValue],
                labels: [String: String], tasks: [PlanNode], errors: [PlanNode], finally: [PlanNode],
                afterExecution: [PlanNode], outputs: [PlanOutput], retry: PlanRetry? = nil, source: String) {
        self.version = version
        self.flow = flow
        self.inputs = inputs
        self.variables = variables
        self.labels = labels
        self.tasks = tasks
        self.errors = errors
        self.finally = finally
        self.afterExecution = afterExecution
        self.outputs = outputs
        self.retry = retry
        self.source = source
    }
}

public struct FlowIdentity: Codable, Sendable, Hashable {
    public var id: String
    public var namespace: String
    public var revision: Int?
    public var description: String?

    public init(id: String, namespace: String, revision: Int?, description: String?) {
        self.id = id
        self.namespace = namespace
        self.revision = revision
        self.description = description
    }
}

/// A declared input: type, default, and the validation the executor applies to given values.
public struct PlanInput: Codable, Sendable, Hashable {
    public var id: String
    public var type: String
    public var required: Bool
    public var defaults: JSONValue?
    /// Type-specific rules: validator, values, min, max, after, before, itemType, allowCustomValue...
    public var validation: [String: JSONValue]
    public var dependsOn: [String]

    public init(id: String, type: String, required: Bool, defaults: JSONValue?, validation: [String: JSONValue], dependsOn: [String]) {
        self.id = id
        self.type = type
        self.required = required
        self.defaults = defaults.droppingNull
        self.validation = validation
        self.dependsOn = dependsOn
    }
}

public struct PlanOutput: Codable, Sendable, Hashable {
    public var id: String
    public var type: String
    public var value: JSONValue

    public init(id: String, type: String, value: JSONValue) {
        self.id = id
        self.type = type
        self.value = value
    }
}

/// Where a task is in the YAML.
public struct SourcePoint: Codable, Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A retry policy with durations in seconds.
public struct PlanRetry: Codable, Sendable, Hashable {
    public var type: String
    public var maxAttempts: Int?
    public var maxDurationSeconds: Double?
    public var intervalSeconds: Double?
    public var minIntervalSeconds: Double?
    public var maxIntervalSeconds: Double?
    public var delayFactor: Double?
    public var warningOnRetry: Bool

    public init(type: String, maxAttempts: Int?, maxDurationSeconds: Double?, intervalSeconds: Double?, minIntervalSeconds: Double?,
                maxIntervalSeconds: Double?, delayFactor: Double?, warningOnRetry: Bool) {
        self.type = type
        self.maxAttempts = maxAttempts
        self.maxDurationSeconds = maxDurationSeconds
        self.intervalSeconds = intervalSeconds
        self.minIntervalSeconds = minIntervalSeconds
        self.maxIntervalSeconds = maxIntervalSeconds
        self.delayFactor = delayFactor
        self.warningOnRetry = warningOnRetry
    }
}

/// One node of the task tree.
public struct PlanNode: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case container, process, `internal`, sequential, parallel, conditional, switchCase = "switch", forEach, dag,
             allowFailure, workingDirectory, subflow, loopUntil, loop
    }

    public var id: String
    public var kind: Kind
    /// The canonical Kestra type.
    public var type: String
    public var source: SourcePoint
    public var runIf: JSONValue?
    public var retry: PlanRetry?
    /// A literal timeout in seconds, or a `$template` of type `seconds`.
    public var timeout: JSONValue?
    public var allowFailure: Bool
    public var allowWarning: Bool
    public var container: ContainerSpec?
    public var process: ProcessSpec?
    /// Internal tasks (Log, Return, OutputValues, Fail, Sleep, Pause) and control nodes: their
    /// properties (conditions, values, concurrency...), templates kept as `$template`.
    public var properties: [String: JSONValue]
    /// Children by slot: `tasks`, `then`, `else`, `defaults`, `cases.<value>`.
    public var children: [String: [PlanNode]]
    /// Dag edges: task id → ids it depends on.
    public var dependsOn: [String: [String]]
    public var errors: [PlanNode]
    public var finally: [PlanNode]

    public init(id: String, kind: Kind, type: String, source: SourcePoint) {
        self.id = id
        self.kind = kind
        self.type = type
        self.source = source
        self.runIf = nil
        self.retry = nil
        self.timeout = nil
        self.allowFailure = false
        self.allowWarning = false
        self.container = nil
        self.process = nil
        self.properties = [:]
        self.children = [:]
        self.dependsOn = [:]
        self.errors = []
        self.finally = []
    }
}

/// Files a script task hands to its runner and takes back.
public struct FileSpec: Codable, Sendable, Hashable {
    /// name → content (a template, or a `kestra://` / `nsfile://` URI whose file is copied);
    /// names may be templates too. A single `$json` entry holds a template giving the whole map.
    public var inputFiles: [String: JSONValue]
    /// Glob patterns relative to the working directory (templates rendered at run time).
    public var outputFiles: [JSONValue]
    /// Whether `{{ outputDir }}` / OUTPUT_DIR is enabled (everything under it is kept).
    public var outputDirectory: Bool
    /// The task's `namespaceFiles` (enabled, include, exclude, namespaces, ifExists,
    /// folderPerNamespace), templates kept; nil when not asked for.
    public var namespaceFiles: JSONValue?
    /// Legacy script tasks only (nil otherwise): directories created empty in the working
    /// directory, named by `{{ outputDirs.NAME }}`, every file in them kept as `NAME/path`; their
    /// presence also gives `{{ temp.NAME }}` (the old name of outputFiles) and the `files` output.
    public var outputDirs: [String]?

    public init(inputFiles: [String: JSONValue], outputFiles: [JSONValue], outputDirectory: Bool, namespaceFiles: JSONValue? = nil,
                outputDirs: [String]? = nil) {
        self.inputFiles = inputFiles
        self.outputFiles = outputFiles
        self.outputDirectory = outputDirectory
        self.namespaceFiles = namespaceFiles.droppingNull
        self.outputDirs = outputDirs
    }
}

/// A container task: the exact `POST /containers/create` body plus how to run it.
public struct ContainerSpec: Codable, Sendable, Hashable {
    /// The create body (Image, Cmd, Entrypoint, Env, WorkingDir, User, Labels, HostConfig,
    /// ExposedPorts), with run-time parts as `$template` objects; written by the compiler as
    /// canonical bytes (``CanonicalJSON/value`` decodes it).
    public var create: CanonicalJSON
    /// `IF_NOT_PRESENT`, `ALWAYS` or `NEVER`, or a `$template` rendering one of them.
    public var pullPolicy: JSONValue
    /// Registry credentials as given (templates such as `{{ secret('X') }}` stay templates).
    public var credentials: [String: JSONValue]?
    /// A runner `config` (config.json content), template or JSON.
    public var config: JSONValue?
    /// The engine to use (`unix://`, `tcp://`); nil for the default.
    public var host: JSONValue?
    public var fileHandlingStrategy: String
    public var files: FileSpec
    public var delete: JSONValue
    public var wait: JSONValue
    public var resume: JSONValue
    public var killGracePeriodSeconds: Double
    /// What the flow asks for that only the operator may allow (the executor enforces).
    public var requiresHostVolumes: Bool
    public var requiresPrivileged: Bool

    public init(create: CanonicalJSON, pullPolicy: JSONValue, credentials: [String: JSONValue]?, config: JSONValue?, host: JSONValue?,
                fileHandlingStrategy: String, files: FileSpec, delete: JSONValue, wait: JSONValue, resume: JSONValue,
                killGracePeriodSeconds: Double, requiresHostVolumes: Bool, requiresPrivileged: Bool) {
        self.create = create
        self.pullPolicy = pullPolicy
        self.credentials = credentials
        self.config = config.droppingNull
        self.host = host.droppingNull
        self.fileHandlingStrategy = fileHandlingStrategy
        self.files = files
        self.delete = delete
        self.wait = wait
        self.resume = resume
        self.killGracePeriodSeconds = killGracePeriodSeconds
        self.requiresHostVolumes = requiresHostVolumes
        self.requiresPrivileged = requiresPrivileged
    }
}

/// A task run as a local process (the Process runner).
public struct ProcessSpec: Codable, Sendable, Hashable {
    /// argv: interpreter + script, templates as `$template`.
    public var command: [JSONValue]
    /// Extra environment (the process also inherits berth's own).
    public var env: [String: JSONValue]
    public var files: FileSpec

    public init(command: [JSONValue], env: [String: JSONValue], files: FileSpec) {
        self.command = command
        self.env = env
        self.files = files
    }
}

extension PlanNode {
    /// Tasks that run (and are retried) themselves; the others are flowables.
    public var isRunnable: Bool { [.container, .process, .internal, .subflow].contains(kind) }
}

extension PlanNode {
    /// The nodes directly inside: children by slot name, then `errors`, then `finally`.
    public var inner: [PlanNode] {
        children.keys.sorted().flatMap { children[$0] ?? [] } + errors + finally
    }

    /// Every node inside, at any depth.
    public var descendants: [PlanNode] {
        inner.flatMap { [$0] + $0.descendants }
    }
}

extension Plan {
    /// Every node with its depth (0 for the flow's own lists), depth first in flow order: a
    /// flowable before what is inside it.
    public var treeOrder: [(node: PlanNode, depth: Int)] {
        var out: [(node: PlanNode, depth: Int)] = []
        func visit(_ nodes: [PlanNode], _ depth: Int) {
            for node in nodes {
                out.append((node, depth))
                visit(node.inner, depth + 1)
            }
        }
        visit(tasks + errors + finally + afterExecution, 0)
        return out
    }

    /// Every node: tasks, handlers and their children, depth first in flow order.
    public var allNodes: [PlanNode] { treeOrder.map(\.node) }

    /// The plan as deterministic JSON (sorted keys, pretty, trailing newline): the bytes
    /// `JSONEncoder` would write, from ``PlanEncoder``.
    public func encoded() -> Data {
        // Every value of a plan is encodable (non-finite doubles become strings); an empty plan
        // file would be worse than stopping here.
        var bytes: [UInt8]
        do { bytes = try PlanEncoder.encode(self) } catch { fatalError("cannot encode the plan: \(error)") }
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// Reads a plan, refusing other format versions.
    public static func decode(_ data: Data) throws -> Plan {
        struct VersionOnly: Decodable { var version: Int }
        let version = try JSONDecoder().decode(VersionOnly.self, from: data).version
        guard version == currentVersion else {
            throw PlanFormatError(message: "plan format version \(version) is not supported (this berth reads version \(currentVersion))")
        }
        return try JSONDecoder().decode(Plan.self, from: data)
    }
}

public struct PlanFormatError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Optional where Wrapped == JSONValue {
    /// nil for a JSON null: an optional field holding null is written as `null` and read back
    /// as absent, so the plan would not read back as written.
    var droppingNull: JSONValue? { self == .null ? nil : self }
}
