import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../../emulator/persistence/atomic-file.js";
import { STATE_FILE_NAME, StateFile } from "../../../emulator/persistence/state-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cspctl-state-test-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the file and leaves no temporary behind", async () => {
    const path = join(dir, "x.json");
    await writeFileAtomic(path, "one");
    await writeFileAtomic(path, "two");
    expect(await readFile(path, "utf8")).toBe("two");
    expect(await readdir(dir)).toEqual(["x.json"]);
  });
});

describe("StateFile", () => {
  it("loads nothing on first start, then what was saved", async () => {
    let value = { n: 1 };
    const file = new StateFile(dir, () => value);
    expect(await file.load()).toBeUndefined();
    await file.save();
    value = { n: 2 };
    await file.save();
    expect(await new StateFile(dir, () => ({})).load()).toEqual({ n: 2 });
  });

  it("coalesces concurrent saves and every waiter sees a save taken after its change", async () => {
    let counter = 0;
    const captured: number[] = [];
    const file = new StateFile(dir, () => {
      captured.push(counter);
      return { counter };
    });
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      counter++;
      saves.push(file.save());
    }
    await Promise.all(saves);
    expect(captured.length).toBeLessThanOrEqual(3);
    expect(captured.at(-1)).toBe(20);
    expect(await new StateFile(dir, () => ({})).load()).toEqual({ counter: 20 });
  });

  it("ignores temporaries left by a killed writer and refuses a foreign format", async () => {
    await writeFile(join(dir, `.${STATE_FILE_NAME}.123.abc.tmp`), "{half");
    const file = new StateFile(dir, () => ({ ok: true }));
    await file.save();
    expect(await file.load()).toEqual({ ok: true });
    expect(await readdir(dir)).toEqual([STATE_FILE_NAME]);
    await writeFile(join(dir, STATE_FILE_NAME), JSON.stringify({ formatVersion: 99, state: {} }));
    await expect(file.load()).rejects.toMatchObject({ code: "emulator.state_unreadable" });
  });
});
