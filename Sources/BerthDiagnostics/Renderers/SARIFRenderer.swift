import Foundation

/// SARIF 2.1.0 output (`--format sarif`), valid for code-scanning upload.
///
/// Columns are Unicode code points (`columnKind: unicodeCodePoints`), 1-based; `endColumn` is
/// exclusive as SARIF specifies. Notes become `relatedLocations`; fix-its become `fixes`.
public struct SARIFRenderer: Sendable {
    /// Tool version reported in `tool.driver.version`.
    public var toolVersion: String
    /// One-line description of each code, for `tool.driver.rules[].shortDescription`.
    public var ruleDescriptions: [DiagnosticCode: String]
    /// Base of the documentation link per rule (`helpUri` = base + "#" + code), if any.
    public var documentationBase: String?

    public init(toolVersion: String, ruleDescriptions: [DiagnosticCode: String] = [:], documentationBase: String? = nil) {
        self.toolVersion = toolVersion
        self.ruleDescriptions = ruleDescriptions
        self.documentationBase = documentationBase
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let sorted = DiagnosticOrder.normalized(diagnostics)
        let codes = Array(Set(sorted.map(\.code))).sorted()
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.map { code in
            // A rule's security severity is its most severe finding's.
            let rated = sorted.filter { $0.code == code }.compactMap(\.security).max { $0.score < $1.score }
            return Rule(id: code.rawValue,
                        shortDescription: Text(text: ruleDescriptions[code] ?? code.rawValue),
                        helpUri: documentationBase.map { "\($0)#\(code.rawValue)" },
                        properties: rated.map { RuleProperties(securitySeverity: $0.scoreText, precision: Self.precision($0.confidence), tags: ["security"]) })
        }
        let results = sorted.map { d in
            Result(
                ruleId: d.code.rawValue, ruleIndex: index[d.code] ?? 0, level: level(d.severity),
                message: Text(text: d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message),
                locations: [Location(uri: d.path, range: d.range, message: nil)],
                properties: d.security.map { ResultProperties(confidence: $0.confidence.rawValue, securitySeverity: $0.scoreText) },
                relatedLocations: d.notes.compactMap { note in
                    note.range.map { Location(uri: note.path ?? d.path, range: $0, message: Text(text: note.message)) }
                },
                fixes: d.fixIts.map { fix in
                    Fix(description: Text(text: fix.message), artifactChanges: [
                        ArtifactChange(artifactLocation: ArtifactLocation(uri: d.path),
                                       replacements: fix.edits.map {
                                           Replacement(deletedRegion: Region($0.range), insertedContent: Text(text: $0.replacement))
                                       })
                    ])
                })
        }
        let log = Log(
            version: "2.1.0",
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [Run(
                tool: Tool(driver: Driver(name: "berth", version: toolVersion, rules: rules)),
                columnKind: "unicodeCodePoints",
                results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(log)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// SARIF's rule precision for a confidence.
    static func precision(_ confidence: SecurityRating.Confidence) -> String {
        switch confidence {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }

    private func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    struct Log: Encodable {
        var version: String
        var schema: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
    }
    struct Run: Encodable { var tool: Tool; var columnKind: String; var results: [Result] }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable { var name: String; var version: String; var rules: [Rule] }
    struct Rule: Encodable { var id: String; var shortDescription: Text; var helpUri: String?; var properties: RuleProperties? }
    struct RuleProperties: Encodable {
        var securitySeverity: String
        var precision: String
        var tags: [String]
        enum CodingKeys: String, CodingKey { case securitySeverity = "security-severity", precision, tags }
    }
    struct ResultProperties: Encodable {
        var confidence: String
        var securitySeverity: String
        enum CodingKeys: String, CodingKey { case confidence, securitySeverity = "security-severity" }
    }
    struct Text: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var properties: ResultProperties?
        var relatedLocations: [Location]
        var fixes: [Fix]
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
        var byteOffset: Int
        var byteLength: Int
        init(_ r: SourceRange) {
            startLine = r.start.line; startColumn = r.start.column
            endLine = r.end.line; endColumn = r.end.column
            byteOffset = r.start.offset; byteLength = r.end.offset - r.start.offset
        }
    }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var message: Text?
        init(uri: String, range: SourceRange, message: Text?) {
            physicalLocation = PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri), region: Region(range))
            self.message = message
        }
    }
    struct Replacement: Encodable { var deletedRegion: Region; var insertedContent: Text }
    struct ArtifactChange: Encodable { var artifactLocation: ArtifactLocation; var replacements: [Replacement] }
    struct Fix: Encodable { var description: Text; var artifactChanges: [ArtifactChange] }
}
