import BerthCLI
import Foundation

exit(await BerthCLI.run(Array(CommandLine.arguments.dropFirst())))
