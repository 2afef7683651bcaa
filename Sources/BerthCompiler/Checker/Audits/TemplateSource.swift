import BerthDiagnostics
import BerthExpressions

/// Where a value printed by a template comes from, when that is outside the flow's author's
/// hands (what an execution's caller, a trigger, a task's output, a KV store or a file holds),
/// or a secret.
enum TemplateSource: Hashable {
    case input(String)
    case trigger
    case labels
    case output(String)
    case kv
    case file
    case secret(String)

    /// Whether the value can carry text someone other than the flow's author chose.
    var isUntrusted: Bool {
        if case .secret = self { return false }
        return true
    }

    /// How the finding names it ("the input \"name\"").
    var phrase: String {
        switch self {
        case .input(let id): "the input \"\(id)\""
        case .trigger: "the trigger's data"
        case .labels: "an execution label"
        case .output(let task): "an output of task \"\(task)\""
        case .kv: "a KV value"
        case .file: "a file's content"
        case .secret(let name): "secret('\(name)')"
        }
    }

    /// Values the caller sets directly are high confidence; outputs, KV and files were written
    /// by something the author may control.
    var confidence: SecurityRating.Confidence {
        switch self {
        case .input, .trigger, .labels, .secret: .high
        case .output, .kv, .file: .medium
        }
    }

    /// A name for an environment variable holding the value (`inputs.user_name` → `USER_NAME`).
    var variableName: String {
        switch self {
        case .input(let id): Self.envName(id)
        case .secret(let name): Self.envName(name)
        case .trigger: "TRIGGER_VALUE"
        case .labels: "LABEL_VALUE"
        case .output(let task): Self.envName(task + "_output")
        case .kv: "KV_VALUE"
        case .file: "FILE_CONTENT"
        }
    }

    static func envName(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            // ASCII without CR (nearly always; "\r\n" is one Character): the same mapping on
            // bytes, without Character properties.
            var bytes = text.utf8.map { byte -> UInt8 in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - 32
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
                default: UInt8(ascii: "_")
                }
            }
            if bytes.first.map({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ?? true { bytes.insert(UInt8(ascii: "_"), at: 0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var name = String(text.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        if name.first?.isNumber ?? true { name = "_" + name }
        return name
    }
}

