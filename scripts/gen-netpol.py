#!/usr/bin/env python3
"""Generate the NetworkPolicy benchmark input: 10,000 pods in 500 namespaces with 2,000 policies.

usage: scripts/gen-netpol.py OUT_DIR [--namespaces N] [--pods-per-namespace N]

One file per namespace (ns-000.yaml …). Deterministic. Each namespace has a team label (10 teams)
and 5 apps x 4 replicas as bare Pods (labels app, team; named ports http 8080, metrics 9090), and
4 policies: default-deny (both directions); intra-namespace ingress on the named port http plus
app0 from app1 of same-team namespaces (AND peer); metrics ingress from ns-000 (monitoring);
egress to the own namespace, to app0 of same-team namespaces, DNS, and the internet on 443 except
private ranges and the metadata address (ns-000 may also scrape every namespace on 9090).
"""
import os
import sys


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if args else 2)
    out = args[0]
    namespaces, per_ns = 500, 20
    if "--namespaces" in args:
        namespaces = int(args[args.index("--namespaces") + 1])
    if "--pods-per-namespace" in args:
        per_ns = int(args[args.index("--pods-per-namespace") + 1])
    os.makedirs(out, exist_ok=True)
    for n in range(namespaces):
        ns = f"ns-{n:03d}"
        team = f"team-{n % 10}"
        docs = [f"""apiVersion: v1
kind: Namespace
metadata:
  name: {ns}
  labels: {{team: {team}}}
"""]
        for p in range(per_ns):
            app = f"app{p % 5}"
            docs.append(f"""apiVersion: v1
kind: Pod
metadata:
  name: {app}-{p // 5}
  namespace: {ns}
  labels: {{app: {app}, team: {team}}}
spec:
  containers:
    - name: main
      image: registry.example/{app}:1.0
      ports:
        - {{name: http, containerPort: 8080}}
        - {{name: metrics, containerPort: 9090}}
""")
        docs.append(f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: default-deny, namespace: {ns}}}
spec:
  podSelector: {{}}
  policyTypes: [Ingress, Egress]
""")
        docs.append(f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: app-ingress, namespace: {ns}}}
spec:
  podSelector: {{}}
  ingress:
    - from:
        - podSelector: {{}}
      ports: [{{port: http}}]
    - from:
        - namespaceSelector: {{matchLabels: {{team: {team}}}}}
          podSelector: {{matchLabels: {{app: app1}}}}
      ports: [{{port: 8080}}]
""")
        docs.append(f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: metrics-ingress, namespace: {ns}}}
spec:
  podSelector: {{}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: ns-000}}}}
      ports: [{{port: metrics}}]
""")
        scrape = """
    - to:
        - namespaceSelector: {}
      ports: [{port: 9090}]""" if n == 0 else ""
        docs.append(f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: egress, namespace: {ns}}}
spec:
  podSelector: {{}}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector: {{}}
    - to:
        - namespaceSelector: {{matchLabels: {{team: {team}}}}}
          podSelector: {{matchLabels: {{app: app0}}}}
      ports: [{{port: 8080}}]
    - to:
        - namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: kube-system}}}}
          podSelector: {{matchLabels: {{k8s-app: kube-dns}}}}
      ports: [{{protocol: UDP, port: 53}}, {{protocol: TCP, port: 53}}]
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32]
      ports: [{{port: 443}}]{scrape}
""")
        with open(os.path.join(out, f"{ns}.yaml"), "w") as f:
            f.write("---\n".join(docs))


if __name__ == "__main__":
    main()
