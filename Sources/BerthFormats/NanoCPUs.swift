/// `cpu.cpus` of the Docker runner → `HostConfig.NanoCpus` (cpus × 1e9, rounded to the
/// nanosecond; Kestra truncates, which differs by at most 1 ns).
public enum NanoCPUs {
    /// Nano-CPUs for a number of CPUs given as text, or nil when it is not a non-negative
    /// finite number whose nano-CPU count fits in 64 bits.
    public static func from(_ text: String) -> Int64? {
        // Spaces and tabs trimmed by hand: a CharacterSet built per call costs more than the parse.
        var trimmed = Substring(text).drop { $0 == " " || $0 == "\t" }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        guard let cpus = KestraNumber.double(String(trimmed)), cpus >= 0 else { return nil }
        return KestraNumber.int64((cpus * 1_000_000_000).rounded())
    }
}
