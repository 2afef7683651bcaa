/// The helper modules the legacy Python and Node tasks put beside `main.py` / `main.js`, written
/// for berth with the same API: `Kestra.outputs(map)`, `Kestra.counter(name, value, tags)` and
/// `Kestra.timer(name, seconds or a function to time, tags)`, each printing one
/// `::{"outputs":…}::` / `::{"metrics":[…]}::` line that the executor reads.
enum LegacyHelpers {
    static let python = """
        import json
        import time


        class Kestra:
            @staticmethod
            def _send(message):
                print("::" + json.dumps(message) + "::", flush=True)

            @staticmethod
            def outputs(values):
                Kestra._send({"outputs": values})

            @staticmethod
            def _metric(name, kind, value, tags=None):
                Kestra._send({"metrics": [{"name": name, "type": kind, "value": value, "tags": tags or {}}]})

            @staticmethod
            def counter(name, value, tags=None):
                Kestra._metric(name, "counter", value, tags)

            @staticmethod
            def timer(name, duration, tags=None):
                if callable(duration):
                    started = time.time()
                    duration()
                    duration = time.time() - started
                Kestra._metric(name, "timer", duration, tags)

        """

    static let javascript = """
        function Kestra() {}

        Kestra._send = (message) => console.log("::" + JSON.stringify(message) + "::");
        Kestra.outputs = (values) => Kestra._send({ outputs: values });
        Kestra._metric = (name, type, value, tags) => Kestra._send({ metrics: [{ name, type, value, tags: tags || {} }] });
        Kestra.counter = (name, value, tags) => Kestra._metric(name, "counter", value, tags);
        Kestra.timer = (name, duration, tags) => {
            if (typeof duration === "function") {
                const started = Date.now();
                duration(() => Kestra._metric(name, "timer", (Date.now() - started) / 1000, tags));
            } else {
                Kestra._metric(name, "timer", duration, tags);
            }
        };

        module.exports = Kestra;

        """
}
