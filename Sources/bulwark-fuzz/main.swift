import BulwarkFuzzing
import Foundation

// See FuzzDriver and scripts/fuzz.sh.
exit(FuzzDriver.main(Array(CommandLine.arguments.dropFirst())))
