#!/usr/bin/env bash
# The Debian package, as an operator gets it: built with CPack, its control data checked, unpacked
# into a scratch root with no source tree, and an example letter rendered with the unpacked
# program and data only; the systemd unit verified with systemd-analyze against that root.
# usage: install.sh BUILD_DIR
# (No "grep -q" at the end of a pipe: under pipefail the writer's SIGPIPE would fail it.)
set -euo pipefail
build="$1"
work="$(mktemp -d /tmp/kansli-package-XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "package: $*" >&2; exit 1; }

rm -f "$build"/package/kansli_*.deb
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$(ls "$build"/package/kansli_*.deb)"

# Control data: Debian 12 package names only, the configuration a conffile.
control="$(dpkg-deb -f "$deb")"
for needed in wkhtmltopdf ghostscript icu-devtools fonts-liberation2 fonts-wqy-microhei libpoconet80 libxslt1.1 libqpdf29; do
  grep -q "Depends:.*\b$needed\b" <<<"$control" || fail "Depends lacks $needed"
done
conffiles="$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)"
grep -qx /etc/kansli/kansli.properties <<<"$conffiles" || fail "no conffile"
listing="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for path in ./usr/bin/kansli ./usr/share/kansli/templates/schema/case-1.xsd ./usr/share/kansli/xsl/beslut.xsl \
            ./usr/share/kansli/locales/sv.txt ./usr/share/kansli/fonts/fonts.conf ./usr/share/kansli/docs/openapi.yaml \
            ./usr/share/kansli/src/http/preview/index.html ./etc/kansli/kansli.properties \
            ./usr/lib/systemd/system/kansli.service; do
  grep -qx "$path" <<<"$listing" || fail "the package lacks $path"
done

# Unpacked into a scratch root: the program finds its data next to itself, not in the source tree.
root="$work/root"
dpkg-deb -x "$deb" "$root"
version="$(env -i PATH=/usr/bin:/bin "$root/usr/bin/kansli" --version)"
grep -qx "data: $root/usr/share/kansli" <<<"$version" || fail "the installed program reads its data elsewhere: $version"

cat >"$work/kansli.properties" <<PROPS
kansli.audit.database = $work/state/audit.sqlite
PROPS
cd "$work"
env -i PATH=/usr/bin:/bin HOME="$work" "$root/usr/bin/kansli" render "$root/usr/share/kansli/examples/beslut-uvas.xml" \
  -o "$work/beslut.pdf" --config "$work/kansli.properties" >/dev/null || fail "the installed program did not render"
letter="$(pdftotext -enc UTF-8 "$work/beslut.pdf" -)"
grep -q "Beslut om särskilt individanpassad stödinsats" <<<"$letter" || fail "the letter lacks its title"
env -i PATH=/usr/bin:/bin HOME="$work" KANSLI_AUDIT_DATABASE="$work/state/audit.sqlite" \
  "$root/usr/bin/kansli" audit verify "$work/beslut.pdf" >/dev/null || fail "the rendered letter is not in the audit trail"

# The unit, verified against the root (systemd's own targets and kill copied in, as on a system).
mkdir -p "$root/bin"
cp /bin/kill "$root/bin/"
cp -n /lib/systemd/system/*.target "$root/usr/lib/systemd/system/" 2>/dev/null || true
systemd-analyze verify --root="$root" /usr/lib/systemd/system/kansli.service || fail "systemd-analyze verify"
echo "package: $(basename "$deb") installs and renders with no source tree; the unit verifies"
