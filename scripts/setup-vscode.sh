#!/usr/bin/env bash
# Installs what the real-editor layers need on a fresh Debian machine without internet access beyond the
# npm registry and apt: Debian's chromium, neovim and build tools, and code-server 4.100.3 (VS Code 1.100.3, runs on
# Node 20) into a cache folder outside the repository. Skips whatever is already there.
# Called by `npm start`'s launcher and by .ci/run — never by `npm install`.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
CACHE_DIR="${WSCC_CACHE_DIR:-$HOME/.cache/websocket-close-codes}"
INSTALL_DIR="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# A second, real LSP editor for `npm run test:neovim` (Debian 12 ships Neovim 0.7.2).
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
# A third one for `npm run test:emacs`: Emacs 28 with Debian's eglot 1.9.
command -v emacs >/dev/null 2>&1 || need_apt+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || [ -d /usr/share/emacs/site-lisp/elpa-src/eglot-1.9 ] || need_apt+=(elpa-eglot)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
# Japanese glyphs for Chromium (the Japanese hovers, inlay hints and screenshots render as empty boxes without them).
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup-vscode: installing ${need_apt[*]} with apt"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -x "$INSTALL_DIR/node_modules/.bin/code-server" ]; then
	echo "setup-vscode: code-server $CODE_SERVER_VERSION already in $INSTALL_DIR"
	exit 0
fi

echo "setup-vscode: installing code-server $CODE_SERVER_VERSION into $INSTALL_DIR (takes a couple of minutes)"
mkdir -p "$INSTALL_DIR"
work_tmp="$(mktemp -d)"
trap 'rm -rf "$work_tmp"' EXIT

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this tarball in its cache: give it
# Debian's rg instead.
rg_cache="$work_tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
cp "$(command -v rg)" "$work_tmp/rg"
tar -czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$work_tmp" rg

cd "$INSTALL_DIR"
[ -f package.json ] || echo '{ "name": "code-server-cache", "private": true }' > package.json
# unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty runs `npx node-gyp` without a TTY.
TMPDIR="$work_tmp" npm_config_unsafe_perm=true npm_config_yes=true \
	npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION" >"$work_tmp/npm.log" 2>&1 || {
	tail -40 "$work_tmp/npm.log"
	echo "setup-vscode: code-server installation failed" >&2
	exit 1
}
echo "setup-vscode: done ($(du -sh "$INSTALL_DIR" | cut -f1))"
