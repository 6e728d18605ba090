// cspctl's own name and version, read once from the package.json of the installed package (found by
// walking up from this file, so it works from the sources and from dist/ alike).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function readVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "cspctl" && typeof manifest.version === "string") return manifest.version;
    } catch {
      // no package.json here: look one folder up
    }
    const parent = dirname(folder);
    if (parent === folder) return "0.0.0";
    folder = parent;
  }
}

export const cspctlVersion = readVersion();

/** The User-Agent of every request: the product and its version, then the runtime (RFC 9110 §10.1.5). */
export const userAgent = `cspctl/${cspctlVersion} node/${process.versions.node}`;
