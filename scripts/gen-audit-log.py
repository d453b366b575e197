#!/usr/bin/env python3
"""Writes a realistic Kubernetes audit log (JSON lines, audit.k8s.io/v1) of about SIZE bytes.

95% routine reads by Kubernetes' own identities (controllers, kubelets, scheduler watching and
getting), the rest user traffic with a sprinkling of suspicious events (exec, privileged pods,
denied Secret reads, anonymous requests). Each request is logged at ResponseStarted or
ResponseComplete stages like a real API server with the default policy (RequestReceived omitted).
Usage: gen-audit-log.py SIZE_BYTES OUTPUT
"""
import json, random, sys, uuid

def main():
    size = int(sys.argv[1]); out = sys.argv[2]
    rnd = random.Random(42)
    system_users = [
        ("system:serviceaccount:kube-system:replicaset-controller", ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]),
        ("system:serviceaccount:kube-system:endpointslice-controller", ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]),
        ("system:kube-scheduler", ["system:authenticated"]),
        ("system:kube-controller-manager", ["system:authenticated"]),
        ("system:node:worker-%d", ["system:nodes", "system:authenticated"]),
        ("system:serviceaccount:kube-system:coredns", ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]),
    ]
    resources = ["pods", "configmaps", "endpoints", "nodes", "leases", "services", "secrets", "events"]
    namespaces = ["kube-system", "default", "shop", "payments", "monitoring"]
    written = 0; n = 0
    with open(out, "w") as f:
        while written < size:
            n += 1
            ts = "2026-01-30T%02d:%02d:%02d.%06dZ" % ((n // 3600000) % 24, (n // 60000) % 60, (n // 1000) % 60, (n % 1000) * 1000)
            ns = rnd.choice(namespaces); res = rnd.choice(resources)
            ev = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": str(uuid.UUID(int=rnd.getrandbits(128))),
                  "stage": "ResponseComplete", "sourceIPs": ["10.0.%d.%d" % (rnd.randrange(4), rnd.randrange(250))],
                  "requestReceivedTimestamp": ts, "stageTimestamp": ts,
                  "annotations": {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\""}}
            r = rnd.random()
            if r < 0.95:
                user, groups = rnd.choice(system_users)
                if "%d" in user: user = user % rnd.randrange(50)
                verb = rnd.choice(["get", "list", "watch", "get", "get"])
                ev.update({"verb": verb, "user": {"username": user, "groups": groups},
                           "userAgent": "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:kube-system:replicaset-controller",
                           "requestURI": "/api/v1/namespaces/%s/%s?resourceVersion=%d&timeout=7m21s&watch=true" % (ns, res, rnd.randrange(10**7)),
                           "objectRef": {"resource": res, "namespace": ns, "apiVersion": "v1"}, "responseStatus": {"metadata": {}, "code": 200}})
            else:
                user = rnd.choice(["alice@example.com", "bob@example.com", "ci-deployer", "system:serviceaccount:shop:web"])
                kind = rnd.random()
                ev.update({"user": {"username": user, "groups": ["system:authenticated"]}, "userAgent": "kubectl/v1.31.0 (linux/amd64) kubernetes/9e0e7b5"})
                if kind < 0.5:
                    ev.update({"verb": "get", "requestURI": "/api/v1/namespaces/%s/pods/web-%d" % (ns, n % 97),
                               "objectRef": {"resource": "pods", "namespace": ns, "name": "web-%d" % (n % 97), "apiVersion": "v1"},
                               "responseStatus": {"metadata": {}, "code": 200}})
                elif kind < 0.7:
                    ev.update({"verb": "create", "stage": "ResponseStarted", "requestURI": "/api/v1/namespaces/%s/pods/web-1/exec?command=sh&container=app&stdin=true&tty=true" % ns,
                               "objectRef": {"resource": "pods", "subresource": "exec", "namespace": ns, "name": "web-1", "apiVersion": "v1"},
                               "responseStatus": {"metadata": {}, "code": 101}})
                elif kind < 0.85:
                    ev.update({"verb": "get", "requestURI": "/api/v1/namespaces/%s/secrets/db-%d" % (ns, n % 31),
                               "objectRef": {"resource": "secrets", "namespace": ns, "name": "db-%d" % (n % 31), "apiVersion": "v1"},
                               "responseStatus": {"metadata": {}, "status": "Failure", "reason": "Forbidden", "code": 403},
                               "annotations": {"authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": ""}})
                elif kind < 0.95:
                    ev.update({"level": "Request", "verb": "create", "requestURI": "/api/v1/namespaces/%s/pods" % ns,
                               "objectRef": {"resource": "pods", "namespace": ns, "apiVersion": "v1"}, "responseStatus": {"metadata": {}, "code": 201},
                               "requestObject": {"kind": "Pod", "apiVersion": "v1", "metadata": {"generateName": "web-"},
                                                 "spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": {"privileged": n % 2 == 0}}]}}})
                else:
                    ev.update({"verb": "get", "user": {"username": "system:anonymous", "groups": ["system:unauthenticated"]}, "requestURI": "/version",
                               "responseStatus": {"metadata": {}, "code": 200}})
            line = json.dumps(ev, separators=(",", ":")) + "\n"
            f.write(line); written += len(line)
            # Long-running requests are logged at ResponseStarted and again at ResponseComplete.
            if ev.get("stage") == "ResponseStarted":
                ev["stage"] = "ResponseComplete"
                line = json.dumps(ev, separators=(",", ":")) + "\n"
                f.write(line); written += len(line)
    print("wrote %d bytes, %d requests to %s" % (written, n, out))

if __name__ == "__main__":
    main()
