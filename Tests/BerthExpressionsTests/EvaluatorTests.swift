import BerthSchema
import Foundation
import Testing
@testable import BerthExpressions

/// A fixed context: inputs, vars, outputs of an earlier task, and a fixed clock.
func makeEvaluator(environment: [String: String] = [:]) -> Evaluator {
    let variables = ValueMap([
        ("inputs", .object([("name", .string("World")), ("count", .int(3)), ("list", .list([.int(3), .int(1), .int(2)])),
                            ("ratio", .double(0.5)), ("empty", .string("")), ("nothing", .null)])),
        ("vars", .object([("greeting", .string("Hello")), ("nested", .string("{{ inputs.name }}"))])),
        ("outputs", .object([("first", .object([("vars", .object([("x", .int(5)), ("rows", .list([.object([("id", .int(1))]), .object([("id", .int(2))])]))])),
                                                ("exitCode", .int(0))])),
                             ("my-task", .object([("value", .string("dash"))]))])),
        ("flow", .object([("id", .string("hello")), ("namespace", .string("company.team"))])),
    ])
    let context = EvaluationContext(variables: variables, secret: EvaluationContext.environmentSecrets(environment),
                                    now: Date(timeIntervalSince1970: 1_705_314_030), timeZone: TimeZone(identifier: "UTC")!)
    return Evaluator(context: context)
}

@Suite struct EvaluatorTests {
    /// Expressions and the text Pebble / Kestra render for them (from their documentation).
    @Test(arguments: [
        ("Hello {{ inputs.name }}!", "Hello World!"),
        ("{{ vars.greeting ~ ', ' ~ inputs.name }}", "Hello, World"),
        ("{{ 'kestra' | upper }}", "KESTRA"),
        ("{{ 'KESTRA' | lower }}", "kestra"),
        ("{{ 'article title' | title }}", "Article Title"),
        ("{{ 'article' | capitalize }}", "Article"),
        ("{{ '  x  ' | trim }}", "x"),
        ("{{ inputs.empty | default('fallback') }}", "fallback"),
        ("{{ inputs.missing | default('fallback') }}", "fallback"),
        ("{{ [1, 2, 3] | join(', ') }}", "1, 2, 3"),
        ("{{ 'a,b,c' | split(',') }}", "[\"a\",\"b\",\"c\"]"),
        ("{{ inputs.list | length }}", "3"),
        ("{{ 'kestra' | length }}", "6"),
        ("{{ inputs.list | first }}", "3"),
        ("{{ inputs.list | last }}", "2"),
        ("{{ 'I like Kestra' | replace('like', 'love') }}", "I love Kestra"),
        ("{{ 'kestra' | slice(1, 3) }}", "es"),
        ("{{ inputs.list | sort }}", "[1,2,3]"),
        ("{{ inputs.list | reverse }}", "[2,1,3]"),
        ("{{ -7 | abs }}", "7"),
        ("{{ '12.3' | number }}", "12.3"),
        ("{{ '12' | number + 1 }}", "13"),
        ("{{ 1234567.891 | numberFormat('#,##0.00') }}", "1,234,567.89"),
        ("{{ now() | date('yyyy-MM-dd') }}", "2024-01-15"),
        ("{{ '2024-01-15T10:20:30Z' | dateAdd(1, 'DAYS') | date('yyyy-MM-dd HH:mm') }}", "2024-01-16 10:20"),
        ("{{ '2024-01-15T10:20:30Z' | timestamp }}", "1705314030"),
        ("{{ now() }}", "2024-01-15T10:20:30.000Z"),
        ("{{ {'a': 1, 'b': [true, null]} | toJson }}", "{\"a\":1,\"b\":[true,null]}"),
        ("{{ {'a': 1} }}", "{\"a\":1}"),
        ("{{ outputs.first.vars.rows | jq('.[].id') }}", "[1,2]"),
        ("{{ outputs.first.vars | keys }}", "[\"x\",\"rows\"]"),
        ("{{ {'a': 1, 'b': 2} | values }}", "[1,2]"),
        ("{{ [[1, 2], [3]] | flatten }}", "[1,2,3]"),
        ("{{ [1, 2, 3, 4, 5] | chunk(2) }}", "[[1,2],[3,4],[5]]"),
        ("{{ 'kestra' | base64encode }}", "a2VzdHJh"),
        ("{{ 'a2VzdHJh' | base64decode }}", "kestra"),
        ("{{ 'kestra' | sha256 }}", "4c4140db3d3ffbbc2bf2ed1ef856d8687901f3770aeb1ba87ceabbe2990dfd80"),
        ("{{ 'kestra' | md5 }}", "d6e8ccb6fd045f80b7bbd2dbbfb265b2"),
        ("{{ 'a b&c' | urlencode }}", "a+b%26c"),
        ("{{ 'a+b%26c' | urldecode }}", "a b&c"),
        ("{{ 'Hello World! Ça va?' | slugify }}", "hello-world-ca-va"),
        ("{{ 'a.b.c' | substringBefore('.') }}", "a"),
        ("{{ 'a.b.c' | substringAfter('.') }}", "b.c"),
        ("{{ 'a.b.c' | substringBeforeLast('.') }}", "a.b"),
        ("{{ 'a.b.c' | substringAfterLast('.') }}", "c"),
        ("{{ 'kestra' | startsWith('kes') }}", "true"),
        ("{{ 'kestra' | endsWith('x') }}", "false"),
        ("{{ 'a\nb' | indent(2) }}", "a\n  b"),
        ("{{ 'a\nb' | nindent(2) }}", "\n  a\n  b"),
        ("{{ fromJson('{\"k\": [1, 2]}').k[1] }}", "2"),
        ("{{ yaml('a: 1\nb: [x, true]').b }}", "[\"x\",true]"),
        ("{{ range(1, 5) }}", "[1,2,3,4,5]"),
        ("{{ range(0, 10, 5) }}", "[0,5,10]"),
        ("{{ max(1, 5, 3) }} {{ min(inputs.list) }}", "5 1"),
        ("{{ render(vars.nested) }}", "World"),
        ("{{ vars.nested }}", "{{ inputs.name }}"),
        ("{{ outputs['my-task'].value }}", "dash"),
        ("{{ inputs.nothing ?? 'null-or-missing' }}", "null-or-missing"),
        ("{{ inputs.nothing ??? 'missing' }}", ""),
        ("{{ inputs.missing ??? 'missing' }}", "missing"),
        ("{{ inputs.count > 2 ? 'big' : 'small' }}", "big"),
        ("{{ 2 + 3 * 4 }} {{ 7 / 2 }} {{ 8 / 2 }} {{ 7 // 2 }} {{ 7 % 3 }}", "14 3.5 4 3 1"),
        ("{{ 1.5 + 1 }}", "2.5"),
        ("{{ 3 in inputs.list }} {{ 'ke' in 'kestra' }} {{ 9 not in inputs.list }}", "true true true"),
        ("{{ inputs.missing is defined }} {{ inputs.name is defined }}", "false true"),
        ("{{ inputs.nothing is null }} {{ inputs.empty is empty }} {{ 4 is even }} {{ 3 is odd }}", "true true true true"),
        ("{{ '{\"a\":1}' is json }}", "true"),
        ("{% if inputs.count > 1 %}many{% elseif inputs.count == 1 %}one{% else %}none{% endif %}", "many"),
        ("{% for i in inputs.list %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}", "3,1,2"),
        ("{% for k, v in {'a': 1, 'b': 2} %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;"),
        ("{% for i in [] %}x{% else %}empty{% endfor %}", "empty"),
        ("{% set n = inputs.count * 2 %}{{ n }}", "6"),
        ("{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}"),
        ("{# comment #}a  {{- ' b ' -}}  c", "a b c"),
        ("{{ inputs.ratio }} {{ 2.0 }} {{ true }} {{ inputs.nothing }}", "0.5 2.0 true "),
        ("no braces at all { here }", "no braces at all { here }"),
    ])
    func rendersAsDocumented(_ template: String, _ expected: String) throws {
        #expect(try makeEvaluator().render(template) == expected)
    }

    @Test func aLoneTemplateKeepsItsNativeType() throws {
        let e = makeEvaluator()
        #expect(try e.evaluate("{{ inputs.count }}") == .int(3))
        #expect(try e.evaluate("  {{ inputs.list }}\n") == .list([.int(3), .int(1), .int(2)]))
        #expect(try e.evaluate("{{ inputs.ratio > 0.1 }}") == .bool(true))
        #expect(try e.evaluate("n={{ inputs.count }}") == .string("n=3"))
        #expect(try e.evaluate("plain") == .string("plain"))
    }

    @Test func strictVariablesNameTheTemplateAndLine() {
        #expect(throws: EvaluationError(message: "Unable to find `nme` used in the expression `a\n{{ inputs.nme }}` at line 2", range: 12..<15)) {
            try makeEvaluator().render("a\n{{ inputs.nme }}")
        }
        #expect(throws: EvaluationError.self) { try makeEvaluator().render("{{ undefinedRoot }}") }
        #expect(throws: EvaluationError.self) { try makeEvaluator().render("{{ 1 + }}") }
    }

    @Test func secretsComeFromBase64EnvironmentAndAreRecordedForMasking() throws {
        let e = makeEvaluator(environment: ["SECRET_API_TOKEN": Data("s3cr3t".utf8).base64EncodedString()])
        #expect(try e.render("token={{ secret('API_TOKEN') }}") == "token=s3cr3t")
        #expect(e.revealedSecrets == ["s3cr3t"])
        #expect(throws: EvaluationError.self) { try e.render("{{ secret('MISSING') }}") }
    }

    @Test func everyCatalogEntryIsEvaluatedOrDeclaredUnavailable() {
        let catalog = Grammar.standard.expressions
        let e = makeEvaluator()
        for name in catalog.filters.keys.sorted() {
            let args = Array(repeating: "1", count: catalog.filters[name]!.minArguments).joined(separator: ", ")
            var message = ""
            do { _ = try e.render("{{ 'x' | \(name)\(args.isEmpty ? "" : "(\(args))") }}") } catch { message = error.message }
            #expect(!message.hasPrefix("unknown filter"), "filter \(name) is in the catalog but not evaluated")
            if Evaluator.unavailable.contains(name) { #expect(message.contains("needs a Kestra server")) }
        }
        for name in catalog.functions.keys.sorted() {
            let args = Array(repeating: "1", count: catalog.functions[name]!.minArguments).joined(separator: ", ")
            var message = ""
            do { _ = try e.render("{{ \(name)(\(args)) }}") } catch { message = error.message }
            #expect(!message.hasPrefix("unknown function"), "function \(name) is in the catalog but not evaluated")
        }
        for name in catalog.tests.keys.sorted() {
            var message = ""
            do { _ = try e.render("{{ 2 is \(name) }}") } catch { message = error.message }
            #expect(!message.hasPrefix("unknown test"), "test \(name) is in the catalog but not evaluated")
        }
    }
}
