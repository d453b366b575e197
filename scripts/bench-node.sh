#!/bin/sh
# Node-mode benchmark: a generated node tree (PROCS processes in /proc, 25 of them Kubernetes
# components; FILES certificate/key pairs under /etc/kubernetes/pki; the kubeadm example's config)
# read by `bulwark node --root`. Prints wall time and peak RSS of the binary.
# Usage: scripts/bench-node.sh [PROCS] [FILES]   (BULWARK_BINARY=… to pick a build; default debug)
set -e
cd "$(dirname "$0")/.."
procs="${1:-5000}"
files="${2:-500}"
binary="${BULWARK_BINARY:-$PWD/.build/debug/bulwark}"
[ -x "$binary" ] || swift build --product bulwark
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
cp -r examples/node/. "$root/"
python3 - "$root" "$procs" "$files" <<'PY'
import os, sys, subprocess
root, procs, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for pid in range(10000, 10000 + procs):
    d = f"{root}/proc/{pid}"; os.makedirs(d, exist_ok=True)
    argv = ["/usr/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf"] if pid % (procs // 25 or 1) == 0 else ["/usr/sbin/nginx", "-g", "daemon off;"]
    open(f"{d}/cmdline", "wb").write(b"".join(a.encode() + b"\0" for a in argv))
pki = f"{root}/etc/kubernetes/pki/bench"; os.makedirs(pki, exist_ok=True)
subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", f"{pki}/k", "-subj", "/CN=bench", "-days", "30", "-out", f"{pki}/c"], check=True, capture_output=True)
cert, key = open(f"{pki}/c").read(), open(f"{pki}/k").read()
for i in range(files):
    open(f"{pki}/leaf-{i}.crt", "w").write(cert); open(f"{pki}/leaf-{i}.key", "w").write(key)
PY
echo "node-bench: $procs processes, $files cert/key pairs, binary $binary"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "node-bench: wall %es, peak RSS %M KB" "$binary" node --root "$root" -o json --output-file /dev/null || true
else
  start=$(date +%s.%N); "$binary" node --root "$root" -o json --output-file /dev/null || true; end=$(date +%s.%N)
  echo "node-bench: wall $(echo "$end - $start" | bc)s"
fi
