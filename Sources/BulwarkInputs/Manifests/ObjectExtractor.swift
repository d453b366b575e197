import BulwarkModel

/// Turns one parsed document into objects: a single object, or the items of a `List`/`*List`.
/// Anything that is not a well-formed object becomes an input issue naming file, document and line.
enum ObjectExtractor {
    static func objects(from value: Value, file: String, document: Int, line: Int) -> ([KubeObject], [InputIssue]) {
        var objects: [KubeObject] = []
        var issues: [InputIssue] = []
        func issue(_ message: String, line: Int) {
            issues.append(InputIssue(file: file, document: document, line: line, level: .error, message: message))
        }
        switch value {
        case .null:
            return ([], [])  // an empty document (e.g. a trailing `---`)
        case .mapping(let m):
            if let problem = problem(with: m) {
                issue(problem, line: line)
                return ([], issues)
            }
            let kind = m["kind"]?.string ?? ""
            if kind.hasSuffix("List"), let items = m["items"] {
                guard case .array(let list) = items else {
                    issue("\(kind) has items of type \(items.typeName); expected an array", line: line)
                    return ([], issues)
                }
                // A typed List as the API server serves it (`PodList`, `kubectl get --raw`) leaves
                // kind and apiVersion out of its items: they are the List's.
                let itemKind = kind == "List" ? nil : String(kind.dropLast("List".count))
                let listAPIVersion = m["apiVersion"]?.string
                for (i, item) in list.enumerated() {
                    let itemLine = item.mapping?.entries.first.map { Int($0.line) } ?? line
                    guard case .mapping(var im) = item else {
                        issue("\(kind) item \(i) is \(item.typeNameWithArticle), not a Kubernetes object", line: itemLine)
                        continue
                    }
                    if let itemKind, !itemKind.isEmpty {
                        if im["kind"] == nil { im.set("kind", .string(itemKind), line: Int32(clamping: itemLine)) }
                        if im["apiVersion"] == nil, let listAPIVersion { im.set("apiVersion", .string(listAPIVersion), line: Int32(clamping: itemLine)) }
                    }
                    if let problem = problem(with: im) {
                        issue("\(kind) item \(i): \(problem)", line: itemLine)
                        continue
                    }
                    objects.append(KubeObject(.mapping(im), source: SourceLocation(file: file, document: document, line: itemLine)))
                }
            } else {
                objects.append(KubeObject(value, source: SourceLocation(file: file, document: document, line: line)))
            }
        default:
            issue("document is \(value.typeNameWithArticle), not a Kubernetes object", line: line)
        }
        for o in objects { issues += shapeIssues(o, file: file, document: document) }
        return (objects, issues)
    }

    /// Why a mapping is not a Kubernetes object the API server would decode, if it is not.
    private static func problem(with m: Mapping) -> String? {
        let apiVersion = m["apiVersion"], kind = m["kind"]
        switch (apiVersion, kind) {
        case (nil, nil): return "document has no apiVersion and no kind; not a Kubernetes object"
        case (nil, _): return "document has no apiVersion"
        case (_, nil): return "document has no kind"
        default: break
        }
        if let apiVersion, apiVersion.string == nil { return "apiVersion is \(apiVersion.typeNameWithArticle); expected a string" }
        if let kind, kind.string?.isEmpty ?? true { return "kind is \(kind.string == nil ? "a " + kind.typeName : "empty"); expected a non-empty string" }
        if let metadata = m["metadata"] {
            guard case .mapping(let md) = metadata else {
                return metadata.isNull ? nil : "metadata is \(metadata.typeNameWithArticle); expected an object"
            }
            for field in ["name", "namespace", "generateName"] {
                if let v = md[field], v.string == nil, !v.isNull { return "metadata.\(field) is \(v.typeNameWithArticle); expected a string" }
            }
            for field in ["labels", "annotations"] {
                if let v = md[field], v.mapping == nil, !v.isNull { return "metadata.\(field) is \(v.typeNameWithArticle); expected an object" }
            }
        }
        return nil
    }

    /// Wrong types on the way to a workload's containers: the API server would reject the object,
    /// and the pod checks could not see its containers.
    private static func shapeIssues(_ o: KubeObject, file: String, document: Int) -> [InputIssue] {
        guard let base = PodTemplate.basePath(ofKind: o.kind) else { return [] }
        var issues: [InputIssue] = []
        var path = FieldPath()
        for component in (base + "spec").components {
            path = FieldPath(path.components + [component])
            guard let v = o.value.value(at: path) else { return [] }
            if v.mapping == nil {
                if v.isNull { return [] }
                issues.append(InputIssue(file: file, document: document, line: o.value.line(at: path) ?? o.source?.line,
                                         message: "\(o.kind) \(o.name): \(path) is \(v.typeNameWithArticle); expected an object"))
                return issues
            }
        }
        for field in ["initContainers", "containers", "ephemeralContainers"] {
            let listPath = base + "spec" + FieldPath(field)
            guard let list = o.value.value(at: listPath), !list.isNull else { continue }
            guard case .array(let items) = list else {
                issues.append(InputIssue(file: file, document: document, line: o.value.line(at: listPath) ?? o.source?.line,
                                         message: "\(o.kind) \(o.name): \(listPath) is \(list.typeNameWithArticle); expected an array"))
                continue
            }
            for (i, c) in items.enumerated() where c.mapping == nil {
                issues.append(InputIssue(file: file, document: document, line: o.value.line(at: listPath) ?? o.source?.line,
                                         message: "\(o.kind) \(o.name): \(listPath.appending(index: i)) is \(c.typeNameWithArticle); expected an object"))
            }
        }
        return issues
    }
}
