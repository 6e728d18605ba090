import { describe, expect, it } from "vitest";
import { ReplayStore } from "../../../emulator/pipeline/replay-store.js";

const key = (requestId: string, partner = "p1"): string =>
  ReplayStore.key({ partnerTenantId: partner, method: "POST", path: "/customers", requestId });

describe("ReplayStore", () => {
  it("runs once per key and replays the first answer", async () => {
    const store = new ReplayStore();
    let runs = 0;
    const execute = async () => ({ status: 201, body: { run: ++runs } });
    expect(await store.run(key("a"), execute)).toEqual({
      response: { status: 201, body: { run: 1 } },
      replayed: false,
    });
    expect(await store.run(key("A"), execute)).toEqual({ response: { status: 201, body: { run: 1 } }, replayed: true });
    expect((await store.run(key("b"), execute)).response.body).toEqual({ run: 2 });
    expect((await store.run(key("a", "p2"), execute)).response.body).toEqual({ run: 3 });
  });

  it("makes a concurrent duplicate wait for the first", async () => {
    const store = new ReplayStore();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const execute = async () => {
      runs++;
      await gate;
      return { status: 201, body: runs };
    };
    const first = store.run(key("x"), execute);
    const second = store.run(key("x"), execute);
    release();
    const results = await Promise.all([first, second]);
    expect(runs).toBe(1);
    expect(results.map((r) => r.replayed)).toEqual([false, true]);
  });

  it("forgets nothing it failed to run and evicts the oldest past its size", async () => {
    const store = new ReplayStore(2);
    await expect(store.run(key("f"), async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect((await store.run(key("f"), async () => ({ status: 200 }))).replayed).toBe(false);
    await store.run(key("g"), async () => ({ status: 200 }));
    await store.run(key("h"), async () => ({ status: 200 }));
    expect(store.size).toBe(2);
    expect((await store.run(key("f"), async () => ({ status: 201 }))).replayed).toBe(false);
  });

  it("survives a snapshot round trip", async () => {
    const store = new ReplayStore();
    await store.run(key("s"), async () => ({ status: 201, body: { id: "c1" } }));
    const restored = new ReplayStore();
    restored.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(await restored.run(key("s"), async () => ({ status: 500 }))).toEqual({
      response: { status: 201, body: { id: "c1" } },
      replayed: true,
    });
  });
});
