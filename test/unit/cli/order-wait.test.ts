// How often and how long apply looks at a provisioning order: the defaults, CSPCTL_ORDER_WAIT_SECONDS
// and CSPCTL_POLL_INTERVAL_MS (which the chaos runs set to race at the emulator's pace).
import { describe, expect, it } from "vitest";
import { ORDER_WAIT, orderWait } from "../../../cli/connection.js";
import { CspctlError } from "../../../core/errors.js";

describe("orderWait", () => {
  it.each([
    ["the defaults", {}, ORDER_WAIT.partnerCenter],
    ["a wait of 2 s looks every 500 ms", { CSPCTL_ORDER_WAIT_SECONDS: "2" }, { intervalMs: 500, timeoutMs: 2_000 }],
    [
      "a poll interval alone keeps the wait",
      { CSPCTL_POLL_INTERVAL_MS: "200" },
      { intervalMs: 200, timeoutMs: 120_000 },
    ],
    [
      "both",
      { CSPCTL_ORDER_WAIT_SECONDS: "60", CSPCTL_POLL_INTERVAL_MS: "250" },
      { intervalMs: 250, timeoutMs: 60_000 },
    ],
  ])("%s", (_, env, expected) => {
    expect(orderWait(env, ORDER_WAIT.partnerCenter)).toEqual(expected);
  });

  it.each(["0", "abc", "1.5", "-100"])("CSPCTL_POLL_INTERVAL_MS=%s is a usage error naming the variable", (raw) => {
    let thrown: unknown;
    try {
      orderWait({ CSPCTL_POLL_INTERVAL_MS: raw }, ORDER_WAIT.emulator);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CspctlError);
    expect(thrown).toMatchObject({
      code: "cli.usage",
      message: `CSPCTL_POLL_INTERVAL_MS=${raw}: expected a whole number of milliseconds, 10 or more`,
      hint: expect.stringContaining("unset CSPCTL_POLL_INTERVAL_MS"),
    });
  });

  it("CSPCTL_ORDER_WAIT_SECONDS=-1 is a usage error naming the variable", () => {
    expect(() => orderWait({ CSPCTL_ORDER_WAIT_SECONDS: "-1" }, ORDER_WAIT.emulator)).toThrow(
      "CSPCTL_ORDER_WAIT_SECONDS=-1: expected a number of seconds, 0 or more",
    );
  });
});
