import BerthEngine
import Foundation

/// `docker-credential-<name> get`, with the registry on stdin.
struct CredentialHelper {
    let masker: SecretMasker

    func get(_ name: String, registry: String) throws(ExecutorError) -> RegistryAuth? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw ExecutorError.task("credential helper name \"\(name)\" is not a program name")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-credential-\(name)", "get"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(registry.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Answer: Decodable { var Username: String; var Secret: String }
        guard process.terminationStatus == 0, let answer = try? JSONDecoder().decode(Answer.self, from: data) else { return nil }
        masker.register(answer.Secret)
        return answer.Username == "<token>" ? RegistryAuth(identityToken: answer.Secret, serverAddress: registry)
            : RegistryAuth(username: answer.Username, password: answer.Secret, serverAddress: registry)
    }
}
