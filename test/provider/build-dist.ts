// The serialisation, gRPC and setMocks layers run compiled code, as a user's `pulumi up` would; the
// provider methods load the reconciler from dist/ through the package self-reference. dist/ is built
// once, before any test file starts, by test/global-setup.ts (or by `npm test` itself).
import { join } from "node:path";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** Hooks that start the provider process or an emulator may wait on a busy machine. */
export const BUILD_TIMEOUT_MS = 240_000;
