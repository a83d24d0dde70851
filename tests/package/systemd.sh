#!/usr/bin/env bash
# The Debian package under a real systemd, as an operator runs it: this machine's own root,
# copy-on-write (an overlay in a scratch tmpfs; nothing of the host is changed), booted as a
# container with systemd as its init (systemd-nspawn, its own network namespace: loopback only).
# Inside: the .deb installed with dpkg, the tokens file as docs/install.md says, the unit
# started, and letters made over HTTP by both engines — wkhtmltopdf and, for the accessible
# letter, Chromium — under the unit's sandbox (dynamic user, no new privileges, the system-call
# filter). Then reload, the audit trail, and stop (no engine process outlives the service).
# usage: systemd.sh BUILD_DIR     (the .deb from the `package` test; needs root and
# systemd-nspawn from systemd-container: without either it says so and exits 77 = skipped)
# (No "grep -q" at the end of a pipe: under pipefail the writer's SIGPIPE would fail it.)
set -euo pipefail
build="$1"
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "package_systemd: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "package_systemd: skipped, needs root (mounts and a container)"; exit 77; }
command -v systemd-nspawn >/dev/null || { echo "package_systemd: skipped, no systemd-nspawn (systemd-container)"; exit 77; }
deb="$(ls "$build"/package/kansli_*.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || fail "no .deb in $build/package (the package test builds it)"

work="$(mktemp -d /tmp/kansli-systemd-XXXXXX)"
root="$work/layers/root"
nspawn=""
cleanup() {
  if [ -n "$nspawn" ] && kill -0 "$nspawn" 2>/dev/null; then
    kill -s RTMIN+4 "$(pgrep -P "$nspawn" | head -1)" 2>/dev/null || true # systemd: power off
    for _ in $(seq 1 100); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$nspawn" 2>/dev/null || true
    wait "$nspawn" 2>/dev/null || true
  fi
  mountpoint -q "$root" && umount -l "$root"
  mountpoint -q "$work/layers" && umount -l "$work/layers"
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/layers"
mount -t tmpfs -o size=2G,mode=0755 kansli-systemd "$work/layers"
mkdir -p "$work/layers/upper" "$work/layers/overlay-work" "$root"
mount -t overlay kansli-systemd -o "lowerdir=/,upperdir=$work/layers/upper,workdir=$work/layers/overlay-work" "$root"
cp "$deb" "$root/root/kansli.deb"
cp "$source_dir/examples/beslut-uvas.xml" "$source_dir/examples/beslut-uvas-tillganglig.xml" "$root/root/"

# Booted to basic.target: the host's other services (a database, a load balancer) stay down.
systemd-nspawn --quiet --directory="$root" --machine="kansli-test-$$" --private-network --register=no \
  --keep-unit --link-journal=no --boot systemd.unit=basic.target >"$work/console.log" 2>&1 &
nspawn=$!
init=""
for _ in $(seq 1 300); do
  init="$(pgrep -P "$nspawn" | head -1 || true)"
  [ -n "$init" ] && [ -S "/proc/$init/root/run/systemd/private" ] && break
  kill -0 "$nspawn" 2>/dev/null || { cat "$work/console.log" >&2; fail "the container ended while booting"; }
  sleep 0.1
done
[ -n "$init" ] || fail "no init process in the container"
inside() { nsenter --target "$init" --mount --uts --ipc --net --pid --cgroup -- "$@"; }
state="$(inside systemctl is-system-running --wait 2>/dev/null || true)"
case "$state" in running | degraded) ;; *) cat "$work/console.log" >&2; fail "the container did not boot: $state" ;; esac

inside dpkg -i /root/kansli.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i failed"; }
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# docs/install.md: the tokens file readable by root only
inside sh -c "umask 077; echo 'system:case-system:$token' > /etc/kansli/tokens"
inside systemctl start kansli || { inside journalctl -u kansli --no-pager >&2 || true; fail "the unit did not start"; }
ready=""
for _ in $(seq 1 200); do
  ready="$(inside curl -s http://127.0.0.1:8080/readyz || true)"
  [[ "$ready" == *'"status":"ready"'* ]] && break
  sleep 0.1
done
[[ "$ready" == *'"status":"ready"'* ]] || { inside journalctl -u kansli --no-pager >&2 || true; fail "not ready: $ready"; }
main="$(inside systemctl show kansli --property=MainPID --value)"
status="$(inside cat "/proc/$main/status")"
grep -Eq '^Uid:[[:space:]]+[1-9]' <<<"$status" || fail "the service runs as root"
grep -Eq '^NoNewPrivs:[[:space:]]+1' <<<"$status" || fail "the service may gain privileges"
grep -Eq '^Seccomp:[[:space:]]+2' <<<"$status" || fail "the service has no system-call filter"
uid="$(awk '/^Uid:/ {print $2}' <<<"$status")"

# Make one letter; prints the engine that made it (X-Kansli-Engine) and keeps the PDF as $2.pdf.
letter() {
  local headers code
  code="$(inside curl -s -o "/root/$2.pdf" -D /root/headers.txt -w '%{http_code}' -H "Authorization: Bearer $token" \
    -H "Content-Type: application/xml" --data-binary "@/root/$1" http://127.0.0.1:8080/v1/documents)"
  headers="$(cat "$root/root/headers.txt")"
  [ "$code" = 200 ] || { inside journalctl -u kansli --no-pager | tail -5 >&2 || true; fail "$1: HTTP $code"; }
  sed -n 's/^X-Kansli-Engine: \([a-z]*\).*/\1/p' <<<"$headers" | tr -d '\r'
}
engine="$(letter beslut-uvas.xml plain)"
[ "$engine" = wkhtmltopdf ] || fail "the decision was made by '$engine', not wkhtmltopdf"
text="$(pdftotext -enc UTF-8 "$root/root/plain.pdf" -)"
grep -q "Beslut om särskilt individanpassad stödinsats" <<<"$text" || fail "the decision lacks its title"
engine="$(letter beslut-uvas-tillganglig.xml accessible)"
[ "$engine" = chromium ] || fail "the accessible decision was made by '$engine', not chromium"
info="$(pdfinfo "$root/root/accessible.pdf")"
grep -Eq '^Tagged:[[:space:]]+yes' <<<"$info" || fail "the accessible decision is not tagged"
# The browser runs inside the unit's sandbox: the service's user, the filter inherited.
browser="$(inside pgrep -u "$uid" -o chromium || true)"
[ -n "$browser" ] || fail "no browser of the service's user"
grep -Eq '^Seccomp:[[:space:]]+2' <<<"$(inside cat "/proc/$browser/status")" || fail "the browser has no system-call filter"

inside systemctl reload kansli
sleep 1
[ "$(inside systemctl is-active kansli)" = active ] || fail "not active after reload"
[ "$(inside systemctl show kansli --property=MainPID --value)" = "$main" ] || fail "reload restarted the process"
inside kansli audit verify /root/accessible.pdf --config /etc/kansli/kansli.properties >/dev/null \
  || fail "the accessible letter is not in the service's audit trail"

inside systemctl stop kansli
[ -z "$(inside pgrep -u "$uid" || true)" ] || fail "processes of the service's user outlive the service"
echo "package_systemd: $(basename "$deb") installed and run under systemd: both engines made letters in the unit's sandbox; reload, audit, stop"
