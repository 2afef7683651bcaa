/// Generates valid flows for the benchmark: script tasks with Docker runner properties in
/// Parallel groups, with templates.
enum FlowGenerator {
    static func flow(tasks: Int, id: String = "big") -> String {
        var out = "id: \(id)\nnamespace: company.team\ninputs:\n  - id: name\n    type: STRING\n    defaults: world\ntasks:\n"
        let groups = max(1, tasks / 10)
        for group in 0..<groups {
            out += "  - id: group\(group)\n    type: io.kestra.plugin.core.flow.Parallel\n    concurrent: 4\n    tasks:\n"
            for item in 0..<9 {
                out += """
                      - id: t\(group)_\(item)
                        type: io.kestra.plugin.scripts.shell.Commands
                        containerImage: busybox:1.36
                        timeout: PT5M
                        taskRunner:
                          type: io.kestra.plugin.scripts.runner.docker.Docker
                          pullPolicy: IF_NOT_PRESENT
                          cpu:
                            cpus: 0.5
                          memory:
                            memory: 256MB
                        env:
                          GROUP: "\(group)"
                        commands:
                          - echo "{{ inputs.name }} \(group) \(item)"

                """
            }
        }
        return out
    }
}
