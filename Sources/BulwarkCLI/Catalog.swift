import BulwarkControls

/// Every control the scan runs.
enum Catalog {
    static var controls: [Control] { ControlCatalog.all }
}
