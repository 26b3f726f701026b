#!/usr/bin/env bash
# Nightly backup of the DOLISA portal (see "Backups" in README.md).
#
#   1. pg_dump -Fc of the DATABASE_URL database to
#      $BACKUP_DIR/db-YYYYmmdd-HHMM.dump (checked with pg_restore --list);
#   2. rsync of MEDIA_ROOT to $BACKUP_DIR/media/ (files deleted from the site
#      stay in the copy, so a mistaken deletion can still be recovered);
#   3. deletes dumps older than $KEEP_DAYS days.
#
# DATABASE_URL, MEDIA_ROOT and VAR_DIR are read from /etc/dolisa/env, the file
# the systemd unit reads; as in settings.py, a variable already set in the
# environment wins over the file, and MEDIA_ROOT defaults to $VAR_DIR/media.
#
# Install (as root):
#   install -m 0750 docs/backup.sh /usr/local/sbin/dolisa-backup
#   echo '30 1 * * * root /usr/local/sbin/dolisa-backup' > /etc/cron.d/dolisa-backup
#
# The script's own knobs (environment variables, not portal settings):
#   DOLISA_ENV_FILE  settings file to read      (default /etc/dolisa/env)
#   APP_DIR          where the code is checked out (default /srv/dolisa)
#   BACKUP_DIR       where backups are written  (default /var/backups/dolisa)
#   KEEP_DAYS        how long dumps are kept    (default 30)
#
# Needs: bash, python3, pg_dump/pg_restore of the server's major version
# (Debian's postgresql-client), rsync, flock (util-linux).
set -euo pipefail

ENV_FILE=${DOLISA_ENV_FILE:-/etc/dolisa/env}
APP_DIR=${APP_DIR:-/srv/dolisa}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/dolisa}
KEEP_DAYS=${KEEP_DAYS:-30}

log() { printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }
# pg_dump, rsync and the rest print their own error; say which step failed.
trap 'log "ERROR: backup failed at line $LINENO" >&2' ERR

# Read only the variables this script needs. The file holds KEY=value lines,
# optionally quoted with '...' or "..."; it is parsed, never executed.
read_env_file() {
  local line key value
  local line_re='^(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$'
  local single_re="^'(.*)'\$" double_re='^"(.*)"$'
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ $line_re ]] || continue
    key=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    case $key in
      DATABASE_URL | MEDIA_ROOT | VAR_DIR) ;;
      *) continue ;;
    esac
    if [[ $value =~ $single_re || $value =~ $double_re ]]; then
      value=${BASH_REMATCH[1]}
    fi
    if [ -z "${!key+set}" ]; then
      printf -v "$key" '%s' "$value"
    fi
  done <"$ENV_FILE"
}

[ -r "$ENV_FILE" ] || die "cannot read $ENV_FILE (run this script as root)"
read_env_file
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set in $ENV_FILE"
MEDIA_ROOT=${MEDIA_ROOT:-${VAR_DIR:-$APP_DIR/var}/media}

# Turn the URL into libpq's PG* variables: the password then stays out of the
# process list, where a --dbname=URL argument would show it to every user.
pg_env=$(
  python3 - "$DATABASE_URL" <<'PY'
import shlex
import sys
from urllib.parse import parse_qs, unquote, urlsplit

url = urlsplit(sys.argv[1])
if url.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
    sys.exit(f"DATABASE_URL is not a PostgreSQL URL (scheme {url.scheme!r})")
values = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
    "PGSSLMODE": parse_qs(url.query).get("sslmode", [""])[0],
}
if not values["PGDATABASE"]:
    sys.exit("DATABASE_URL names no database")
for name, value in values.items():
    if value:
        print(f"export {name}={shlex.quote(value)}")
PY
) || die "could not read DATABASE_URL"
eval "$pg_env"

umask 077
mkdir -p "$BACKUP_DIR/media"
chmod 0700 "$BACKUP_DIR"

# One backup at a time (a slow night must not overlap the next one).
exec 9>"$BACKUP_DIR/.lock"
flock -n 9 || die "another backup is still running"

# --- 1. Database ---------------------------------------------------------------
dump="$BACKUP_DIR/db-$(date +%Y%m%d-%H%M).dump"
partial="$dump.partial"
trap 'rm -f "$partial"' EXIT
log "Dumping database $PGDATABASE to $dump"
pg_dump --format=custom --file="$partial"
# A dump pg_restore cannot read is no backup: fail loudly tonight, not on the
# day it is needed.
pg_restore --list "$partial" >/dev/null || die "pg_restore cannot read the new dump"
mv "$partial" "$dump"
log "Database dump done: $(du -h "$dump" | cut -f1)"

# --- 2. Uploaded files -----------------------------------------------------------
[ -d "$MEDIA_ROOT" ] || die "MEDIA_ROOT $MEDIA_ROOT is not a directory"
log "Copying $MEDIA_ROOT/ to $BACKUP_DIR/media/"
rsync -a "$MEDIA_ROOT"/ "$BACKUP_DIR/media/"
log "Media copy done: $(du -sh "$BACKUP_DIR/media" | cut -f1)"

# --- 3. Rotation -----------------------------------------------------------------
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'db-*.dump' -mmin +$((KEEP_DAYS * 24 * 60)) -print -delete |
  while IFS= read -r old; do log "Deleted old dump $old"; done

log "Backup finished"
