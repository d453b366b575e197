import XCTest
import NIOPosix
import NIOSSL
import NIOHTTP1
