import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Two projects share the workers. The unit, integration and contract files run in one module
// environment per worker (isolate: false): they start their own emulators, close what they open
// and change no global state, so a fresh process per file bought nothing but start-up time. The
// files that spawn the CLI, kill processes, drive a browser or run the CLI in-process with fresh
// modules keep a fresh process each (isolate: true).
// vitest's default is one worker per core but one; on a 2-core machine that is a single worker, and the
// many files that wait on child processes, the emulator's latency or a browser would leave a core idle.
const maxWorkers = Math.max(2, availableParallelism() - 1);
const shared = ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/contract/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    maxWorkers,
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "shared", include: shared, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: shared, isolate: true } },
    ],
  },
});
