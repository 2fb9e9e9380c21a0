#!/usr/bin/env bash
# Assembles the services' base image offline, as a `docker save`-format tarball that Jib can start from
# (from.image = tar://...): no Docker daemon, no registry, no network.
#
#   /opt/java              a Java 17 runtime made with jlink from the build machine's JDK (which must have jmods/:
#                          Debian's openjdk-17-jdk-headless has)
#   /usr/lib/x86_64-linux-gnu   the C libraries that runtime links (glibc, zlib, ...), copied from the build machine
#                          (Debian bookworm), with their Debian copyright files under /usr/share/doc, and the
#                          C.UTF-8 locale
#   /etc/passwd, /etc/group     root and the non-root user app (10001:10001, home /tmp) the services run as
#   /tmp (1777), /proc, /dev, /sys   mount points; on Kubernetes /tmp is an emptyDir (the root filesystem is read-only)
#
# No shell and no package manager: like a "distroless" Java image. The production images should instead start from
# a maintained JRE base (see deploy/README.md, "Images"): this one exists so CI can build and start the real images
# with nothing but a JDK.
#
# Usage: deploy/images/build-base.sh [output-dir]    (default deploy/images/target/base; reused while the JDK and
# this script are unchanged). Needs: a JDK 17 with jmods (JAVA_HOME or java on PATH), GNU tar, ldd, sha256sum.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/target/base}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.localedata,jdk.charsets,jdk.security.auth,jdk.security.jgss,jdk.net
user_id=10001

if ! grep -q '^JAVA_VERSION="17' "$java_home/release" 2>/dev/null; then
  echo "build-base.sh: $java_home is not a JDK 17 (set JAVA_HOME)" >&2
  exit 1
fi
if [ ! -f "$java_home/jmods/java.base.jmod" ]; then
  echo "build-base.sh: $java_home has no jmods/ (Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

stamp=$( (cat "$0" "$java_home/release"; echo "$modules") | sha256sum | cut -d' ' -f1)
if [ -f "$out/cscstats-base.tar" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "base image: $out/cscstats-base.tar (cached)"
  exit 0
fi

start=$(date +%s)
rm -rf "$out"
root=$out/rootfs
mkdir -p "$root" "$out/image"

# the runtime; --compress=0: the layer is gzipped anyway, and an uncompressed modules file starts faster
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=0 \
  --output "$root/opt/java"

# the C libraries it needs, found with ldd, in Debian's merged-/usr layout
mkdir -p "$root/usr/lib/x86_64-linux-gnu" "$root/usr/lib64" "$root/usr/share/doc" "$root/etc"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/usr/lib64/ld-linux-x86-64.so.2"
libs=$(find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | grep -v "^$root" | sort -u)
for lib in $libs; do
  cp -L "$lib" "$root/usr/lib/x86_64-linux-gnu/$(basename "$lib")"
  if command -v dpkg >/dev/null; then
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1 || true)
    if [ -n "$pkg" ] && [ -f "/usr/share/doc/$pkg/copyright" ]; then
      mkdir -p "$root/usr/share/doc/$pkg"
      cp "/usr/share/doc/$pkg/copyright" "$root/usr/share/doc/$pkg/copyright"
    fi
  fi
done
# the C.UTF-8 locale (LANG=C.UTF-8 below): without it Java 17 falls back to ASCII for file names and file.encoding
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$root/usr/lib/locale"
  cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
else
  echo "build-base.sh: no /usr/lib/locale/C.utf8 on this machine (Debian: libc-bin); Java will default to ASCII" >&2
fi
printf '/usr/lib/x86_64-linux-gnu\n' > "$root/etc/ld.so.conf"
if command -v ldconfig >/dev/null || [ -x /sbin/ldconfig ]; then
  "$(command -v ldconfig || echo /sbin/ldconfig)" -r "$root" 2>/dev/null || true
fi

cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
app:x:$user_id:$user_id:cscstats service:/tmp:/usr/sbin/nologin
EOF
cat > "$root/etc/group" <<EOF
root:x:0:
app:x:$user_id:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'NAME="cscstats base (jlink JRE %s on Debian bookworm libraries)"\nID=cscstats-base\n' \
  "$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$java_home/release")" > "$root/etc/os-release"
mkdir -p "$root/tmp" "$root/proc" "$root/dev" "$root/sys" "$root/root"
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"

# one layer, reproducible: sorted, owned by root, epoch timestamps
(cd "$root" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$out/image/layer.tar" $(ls -A))
diff_id=$(sha256sum "$out/image/layer.tar" | cut -d' ' -f1)
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$java_home/release")
cat > "$out/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"$user_id:$user_id","WorkingDir":"/",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8",
         "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"],
  "Labels":{"org.opencontainers.image.description":"cscstats base: jlink JRE $java_version, Debian bookworm libraries"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/build-base.sh"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["cscstats/base:17"],"Layers":["layer.tar"]}]' > "$out/image/manifest.json"
tar -C "$out/image" -cf "$out/cscstats-base.tar" manifest.json config.json layer.tar
rm -rf "$out/image"
echo "$stamp" > "$out/stamp"
echo "base image: $out/cscstats-base.tar ($(du -h "$out/cscstats-base.tar" | cut -f1), $(( $(date +%s) - start )) s)"
