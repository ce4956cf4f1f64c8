#!/usr/bin/env bash
# Start the service on the embedded defaults (SQLite, local object store, in-process worker) with a
# demo applicant account whose random password is kept in $INTAKE_DATA_DIR/demo-user.txt (default var/).
set -euo pipefail
cd "$(dirname "$0")/.."
INTAKE=.venv/bin/intake
DATA=${INTAKE_DATA_DIR:-var}
CREDS=$DATA/demo-user.txt
mkdir -p "$DATA"
if [ ! -s "$CREDS" ]; then
  pw=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))')
  printf '%s\n' "$pw" | "$INTAKE" users create --email demo@example.kz --role applicant --password-stdin
  umask 077
  echo "demo@example.kz $pw" > "$CREDS"
fi
PORT=${PORT:-8000}
echo "Demo applicant (e-mail, password): $(cat "$CREDS")"
echo "Service: http://127.0.0.1:${PORT}  (API docs: http://127.0.0.1:${PORT}/docs) — stop with Ctrl-C"
exec "$INTAKE" serve --host 127.0.0.1 --port "$PORT"
