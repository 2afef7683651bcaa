import BerthPlan
import Foundation
import GRDB

/// Kestra's key-value store, kept per namespace in one SQLite database in the state directory
/// (`<state>/kv.sqlite`, WAL mode): tasks of one execution, and executions run at once by other
/// berth processes, read and write it safely. An entry past its TTL reads as missing and is
/// removed the next time it is touched.
public final class KVStore: Sendable {
    /// One stored value with its Kestra type (STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON).
    public struct Entry: Sendable, Equatable {
        public var value: JSONValue
        public var type: String
        /// When the entry expires; nil for never.
        public var expiresAt: Date?
        public var updatedAt: Date
    }

    private let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating when needed) the store of a state directory.
    public init(stateDirectory: URL) throws(ExecutorError) {
        path = stateDirectory.appendingPathComponent("kv.sqlite").path
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            var configuration = Configuration()
            // Another berth process may hold the write lock for a moment.
            configuration.busyMode = .timeout(30)
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS kv (
                        namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL,
                        expires_at REAL, updated_at REAL NOT NULL, PRIMARY KEY (namespace, key))
                    """)
            }
        } catch {
            throw ExecutorError.journal("the KV store \(path) cannot be opened: \(Self.describe(error))")
        }
    }

    /// Stores `value` under `key`; with `overwrite` false an existing live entry is an error.
    public func set(namespace: String, key: String, value: JSONValue, type: String, ttlSeconds: Double?, overwrite: Bool, now: Date = Date()) throws(ExecutorError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded = String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
        let expires = ttlSeconds.map { now.addingTimeInterval($0).timeIntervalSince1970 }
        try access { db in
            if !overwrite, try Self.live(db, namespace, key, now) != nil {
                throw ExecutorError.task("Cannot set value for key '\(key)'. Key already exists and `overwrite` is set to `false`.")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO kv (namespace, key, value, type, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [namespace, key, encoded, type, expires, now.timeIntervalSince1970])
        }
    }

    /// The live entry of `key`, nil when there is none or it expired.
    public func get(namespace: String, key: String, now: Date = Date()) throws(ExecutorError) -> Entry? {
        try access { db in try Self.live(db, namespace, key, now) }
    }

    /// Removes `key`; true when a live entry was there.
    public func delete(namespace: String, key: String, now: Date = Date()) throws(ExecutorError) -> Bool {
        try access { db in
            let existed = try Self.live(db, namespace, key, now) != nil
            try db.execute(sql: "DELETE FROM kv WHERE namespace = ? AND key = ?", arguments: [namespace, key])
            return existed
        }
    }

    /// The live keys of a namespace starting with `prefix`, sorted.
    public func keys(namespace: String, prefix: String? = nil, now: Date = Date()) throws(ExecutorError) -> [String] {
        try access { db in
            try db.execute(sql: "DELETE FROM kv WHERE namespace = ? AND expires_at IS NOT NULL AND expires_at <= ?",
                           arguments: [namespace, now.timeIntervalSince1970])
            let keys = try String.fetchAll(db, sql: "SELECT key FROM kv WHERE namespace = ? ORDER BY key", arguments: [namespace])
            guard let prefix, !prefix.isEmpty else { return keys }
            return keys.filter { $0.hasPrefix(prefix) }
        }
    }

    /// Every live entry of a namespace (nil: of all namespaces), for `berth kv list`.
    public func entries(namespace: String?, now: Date = Date()) throws(ExecutorError) -> [(namespace: String, key: String, entry: Entry)] {
        try access { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM kv WHERE (? IS NULL OR namespace = ?) AND (expires_at IS NULL OR expires_at > ?) ORDER BY namespace, key
                """, arguments: [namespace, namespace, now.timeIntervalSince1970])
            return rows.compactMap { row in Self.entry(row).map { (row["namespace"], row["key"], $0) } }
        }
    }

    private static func live(_ db: Database, _ namespace: String, _ key: String, _ now: Date) throws -> Entry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM kv WHERE namespace = ? AND key = ?", arguments: [namespace, key]) else { return nil }
        if let expires: Double = row["expires_at"], expires <= now.timeIntervalSince1970 {
            try db.execute(sql: "DELETE FROM kv WHERE namespace = ? AND key = ?", arguments: [namespace, key])
            return nil
        }
        return entry(row)
    }

    private static func entry(_ row: Row) -> Entry? {
        let text: String = row["value"]
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        let expires: Double? = row["expires_at"]
        return Entry(value: value, type: row["type"], expiresAt: expires.map { Date(timeIntervalSince1970: $0) },
                     updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    private func access<T>(_ body: (Database) throws -> T) throws(ExecutorError) -> T {
        do {
            return try pool.write(body)
        } catch let error as ExecutorError {
            throw error
        } catch {
            throw ExecutorError.journal("the KV store \(path) failed: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }
}
