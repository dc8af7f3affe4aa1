# Shared by scripts/demo.sh and scripts/test.sh: install what the project needs, idempotently.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_packages() {  # apt_packages PACKAGE...: install Debian packages
  echo "==> installing system packages: $*"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

apt_install() {  # apt_install COMMAND PACKAGE...: install Debian packages if COMMAND is missing
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 || apt_packages "$@"
}

install_project() {  # install_project [EXTRAS]
  local extras="${1:-}"
  apt_install msgfmt gettext
  # WeasyPrint (minutes PDF) needs Pango and a font.
  compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || apt_packages libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
  command -v npm >/dev/null || apt_install npm nodejs npm
  if [ ! -x "$PY" ]; then
    echo "==> creating virtual environment in .venv"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> installing Python packages"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e ".${extras:+[$extras]}"
    touch "$stamp"
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing front-end assets (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  echo "==> compiling translations"
  (cd src/livc && "$PY" "$ROOT/manage.py" compilemessages -v 0)
}
