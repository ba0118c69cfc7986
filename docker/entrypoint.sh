#!/bin/sh
# Chooses the process to run in the Muster image; anything else is executed as given.
set -e
command="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$command" in
  api) exec node dist/apps/api/src/main.js "$@" ;;
  worker) exec node dist/apps/worker/src/main.js "$@" ;;
  migrate) exec node dist/libs/persistence/src/cli/migrate.js "$@" ;;
  seed) exec node dist/libs/persistence/src/cli/seed.js "$@" ;;
  setup) node dist/libs/persistence/src/cli/migrate.js && exec node dist/libs/persistence/src/cli/seed.js ;;
  token) exec node dist/apps/api/src/cli/token.js "$@" ;;
  *) exec "$command" "$@" ;;
esac
