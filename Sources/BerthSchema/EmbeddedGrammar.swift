// Generated from grammar/schema by `UPDATE_GOLDEN=1 swift test --filter EmbeddedGrammarTests`.
// Do not edit: a test fails when this copy differs from grammar/schema.

/// The grammar/schema files, embedded at build time so the binary never reads grammar/ at run time.
public enum EmbeddedGrammar {
    /// File name and text of each grammar/schema/*.yaml file, sorted by name.
    public static let files: [(name: String, text: String)] = [
        (name: "expressions.yaml", text: ##"""
# What {{ }} expressions may name: root variables, filters, functions and tests, with their
# argument counts ([min, max]; max -1 = any). The checker and the evaluator both use this list.
expressions:
  roots:
    flow: {description: "The flow: id, namespace, revision, tenantId."}
    execution: {description: "The execution: id, startDate, originalId (Kestra 1.x; state in newer versions, which berth does not give)."}
    task: {description: "The current task: id, type."}
    item: {description: "Inside a Loop (Kestra 2.0): value, index (from 0), key (values given as a map), parent and parents (enclosing Loops, closest first)."}
    taskrun: {description: "The current task run: id (the same for all its attempts), startDate, attemptsCount (0 on the first attempt), parentId; value inside ForEach (iteration under WaitFor and ForEachItem)."}
    parent: {description: "The enclosing flowable task's task run and outputs (taskrun.value when that task is directly inside a loop)."}
    parents: {description: "All enclosing flowable tasks' task runs and outputs, innermost first."}
    workerTaskrun: {description: "Inside a WorkingDirectory: the WorkingDirectory's own task run (id, value, attemptsCount…)."}
    inputs: {description: "Execution inputs, with declared defaults."}
    outputs: {description: "Outputs of tasks that ran: outputs.<taskId>.<attribute>."}
    tasks: {description: "Task states: tasks.<taskId>.state."}
    vars: {description: "The flow's variables."}
    labels: {description: "Execution labels."}
    trigger: {description: "Variables of the trigger that started the execution."}
    envs: {description: "Worker environment variables with the configured prefix, prefix removed, lowercased."}
    globals: {description: "Global variables from the configuration."}
    kestra: {description: "environment and url of the instance."}
    namespace: {description: "Namespace variables (Enterprise Edition)."}
    workingDir: {description: "Script tasks: the working directory path."}
    outputDir: {description: "Script tasks: the output directory, when enabled."}
    outputFiles: {description: "Script tasks: each outputFiles name given without a glob → its path in the working directory."}
    temp: {description: "Legacy script tasks (io.kestra.core.tasks.scripts.*): the old name of outputFiles."}
    outputDirs: {description: "Legacy script tasks: each outputDirs name → its directory in the working directory."}
    bucketPath: {description: "Cloud runners: the bucket path."}
    error: {description: "In errors tasks: the error that failed the execution."}
  filters:
    abs: {args: [0, 0], description: "Absolute value."}
    base64decode: {args: [0, 0], description: "Decode base64 text."}
    base64encode: {args: [0, 0], description: "Encode as base64."}
    capitalize: {args: [0, 0], description: "First letter upper case."}
    chunk: {args: [1, 1], description: "Split a list into lists of N items."}
    className: {args: [0, 0], description: "The Java class name of the value."}
    date: {args: [0, 3], description: "Format a date: date(format, existingFormat, timeZone)."}
    dateAdd: {args: [2, 2], description: "Add an amount of a unit to a date: dateAdd(1, 'DAYS')."}
    default: {args: [1, 1], description: "The argument when the value is null or empty."}
    endsWith: {args: [1, 1], description: "Whether the text ends with the argument."}
    escapeChar: {args: [0, 1], description: "Escape characters for a language (e.g. 'shell')."}
    first: {args: [0, 0], description: "First item or character."}
    flatten: {args: [0, 0], description: "Flatten a list of lists."}
    indent: {args: [1, 2], description: "Indent every line but the first by N spaces."}
    jq: {args: [1, 1], description: "Apply a jq expression (a subset); returns a list."}
    join: {args: [0, 1], description: "Join list items with a separator."}
    json: {args: [0, 0], until: "2.0", migrateTo: toJson, removed: "Kestra 2.0 names it toJson", description: "Deprecated alias of toJson."}
    keys: {args: [0, 0], description: "Keys of a map."}
    last: {args: [0, 0], description: "Last item or character."}
    length: {args: [0, 0], description: "Number of items or characters."}
    lower: {args: [0, 0], description: "Lower case."}
    md5: {args: [0, 0], description: "MD5 hex digest."}
    merge: {args: [1, 1], description: "Merge two lists or maps."}
    nindent: {args: [1, 2], description: "A newline, then every line indented by N spaces."}
    number: {args: [0, 1], description: "Parse text as a number (optionally 'INT', 'FLOAT', ...)."}
    numberFormat: {args: [1, 1], description: "Format a number with a Java DecimalFormat pattern."}
    replace: {args: [1, 2], description: "Replace text: replace('a', 'b') or replace({'a': 'b'})."}
    reverse: {args: [0, 0], description: "Reverse a list or text."}
    rsort: {args: [0, 0], description: "Sort a list descending."}
    sha1: {args: [0, 0], description: "SHA-1 hex digest."}
    sha256: {args: [0, 0], description: "SHA-256 hex digest."}
    sha512: {args: [0, 0], description: "SHA-512 hex digest."}
    slice: {args: [1, 2], description: "Part of a list or text: slice(from, to)."}
    slugify: {args: [0, 0], description: "Lower-case words joined by dashes."}
    sort: {args: [0, 0], description: "Sort a list ascending."}
    split: {args: [1, 2], description: "Split text by a delimiter (with an optional limit)."}
    startsWith: {args: [1, 1], description: "Whether the text starts with the argument."}
    substringAfter: {args: [1, 1], description: "Text after the first occurrence of the argument."}
    substringAfterLast: {args: [1, 1], description: "Text after the last occurrence of the argument."}
    substringBefore: {args: [1, 1], description: "Text before the first occurrence of the argument."}
    substringBeforeLast: {args: [1, 1], description: "Text before the last occurrence of the argument."}
    timestamp: {args: [0, 2], description: "Seconds since the epoch of a date."}
    timestampMicro: {args: [0, 2], description: "Microseconds since the epoch."}
    timestampNano: {args: [0, 2], description: "Nanoseconds since the epoch."}
    title: {args: [0, 0], description: "Each word capitalised."}
    toIon: {args: [0, 0], description: "Serialise as Ion."}
    toJson: {args: [0, 0], description: "Serialise as JSON."}
    trim: {args: [0, 0], description: "Remove surrounding whitespace."}
    upper: {args: [0, 0], description: "Upper case."}
    urldecode: {args: [0, 0], description: "Decode URL-encoded text."}
    urlencode: {args: [0, 0], description: "URL-encode text."}
    values: {args: [0, 0], description: "Values of a map."}
    yaml: {args: [0, 0], description: "Serialise as YAML."}
  functions:
    currentEachOutput: {args: [1, 1], description: "Sibling outputs of the current ForEach iteration."}
    decrypt: {args: [1, 1], description: "Decrypt a value (Enterprise Edition)."}
    encrypt: {args: [2, 2], description: "Encrypt a value (Enterprise Edition)."}
    errorLogs: {args: [0, 0], description: "Error logs of the execution, for alerts."}
    fetchContext: {args: [0, 0], description: "The whole context, for debugging."}
    fileExists: {args: [1, 1], description: "Whether a namespace file or URI exists."}
    fileSize: {args: [1, 1], description: "Size of a file in internal storage."}
    fileURI: {args: [1, 1], description: "The URI of a namespace file."}
    fromIon: {args: [1, 1], description: "Parse Ion text."}
    fromJson: {args: [1, 1], description: "Parse JSON text."}
    dayOfWeek: {args: [1, 1], since: "2.0", description: "The day of a date: MONDAY … SUNDAY (Kestra 2.0)."}
    hourOfDay: {args: [1, 1], since: "2.0", description: "The hour of a date, 0-23, in its zone (Kestra 2.0)."}
    dayOfMonth: {args: [1, 1], since: "2.0", description: "The day of the month of a date, 1-31 (Kestra 2.0)."}
    monthOfYear: {args: [1, 1], since: "2.0", description: "The month of a date, 1-12 (Kestra 2.0)."}
    isWeekend: {args: [1, 1], since: "2.0", description: "Whether a date is a Saturday or a Sunday (Kestra 2.0)."}
    isDayWeekInMonth: {args: [3, 3], since: "2.0", description: "isDayWeekInMonth(date, 'MONDAY', 'FIRST'|'SECOND'|'THIRD'|'FOURTH'|'LAST') (Kestra 2.0)."}
    isLastWorkingDay: {args: [1, 2], since: "2.0", description: "Whether a date is its month's last working day (Monday to Friday, or the list of day names given) (Kestra 2.0)."}
    isPublicHoliday: {args: [2, 3], since: "2.0", description: "isPublicHoliday(date, 'FR'[, 'IDF']): from Kestra's holiday calendars, which berth does not ship (Kestra 2.0)."}
    loopOutputs: {args: [2, 2], since: "2.0", description: "loopOutputs(outputs.<loop>.outputs, 'id'): one declared Loop output across the iterations, in order (null where one lacks it)."}
    id: {args: [0, 0], description: "A new short unique id."}
    json: {args: [1, 1], until: "2.0", migrateTo: fromJson, removed: "Kestra 2.0 names it fromJson", description: "Deprecated alias of fromJson."}
    kv: {args: [1, 3], description: "A key-value store entry."}
    max: {args: [1, -1], description: "The largest argument."}
    min: {args: [1, -1], description: "The smallest argument."}
    now: {args: [0, 2], description: "The current time (optionally with timeZone and format)."}
    printContext: {args: [0, 0], description: "The whole context as JSON, for debugging."}
    randomInt: {args: [2, 2], description: "A random integer in [lower, upper)."}
    randomPort: {args: [0, 0], description: "A free TCP port."}
    range: {args: [2, 3], description: "Integers from start to end inclusive, with an optional step."}
    read: {args: [1, 1], description: "Read a namespace file or internal-storage URI."}
    render: {args: [1, 2], description: "Render a template held in a variable."}
    renderOnce: {args: [1, 1], description: "Render a template once (no recursion)."}
    secret: {args: [1, 1], description: "A secret value (masked in logs)."}
    tasksWithState: {args: [1, 1], description: "Tasks in a given state."}
    uuid: {args: [0, 0], description: "A random UUID."}
    yaml: {args: [1, 1], description: "Parse YAML text."}
  tests:
    defined: {args: [0, 0], description: "The variable exists."}
    empty: {args: [0, 0], description: "null, empty text, list or map."}
    even: {args: [0, 0], description: "An even number."}
    iterable: {args: [0, 0], description: "A list or map."}
    json: {args: [0, 0], description: "Text that parses as JSON."}
    map: {args: [0, 0], description: "A map."}
    none: {args: [0, 0], description: "null (alias)."}
    null: {args: [0, 0], description: "null."}
    odd: {args: [0, 0], description: "An odd number."}
"""##),
        (name: "flow.yaml", text: ##"""
# The flow, its inputs and outputs, and the objects they share.
# Format: grammar/README.md.
objects:
  Flow:
    summary: A Kestra flow.
    properties:
      id: {type: string, required: true, dynamic: false, pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]*$", maxLength: 100, description: "The flow identifier, unique within its namespace."}
      namespace: {type: string, required: true, dynamic: false, pattern: "^[a-z0-9][a-z0-9._-]*$", maxLength: 150, description: "The namespace the flow belongs to (lowercase, dot-separated)."}
      revision: {type: integer, min: 1, dynamic: false, description: "Managed by the server; a sent revision must be the last one plus one."}
      description: {type: string, dynamic: false, description: "Markdown description of the flow."}
      labels: {type: "map<string> | list<Label>", dynamic: false, description: "Key/value labels, as a map or a list of {key, value}. Keys starting with system. are reserved."}
      inputs: {type: "list<@input>", dynamic: false, description: "Typed inputs of an execution."}
      variables: {type: "map<any>", dynamic: false, description: "Values available as {{ vars.name }}."}
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "The tasks to run, in order."}
      errors: {type: "list<@task>", dynamic: false, description: "Tasks run when the flow fails."}
      finally: {type: "list<@task>", dynamic: false, description: "Tasks run at the end whatever the final state."}
      afterExecution: {type: "list<@task>", dynamic: false, description: "Tasks run after the execution reached its final state."}
      outputs: {type: "list<FlowOutput>", dynamic: false, description: "Flow outputs, computed from task outputs."}
      triggers: {type: "list<@trigger>", dynamic: false, description: "What starts the flow automatically."}
      pluginDefaults: {type: "list<PluginDefault>", dynamic: false, until: "2.0", removed: "Kestra 2.0 has no plugin defaults: write the values in the tasks (or in variables), or, on the Enterprise Edition, attach a Policy with policyRefs", description: "Default property values per task type or type prefix."}
      taskDefaults: {type: "list<PluginDefault>", dynamic: false, deprecated: "pluginDefaults", until: "2.0", removed: "Kestra 2.0 has no plugin defaults: write the values in the tasks (or in variables), or, on the Enterprise Edition, attach a Policy with policyRefs", description: "Deprecated name of pluginDefaults."}
      concurrency: {type: Concurrency, dynamic: false, description: "Limit on concurrent executions of this flow."}
      retry: {type: "@retry", dynamic: false, description: "Flow-level retry policy."}
      sla: {type: "list<SLA>", dynamic: false, description: "Service-level agreements (beta)."}
      checks: {type: "list<Check>", dynamic: false, description: "Conditions evaluated before the flow runs."}
      disabled: {type: boolean, default: "false", dynamic: false, description: "A disabled flow is not triggered."}
      workerGroup: {type: WorkerGroup, dynamic: false, until: "2.0", removed: "Kestra 2.0 routes with workerSelector: {tags: [<key>], fallback} (and 2.0 fails where 1.x waited: write fallback: WAIT to keep that)", description: "Worker group (Enterprise Edition)."}
      workerSelector: {type: WorkerSelector, dynamic: false, since: "2.0", description: "Worker queues by tag (Enterprise Edition)."}
      policyRefs: {type: "list<string>", dynamic: false, since: "2.0", description: "Policies (Enterprise Edition) that apply to the flow, by id."}
      listeners: {type: "list<map<any>>", dynamic: false, removed: "Kestra 1.x no longer reads listeners (they were deprecated in 0.x): move their tasks to afterExecution, or to a flow with a Flow trigger", description: "Removed; use afterExecution."}
  Label:
    summary: One label.
    properties:
      key: {type: string, required: true, dynamic: false, description: "Label key."}
      value: {type: string, required: true, dynamic: false, description: "Label value."}
  FlowOutput:
    summary: A flow output.
    properties:
      id: {type: string, required: true, dynamic: false, pattern: "^[a-zA-Z0-9][.a-zA-Z0-9_-]*$", description: "Output identifier."}
      type: {type: enum, required: true, dynamic: false, values: [STRING, ENUM, SELECT, MULTISELECT, INT, FLOAT, BOOLEAN, BOOL, DATETIME, DATE, TIME, DURATION, FILE, JSON, URI, SECRET, ARRAY, YAML, EMAIL], description: "Value type."}
      value: {type: any, required: true, description: "The value, usually an expression over task outputs."}
      description: {type: string, dynamic: false, description: "What the output holds."}
      displayName: {type: string, dynamic: false, maxLength: 64, description: "Name shown in the UI."}
      required: {type: boolean, dynamic: false, description: "Whether the output must be set."}
  PluginDefault:
    summary: Default values for a task type or a type prefix.
    properties:
      type: {type: string, required: true, dynamic: false, description: "A type name or a prefix such as io.kestra.plugin.scripts."}
      forced: {type: boolean, default: "false", dynamic: false, description: "When true the values override those in the task."}
      values: {type: "map<any>", required: true, dynamic: false, description: "Property values to apply."}
  Check:
    summary: A condition evaluated before an execution is created, with the message shown when it fails.
    properties:
      condition: {type: string, until: "2.0", migrateTo: when, removed: "Kestra 2.0 renamed it to when (2.0.0 still reads condition, as a deprecated alias)", description: "The expression that must render true (Kestra 1.x)."}
      when: {type: string, since: "2.0", description: "The expression that must render true (Kestra 2.0)."}
      message: {type: string, required: true, description: "Shown when the condition does not hold."}
      style: {type: enum, values: [INFO, ERROR, SUCCESS, WARNING], default: INFO, dynamic: false, description: "How the message is shown."}
      behavior: {type: enum, values: [BLOCK_EXECUTION, FAIL_EXECUTION, CREATE_EXECUTION], default: BLOCK_EXECUTION, dynamic: false, description: "What a failed check does to the execution."}
  Concurrency:
    summary: Concurrency limit.
    properties:
      limit: {type: integer, required: true, min: 1, dynamic: false, description: "Maximum concurrent executions."}
      behavior: {type: enum, values: [QUEUE, CANCEL, FAIL], default: QUEUE, dynamic: false, description: "What happens to an execution over the limit."}
  SLA:
    summary: A service-level agreement.
    properties:
      id: {type: string, required: true, dynamic: false, description: "SLA identifier."}
      type: {type: enum, required: true, dynamic: false, values: [MAX_DURATION, EXECUTION_ASSERTION], description: "SLA kind."}
      behavior: {type: enum, required: true, dynamic: false, values: [FAIL, CANCEL, NONE], description: "What to do when the SLA is missed."}
      duration: {type: duration, dynamic: false, description: "For MAX_DURATION: the limit."}
      assert: {type: string, description: "For EXECUTION_ASSERTION: an expression that must hold."}
      labels: {type: "map<string> | list<Label>", dynamic: false, description: "Labels added when the SLA is missed."}
  WorkerGroup:
    summary: Worker group selection (Enterprise Edition).
    properties:
      key: {type: string, pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$", description: "Worker group key."}
      fallback: {type: enum, values: [FAIL, WAIT, CANCEL], dynamic: false, description: "What to do when no worker of the group is available."}
  WorkerSelector:
    summary: The worker queues that may run it, by tag (Enterprise Edition, Kestra 2.0).
    properties:
      tags: {type: "list<string>", required: true, nonEmpty: true, dynamic: false, pattern: "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$", description: "Tags a worker queue must carry (RFC 1123 labels, at most 20)."}
      match: {type: enum, values: [ALL, ANY], default: ALL, dynamic: false, description: "ALL: the queue carries every tag; ANY: at least one."}
      fallback: {type: enum, values: [FAIL, WAIT, CANCEL, IGNORE], default: FAIL, dynamic: false, description: "What happens when no matching worker is available (IGNORE: the default queue)."}
  InputDependsOn:
    summary: Inputs this input depends on.
    properties:
      inputs: {type: "list<string>", dynamic: false, description: "Ids of inputs that must be set first."}
      condition: {type: string, description: "An expression deciding whether this input is shown."}
  InputCommon:
    summary: Properties every input has.
    properties:
      id: {type: string, required: true, dynamic: false, pattern: "^[a-zA-Z0-9][.a-zA-Z0-9_-]*$", description: "Input identifier, used as {{ inputs.id }}."}
      name: {type: string, dynamic: false, deprecated: "id", until: "2.0", removed: "Kestra 2.0 reads only id (displayName is the label)", description: "Deprecated alias of id."}
      description: {type: string, dynamic: false, description: "Help text for the input."}
      required: {type: boolean, default: "true", dynamic: false, description: "Whether a value must be given (or a default exist)."}
      defaults: {type: any, description: "Default value."}
      displayName: {type: string, dynamic: false, maxLength: 64, description: "Name shown in the UI."}
      dependsOn: {type: InputDependsOn, dynamic: false, description: "Inputs this one depends on."}
types:
  STRING:
    category: input
    extends: [InputCommon]
    summary: A string input.
    properties:
      validator: {type: string, dynamic: false, description: "A regular expression the value must match."}
  ENUM:
    category: input
    extends: [InputCommon]
    summary: Deprecated; use SELECT.
    deprecated: SELECT
    until: "2.0"
    removed: "Kestra 2.0 names it SELECT"
    migrateTo: SELECT
    properties:
      values: {type: "list<string>", required: true, dynamic: false, description: "Allowed values."}
  SELECT:
    category: input
    extends: [InputCommon]
    summary: One value from a list.
    properties:
      values: {type: "list<string>", dynamic: false, description: "Allowed values."}
      expression: {type: string, description: "An expression producing the values."}
      allowCustomValue: {type: boolean, default: "false", dynamic: false, description: "Accept a value not in the list."}
      isRadio: {type: boolean, default: "false", dynamic: false, description: "Show as radio buttons."}
  MULTISELECT:
    category: input
    extends: [InputCommon]
    summary: Several values from a list.
    properties:
      values: {type: "list<string>", dynamic: false, description: "Allowed values."}
      options: {type: "list<string>", dynamic: false, deprecated: "values", until: "2.0", removed: "Kestra 2.0 reads only values", description: "Deprecated; use values."}
      expression: {type: string, description: "An expression producing the values."}
      itemType: {type: enum, values: [STRING, INT, FLOAT, BOOLEAN, DATETIME, DATE, TIME, DURATION, JSON, URI, EMAIL], default: STRING, dynamic: false, description: "Type of each value."}
      allowCustomValue: {type: boolean, default: "false", dynamic: false, description: "Accept values not in the list."}
  INT:
    category: input
    extends: [InputCommon]
    summary: An integer input.
    properties:
      min: {type: integer, dynamic: false, description: "Smallest allowed value."}
      max: {type: integer, dynamic: false, description: "Largest allowed value."}
  FLOAT:
    category: input
    extends: [InputCommon]
    summary: A decimal input.
    properties:
      min: {type: number, dynamic: false, description: "Smallest allowed value."}
      max: {type: number, dynamic: false, description: "Largest allowed value."}
  BOOLEAN:
    category: input
    extends: [InputCommon]
    summary: A boolean input.
    until: "2.0"
    removed: "Kestra 2.0 names it BOOL"
    migrateTo: BOOL
  BOOL:
    category: input
    extends: [InputCommon]
    summary: A boolean input (newer name).
  DATETIME:
    category: input
    extends: [InputCommon]
    summary: An instant (ISO-8601).
    properties:
      after: {type: string, dynamic: false, description: "Earliest allowed instant."}
      before: {type: string, dynamic: false, description: "Latest allowed instant."}
  DATE:
    category: input
    extends: [InputCommon]
    summary: A date (YYYY-MM-DD).
    properties:
      after: {type: string, dynamic: false, description: "Earliest allowed date."}
      before: {type: string, dynamic: false, description: "Latest allowed date."}
  TIME:
    category: input
    extends: [InputCommon]
    summary: A time of day.
    properties:
      after: {type: string, dynamic: false, description: "Earliest allowed time."}
      before: {type: string, dynamic: false, description: "Latest allowed time."}
  DURATION:
    category: input
    extends: [InputCommon]
    summary: An ISO-8601 duration.
    properties:
      min: {type: duration, dynamic: false, description: "Shortest allowed duration."}
      max: {type: duration, dynamic: false, description: "Longest allowed duration."}
  FILE:
    category: input
    extends: [InputCommon]
    summary: An uploaded file.
    properties:
      extension: {type: string, default: ".upl", dynamic: false, description: "File extension to store the upload with."}
  JSON:
    category: input
    extends: [InputCommon]
    summary: A JSON document.
  YAML:
    category: input
    extends: [InputCommon]
    summary: A YAML document.
  URI:
    category: input
    extends: [InputCommon]
    summary: A URI.
  EMAIL:
    category: input
    extends: [InputCommon]
    summary: An e-mail address.
  SECRET:
    category: input
    extends: [InputCommon]
    summary: A secret string, encrypted and masked in logs.
    properties:
      validator: {type: string, dynamic: false, description: "A regular expression the value must match."}
  ARRAY:
    category: input
    extends: [InputCommon]
    summary: A list of typed values.
    properties:
      itemType: {type: enum, required: true, values: [STRING, INT, FLOAT, BOOLEAN, DATETIME, DATE, TIME, DURATION, JSON, URI, EMAIL], dynamic: false, description: "Type of each item."}
"""##),
        (name: "runners.yaml", text: ##"""
# Task runners.
objects:
  Credentials:
    summary: Registry credentials, merged into config auths.
    properties:
      registry: {type: string, description: "Registry host; taken from the image when missing."}
      username: {type: string, description: "Registry user."}
      password: {type: string, description: "Registry password (use a secret)."}
      registryToken: {type: string, description: "Registry token."}
      identityToken: {type: string, description: "Identity token."}
      auth: {type: string, description: "base64 of user:password, or a token."}
  Cpu:
    summary: CPU limit.
    properties:
      cpus: {type: number, description: "CPUs (fractions allowed): HostConfig.NanoCpus = cpus × 1e9."}
  Memory:
    summary: Memory limits; sizes like 512MB, 1GB or a byte count.
    properties:
      memory: {type: size, description: "Hard limit (HostConfig.Memory); at least 6MB."}
      memorySwap: {type: size, min: -1, description: "Memory + swap (HostConfig.MemorySwap); needs memory; -1 unlimited."}
      memorySwappiness: {type: size, description: "0-100 (HostConfig.MemorySwappiness)."}
      memoryReservation: {type: size, description: "Soft limit (HostConfig.MemoryReservation)."}
      kernelMemory: {type: size, description: "Deprecated by Docker (HostConfig.KernelMemory)."}
      oomKillDisable: {type: boolean, description: "Disable the OOM killer (HostConfig.OomKillDisable)."}
  DeviceRequest:
    summary: A device request (docker run --gpus).
    properties:
      driver: {type: string, description: "Driver, e.g. nvidia."}
      count: {type: integer, description: "Number of devices; -1 for all."}
      deviceIds: {type: "list<string>", description: "Device ids."}
      capabilities: {type: "list<list<string>>", description: "OR of ANDs of capabilities, e.g. [[gpu]]."}
      options: {type: "map<string>", description: "Driver options."}
types:
  io.kestra.plugin.scripts.runner.docker.Docker:
    category: runner
    summary: Run the task in a Docker container.
    aliases: [io.kestra.plugin.scripts.runner.docker.DockerTaskRunner]
    properties:
      host: {type: string, description: "Docker API URI (unix:// or tcp://); the local socket by default."}
      config: {type: "string | map<any>", description: "A Docker config.json (auths, credHelpers, ...)."}
      credentials: {type: Credentials, dynamic: false, description: "Registry credentials."}
      user: {type: string, description: "Container user (HostConfig User)."}
      entryPoint: {type: "list<string>", default: "[\"\"]", description: "Entrypoint; the default [\"\"] clears the image's."}
      extraHosts: {type: "list<string>", description: "host:ip entries (HostConfig.ExtraHosts)."}
      networkMode: {type: string, description: "HostConfig.NetworkMode: bridge, host, none, container:<id> or a network."}
      portBindings: {type: "list<string>", description: "docker run -p style: [ip:]hostPort:containerPort[/proto]."}
      volumes: {type: "list<string>", description: "host:container[:mode] binds; only with the operator's permission (berth: --allow-volumes)."}
      pullPolicy: {type: enum, values: [IF_NOT_PRESENT, ALWAYS, NEVER], default: IF_NOT_PRESENT, description: "When to pull the image."}
      deviceRequests: {type: "list<DeviceRequest>", dynamic: false, description: "Device requests (GPUs)."}
      cpu: {type: Cpu, dynamic: false, description: "CPU limit."}
      memory: {type: Memory, dynamic: false, description: "Memory limits."}
      shmSize: {type: size, description: "Size of /dev/shm (HostConfig.ShmSize)."}
      privileged: {type: boolean, description: "Run privileged (operator must allow)."}
      fileHandlingStrategy: {type: enum, values: [VOLUME, MOUNT], default: VOLUME, description: "How files reach the container: tar copy (VOLUME) or bind mount (MOUNT)."}
      delete: {type: boolean, default: "true", description: "Remove the container after the run."}
      wait: {type: boolean, default: "true", description: "Wait for the container to exit."}
      killGracePeriod: {type: duration, default: PT0S, dynamic: false, description: "0 kills at once; otherwise stop with this grace period."}
      resume: {type: boolean, default: "true", description: "Reattach to this attempt's container after a restart."}
  io.kestra.plugin.core.runner.Process:
    category: runner
    summary: Run the task as a local process.
    aliases: [io.kestra.plugin.scripts.runner.Process]
"""##),
        (name: "tasks-common.yaml", text: ##"""
# Properties every task has, retry policies, and shared objects of tasks.
objects:
  TaskCommon:
    summary: Properties every task has.
    properties:
      id: {type: string, required: true, dynamic: false, pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$", description: "Task identifier, unique in the whole flow (no dots)."}
      description: {type: string, dynamic: false, description: "What the task does."}
      retry: {type: "@retry", dynamic: false, description: "Retry policy when the task fails."}
      timeout: {type: duration, description: "Maximum run time (ISO-8601, e.g. PT5M); the task is killed and fails after it."}
      disabled: {type: boolean, default: "false", dynamic: false, description: "A disabled task is skipped."}
      allowFailure: {type: boolean, default: "false", dynamic: false, description: "A failure of this task does not fail the execution."}
      allowWarning: {type: boolean, default: "false", dynamic: false, description: "A warning of this task does not make the execution WARNING."}
      policyRefs: {type: "list<string>", dynamic: false, since: "2.0", description: "Policies (Enterprise Edition) that apply to the task, by id."}
      logLevel: {type: enum, values: [ERROR, WARN, INFO, DEBUG, TRACE], dynamic: false, description: "Minimum level of logs kept."}
      logToFile: {type: boolean, default: "false", dynamic: false, description: "Store logs in a file instead of the database."}
      runIf: {type: string, default: "true", description: "An expression; the task is skipped when it renders false."}
      workerGroup: {type: WorkerGroup, dynamic: false, until: "2.0", removed: "Kestra 2.0 routes with workerSelector: {tags: [<key>], fallback} (and 2.0 fails where 1.x waited: write fallback: WAIT to keep that)", description: "Worker group (Enterprise Edition)."}
      workerSelector: {type: WorkerSelector, dynamic: false, since: "2.0", description: "Worker queues by tag (Enterprise Edition)."}
  FlowableCommon:
    summary: Properties of tasks that hold other tasks.
    extends: [TaskCommon]
    properties:
      errors: {type: "list<@task>", dynamic: false, description: "Tasks run when a child fails."}
      finally: {type: "list<@task>", dynamic: false, description: "Tasks run after the children whatever their state."}
  RetryCommon:
    summary: Properties of every retry policy.
    properties:
      maxDuration: {type: duration, dynamic: false, description: "Stop retrying after this long."}
      maxAttempts: {type: integer, min: 1, dynamic: false, description: "Maximum number of attempts."}
      maxAttempt: {type: integer, min: 1, dynamic: false, deprecated: "maxAttempts", until: "2.0", removed: "Kestra 2.0 reads only maxAttempts", description: "Older spelling of maxAttempts."}
      warningOnRetry: {type: boolean, default: "false", dynamic: false, description: "End in WARNING when a retry was needed."}
      behavior: {type: enum, values: [RETRY_FAILED_TASK, CREATE_NEW_EXECUTION], default: RETRY_FAILED_TASK, dynamic: false, description: "Retry the task, or create a new execution."}
types:
  constant:
    category: retry
    extends: [RetryCommon]
    summary: Retry after a fixed interval.
    properties:
      interval: {type: duration, required: true, dynamic: false, description: "Delay between attempts; must be less than maxDuration."}
  exponential:
    category: retry
    extends: [RetryCommon]
    summary: Retry with an exponentially growing delay.
    properties:
      interval: {type: duration, required: true, dynamic: false, description: "First delay; must be less than maxInterval and maxDuration."}
      maxInterval: {type: duration, required: true, dynamic: false, description: "Longest delay."}
      delayFactor: {type: number, dynamic: false, description: "Growth factor (default 2)."}
  random:
    category: retry
    extends: [RetryCommon]
    summary: Retry after a random delay.
    properties:
      minInterval: {type: duration, required: true, dynamic: false, description: "Shortest delay; must be less than maxInterval."}
      maxInterval: {type: duration, required: true, dynamic: false, description: "Longest delay; must be less than maxDuration."}
"""##),
        (name: "tasks-core-http.yaml", text: ##"""
# io.kestra.plugin.core.http: Request, Download (run by berth) and the polling Trigger (checked).
objects:
  HttpCommon:
    summary: The request every HTTP task sends.
    properties:
      uri: {type: string, required: true, description: "The URI (spaces become %20)."}
      method: {type: string, default: GET, description: "The HTTP method, sent as written."}
      body: {type: string, description: "The request body, sent as is (when there is no formData)."}
      formData: {type: "map<any>", description: "Form fields: multipart when contentType is multipart/form-data (kestra:// values sent as files), URL-encoded otherwise."}
      contentType: {type: string, default: application/json, description: "The body's content type."}
      headers: {type: "map<string>", description: "Request headers."}
      params: {type: "map<any>", description: "Query parameters added to the URI's own (a list repeats the name)."}
      options: {type: HttpOptions, dynamic: false, description: "Client settings: timeouts, proxy, auth, TLS, redirects, accepted codes."}
      allowFailed: {type: boolean, deprecated: "true", description: "Deprecated; use options.allowFailed."}
      sslOptions: {type: HttpSsl, dynamic: false, deprecated: "true", description: "Deprecated; use options.ssl."}
  HttpOptions:
    summary: HTTP client settings.
    properties:
      timeout: {type: HttpTimeout, dynamic: false, description: "Connect and read-idle timeouts."}
      proxy: {type: HttpProxy, dynamic: false, description: "A proxy."}
      auth: {type: HttpAuth, dynamic: false, description: "BASIC (username, password) or BEARER (token) authentication; replaces an Authorization header."}
      ssl: {type: HttpSsl, dynamic: false, description: "TLS settings."}
      followRedirects: {type: boolean, default: "true", description: "Follow redirects."}
      allowFailed: {type: boolean, default: "false", description: "Accept every response code (else 400 and above fail the task)."}
      allowedResponseCodes: {type: "list<integer>", description: "The only accepted response codes (replaces allowFailed and the < 400 rule)."}
      defaultCharset: {type: string, default: UTF-8, description: "Charset of a text body sent."}
      logs: {type: "list<string>", description: "What to log: REQUEST_HEADERS, REQUEST_BODY, RESPONSE_HEADERS, RESPONSE_BODY."}
      connectTimeout: {type: duration, deprecated: "true", description: "Deprecated; use timeout.connectTimeout."}
      readTimeout: {type: duration, deprecated: "true", description: "Deprecated; use timeout.readIdleTimeout."}
      readIdleTimeout: {type: duration, deprecated: "true", description: "Deprecated and ignored."}
      connectionPoolIdleTimeout: {type: duration, deprecated: "true", description: "Deprecated and ignored."}
      maxContentLength: {type: integer, deprecated: "true", description: "Deprecated and ignored."}
      proxyType: {type: enum, values: [DIRECT, HTTP, SOCKS], deprecated: "true", description: "Deprecated; use proxy.type."}
      proxyAddress: {type: string, deprecated: "true", description: "Deprecated; use proxy.address."}
      proxyPort: {type: integer, deprecated: "true", description: "Deprecated; use proxy.port."}
      proxyUsername: {type: string, deprecated: "true", description: "Deprecated; use proxy.username."}
      proxyPassword: {type: string, deprecated: "true", description: "Deprecated; use proxy.password."}
      basicAuthUser: {type: string, deprecated: "true", description: "Deprecated; use auth with type BASIC."}
      basicAuthPassword: {type: string, deprecated: "true", description: "Deprecated; use auth with type BASIC."}
      logLevel: {type: enum, values: [ERROR, WARN, INFO, DEBUG, TRACE], deprecated: "true", description: "Deprecated; use logs."}
  HttpTimeout:
    summary: HTTP timeouts.
    properties:
      connectTimeout: {type: duration, description: "Time to connect."}
      readIdleTimeout: {type: duration, default: PT5M, description: "Longest wait for data."}
  HttpProxy:
    summary: An HTTP or SOCKS proxy.
    properties:
      type: {type: enum, values: [DIRECT, HTTP, SOCKS], default: DIRECT, description: "The proxy kind."}
      address: {type: string, description: "The proxy host."}
      port: {type: integer, description: "The proxy port (required with an address)."}
      username: {type: string, description: "Proxy user."}
      password: {type: string, description: "Proxy password."}
  HttpAuth:
    summary: HTTP authentication.
    properties:
      type: {type: enum, values: [BASIC, BEARER, DIGEST], required: true, description: "The scheme."}
      username: {type: string, description: "BASIC and DIGEST user."}
      password: {type: string, description: "BASIC and DIGEST password."}
      token: {type: string, description: "BEARER token."}
  HttpSsl:
    summary: TLS settings.
    properties:
      insecureTrustAllCertificates: {type: boolean, description: "Set at all (even false), any certificate and host name are accepted, as in Kestra."}
types:
  io.kestra.plugin.core.http.Request:
    category: task
    extends: [TaskCommon, HttpCommon]
    summary: Send an HTTP request; the response body is kept as text.
    aliases: [io.kestra.plugin.fs.http.Request]
    outputs: [uri, code, headers, body, encryptedBody]
    properties:
      encryptBody: {type: boolean, default: "false", description: "Keep the body encrypted in outputs (berth: kept out of outputs, see README)."}
  io.kestra.plugin.core.http.Download:
    category: task
    extends: [TaskCommon, HttpCommon]
    summary: Download a file into the execution's storage.
    aliases: [io.kestra.plugin.fs.http.Download]
    outputs: [uri, code, length, headers]
    properties:
      failOnEmptyResponse: {type: boolean, default: "true", description: "An empty body fails the task (No response from server)."}
  io.kestra.plugin.core.http.Trigger:
    category: trigger
    extends: [TriggerCommon, HttpCommon]
    summary: Poll a URI and start the flow when responseCondition holds.
    aliases: [io.kestra.plugin.fs.http.Trigger]
    properties:
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      responseCondition: {type: string, default: "{{ response.statusCode < 400 }}", description: "Rendered with response.statusCode, body and headers; truthy starts the flow."}
      encryptBody: {type: boolean, default: "false", description: "Keep the body encrypted."}
"""##),
        (name: "tasks-core-state.yaml", text: ##"""
# Core tasks that keep state outside one execution: the KV store, namespace files, execution
# labels (run by berth, README "KV store" and "Namespace files"), and those that need a Kestra
# server (checked; they fail at run time saying why).
types:
  io.kestra.plugin.core.kv.Set:
    category: task
    extends: [TaskCommon]
    summary: Store a value in the namespace's KV store.
    properties:
      key: {type: string, required: true, description: "The key: a letter or digit, then letters, digits, '.', '_' or '-'."}
      value: {type: any, required: true, description: "The value, rendered (converted to kvType when given)."}
      namespace: {type: string, default: "{{ flow.namespace }}", description: "The namespace whose store holds the key."}
      overwrite: {type: boolean, default: "true", description: "Replace an existing value (false: an existing key fails the task)."}
      ttl: {type: duration, description: "How long the value lives; past it the key reads as missing."}
      kvType: {type: enum, values: [STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON], description: "The value's type (default: the rendered value's own)."}
  io.kestra.plugin.core.kv.Get:
    category: task
    extends: [TaskCommon]
    summary: Read a value from the namespace's KV store.
    outputs: [value]
    properties:
      key: {type: string, required: true, description: "The key."}
      namespace: {type: string, default: "{{ flow.namespace }}", description: "The namespace whose store holds the key."}
      errorOnMissing: {type: boolean, default: "false", description: "Fail when the key is missing or expired (else value is null)."}
  io.kestra.plugin.core.kv.Delete:
    category: task
    extends: [TaskCommon]
    summary: Delete a key from the namespace's KV store.
    outputs: [deleted]
    properties:
      key: {type: string, required: true, description: "The key."}
      namespace: {type: string, default: "{{ flow.namespace }}", description: "The namespace whose store holds the key."}
      errorOnMissing: {type: boolean, default: "false", description: "Fail when the key is missing."}
  io.kestra.plugin.core.kv.GetKeys:
    category: task
    extends: [TaskCommon]
    summary: List the keys of the namespace's KV store.
    outputs: [keys]
    properties:
      prefix: {type: string, description: "Only keys starting with this."}
      namespace: {type: string, default: "{{ flow.namespace }}", description: "The namespace whose keys are listed."}
  io.kestra.plugin.core.namespace.UploadFiles:
    category: task
    extends: [TaskCommon]
    summary: Store files as namespace files.
    outputs: [files]
    properties:
      namespace: {type: string, description: "Target namespace (default: the flow's)."}
      files: {type: "list<string>", description: "Globs of files of the working directory (inside WorkingDirectory) to upload."}
      filesMap: {type: "map<string> | string", description: "Namespace path → kestra:// URI of a stored file (or that map as JSON)."}
      destination: {type: string, default: /, description: "Folder of the namespace the files go into."}
      conflict: {type: enum, values: [OVERWRITE, ERROR, SKIP], default: OVERWRITE, description: "What to do when a namespace file exists."}
  io.kestra.plugin.core.namespace.DownloadFiles:
    category: task
    extends: [TaskCommon]
    summary: Copy namespace files into the execution's storage.
    outputs: [files]
    properties:
      namespace: {type: string, required: true, description: "The namespace to read."}
      files: {type: "string | list<string>", required: true, description: "Globs of the namespace files to copy."}
      destination: {type: string, default: "", description: "Prefix of the stored files' names."}
  io.kestra.plugin.core.namespace.DeleteFiles:
    category: task
    extends: [TaskCommon]
    summary: Delete namespace files.
    properties:
      namespace: {type: string, required: true, description: "The namespace."}
      files: {type: "string | list<string>", required: true, description: "Globs of the namespace files to delete."}
  io.kestra.plugin.core.execution.Labels:
    category: task
    extends: [TaskCommon]
    summary: Add or replace labels of the running execution.
    aliases: [io.kestra.core.tasks.executions.Labels]
    properties:
      labels: {type: "map<string> | list<Label> | string", required: true, description: "Labels as a map, a list of {key, value}, or a JSON map; keys starting with system. are refused."}
  io.kestra.plugin.core.flow.Template:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 removed templates: make the template a flow of its own and call it with io.kestra.plugin.core.flow.Subflow (templateId becomes flowId)"
    extends: [TaskCommon]
    summary: Deprecated; run a template's tasks (needs a Kestra server's template repository).
    deprecated: io.kestra.plugin.core.flow.Subflow
    aliases: [io.kestra.core.tasks.flows.Template]
    properties:
      namespace: {type: string, required: true, description: "The template's namespace."}
      templateId: {type: string, required: true, description: "The template's id."}
      tenantId: {type: string, description: "The template's tenant."}
      args: {type: "map<string>", description: "Arguments passed to the template."}
  io.kestra.plugin.core.trigger.Toggle:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 moved it to io.kestra.plugin.kestra.triggers.Toggle (plugin-kestra: it calls the Kestra API and needs auth; without trigger it toggles every trigger of the flow)"
    extends: [TaskCommon]
    summary: Enable or disable a trigger of a flow (needs a Kestra server's scheduler).
    aliases: [io.kestra.core.tasks.trigger.Toggle]
    properties:
      namespace: {type: string, description: "The flow's namespace (default: this flow's)."}
      flowId: {type: string, description: "The flow (default: this flow)."}
      trigger: {type: string, required: true, description: "The trigger id."}
      enabled: {type: boolean, default: "false", description: "Enable (true) or disable the trigger."}
  io.kestra.plugin.core.execution.PurgeExecutions:
    category: task
    extends: [TaskCommon]
    summary: Purge executions, logs, metrics and storage (needs a Kestra server's repositories).
    aliases: [io.kestra.plugin.core.storage.Purge, io.kestra.core.tasks.storages.Purge]
    outputs: [executionsCount, logsCount, storagesCount, metricsCount]
    properties:
      namespace: {type: string, description: "Only this namespace (and its children)."}
      flowId: {type: string, description: "Only this flow (needs namespace)."}
      startDate: {type: string, description: "Only executions after this date."}
      endDate: {type: string, required: true, description: "Only executions before this date."}
      states: {type: "list<string>", description: "Only executions in these states."}
      purgeExecution: {type: boolean, default: "true", description: "Purge the executions."}
      purgeLog: {type: boolean, default: "true", description: "Purge their logs."}
      purgeMetric: {type: boolean, default: "true", description: "Purge their metrics."}
      purgeStorage: {type: boolean, default: "true", description: "Purge their stored files."}
  io.kestra.plugin.core.log.PurgeLogs:
    category: task
    extends: [TaskCommon]
    summary: Purge logs (needs a Kestra server's log repository).
    outputs: [count]
    properties:
      namespace: {type: string, description: "Only this namespace."}
      flowId: {type: string, description: "Only this flow."}
      logLevels: {type: "list<string>", description: "Only these levels."}
      startDate: {type: string, description: "Only logs after this date."}
      endDate: {type: string, required: true, description: "Only logs before this date."}
  io.kestra.plugin.core.execution.Count:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 moved it to io.kestra.plugin.kestra.executions.Count (plugin-kestra: it calls the Kestra API, needs auth, and filters with namespaces, flowId, states, startDate, endDate), or count with KV entries"
    extends: [TaskCommon]
    summary: Count executions matching criteria (needs a Kestra server's execution repository).
    aliases: [io.kestra.core.tasks.executions.Counts]
    outputs: [results, total]
    properties:
      namespaces: {type: "list<string>", description: "Namespaces to count in."}
      flows: {type: "list<map<string>>", description: "Flows ({namespace, id}) to count."}
      states: {type: "list<string>", description: "Execution states counted."}
      startDate: {type: string, required: true, description: "Start of the period."}
      endDate: {type: string, description: "End of the period."}
      expression: {type: string, required: true, description: "Which counts to keep, e.g. {{ count == 0 }}."}
  io.kestra.plugin.core.log.Fetch:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 moved it to io.kestra.plugin.kestra.logs.Fetch (plugin-kestra: it calls the Kestra API and needs auth)"
    extends: [TaskCommon]
    summary: Fetch an execution's logs into a file (needs a Kestra server's log repository).
    aliases: [io.kestra.core.tasks.log.Fetch]
    outputs: [size, uri]
    properties:
      namespace: {type: string, description: "The execution's namespace."}
      flowId: {type: string, description: "The execution's flow."}
      executionId: {type: string, description: "The execution (default: this one)."}
      tasksId: {type: "list<string>", description: "Only these tasks."}
      level: {type: enum, values: [TRACE, DEBUG, INFO, WARN, ERROR], default: INFO, description: "Minimum level."}
  io.kestra.plugin.core.execution.Resume:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 moved it to io.kestra.plugin.kestra.executions.Resume (plugin-kestra: executionId and inputs; it calls the Kestra API and needs auth)"
    extends: [TaskCommon]
    summary: Resume a paused execution (needs a Kestra server's executor).
    properties:
      namespace: {type: string, description: "The execution's namespace."}
      flowId: {type: string, description: "The execution's flow."}
      executionId: {type: string, description: "The execution (default: this one)."}
      inputs: {type: "map<any>", description: "Inputs of the resumed Pause."}
"""##),
        (name: "tasks-core-storage.yaml", text: ##"""
# io.kestra.plugin.core.storage: tasks over the execution's stored files (kestra:// URIs).
types:
  io.kestra.plugin.core.storage.Concat:
    category: task
    extends: [TaskCommon]
    summary: Concatenate stored files into one.
    aliases: [io.kestra.core.tasks.storages.Concat]
    outputs: [uri]
    properties:
      files: {type: "list<string> | string", required: true, description: "kestra:// URIs in order, or a JSON list of them."}
      separator: {type: string, dynamic: false, description: "Written after every file, the last one included."}
      extension: {type: string, default: .tmp, dynamic: false, description: "The result file's extension."}
  io.kestra.plugin.core.storage.Delete:
    category: task
    extends: [TaskCommon]
    summary: Delete a stored file.
    aliases: [io.kestra.core.tasks.storages.Delete]
    outputs: [uri, deleted]
    properties:
      uri: {type: string, required: true, description: "The kestra:// URI."}
      errorOnMissing: {type: boolean, default: "false", dynamic: false, description: "Fail when nothing was deleted."}
  io.kestra.plugin.core.storage.Size:
    category: task
    extends: [TaskCommon]
    summary: The size of a stored file, in bytes.
    aliases: [io.kestra.core.tasks.storages.Size]
    outputs: [size]
    properties:
      uri: {type: string, required: true, description: "The kestra:// URI."}
  io.kestra.plugin.core.storage.Reverse:
    category: task
    extends: [TaskCommon]
    summary: Reverse the lines of a stored file.
    aliases: [io.kestra.core.tasks.storages.Reverse]
    outputs: [uri]
    properties:
      from: {type: string, required: true, description: "The kestra:// URI."}
      separator: {type: string, default: "\n", description: "Written after each line."}
      charset: {type: string, default: UTF-8, description: "The file's charset."}
  io.kestra.plugin.core.storage.Split:
    category: task
    extends: [TaskCommon]
    summary: Split a stored file into several, by size, partition count or rows.
    aliases: [io.kestra.core.tasks.storages.Split]
    outputs: [uris]
    properties:
      from: {type: string, required: true, description: "The kestra:// URI."}
      bytes: {type: string, description: "Size of each file (10MB, 200KB…); a file may pass it by one row."}
      partitions: {type: integer, description: "Number of files, filled row by row in turn (empty ones dropped)."}
      rows: {type: integer, description: "Rows per file."}
      separator: {type: string, default: "\n", description: "Written after each row."}
  io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles:
    category: task
    extends: [TaskCommon]
    summary: Delete every stored file of this execution.
    aliases: [io.kestra.core.tasks.storages.PurgeExecution, io.kestra.plugin.core.storage.PurgeExecution]
    outputs: [uris]
    properties: {}
  io.kestra.plugin.core.storage.LocalFiles:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 removed LocalFiles: use io.kestra.plugin.core.flow.WorkingDirectory with inputFiles and outputFiles"
    extends: [TaskCommon]
    summary: Deprecated; use WorkingDirectory's inputFiles and outputFiles.
    deprecated: io.kestra.plugin.core.flow.WorkingDirectory
    aliases: [io.kestra.core.tasks.storages.LocalFiles]
    outputs: [uris]
    properties:
      inputs: {type: "map<string> | string", description: "File name → content or kestra:// URI."}
      outputs: {type: "list<string>", description: "Globs of files to store."}
  io.kestra.plugin.core.storage.FilterItems:
    category: task
    extends: [TaskCommon]
    summary: Keep or drop the items of an ION-lines file by a condition.
    aliases: [io.kestra.core.tasks.storages.FilterItems]
    outputs: [uri, processedItemsTotal, droppedItemsTotal]
    properties:
      from: {type: string, required: true, description: "The kestra:// URI of an ION-lines file."}
      filterCondition: {type: string, required: true, itemFields: "true", description: "Rendered per item with its fields as variables; truthy keeps (INCLUDE) or drops (EXCLUDE) the item."}
      filterType: {type: enum, values: [INCLUDE, EXCLUDE], default: INCLUDE, dynamic: false, description: "Keep or drop matching items."}
      errorOrNullBehavior: {type: enum, values: [FAIL, INCLUDE, EXCLUDE], default: FAIL, dynamic: false, description: "What an error or null result does."}
  io.kestra.plugin.core.storage.DeduplicateItems:
    category: task
    extends: [TaskCommon]
    summary: Keep the last item per key of an ION-lines file.
    aliases: [io.kestra.core.tasks.storages.DeduplicateItems]
    outputs: [uri, numKeys, processedItemsTotal, droppedItemsTotal]
    properties:
      from: {type: string, required: true, description: "The kestra:// URI of an ION-lines file."}
      expr: {type: string, required: true, itemFields: "true", description: "The key, rendered per item with its fields as variables; the last item per key is kept."}
"""##),
        (name: "tasks-core.yaml", text: ##"""
# Core tasks: logging, outputs, flow control.
types:
  io.kestra.plugin.core.log.Log:
    category: task
    extends: [TaskCommon]
    summary: Log a message.
    aliases: [io.kestra.core.tasks.log.Log]
    properties:
      message: {type: "string | list<string>", required: true, description: "The message, or a list of messages."}
      level: {type: enum, values: [TRACE, DEBUG, INFO, WARN, ERROR], default: INFO, description: "Log level."}
  io.kestra.plugin.core.debug.Return:
    category: task
    extends: [TaskCommon]
    summary: Return a rendered value as the task output.
    aliases: [io.kestra.core.tasks.debugs.Return]
    outputs: [value]
    properties:
      format: {type: string, description: "The value to render."}
  io.kestra.plugin.core.debug.Echo:
    category: task
    extends: [TaskCommon]
    summary: Deprecated; use Log.
    deprecated: io.kestra.plugin.core.log.Log
    until: "2.0"
    removed: "Kestra 2.0 removed Echo: use io.kestra.plugin.core.log.Log, whose message is Echo's format"
    migrateTo: io.kestra.plugin.core.log.Log
    aliases: [io.kestra.core.tasks.debugs.Echo]
    properties:
      format: {type: string, required: true, migrateTo: message, description: "The message."}
      level: {type: enum, values: [TRACE, DEBUG, INFO, WARN, ERROR], default: INFO, description: "Log level."}
  io.kestra.plugin.core.output.OutputValues:
    category: task
    extends: [TaskCommon]
    summary: Publish values as task outputs.
    aliases: [io.kestra.core.tasks.storages.OutputValues]
    outputs: [values]
    properties:
      values: {type: "map<any>", description: "The values, rendered."}
  io.kestra.plugin.core.execution.Fail:
    category: task
    extends: [TaskCommon]
    summary: Fail the execution, optionally when a condition holds.
    aliases: [io.kestra.core.tasks.executions.Fail]
    properties:
      condition: {type: string, description: "Fail only when this renders true."}
      errorMessage: {type: string, default: "Task failure", description: "The failure message."}
  io.kestra.plugin.core.flow.Sleep:
    category: task
    extends: [TaskCommon]
    summary: Wait for a duration.
    properties:
      duration: {type: duration, required: true, description: "How long to sleep."}
  io.kestra.plugin.core.flow.Pause:
    category: task
    extends: [TaskCommon]
    summary: Pause the execution until resumed or for a delay.
    aliases: [io.kestra.core.tasks.flows.Pause]
    outputs: [onResume]
    properties:
      delay: {type: duration, deprecated: "pauseDuration", until: "2.0", removed: "Kestra 2.0 reads only pauseDuration", description: "Deprecated; use pauseDuration."}
      pauseDuration: {type: duration, description: "Resume automatically after this long."}
      timeout: {type: duration, description: "Fail when not resumed within this time."}
      behavior: {type: enum, values: [RESUME, WARN, CANCEL, FAIL], description: "What happens when the pause ends."}
      onResume: {type: "list<@input>", dynamic: false, description: "Inputs asked when resuming."}
      tasks: {type: "list<@task>", dynamic: false, deprecated: "true", description: "Deprecated."}
  io.kestra.plugin.core.flow.Parallel:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks in parallel.
    aliases: [io.kestra.core.tasks.flows.Parallel]
    properties:
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks started together."}
      concurrent: {type: integer, default: "0", min: 0, dynamic: false, description: "Maximum tasks running at once (0: no limit)."}
  io.kestra.plugin.core.flow.Sequential:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks one after another.
    aliases: [io.kestra.core.tasks.flows.Sequential]
    properties:
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run in order."}
  io.kestra.plugin.core.flow.If:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks when a condition holds, others when it does not.
    aliases: [io.kestra.core.tasks.flows.If]
    outputs: [evaluationResult]
    properties:
      condition: {type: string, required: true, description: "0, -0, null, false and empty count as false."}
      then: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run when the condition is true."}
      else: {type: "list<@task>", dynamic: false, description: "Tasks run when the condition is false."}
  io.kestra.plugin.core.flow.Switch:
    category: task
    extends: [FlowableCommon]
    summary: Run the tasks of the case matching a value.
    aliases: [io.kestra.core.tasks.flows.Switch]
    outputs: [value, defaults]
    properties:
      value: {type: string, required: true, description: "The value to match against the case keys."}
      cases: {type: "map<list<@task>>", dynamic: false, description: "Tasks per value."}
      defaults: {type: "list<@task>", dynamic: false, description: "Tasks run when no case matches."}
  io.kestra.plugin.core.flow.ForEach:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 replaced it with io.kestra.plugin.core.flow.Loop (item.value and item.index instead of taskrun.value and taskrun.iteration; write its concurrencyLimit)"
    extends: [FlowableCommon]
    summary: Run tasks for each value.
    outputs: []
    properties:
      values: {type: "string | list<any>", required: true, description: "A list, a JSON array string or an expression; {{ taskrun.value }} inside."}
      concurrencyLimit: {type: integer, default: "1", min: 0, dynamic: false, description: "Iterations at once (0: all)."}
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run per value."}
  io.kestra.plugin.core.flow.Loop:
    category: task
    since: "2.0"
    extends: [FlowableCommon]
    summary: Run tasks once per value, each iteration on its own (Kestra 2.0).
    outputs: [iterationCount, outputs]
    properties:
      values: {type: "string | list<any> | map<any>", required: true, description: "A list, a map (item.key is the key), a JSON list or map as text, or a kestra:// file (one iteration per line); {{ item.value }} and {{ item.index }} inside."}
      concurrencyLimit: {type: integer, default: "0", min: 0, dynamic: false, description: "Iterations at once (0: all). ForEach defaulted to 1: write it."}
      transmitFailed: {type: boolean, default: "true", dynamic: false, description: "A failed iteration fails the Loop (false: the Loop ends WARNING)."}
      outputs: {type: "list<FlowOutput>", dynamic: false, description: "Outputs rendered at the end of each iteration, read after the loop as outputs.<loop>.outputs (see loopOutputs())."}
      fetchType: {type: enum, values: [AUTO, FETCH, STORE], default: AUTO, dynamic: false, description: "Where the iterations' outputs are kept (berth keeps them in memory: FETCH)."}
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run in order in each iteration."}
  io.kestra.plugin.core.flow.EachSequential:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 replaced it with io.kestra.plugin.core.flow.Loop (item.value and item.index instead of taskrun.value and taskrun.iteration; write its concurrencyLimit)"
    extends: [FlowableCommon]
    summary: Deprecated; use ForEach.
    deprecated: io.kestra.plugin.core.flow.ForEach
    aliases: [io.kestra.core.tasks.flows.EachSequential]
    properties:
      value: {type: "string | list<any>", required: true, description: "The values."}
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run per value."}
  io.kestra.plugin.core.flow.EachParallel:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 replaced it with io.kestra.plugin.core.flow.Loop (item.value and item.index instead of taskrun.value and taskrun.iteration; write its concurrencyLimit)"
    extends: [FlowableCommon]
    summary: Deprecated; use ForEach with concurrencyLimit.
    deprecated: io.kestra.plugin.core.flow.ForEach
    aliases: [io.kestra.core.tasks.flows.EachParallel]
    properties:
      value: {type: "string | list<any>", required: true, description: "The values."}
      concurrent: {type: integer, default: "0", min: 0, dynamic: false, description: "Iterations at once (0: no limit)."}
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks run per value."}
  io.kestra.plugin.core.flow.ForEachItem:
    category: task
    until: "2.0"
    removed: "Kestra 2.0 replaced it with io.kestra.plugin.core.flow.Loop over the file (or Split, then a Loop running a Subflow per part)"
    extends: [TaskCommon]
    summary: Run a subflow for each batch of items of a file.
    outputs: [subflowOutputs, iterations, numberOfBatches, uri]
    properties:
      items: {type: string, required: true, description: "The internal-storage URI of the file."}
      batch: {type: "map<any>", dynamic: false, description: "Batch size: rows, bytes, partitions, separator."}
      namespace: {type: string, required: true, description: "Subflow namespace."}
      flowId: {type: string, required: true, description: "Subflow id."}
      revision: {type: integer, description: "Subflow revision."}
      inputs: {type: "map<any>", description: "Subflow inputs."}
      labels: {type: "map<string> | list<Label>", description: "Labels of the subflow executions."}
      wait: {type: boolean, default: "true", description: "Wait for the subflows to end."}
      transmitFailed: {type: boolean, default: "true", description: "Fail when a subflow fails."}
      inheritLabels: {type: boolean, default: "false", description: "Pass this execution's labels."}
      scheduleDate: {type: string, description: "When to start the subflows."}
      restartBehavior: {type: enum, values: [NEW_EXECUTION, RETRY_FAILED], description: "What a restart does."}
  io.kestra.plugin.core.flow.Dag:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks by their dependencies.
    properties:
      concurrent: {type: integer, default: "0", min: 0, dynamic: false, description: "Maximum tasks at once (0: no limit)."}
      tasks: {type: "list<DagTask>", required: true, nonEmpty: true, dynamic: false, description: "Tasks with the ids they depend on."}
  io.kestra.plugin.core.flow.AllowFailure:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks; their failure does not fail the execution.
    aliases: [io.kestra.core.tasks.flows.AllowFailure]
    properties:
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks allowed to fail."}
  io.kestra.plugin.core.flow.WorkingDirectory:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks that share one working directory.
    aliases: [io.kestra.core.tasks.flows.WorkingDirectory]
    properties:
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks sharing the directory."}
      inputFiles: {type: "map<string> | string", description: "Files written before the tasks run."}
      outputFiles: {type: "list<string>", description: "Globs of files kept after the tasks."}
      namespaceFiles: {type: NamespaceFiles, dynamic: false, description: "Namespace files to copy in."}
      cache: {type: "map<any>", dynamic: false, description: "Cache of files between executions."}
  io.kestra.plugin.core.flow.LoopUntil:
    category: task
    extends: [FlowableCommon]
    summary: Run tasks again and again until a condition holds.
    aliases: [io.kestra.plugin.core.flow.WaitFor]
    outputs: [iterationCount]
    properties:
      tasks: {type: "list<@task>", required: true, nonEmpty: true, dynamic: false, description: "Tasks of each round, in order."}
      condition: {type: string, required: true, description: "Rendered after each round; truthy ends the loop."}
      failOnMaxReached: {type: boolean, default: "false", description: "Fail (else succeed) when a maximum is reached."}
      checkFrequency: {type: LoopFrequency, description: "Limits and pace of the rounds."}
  io.kestra.plugin.core.flow.Subflow:
    category: task
    extends: [TaskCommon]
    summary: Start another flow.
    aliases: [io.kestra.core.tasks.flows.Subflow, io.kestra.core.tasks.flows.Flow]
    outputs: [executionId, state, outputs]
    properties:
      namespace: {type: string, required: true, description: "Namespace of the flow to start."}
      flowId: {type: string, required: true, description: "Id of the flow to start."}
      revision: {type: integer, description: "Revision to start (latest by default)."}
      inputs: {type: "map<any>", description: "Inputs of the subflow."}
      labels: {type: "map<string> | list<Label>", description: "Labels of the subflow execution."}
      wait: {type: boolean, default: "true", description: "Wait for the subflow to end."}
      transmitFailed: {type: boolean, default: "true", description: "Fail when the subflow fails."}
      inheritLabels: {type: boolean, default: "false", description: "Pass this execution's labels."}
      scheduleDate: {type: string, description: "When to start the subflow."}
      outputs: {type: "map<any>", deprecated: "true", description: "Deprecated: declare outputs on the subflow."}
objects:
  DagTask:
    summary: A task of a Dag and the tasks it depends on.
    properties:
      task: {type: "@task", required: true, dynamic: false, description: "The task."}
      dependsOn: {type: "list<string>", dynamic: false, description: "Ids of Dag tasks that must finish first."}
  LoopFrequency:
    summary: How often and how long LoopUntil goes round.
    properties:
      maxIterations: {type: integer, description: "Most rounds (default: no limit)."}
      maxDuration: {type: duration, description: "Longest time from the first round (default: no limit)."}
      interval: {type: duration, default: PT1M, description: "Pause between rounds."}
  NamespaceFiles:
    summary: Namespace files copied into the working directory.
    properties:
      enabled: {type: boolean, default: "true", description: "Whether to copy namespace files."}
      include: {type: "list<string>", description: "Globs of files to include."}
      exclude: {type: "list<string>", description: "Globs of files to exclude."}
      folderPerNamespace: {type: boolean, default: "false", description: "One folder per namespace."}
      namespaces: {type: "list<string>", description: "Namespaces to take files from."}
      ifExists: {type: enum, values: [OVERWRITE, FAIL, WARN, IGNORE], description: "What to do when a file exists."}
"""##),
        (name: "tasks-scripts-languages.yaml", text: ##"""
# Script tasks of the other languages of plugin-scripts (shell, python and node are in
# tasks-scripts.yaml), their polling triggers, and the deprecated in-JVM script tasks.
# Type-level defaults drive the lowering (grammar/README.md): the image, the interpreter,
# the Script file's extension and the command that runs it ({{ workingDir }}/<file>).
objects:
  JvmScript:
    summary: Properties of the in-JVM script tasks.
    extends: [TaskCommon]
    properties:
      script: {type: string, required: true, description: "The source, evaluated by the JVM's script engine."}
types:
  io.kestra.plugin.scripts.r.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a R image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "r-base", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.r.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline R script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "r-base", interpreter: "/bin/sh -c", scriptExtension: ".R", scriptRunner: "Rscript"}
    properties:
      script: {type: string, required: true, description: "The R source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.julia.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Julia image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "julia", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.julia.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Julia script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "julia", interpreter: "/bin/sh -c", scriptExtension: ".jl", scriptRunner: "julia"}
    properties:
      script: {type: string, required: true, description: "The Julia source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.ruby.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Ruby image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "ruby", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.ruby.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Ruby script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "ruby", interpreter: "/bin/sh -c", scriptExtension: ".rb", scriptRunner: "ruby"}
    properties:
      script: {type: string, required: true, description: "The Ruby source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.go.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Go image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "golang", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.go.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Go script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "golang", interpreter: "/bin/sh -c", scriptExtension: ".go", scriptRunner: "go run"}
    properties:
      script: {type: string, required: true, description: "The Go source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.powershell.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a PowerShell image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "ghcr.io/kestra-io/powershell:latest", interpreter: "pwsh -NoProfile -NonInteractive -Command", failFast: "$ErrorActionPreference = 'Stop'"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.powershell.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline PowerShell script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "ghcr.io/kestra-io/powershell:latest", interpreter: "pwsh -NoProfile -NonInteractive -Command", failFast: "$ErrorActionPreference = 'Stop'", scriptExtension: ".ps1", scriptRunner: "-", scriptPathPrefix: "./"}
    properties:
      script: {type: string, required: true, description: "The PowerShell source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.deno.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Deno image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "denoland/deno", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: false, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.deno.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Deno script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "denoland/deno", interpreter: "/bin/sh -c", scriptExtension: ".ts", scriptRunner: "deno run"}
    properties:
      script: {type: string, required: true, description: "The Deno source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.bun.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Bun image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "oven/bun", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.bun.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Bun script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "oven/bun", interpreter: "/bin/sh -c", scriptExtension: ".ts", scriptRunner: "bun run"}
    properties:
      script: {type: string, required: true, description: "The Bun source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.groovy.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Groovy image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "groovy", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.groovy.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Groovy script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "groovy", interpreter: "/bin/sh -c", scriptExtension: ".groovy", scriptRunner: "groovy", runnerUser: "root"}
    properties:
      script: {type: string, required: true, description: "The Groovy source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.jbang.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a JBang image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "jbangdev/jbang-action", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.jbang.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline JBang script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "jbangdev/jbang-action", interpreter: "/bin/sh -c", scriptExtension: ".java", scriptRunner: "jbang"}
    properties:
      script: {type: string, required: true, description: "The JBang source, written to a file in the working directory and run."}
      extension: {type: string, default: ".java", description: "The script file's extension: .java, .jsh, .kt, .groovy or .md."}
      quiet: {type: boolean, default: "true", description: "Run jbang with --quiet."}
  io.kestra.plugin.scripts.perl.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Perl image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "perl", interpreter: "/bin/sh -c", failFast: "none"}
    properties:
      commands: {type: "list<string>", required: false, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.perl.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Perl script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "perl", interpreter: "/bin/sh -c", scriptExtension: ".pl", scriptRunner: "perl"}
    properties:
      script: {type: string, required: true, description: "The Perl source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.php.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a PHP image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "php", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.php.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline PHP script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "php", interpreter: "/bin/sh -c", scriptExtension: ".js", scriptRunner: "php"}
    properties:
      script: {type: string, required: true, description: "The PHP source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.lua.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Lua image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "nickblah/lua", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: false, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.lua.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline Lua script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "nickblah/lua", interpreter: "/bin/sh -c", scriptExtension: ".lua", scriptRunner: "lua"}
    properties:
      script: {type: string, required: true, description: "The Lua source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.dotnet.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a C# (.NET) image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "mcr.microsoft.com/dotnet/sdk:10.0", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.dotnet.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline C# (.NET) script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "mcr.microsoft.com/dotnet/sdk:10.0", interpreter: "/bin/sh -c", scriptExtension: ".csx", scriptRunner: "dotnet-script", scriptPathPrefix: "./", prelude: "dotnet tool install -g dotnet-script --ignore-failed-sources || true\nexport PATH=\"$PATH:$HOME/.dotnet/tools\""}
    properties:
      script: {type: string, required: true, description: "The C# (.NET) source, written to a file in the working directory and run."}
  io.kestra.plugin.scripts.shell.CommandsTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the shell Commands task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "ubuntu", description: "The image of the embedded task."}
      commands: {type: "list<string>", required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.shell.ScriptTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the shell Script task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "ubuntu", description: "The image of the embedded task."}
      script: {type: string, required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.python.CommandsTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the python Commands task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "python:3.13-slim", description: "The image of the embedded task."}
      commands: {type: "list<string>", required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: false, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.python.ScriptTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the python Script task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "python:3.13-slim", description: "The image of the embedded task."}
      script: {type: string, required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: false, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.node.CommandsTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the node Commands task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "node", description: "The image of the embedded task."}
      commands: {type: "list<string>", required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.node.ScriptTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the node Script task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "node", description: "The image of the embedded task."}
      script: {type: string, required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.ruby.CommandsTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the ruby Commands task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "ruby", description: "The image of the embedded task."}
      commands: {type: "list<string>", required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.ruby.ScriptTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the ruby Script task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "ruby", description: "The image of the embedded task."}
      script: {type: string, required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.go.CommandsTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the go Commands task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "golang", description: "The image of the embedded task."}
      commands: {type: "list<string>", required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.go.ScriptTrigger:
    category: trigger
    extends: [TriggerCommon]
    summary: Run the go Script task at each poll and start the flow when its result matches exitCondition.
    properties:
      containerImage: {type: string, default: "golang", description: "The image of the embedded task."}
      script: {type: string, required: true, description: "What the embedded task runs at each poll (env, beforeCommands and taskRunner are not forwarded)."}
      exitCondition: {type: string, required: true, description: "exit N (the exit code is N), or a regular expression searched in the task's vars."}
      interval: {type: duration, default: PT60S, dynamic: false, description: "Time between polls."}
      edge: {type: boolean, default: "true", description: "Fire only when the condition goes from false to true."}
  io.kestra.plugin.scripts.groovy.Eval:
    category: task
    extends: [JvmScript]
    summary: Evaluate a Groovy script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [result, outputs]
    properties:
      outputs: {type: "list<string>", description: "Names of script variables kept as outputs."}
  io.kestra.plugin.scripts.groovy.FileTransform:
    category: task
    extends: [JvmScript]
    summary: Transform each row of a file with a Groovy script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [uri]
    properties:
      from: {type: string, required: true, description: "A kestra:// ION file, or a JSON object or list."}
      concurrent: {type: integer, min: 2, description: "Rows transformed at once (order not kept)."}
  io.kestra.plugin.scripts.jython.Eval:
    category: task
    extends: [JvmScript]
    summary: Evaluate a Jython (Python 2.7) script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [result, outputs]
    properties:
      outputs: {type: "list<string>", description: "Names of script variables kept as outputs."}
  io.kestra.plugin.scripts.jython.FileTransform:
    category: task
    extends: [JvmScript]
    summary: Transform each row of a file with a Jython (Python 2.7) script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [uri]
    properties:
      from: {type: string, required: true, description: "A kestra:// ION file, or a JSON object or list."}
      concurrent: {type: integer, min: 2, description: "Rows transformed at once (order not kept)."}
  io.kestra.plugin.scripts.nashorn.Eval:
    category: task
    extends: [JvmScript]
    summary: Evaluate a Nashorn (JavaScript) script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [result, outputs]
    properties:
      outputs: {type: "list<string>", description: "Names of script variables kept as outputs."}
  io.kestra.plugin.scripts.nashorn.FileTransform:
    category: task
    extends: [JvmScript]
    summary: Transform each row of a file with a Nashorn (JavaScript) script inside Kestra's JVM (deprecated; berth cannot run it).
    deprecated: "true"
    outputs: [uri]
    properties:
      from: {type: string, required: true, description: "A kestra:// ION file, or a JSON object or list."}
      concurrent: {type: integer, min: 2, description: "Rows transformed at once (order not kept)."}
"""##),
        (name: "tasks-scripts-legacy.yaml", text: ##"""
# The script tasks of Kestra before 0.11 (io.kestra.core.tasks.scripts.*), which Kestra still
# runs through plugin-scripts' emulation: the Process runner by default, the script handed to
# interpreter + interpreterArgs, `set -o errexit` when exitOnFailed, output files created empty
# in the working directory and named by {{ outputFiles.x }}.
objects:
  LegacyScriptCommon:
    summary: Properties of the legacy script tasks.
    extends: [TaskCommon]
    properties:
      runner: {type: enum, values: [PROCESS, DOCKER], default: PROCESS, description: "Where the script runs: a process on the worker, or a container from dockerOptions."}
      dockerOptions: {type: DockerOptions, dynamic: false, description: "The container, with runner DOCKER (image required)."}
      interpreter: {type: string, default: /bin/sh, description: "The interpreter."}
      interpreterArgs: {type: "list<string>", default: "[\"-c\"]", dynamic: false, description: "Arguments before the script."}
      exitOnFailed: {type: boolean, default: "true", description: "Start the script with set -o errexit."}
      outputFiles: {type: "list<string>", description: "Files created empty in the working directory, named by {{ outputFiles.NAME }} and kept as outputs."}
      outputsFiles: {type: "list<string>", deprecated: outputFiles, description: "Deprecated; use outputFiles."}
      files: {type: "list<string>", deprecated: outputFiles, description: "Deprecated; use outputFiles."}
      outputDirs: {type: "list<string>", deprecated: "true", description: "Directories created in the working directory, named by {{ outputDirs.NAME }}; every file in them is kept as NAME/path."}
      inputFiles: {type: "map<string> | string", description: "Files written to the working directory first: name → content (or a kestra:// URI)."}
      env: {type: "map<string>", description: "Extra environment variables."}
      warningOnStdErr: {type: boolean, deprecated: "true", description: "Deprecated and ignored."}
types:
  io.kestra.core.tasks.scripts.Bash:
    category: task
    extends: [LegacyScriptCommon]
    summary: Run shell commands (before Kestra 0.11).
    deprecated: io.kestra.plugin.scripts.shell.Commands
    outputs: [vars, exitCode, outputFiles, files, stdOutLineCount, stdErrLineCount]
    defaults: {legacyScript: "true"}
    properties:
      commands: {type: "list<string>", required: true, nonEmpty: true, description: "The commands, one per line of the script."}
  io.kestra.core.tasks.scripts.Python:
    category: task
    extends: [LegacyScriptCommon]
    summary: Run Python in a virtual environment of the working directory (before Kestra 0.11).
    deprecated: io.kestra.plugin.scripts.python.Commands
    outputs: [vars, exitCode, outputFiles, files, stdOutLineCount, stdErrLineCount]
    defaults: {legacyScript: "true"}
    properties:
      commands: {type: "list<string>", default: "[\"./bin/python main.py\"]", description: "The commands; each gets args appended."}
      args: {type: "list<string>", description: "Arguments appended to every command."}
      pythonPath: {type: string, default: python, dynamic: false, description: "The Python that creates the virtual environment."}
      requirements: {type: "list<string>", description: "Packages pip installs into the virtual environment."}
      virtualEnv: {type: boolean, default: "true", dynamic: false, description: "Create the virtual environment (requirements need it)."}
      packageManager: {type: enum, values: [PIP, UV], default: PIP, description: "pip and venv, or uv."}
  io.kestra.core.tasks.scripts.Node:
    category: task
    extends: [LegacyScriptCommon]
    summary: Run main.js of the input files with node (before Kestra 0.11).
    deprecated: io.kestra.plugin.scripts.node.Commands
    outputs: [vars, exitCode, outputFiles, files, stdOutLineCount, stdErrLineCount]
    defaults: {legacyScript: "true"}
    properties:
      nodePath: {type: string, default: node, description: "The node binary."}
      npmPath: {type: string, default: npm, description: "The npm binary (npm i runs when inputFiles has a package.json)."}
      args: {type: "list<string>", description: "Arguments of main.js."}
"""##),
        (name: "tasks-scripts.yaml", text: ##"""
# Script tasks (plugin-scripts) and io.kestra.plugin.docker.Run.
objects:
  ScriptCommon:
    summary: Properties of every script task.
    extends: [TaskCommon]
    properties:
      taskRunner: {type: "@runner", dynamic: false, description: "Where the script runs; the Docker runner by default."}
      containerImage: {type: string, description: "The image for container runners."}
      beforeCommands: {type: "list<string>", description: "Commands run before the main ones in the same shell."}
      interpreter: {type: "list<string>", default: "[\"/bin/sh\", \"-c\"]", description: "The interpreter the joined script is handed to."}
      failFast: {type: boolean, default: "true", description: "Prepend set -e so the first failing command stops the script."}
      env: {type: "map<string>", description: "Extra environment variables."}
      warningOnStdErr: {type: boolean, deprecated: "true", description: "Deprecated and ignored since Kestra 0.23: output on stderr no longer changes the task's state."}
      inputFiles: {type: "map<string> | string", description: "Files written to the working directory first: name → content (or a kestra:// URI)."}
      outputFiles: {type: "list<string>", description: "Globs of files kept as outputs, relative to the working directory."}
      namespaceFiles: {type: NamespaceFiles, dynamic: false, description: "Namespace files copied into the working directory."}
      outputDirectory: {type: boolean, default: "false", deprecated: "outputFiles", description: "Enable {{ outputDir }}; every file under it is kept."}
      targetOS: {type: enum, values: [LINUX, WINDOWS, AUTO], default: AUTO, description: "Line separator and set -e form."}
      runner: {type: enum, values: [PROCESS, DOCKER], dynamic: false, deprecated: "taskRunner", description: "Deprecated; use taskRunner."}
      docker: {type: DockerOptions, dynamic: false, deprecated: "taskRunner", description: "Deprecated; use taskRunner with the Docker runner."}
  DockerOptions:
    summary: Deprecated Docker options of script tasks.
    properties:
      image: {type: string, required: true, description: "The image."}
      host: {type: string, description: "Docker API URI."}
      dockerHost: {type: string, deprecated: "host", description: "Deprecated; use host."}
      config: {type: "string | map<any>", description: "A Docker config.json."}
      dockerConfig: {type: "string | map<any>", deprecated: "config", description: "Deprecated; use config."}
      configPath: {type: string, description: "Path of a Docker config directory on the worker (berth: not read)."}
      credentials: {type: Credentials, dynamic: false, description: "Registry credentials."}
      user: {type: string, description: "Container user."}
      entryPoint: {type: "list<string>", description: "Entrypoint override."}
      extraHosts: {type: "list<string>", description: "host:ip entries."}
      networkMode: {type: string, description: "Network mode."}
      volumes: {type: "list<string>", description: "host:container[:mode] binds."}
      pullPolicy: {type: enum, values: [IF_NOT_PRESENT, ALWAYS, NEVER], description: "When to pull the image."}
      deviceRequests: {type: "list<DeviceRequest>", dynamic: false, description: "Device requests (GPUs)."}
      cpu: {type: Cpu, dynamic: false, description: "CPU limit."}
      memory: {type: Memory, dynamic: false, description: "Memory limits."}
      shmSize: {type: size, description: "Size of /dev/shm."}
      privileged: {type: boolean, description: "Run privileged."}
  PythonCommon:
    summary: Python-specific properties.
    properties:
      dependencies: {type: "list<string>", description: "Packages to install (pip requirement specifiers) into .kestra_additional_python_lib, on PYTHONPATH."}
      pythonVersion: {type: string, description: "Python version: picks the interpreter on the Process runner; the image stays containerImage."}
      dependencyCacheEnabled: {type: boolean, default: "true", description: "Cache installed dependencies."}
      packageManager: {type: enum, values: [UV, PIP], default: UV, description: "Installer: uv when the image has it (pip otherwise), or pip."}
      uvAutoInstallEnabled: {type: boolean, default: "true", description: "Install uv when missing."}
      uvInstallerVersion: {type: string, description: "uv version."}
      uvInstallerSha256: {type: string, description: "uv installer checksum."}
types:
  io.kestra.plugin.scripts.shell.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run shell commands.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: ubuntu, interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.shell.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline shell script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: ubuntu, interpreter: "/bin/sh -c"}
    properties:
      script: {type: string, required: true, description: "The script body."}
  io.kestra.plugin.scripts.python.Commands:
    category: task
    extends: [ScriptCommon, PythonCommon]
    summary: Run commands in a Python image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "python:3.13-slim", interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.python.Script:
    category: task
    extends: [ScriptCommon, PythonCommon]
    summary: Run an inline Python script.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: "python:3.13-slim", interpreter: "/bin/sh -c"}
    properties:
      script: {type: string, required: true, description: "The Python source."}
  io.kestra.plugin.scripts.node.Commands:
    category: task
    extends: [ScriptCommon]
    summary: Run commands in a Node.js image.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: node, interpreter: "/bin/sh -c"}
    properties:
      commands: {type: "list<string>", required: true, description: "The commands, joined into one script."}
  io.kestra.plugin.scripts.node.Script:
    category: task
    extends: [ScriptCommon]
    summary: Run an inline JavaScript script with node.
    outputs: [vars, exitCode, outputFiles, taskRunner]
    defaults: {containerImage: node, interpreter: "/bin/sh -c", scriptExtension: ".js", scriptRunner: node}
    properties:
      script: {type: string, required: true, description: "The JavaScript source."}
  io.kestra.plugin.docker.Run:
    category: task
    extends: [TaskCommon]
    summary: Run a container; commands are the container command as written.
    aliases: [io.kestra.plugin.docker.cli.Run]
    outputs: [vars, exitCode, outputFiles]
    properties:
      containerImage: {type: string, required: true, description: "The image."}
      host: {type: string, description: "Docker API URI."}
      config: {type: "string | map<any>", description: "A Docker config.json."}
      credentials: {type: Credentials, dynamic: false, description: "Registry credentials."}
      user: {type: string, description: "Container user."}
      entryPoint: {type: "list<string>", description: "Entrypoint; empty keeps the image's."}
      extraHosts: {type: "list<string>", description: "host:ip entries."}
      networkMode: {type: string, description: "Network mode."}
      portBindings: {type: "list<string>", description: "docker run -p style bindings."}
      volumes: {type: "list<string>", description: "host:container[:mode] binds (operator must allow)."}
      pullPolicy: {type: enum, values: [IF_NOT_PRESENT, ALWAYS, NEVER], default: IF_NOT_PRESENT, description: "When to pull the image."}
      deviceRequests: {type: "list<DeviceRequest>", dynamic: false, description: "Device requests (GPUs)."}
      cpu: {type: Cpu, dynamic: false, description: "CPU limit."}
      memory: {type: Memory, dynamic: false, description: "Memory limits."}
      shmSize: {type: size, description: "Size of /dev/shm."}
      privileged: {type: boolean, description: "Run privileged (operator must allow)."}
      env: {type: "map<string>", description: "Environment variables."}
      warningOnStdErr: {type: boolean, deprecated: "true", description: "Deprecated and ignored."}
      namespaceFiles: {type: NamespaceFiles, dynamic: false, description: "Namespace files copied in."}
      inputFiles: {type: "map<string> | string", description: "Files written to the working directory."}
      outputFiles: {type: "list<string>", description: "Globs of files kept as outputs."}
      commands: {type: "list<string>", default: "[]", description: "The container command; empty keeps the image's CMD."}
      wait: {type: boolean, default: "true", description: "Wait for the container to exit."}
"""##),
        (name: "triggers.yaml", text: ##"""
# Core triggers and the common conditions.
objects:
  TriggerCommon:
    summary: Properties every trigger has.
    properties:
      id: {type: string, required: true, dynamic: false, pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$", description: "Trigger identifier."}
      description: {type: string, dynamic: false, description: "What the trigger does."}
      disabled: {type: boolean, default: "false", dynamic: false, description: "A disabled trigger does not fire."}
      workerGroup: {type: WorkerGroup, dynamic: false, until: "2.0", removed: "Kestra 2.0 routes with workerSelector: {tags: [<key>], fallback} (and 2.0 fails where 1.x waited: write fallback: WAIT to keep that)", description: "Worker group (Enterprise Edition)."}
      workerSelector: {type: WorkerSelector, dynamic: false, since: "2.0", description: "Worker queues by tag (Enterprise Edition)."}
      logLevel: {type: enum, values: [ERROR, WARN, INFO, DEBUG, TRACE], dynamic: false, description: "Minimum level of logs kept."}
      logToFile: {type: boolean, default: "false", dynamic: false, description: "Store logs in a file."}
      conditions: {type: "list<@condition>", dynamic: false, until: "2.0", removed: "Kestra 2.0 replaced trigger conditions with one `when` expression (a Flow trigger: dependsOn and window); Kestra 2.0.0 silently ignored them, so the trigger fired unfiltered", description: "All must hold for the trigger to fire."}
      when: {type: string, since: "2.0", description: "The trigger fires only when this expression renders true."}
      policyRefs: {type: "list<string>", dynamic: false, since: "2.0", description: "Policies (Enterprise Edition) that apply to the trigger, by id."}
      stopAfter: {type: "list<string>", dynamic: false, description: "States after which the trigger is disabled."}
  FlowDependency:
    summary: One upstream flow a Flow trigger waits for (Kestra 2.0); a field left out matches anything.
    properties:
      namespace: {type: string, dynamic: false, description: "The upstream namespace (exact)."}
      flowId: {type: string, dynamic: false, description: "The upstream flow id (exact)."}
      states: {type: "list<string>", dynamic: false, description: "Upstream states that count (write them: the default is disputed)."}
      labels: {type: "map<string>", description: "Labels the upstream execution must all carry."}
      when: {type: string, description: "An expression over the upstream execution (trigger.*) that must hold."}
  FlowWindow:
    summary: The time window of a Flow trigger's dependencies (Kestra 2.0).
    properties:
      deadline: {type: string, dynamic: false, description: "A time of day by which the dependencies must be met."}
      from: {type: string, dynamic: false, description: "Start of a daily window (with to)."}
      to: {type: string, dynamic: false, description: "End of a daily window (with from)."}
      every: {type: duration, dynamic: false, description: "A window of this length, back to back (default one day)."}
      offset: {type: duration, dynamic: false, description: "Shift of the every windows."}
      lookback: {type: duration, dynamic: false, description: "A sliding window this far back."}
      timezone: {type: string, dynamic: false, description: "Zone id of the window (the server's by default)."}
      fireOnce: {type: boolean, default: "false", dynamic: false, description: "Fire at most once per window."}
  FlowOnMiss:
    summary: What a Flow trigger does when its deadline passes unmet (Kestra 2.0).
    properties:
      behavior: {type: enum, values: [FAIL], dynamic: false, description: "FAIL: create a FAILED execution."}
      labels: {type: "map<string>", dynamic: false, description: "Labels of that execution."}
types:
  io.kestra.plugin.core.trigger.McpToolTrigger:
    category: trigger
    since: "2.0"
    extends: [TriggerCommon]
    summary: Start the flow as a tool an MCP client calls (Kestra 2.0).
    properties:
      toolName: {type: string, required: true, dynamic: false, description: "The tool's name."}
      title: {type: string, dynamic: false, description: "The tool's title."}
      toolDescription: {type: string, description: "What the tool does, for the client."}
      mcpServer: {type: string, dynamic: false, description: "The MCP server that exposes it."}
  io.kestra.plugin.core.trigger.Schedule:
    category: trigger
    extends: [TriggerCommon]
    summary: Start the flow on a cron schedule.
    aliases: [io.kestra.core.models.triggers.types.Schedule]
    properties:
      cron: {type: string, required: true, dynamic: false, description: "A cron expression (5 or 6 fields, or @hourly, @daily...)."}
      withSeconds: {type: boolean, default: "false", dynamic: false, description: "The cron has a seconds field."}
      timezone: {type: string, dynamic: false, description: "Time zone id, e.g. Europe/Paris."}
      inputs: {type: "map<any>", description: "Inputs of the started executions."}
      backfill: {type: "map<any>", dynamic: false, until: "2.0", removed: "Kestra 2.0 removed backfill from the flow: start a backfill from the UI or the API", description: "Backfill window."}
      lateMaximumDelay: {type: duration, dynamic: false, description: "Skip executions later than this."}
      recoverMissedSchedules: {type: enum, values: [LAST, NONE, ALL], dynamic: false, description: "What to do with schedules missed while down."}
      scheduleConditions: {type: "list<@condition>", dynamic: false, deprecated: "conditions", until: "2.0", removed: "Kestra 2.0 replaced schedule conditions with one `when` expression", description: "Deprecated; use conditions."}
  io.kestra.plugin.core.trigger.Flow:
    category: trigger
    extends: [TriggerCommon]
    summary: Start the flow when other executions end.
    aliases: [io.kestra.core.models.triggers.types.Flow]
    properties:
      inputs: {type: "map<any>", description: "Inputs of the started executions."}
      preconditions: {type: "map<any>", dynamic: false, until: "2.0", removed: "Kestra 2.0 replaced preconditions with dependsOn (one entry per upstream flow: namespace, flowId, states, labels, when) and window", description: "Which upstream executions must have ended."}
      states: {type: "list<string>", dynamic: false, description: "Upstream states that fire the trigger."}
      dependsOn: {type: "list<FlowDependency>", dynamic: false, since: "2.0", description: "The upstream executions the trigger waits for, one entry per flow."}
      window: {type: FlowWindow, dynamic: false, since: "2.0", description: "The time window the dependencies must be met in (one group: deadline; from and to; every and offset; or lookback)."}
      mode: {type: enum, values: [ALL, ANY, AT_LEAST], default: ALL, dynamic: false, since: "2.0", description: "How many dependencies must be met (AT_LEAST: minSatisfied)."}
      minSatisfied: {type: integer, min: 1, dynamic: false, since: "2.0", description: "With mode AT_LEAST: how many dependencies must be met."}
      onMiss: {type: FlowOnMiss, dynamic: false, since: "2.0", description: "What happens when a deadline passes unmet."}
  io.kestra.plugin.core.trigger.Webhook:
    category: trigger
    extends: [TriggerCommon]
    summary: Start the flow from an HTTP request.
    aliases: [io.kestra.core.models.triggers.types.Webhook]
    properties:
      key: {type: string, required: true, dynamic: false, description: "The secret part of the webhook URL."}
      inputs: {type: "map<any>", description: "Inputs of the started executions."}
      wait: {type: boolean, default: "false", dynamic: false, description: "Answer after the execution ends."}
      returnOutputs: {type: boolean, default: "false", dynamic: false, description: "Return the flow outputs."}
  io.kestra.plugin.core.condition.ExecutionStatus:
    category: condition
    summary: The execution ended in one of these states.
    aliases: [io.kestra.core.models.conditions.types.ExecutionStatusCondition, io.kestra.plugin.core.condition.ExecutionStatusCondition]
    properties:
      in: {type: "list<string>", dynamic: false, description: "Accepted states."}
      notIn: {type: "list<string>", dynamic: false, description: "Refused states."}
  io.kestra.plugin.core.condition.ExecutionFlow:
    category: condition
    summary: The execution is of this flow.
    aliases: [io.kestra.core.models.conditions.types.ExecutionFlowCondition, io.kestra.plugin.core.condition.ExecutionFlowCondition]
    properties:
      namespace: {type: string, required: true, dynamic: false, description: "Flow namespace."}
      flowId: {type: string, required: true, dynamic: false, description: "Flow id."}
  io.kestra.plugin.core.condition.ExecutionNamespace:
    category: condition
    summary: The execution is in this namespace.
    aliases: [io.kestra.core.models.conditions.types.ExecutionNamespaceCondition, io.kestra.plugin.core.condition.ExecutionNamespaceCondition]
    properties:
      namespace: {type: string, required: true, dynamic: false, description: "Namespace."}
      comparison: {type: enum, values: [EQUALS, PREFIX, SUFFIX], dynamic: false, description: "How to compare."}
      prefix: {type: boolean, dynamic: false, deprecated: "comparison", description: "Deprecated; use comparison."}
  io.kestra.plugin.core.condition.Expression:
    category: condition
    summary: An expression holds.
    aliases: [io.kestra.core.models.conditions.types.VariableCondition, io.kestra.plugin.core.condition.ExpressionCondition]
    properties:
      expression: {type: string, required: true, description: "The expression."}
  io.kestra.plugin.core.condition.DayWeek:
    category: condition
    summary: The date is on this day of the week.
    aliases: [io.kestra.core.models.conditions.types.DayWeekCondition, io.kestra.plugin.core.condition.DayWeekCondition]
    properties:
      date: {type: string, default: "{{ trigger.date }}", description: "The date to test."}
      dayOfWeek: {type: enum, required: true, values: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY], dynamic: false, description: "The day."}
  io.kestra.plugin.core.condition.Weekend:
    category: condition
    summary: The date is on a weekend.
    aliases: [io.kestra.core.models.conditions.types.WeekendCondition, io.kestra.plugin.core.condition.WeekendCondition]
    properties:
      date: {type: string, default: "{{ trigger.date }}", description: "The date to test."}
  io.kestra.plugin.core.condition.TimeBetween:
    category: condition
    summary: The time is between two times.
    aliases: [io.kestra.core.models.conditions.types.TimeBetweenCondition, io.kestra.plugin.core.condition.TimeBetweenCondition]
    properties:
      date: {type: string, default: "{{ trigger.date }}", description: "The date to test."}
      after: {type: string, dynamic: false, description: "Earliest time."}
      before: {type: string, dynamic: false, description: "Latest time."}
"""##),
    ]
}
