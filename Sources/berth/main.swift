import BerthCLI
import Foundation

exit(BerthCLI.run(Array(CommandLine.arguments.dropFirst())))
