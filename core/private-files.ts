// What cspctl writes for itself (the state directory, the emulator's data folder, lock files, saved
// plans, credentials) can hold tokens, invitation links or passwords. Folders it creates are 0700
// and hold a `.gitignore` of `*`, so neither another local user nor a `git add .` picks them up;
// files are 0600 whether or not they existed before.
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { open, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Creates `path` (and missing parents) as 0700 with a `.gitignore` of `*`; an existing folder is tightened to 0700. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  const ignore = join(path, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "*\n", { mode: 0o600 });
}

/** Writes `content` to `path` as 0600, replacing the file atomically (a reader never sees half of it). */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temporary, "w", 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, typeof content === "string" ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Like writePrivateFile, for content that arrives in chunks: each written as it comes, the file renamed into place at the end. */
export async function writePrivateFileFrom(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.chmod(0o600);
    for await (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  renameSync(temporary, path);
}
