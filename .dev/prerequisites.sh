# Shared by .dev/run and .dev/test: install what a fresh machine of this kind lacks.
# Debian packages need root; as an ordinary user we say what to install instead.

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: $*. Install them (sudo apt-get install $*) and run this again." >&2
    exit 1
  fi
  echo "Installing $* with apt-get…" >&2
  if [[ -z "${_apt_updated:-}" ]]; then apt-get update -qq >/dev/null; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

require_dotnet() {
  if ! command -v dotnet >/dev/null; then
    echo "The .NET 10 SDK is not installed. This project needs it (see global.json)." >&2
    exit 1
  fi
  dotnet tool restore >/dev/null
}

require_postgres() {
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || apt_install postgresql-15
}

require_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

require_chromium() {
  command -v chromium >/dev/null || apt_install chromium
}

require_hey() {
  command -v hey >/dev/null || apt_install hey
}

# A second, real spreadsheet program: the pack tests convert a workbook to PDF with it.
require_libreoffice() {
  command -v soffice >/dev/null || apt_install libreoffice-calc
}
