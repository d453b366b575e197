import BulwarkCLI

await BulwarkCommand.main()
