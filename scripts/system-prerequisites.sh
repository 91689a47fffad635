#!/usr/bin/env bash
# System packages and services jobbench's tests use, installed from Debian when missing:
# - PostgreSQL 15 server on 127.0.0.1:5432 (the aws/azure providers' emulator-side database)
# - Chromium for the dashboard browser tests (driven by playwright-core; never a browser download)
# - rclone, the peer `npm run bench:perf` compares lake uploads with
# Safe to run repeatedly; needs root (or sudo) only when something is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-venv)
command -v rclone >/dev/null 2>&1 || need_apt+=(rclone)

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "installing system packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Start the PostgreSQL cluster if it is installed but down.
if command -v pg_lsclusters >/dev/null 2>&1; then
  while read -r version cluster _port status _rest; do
    if [ "$status" != "online" ]; then
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    fi
  done < <(pg_lsclusters --no-header)
fi
