import Testing
@testable import BerthExpressions

func parse(_ text: String) -> Result<Template, TemplateSyntaxError> { TemplateParser().parse(text) }

/// Renders an expression back as a fully parenthesised string, to pin precedence.
func shape(_ e: Expr) -> String {
    switch e.kind {
    case .string(let s): return "'\(s)'"
    case .integer(let i): return String(i)
    case .number(let d): return String(d)
    case .boolean(let b): return String(b)
    case .null: return "null"
    case .list(let items): return "[" + items.map(shape).joined(separator: ",") + "]"
    case .map(let entries): return "{" + entries.map { shape($0.key) + ":" + shape($0.value) }.joined(separator: ",") + "}"
    case .variable(let name): return name
    case .attribute(let base, let name, _): return shape(base) + "." + name
    case .subscriptAccess(let base, let index): return shape(base) + "[" + shape(index) + "]"
    case .call(let name, _, let args): return name + "(" + args.map { ($0.name.map { $0 + "=" } ?? "") + shape($0.value) }.joined(separator: ",") + ")"
    case .filter(let base, let name, _, let args): return "(" + shape(base) + "|" + name + (args.isEmpty ? "" : "(" + args.map { shape($0.value) }.joined(separator: ",") + ")") + ")"
    case .test(let base, let name, _, _, let negated): return "(" + shape(base) + (negated ? " is not " : " is ") + name + ")"
    case .unary(let op, let operand): return "(" + op + " " + shape(operand) + ")"
    case .binary(let op, let l, let r): return "(" + shape(l) + " " + op + " " + shape(r) + ")"
    case .ternary(let c, let t, let o): return "(" + shape(c) + " ? " + shape(t) + " : " + (o.map(shape) ?? "-") + ")"
    }
}

func expression(_ text: String) throws -> Expr {
    let template = try parse("{{ \(text) }}").get()
    guard case .print(let e) = template.nodes.first else { throw TemplateSyntaxError(message: "no print", range: 0..<0) }
    return e
}

@Suite struct TemplateParserTests {
    @Test(arguments: [
        ("inputs.name", "inputs.name"),
        ("outputs['my-task'].vars.x", "outputs.my-task.vars.x"),
        ("outputs.t[taskrun.value].vars", "outputs.t[taskrun.value].vars"),
        ("a + b * c", "(a + (b * c))"),
        ("a ~ b + 1", "(a ~ (b + 1))"),
        ("not a and b or c", "(((not a) and b) or c)"),
        ("a == 1 and b != 2", "((a == 1) and (b != 2))"),
        ("x ?? 'd'", "(x ?? 'd')"),
        ("x ??? y ?? z", "((x ??? y) ?? z)"),
        ("a ? b : c", "(a ? b : c)"),
        ("-1 | abs", "((- 1)|abs)"),
        ("name | upper | replace('A', 'B')", "((name|upper)|replace('A','B'))"),
        ("x is defined", "(x is defined)"),
        ("x is not null", "(x is not null)"),
        ("'a' in list", "('a' in list)"),
        ("'a' not in list", "('a' not in list)"),
        ("now() | dateAdd(1, 'DAYS') | date('yyyy-MM-dd')", "((now()|dateAdd(1,'DAYS'))|date('yyyy-MM-dd'))"),
        ("secret('API_KEY')", "secret('API_KEY')"),
        ("range(1, 5)", "range(1,5)"),
        ("render(vars.t, strict=false)", "render(vars.t,strict=false)"),
        ("[1, 'two', {\"k\": 3}]", "[1,'two',{'k':3}]"),
        ("(a + b) * 2.5", "((a + b) * 2.5)"),
    ])
    func expressionsParseWithPrecedence(_ input: String, _ expected: String) throws {
        #expect(shape(try expression(input)) == expected)
    }

    @Test func rangesPointIntoTheTemplate() throws {
        let text = "Hi {{ inputs.nme }}!"
        let e = try expression("inputs.nme")
        guard case .attribute(_, _, let nameRange) = e.kind else { Issue.record("not an attribute"); return }
        #expect(nameRange == 10..<13)
        let template = try parse(text).get()
        guard case .print(let p) = template.nodes[1], case .attribute(_, _, let r) = p.kind else { Issue.record("shape"); return }
        #expect(Array(text.utf8)[r].elementsEqual("nme".utf8))
    }

    @Test func tagsNest() throws {
        let template = try parse("{% for x in items %}{% if x > 1 %}{{ x }}{% elseif x == 1 %}one{% else %}none{% endif %}{% else %}empty{% endfor %}{% set y = 2 %}{% raw %}{{ not parsed }}{% endraw %}{# note #}").get()
        #expect(template.nodes.count == 3)
        guard case .loop(let vars, _, let body, let empty) = template.nodes[0] else { Issue.record("no loop"); return }
        #expect(vars.map(\.name) == ["x"])
        #expect(empty != nil)
        guard case .conditional(let branches, let otherwise) = body.first else { Issue.record("no if"); return }
        #expect(branches.count == 2)
        #expect(otherwise != nil)
        guard case .raw(let r) = template.nodes[2] else { Issue.record("no raw"); return }
        #expect(String(decoding: Array(template.source.utf8)[r], as: UTF8.self) == "{{ not parsed }}")
    }

    @Test func whitespaceControlTrimsNeighbours() throws {
        let template = try parse("a  {{- x -}}  b").get()
        guard case .text(let first) = template.nodes[0], case .text(let last) = template.nodes[2] else { Issue.record("shape"); return }
        #expect(first == 0..<1)
        #expect(last == 14..<15)
    }

    @Test(arguments: [
        ("{{ inputs.x", "unclosed \"{{\": expected \"}}\"", 0..<2),
        ("{{ }}", "empty expression: expected an expression inside {{ }}", 0..<2),
        ("{{ a b }}", "unexpected b: expected an operator, a filter or \"}}\"", 5..<6),
        ("{{ a + }}", "unexpected }}: expected a value (a name, a literal, \"(\", \"[\" or \"{\")", 7..<9),
        ("{{ 'abc }}", "unclosed string literal", 3..<4),
        ("{{ f(1, }}", "unexpected }}: expected a value (a name, a literal, \"(\", \"[\" or \"{\")", 8..<10),
        ("{% if x %}yes", "unclosed block: expected {% else %} or {% elseif %} or {% endif %} before the end", 13..<13),
        ("{% endif %}", "\"{% endif %}\" without its opening tag", 3..<8),
        ("{% macro m %}", "unknown tag \"macro\" (berth knows if, for, set, raw)", 3..<8),
        ("{% for in x %}{% endfor %}", "expected \"in\" after the loop variable, found x", 10..<11),
        ("{# open", "unclosed comment: expected \"#}\"", 0..<2),
        ("{{ x | }}", "expected a filter name after \"|\", found }}", 7..<9),
        ("{{ a ? }}", "unexpected }}: expected a value (a name, a literal, \"(\", \"[\" or \"{\")", 7..<9),
    ])
    func syntaxErrorsSayWhatWasExpected(_ input: String, _ message: String, _ range: Range<Int>) {
        guard case .failure(let error) = parse(input) else { Issue.record("\(input) parsed"); return }
        #expect(error.message == message)
        #expect(error.range == range)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = "{{ " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + " }}"
        guard case .failure(let error) = parse(text) else { Issue.record("parsed"); return }
        #expect(error.message.contains("nests more than"))
        let blocks = String(repeating: "{% if x %}", count: 1_000)
        guard case .failure = parse(blocks) else { Issue.record("parsed"); return }
    }

    @Test func plainTextIsNotATemplate() {
        #expect(!TemplateParser.containsTemplate("echo hello { world }"))
        #expect(TemplateParser.containsTemplate("a {{ b }}"))
        #expect(TemplateParser.containsTemplate("{% raw %}"))
    }
}
