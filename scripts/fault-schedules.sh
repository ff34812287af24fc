#!/usr/bin/env bash
# The fault-schedule test for longer than CI runs it: `scripts/fault-schedules.sh [count]`
# (default 2000). With DATABASE_URL set to PostgreSQL, two BFF processes share it. A failure
# prints its seed; FAULT_SCHEDULE_SEED=<seed> replays that run.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULT_SCHEDULES="${1:-2000}"
exec pnpm vitest run --project @portvakt/bff apps/bff/src/fault-schedule.integration.test.ts
