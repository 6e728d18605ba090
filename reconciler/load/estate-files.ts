// Finds the estate's files: each path is a file or a folder read recursively, `.yaml`/`.yml`, sorted.
// A symlink inside a folder may not lead out of that folder. Synchronous file-system calls: a large
// estate is thousands of small files, and one thread-pool round trip per call would cost more than the calls.
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { type DiagnosticSink, fileStart } from "./diagnostic-sink.js";
import type { LoadLimits } from "./limits.js";

export interface EstateFile {
  absolute: string;
  /** Relative to the working directory, `/`-separated: what diagnostics print. */
  display: string;
}

export interface CollectOptions {
  cwd: string;
  sink: DiagnosticSink;
  limits: LoadLimits;
}

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join("/");
}

export async function collectEstateFiles(paths: readonly string[], options: CollectOptions): Promise<EstateFile[]> {
  const found: EstateFile[] = [];
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    const display = displayPath(absolute, options.cwd);
    const info = statOrUndefined(absolute);
    if (info === undefined) {
      options.sink.error(
        "estate.path_not_found",
        `"${display}" does not exist`,
        fileStart(display),
        "pass an estate file or folder",
      );
    } else if (info.isDirectory()) {
      const before = found.length;
      const root = realpathSync(absolute);
      walkFolder(absolute, root, new Set([root]), found, options);
      if (found.length === before) {
        options.sink.error(
          "estate.no_estate_files",
          `folder "${display}" holds no .yaml or .yml file`,
          fileStart(display),
          "estate files end in .yaml or .yml",
        );
      }
    } else {
      found.push({ absolute, display });
    }
  }
  const seen = new Set<string>();
  return found.filter((f) => {
    if (seen.has(f.absolute)) return false;
    seen.add(f.absolute);
    return true;
  });
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function walkFolder(
  folder: string,
  root: string,
  visited: Set<string>,
  found: EstateFile[],
  options: CollectOptions,
): void {
  const entries: Dirent[] = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const dirent of entries) {
    const name = dirent.name;
    if (found.length >= options.limits.maxFiles) {
      options.sink.error(
        "estate.too_many_files",
        `more than ${options.limits.maxFiles} estate files under the folder`,
        fileStart(displayPath(folder, options.cwd)),
        "split the estate or pass fewer folders",
      );
      return;
    }
    const entry = join(folder, name);
    const display = displayPath(entry, options.cwd);
    let target = entry;
    if (dirent.isSymbolicLink()) {
      let real: string | undefined;
      try {
        real = realpathSync(entry);
      } catch {
        real = undefined;
      }
      if (real === undefined) {
        options.sink.error(
          "estate.symlink_broken",
          `symlink "${display}" points nowhere (missing target or a loop)`,
          fileStart(display),
          "remove the link or fix its target",
        );
        continue;
      }
      if (real !== root && !real.startsWith(root + sep)) {
        options.sink.error(
          "estate.symlink_escape",
          `symlink "${display}" leads out of the estate folder`,
          fileStart(display),
          "copy the file into the estate folder; links may only point inside it",
        );
        continue;
      }
      target = real;
    }
    const isLink = target !== entry;
    const isDirectory = isLink ? statSync(target).isDirectory() : dirent.isDirectory();
    if (isDirectory) {
      const real = isLink ? target : realpathSync(entry);
      if (visited.has(real)) continue;
      visited.add(real);
      walkFolder(entry, root, visited, found, options);
    } else if (
      YAML_EXTENSIONS.has(extname(name).toLowerCase()) &&
      (isLink ? statSync(target).isFile() : dirent.isFile())
    ) {
      found.push({ absolute: entry, display });
    }
  }
}
