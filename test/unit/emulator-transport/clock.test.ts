import { describe, expect, it } from "vitest";
import { addIsoDuration, EmulatorClock } from "../../../emulator/clock.js";

describe("addIsoDuration", () => {
  it.each([
    ["2026-01-10T00:00:00.000Z", "P8D", "2026-01-18T00:00:00.000Z"],
    ["2026-01-10T00:00:00.000Z", "PT36H", "2026-01-11T12:00:00.000Z"],
    ["2026-01-10T00:00:00.000Z", "P1W", "2026-01-17T00:00:00.000Z"],
    ["2026-01-10T00:00:00.000Z", "PT1.5S", "2026-01-10T00:00:01.500Z"],
    ["2026-01-31T00:00:00.000Z", "P1M", "2026-02-28T00:00:00.000Z"],
    ["2024-02-29T00:00:00.000Z", "P1Y", "2025-02-28T00:00:00.000Z"],
    ["2026-03-15T10:00:00.000Z", "P1Y2M3DT4H5M6S", "2027-05-18T14:05:06.000Z"],
  ])("%s + %s = %s", (from, duration, expected) => {
    expect(addIsoDuration(new Date(from), duration).toISOString()).toBe(expected);
  });

  it.each(["", "P", "8D", "PT", "P-1D", "P1DT", "1 day"])("rejects %j", (duration) => {
    expect(() => addIsoDuration(new Date(0), duration)).toThrow(RangeError);
  });
});

describe("EmulatorClock", () => {
  it("follows wall time plus an offset and runs due work when moved forward", () => {
    let wall = Date.parse("2026-06-01T00:00:00Z");
    const advanced: string[] = [];
    const clock = new EmulatorClock({ wallClock: () => wall, onAdvance: (now) => advanced.push(now.toISOString()) });
    expect(clock.now().toISOString()).toBe("2026-06-01T00:00:00.000Z");
    clock.advance("P8D");
    expect(clock.now().toISOString()).toBe("2026-06-09T00:00:00.000Z");
    wall += 60_000;
    expect(clock.now().toISOString()).toBe("2026-06-09T00:01:00.000Z");
    clock.set(new Date("2026-01-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(advanced).toEqual(["2026-06-09T00:00:00.000Z"]);
  });

  it("freezes, moves while frozen, unfreezes and resets", () => {
    let wall = Date.parse("2026-06-01T00:00:00Z");
    const clock = new EmulatorClock({ wallClock: () => wall });
    clock.freeze();
    wall += 5_000;
    expect(clock.now().toISOString()).toBe("2026-06-01T00:00:00.000Z");
    clock.advance("PT1H");
    expect(clock.now().toISOString()).toBe("2026-06-01T01:00:00.000Z");
    clock.unfreeze();
    wall += 1_000;
    expect(clock.now().toISOString()).toBe("2026-06-01T01:00:01.000Z");
    clock.reset();
    expect(clock.now().getTime()).toBe(wall);
  });

  it("restores a saved state", () => {
    const wall = Date.parse("2026-06-01T00:00:00Z");
    const first = new EmulatorClock({ wallClock: () => wall });
    first.advance("P30D");
    const second = new EmulatorClock({ wallClock: () => wall });
    second.restore(first.state());
    expect(second.now().toISOString()).toBe("2026-07-01T00:00:00.000Z");
  });
});
