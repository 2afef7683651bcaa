import Foundation
import NIOSSL

/// One-line explanations of what goes wrong between berth and an engine over TCP, naming the
/// engine and what to fix — instead of a BoringSSL error code with a build path in it.
enum TLSDiagnosis {
    /// The TLS configuration for `certPath`, checked before any connection: the files present,
    /// readable and in their validity period. `DOCKER_CERT_PATH` must hold all three files; a
    /// context may have only its CA (no client certificate) or skip verifying the engine.
    static func clientMaterial(_ certPath: String?, endpoint: String, fromContext: Bool = false, skipVerify: Bool = false,
                               now: Date = Date()) throws(EngineError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if skipVerify { configuration.certificateVerification = .none }
        guard let certPath else { return configuration }
        let source = fromContext ? "the context's TLS directory" : "DOCKER_CERT_PATH"
        func readable(_ file: String) -> Bool { FileManager.default.isReadableFile(atPath: certPath + "/" + file) }
        let required = fromContext ? (skipVerify ? [] : ["ca.pem"]) : ["ca.pem", "cert.pem", "key.pem"]
        for file in required where !readable(file) {
            throw EngineError.misconfigured(endpoint: endpoint, problem: "\(certPath)/\(file) is missing or unreadable; \(source) must hold ca.pem, cert.pem and key.pem")
        }
        do {
            if readable("cert.pem") && readable("key.pem") {
                let chain = try NIOSSLCertificate.fromPEMFile(certPath + "/cert.pem")
                try checkValidity(chain.first, path: certPath + "/cert.pem", endpoint: endpoint, now: now)
                configuration.certificateChain = chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certPath + "/key.pem", format: .pem))
            }
            if readable("ca.pem") && !skipVerify {
                _ = try NIOSSLCertificate.fromPEMFile(certPath + "/ca.pem")
                configuration.trustRoots = .file(certPath + "/ca.pem")
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.misconfigured(endpoint: endpoint, problem: "cannot read the certificates in \(certPath) (ca.pem, cert.pem, key.pem must be PEM): \(error)")
        }
        return configuration
    }

    private static func checkValidity(_ leaf: NIOSSLCertificate?, path: String, endpoint: String, now: Date) throws(EngineError) {
        guard let leaf else { return }
        let formatter = ISO8601DateFormatter()
        let after = Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter))
        let before = Date(timeIntervalSince1970: TimeInterval(leaf.notValidBefore))
        if after < now {
            throw EngineError.misconfigured(endpoint: endpoint, problem: "the client certificate \(path) expired on \(formatter.string(from: after)); renew it")
        }
        if before > now {
            throw EngineError.misconfigured(endpoint: endpoint, problem: "the client certificate \(path) is not valid before \(formatter.string(from: before)); check the clock")
        }
    }

    /// What a failed connection means, when it is a TLS or protocol mismatch; nil otherwise.
    static func explain(_ error: any Error, endpoint: String, certPath: String?) -> EngineError? {
        let text = String(describing: error)
        let certs = certPath ?? "DOCKER_CERT_PATH"
        func problem(_ message: String) -> EngineError { .misconfigured(endpoint: endpoint, problem: message) }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return problem("its certificate is not signed by the CA in \(certs)/ca.pem; DOCKER_CERT_PATH must hold the CA that signed the daemon's --tlscert")
        }
        if text.contains("failedToValidateHostname") || text.contains("HOSTNAME_MISMATCH") {
            return problem("its certificate does not name this host; use the name or address the certificate was made for in DOCKER_HOST")
        }
        if text.contains("CERTIFICATE_EXPIRED") {
            return problem("it refused berth's client certificate \(certs)/cert.pem as expired; renew it")
        }
        if text.contains("ALERT_BAD_CERTIFICATE") || text.contains("ALERT_UNKNOWN_CA") || text.contains("CERTIFICATE_REQUIRED") || text.contains("ALERT_HANDSHAKE_FAILURE") {
            return problem("it refused berth's client certificate \(certs)/cert.pem; it must be signed by the CA the daemon trusts (its --tlscacert)")
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") {
            return problem("it does not speak TLS; unset DOCKER_TLS_VERIFY (or start the daemon with --tlsverify)")
        }
        return nil
    }

    /// The daemon's answer to plain HTTP on its TLS port.
    static func isPlainHTTPOnTLS(status: Int, message: String) -> Bool {
        status == 400 && message.contains("HTTP request to an HTTPS server")
    }

    static let plainHTTPOnTLS = "it speaks TLS; set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a directory with its ca.pem and a client cert.pem and key.pem"
}
