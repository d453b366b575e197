import BulwarkCLI

import Foundation

exit(await BulwarkCommand.runMain())
