import CYAML

/// A position as libyaml reports it: 0-based line and column, and a character index.
struct Mark {
    var line: Int
    var column: Int
    var index: Int

    init(_ mark: yaml_mark_t) {
        line = Int(mark.line)
        column = Int(mark.column)
        index = Int(mark.index)
    }
}

/// One parse event with its marks. A scalar's value points into libyaml's memory and is valid
/// until the parser's next `next()` call; everything else is copied out.
struct Event {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(value: UnsafeBufferPointer<UInt8>, anchor: String?, tag: String?, style: ScalarStyle)
        case sequenceStart(anchor: String?, tag: String?, flow: Bool)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?, flow: Bool)
        case mappingEnd
    }

    var kind: Kind
    var start: Mark
    var end: Mark
}

/// A libyaml error with its problem and context, as libyaml words them.
struct LibYAMLError: Error {
    enum Phase { case reader, scanner, parser, memory }
    var phase: Phase
    var problem: String
    var problemMark: Mark
    /// For reader errors: the byte offset of the offending byte.
    var problemOffset: Int?
    var problemValue: Int?
    var context: String?
    var contextMark: Mark?
}

/// Pulls events from libyaml over the caller's bytes, which must stay valid while it reads
/// (``YAMLReader`` reads inside `withUnsafeBufferPointer`; a copy would double a large file).
/// The C types stay inside this file.
final class LibYAMLParser {
    // libyaml's structs live in memory of their own: stored `var`s of a class would cost a
    // dynamic exclusivity check on every event.
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private var finished = false
    /// The last event returned, kept alive so its scalar value stays readable.
    private let current = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holdsEvent = false
    nonisolated(unsafe) private static let noBytes: UnsafeMutablePointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return byte
    }()

    init(bytes: UnsafeBufferPointer<UInt8>) {
        parser.initialize(to: yaml_parser_t())
        current.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        // libyaml insists on a pointer even for no bytes.
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(Self.noBytes), bytes.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(current) }
        yaml_parser_delete(parser)
        parser.deallocate()
        current.deallocate()
    }

    /// The next event, or nil after the stream end.
    func next() throws(LibYAMLError) -> Event? {
        if holdsEvent {
            yaml_event_delete(current)
            holdsEvent = false
        }
        if finished { return nil }
        guard yaml_parser_parse(parser, current) == 1 else {
            finished = true
            throw currentError()
        }
        holdsEvent = true
        let kind = convert(&current.pointee)
        if case .streamEnd = kind { finished = true }
        return Event(kind: kind, start: Mark(current.pointee.start_mark), end: Mark(current.pointee.end_mark))
    }

    private func convert(_ event: inout yaml_event_t) -> Event.Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = UnsafeBufferPointer(start: s.value.map { UnsafePointer($0) }, count: s.value == nil ? 0 : s.length)
            return .scalar(value: value, anchor: string(s.anchor), tag: string(s.tag), style: style(s.style))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return .sequenceStart(anchor: string(s.anchor), tag: string(s.tag), flow: s.style == YAML_FLOW_SEQUENCE_STYLE)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return .mappingStart(anchor: string(m.anchor), tag: string(m.tag), flow: m.style == YAML_FLOW_MAPPING_STYLE)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamEnd
        }
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    private func currentError() -> LibYAMLError {
        let phase: LibYAMLError.Phase = switch parser.pointee.error {
        case YAML_READER_ERROR: .reader
        case YAML_SCANNER_ERROR: .scanner
        case YAML_MEMORY_ERROR: .memory
        default: .parser
        }
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        let context = parser.pointee.context.map { String(cString: $0) }
        return LibYAMLError(
            phase: phase, problem: problem, problemMark: Mark(parser.pointee.problem_mark),
            problemOffset: phase == .reader ? Int(parser.pointee.problem_offset) : nil,
            problemValue: phase == .reader ? Int(parser.pointee.problem_value) : nil,
            context: context, contextMark: context == nil ? nil : Mark(parser.pointee.context_mark))
    }
}

/// The floor any libyaml-based tool pays: parse every event of `bytes` and keep nothing.
/// Used by the benchmark as its baseline; returns the number of events (or -1 on a syntax error).
public enum LibYAMLScan {
    public static func countEvents(_ bytes: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var count = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return -1 }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }
}
