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
  # The image's health check: ready if the api (PORT) or the worker (WORKER_METRICS_PORT) of this container
  # answers /health/ready with 200 within 3 s. A container runs one of them, so the other port is closed.
  health) exec node -e '
    const ready = (port) => fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) }).then((r) => r.ok, () => false);
    ready(process.env.PORT || 3000)
      .then((api) => api || ready(process.env.WORKER_METRICS_PORT || 9464))
      .then((ok) => process.exit(ok ? 0 : 1));
  ' ;;
  *) exec "$command" "$@" ;;
esac
