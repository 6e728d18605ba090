import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../../emulator/persistence/atomic-file.js";
import { Journal, JOURNAL_FILE_NAME } from "../../../emulator/persistence/journal.js";
import { SaveQueue } from "../../../emulator/persistence/save-queue.js";
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
  it("loads nothing on first start, then what was saved with its generation", async () => {
    const file = new StateFile<{ n: number }>(dir);
    expect(await file.load()).toBeUndefined();
    await file.save({ n: 1 }, 1);
    await file.save({ n: 2 }, 2);
    expect(await new StateFile(dir).load()).toEqual({ state: { n: 2 }, generation: 2 });
  });

  it("refuses another format, or a snapshot without its generation, instead of guessing", async () => {
    await writeFile(
      join(dir, STATE_FILE_NAME),
      JSON.stringify({ formatVersion: 1, savedAt: "2026-01-01T00:00:00Z", state: { n: 1 } }),
    );
    await expect(new StateFile(dir).load()).rejects.toMatchObject({
      code: "emulator.state_unreadable",
      message: expect.stringContaining("has state format 1; this emulator reads format 2"),
    });
    await writeFile(join(dir, STATE_FILE_NAME), JSON.stringify({ formatVersion: 2, state: { n: 1 } }));
    await expect(new StateFile(dir).load()).rejects.toMatchObject({
      code: "emulator.state_unreadable",
      message: expect.stringContaining("has no snapshot generation"),
    });
  });

  it("ignores temporaries left by a killed writer and refuses a foreign format", async () => {
    await writeFile(join(dir, `.${STATE_FILE_NAME}.123.abc.tmp`), "{half");
    const file = new StateFile(dir);
    await file.save({ ok: true }, 1);
    expect(await file.load()).toEqual({ state: { ok: true }, generation: 1 });
    expect(await readdir(dir)).toEqual([STATE_FILE_NAME]);
    await writeFile(join(dir, STATE_FILE_NAME), JSON.stringify({ formatVersion: 99, state: {} }));
    await expect(file.load()).rejects.toMatchObject({ code: "emulator.state_unreadable" });
  });
});

describe("SaveQueue", () => {
  it("coalesces concurrent saves and every waiter sees a save taken after its change", async () => {
    let counter = 0;
    const captured: number[] = [];
    const queue = new SaveQueue(async () => {
      captured.push(counter);
      await new Promise((resolve) => setImmediate(resolve));
    });
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      counter++;
      saves.push(queue.request());
    }
    await Promise.all(saves);
    expect(captured.length).toBeLessThanOrEqual(3);
    expect(captured.at(-1)).toBe(20);
  });
});

describe("Journal", () => {
  const path = (): string => join(dir, JOURNAL_FILE_NAME);

  it("gives back the entries appended after the snapshot it follows", async () => {
    const journal = new Journal(path());
    expect(await journal.open(3)).toEqual([]);
    await journal.append([JSON.stringify({ a: 1 })]);
    await journal.append([JSON.stringify({ a: 2 }), JSON.stringify({ a: 3 })]);
    await journal.close();
    expect(await new Journal(path()).open(3)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it("drops a torn last line (a write cut short by kill -9) and appends after the last whole line", async () => {
    await writeFile(path(), `${JSON.stringify({ journal: 1, generation: 1 })}\n{"a":1}\n{"a":2,"b":[1,2`);
    const journal = new Journal(path());
    expect(await journal.open(1)).toEqual([{ a: 1 }]);
    await journal.append([JSON.stringify({ a: 3 })]);
    await journal.close();
    expect(await new Journal(path()).open(1)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(await readFile(path(), "utf8")).toBe(`${JSON.stringify({ journal: 1, generation: 1 })}\n{"a":1}\n{"a":3}\n`);
  });

  it("drops a last line without its newline even when it parses (its write may not have finished)", async () => {
    await writeFile(path(), `${JSON.stringify({ journal: 1, generation: 1 })}\n{"a":1}\n{"a":2}`);
    expect(await new Journal(path()).open(1)).toEqual([{ a: 1 }]);
  });

  it("refuses a journal damaged in the middle (a bad line followed by good ones)", async () => {
    await writeFile(path(), `${JSON.stringify({ journal: 1, generation: 1 })}\n{"a":1}\n{garbage\n{"a":3}\n`);
    await expect(new Journal(path()).open(1)).rejects.toMatchObject({
      code: "emulator.state_unreadable",
      message: expect.stringContaining("line 3"),
    });
  });

  it("starts empty over a journal that follows another snapshot (a compaction cut short)", async () => {
    await writeFile(path(), `${JSON.stringify({ journal: 1, generation: 1 })}\n{"a":1}\n`);
    const journal = new Journal(path());
    expect(await journal.open(2)).toEqual([]);
    await journal.close();
    expect(await readFile(path(), "utf8")).toBe(`${JSON.stringify({ journal: 1, generation: 2 })}\n`);
  });
});
