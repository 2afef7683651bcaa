import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's posix_spawn file actions that its headers declare only under _GNU_SOURCE, which
/// Swift's Glibc module does not define: looked up at run time (glibc ≥ 2.34 has both).
enum GlibcSpawn {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    private static let closeFromFunction = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
    private static let changeDirectoryFunction = symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)

    /// Adds "close every descriptor from `lowest` up"; nonzero when it cannot.
    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        closeFromFunction?(actions, lowest) ?? ENOSYS
    }

    /// Adds "change to `path`"; nonzero when it cannot.
    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        changeDirectoryFunction.map { function in path.withCString { function(actions, $0) } } ?? ENOSYS
    }
}
