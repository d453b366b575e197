#!/usr/bin/env python3
"""Writes the synthetic cluster of issue 5 as one JSON List: 20k Roles/ClusterRoles, 50k
bindings, 100k ServiceAccounts in 500 namespaces, plus a few aggregated roles and planted
escalation paths. Deterministic (seeded). Usage: gen-rbac-cluster.py OUT.json"""
import json, random, sys

random.seed(5)
NS = [f"team-{i:03d}" for i in range(500)]
RBAC = "rbac.authorization.k8s.io/v1"
VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"]
RES = [("", "pods"), ("", "configmaps"), ("", "secrets"), ("", "services"), ("apps", "deployments"),
       ("apps", "statefulsets"), ("batch", "jobs"), ("", "pods/log"), ("", "pods/exec"), ("networking.k8s.io", "ingresses")]
items = []
def rule():
    g, r = random.choice(RES)
    return {"apiGroups": [g], "resources": [r], "verbs": random.sample(VERBS, random.randint(1, 3))}
for i in range(100_000):
    items.append({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": f"sa-{i}", "namespace": NS[i % 500]}})
for i in range(5_000):
    labels = {"bench/aggregate-to-ops": "true"} if i % 500 == 0 else {}
    items.append({"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": f"cr-{i}", "labels": labels},
                  "rules": [rule() for _ in range(random.randint(1, 4))]})
items.append({"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": "ops"},
              "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"bench/aggregate-to-ops": "true"}}]}, "rules": []})
for i in range(15_000):
    items.append({"apiVersion": RBAC, "kind": "Role", "metadata": {"name": f"role-{i}", "namespace": NS[i % 500]},
                  "rules": [rule() for _ in range(random.randint(1, 4))]})
for i in range(50_000):
    ns = NS[i % 500]
    subj = [{"kind": "ServiceAccount", "name": f"sa-{random.randrange(100_000)}", "namespace": NS[random.randrange(500)]}]
    if i % 7 == 0:
        subj.append({"kind": "User", "name": f"user-{i % 3000}@example.com"})
    if i % 2500 == 0:
        items.append({"apiVersion": RBAC, "kind": "ClusterRoleBinding", "metadata": {"name": f"crb-{i}"},
                      "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": random.choice(["view", "cr-7", "secret-reader-x"])},
                      "subjects": subj})
    elif i % 2 == 0:
        items.append({"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": f"rb-{i}", "namespace": ns},
                      "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": f"cr-{random.randrange(5000)}"}, "subjects": subj})
    else:
        items.append({"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": f"rb-{i}", "namespace": ns},
                      "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": f"role-{random.randrange(30) * 500 + NS.index(ns)}"}, "subjects": subj})
# Planted: one namespace's accounts can read Secrets cluster-wide.
items.append({"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": "secret-reader-x"},
              "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}]})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
print(f"{len(items)} objects", file=sys.stderr)
