/// Counts finished lists across concurrent tasks, for the progress line.
actor ProgressCounter {
    private(set) var resources = 0
    private(set) var objects = 0

    func add(objects count: Int) -> (resources: Int, objects: Int) {
        resources += 1
        objects += count
        return (resources, objects)
    }
}
