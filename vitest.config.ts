import { defineConfig } from "vitest/config";

// Two projects share the workers. The unit, integration and contract files run in one module
// environment per worker (isolate: false): they start their own emulators, close what they open
// and change no global state, so a fresh process per file bought nothing but start-up time. The
// files that spawn the CLI, kill processes, drive a browser or run the CLI in-process with fresh
// modules keep a fresh process each (isolate: true).
const shared = ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/contract/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "shared", include: shared, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: shared, isolate: true } },
    ],
  },
});
