// Colour: one helper paints (reconciler/render/ansi.ts), one decides when the CLI colours (cli/color.ts).
import { afterEach, describe, expect, it } from "vitest";
import { colorOnStdout } from "../../../cli/color.js";
import { paint } from "../../../reconciler/render/ansi.js";

describe("paint", () => {
  it("wraps the text in one SGR code, or leaves it alone", () => {
    expect(paint(true, 31, "- suspend")).toBe("\u001b[31m- suspend\u001b[0m");
    expect(paint(false, 31, "- suspend")).toBe("- suspend");
  });
});

describe("colorOnStdout", () => {
  const tty = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
  const noColor = process.env.NO_COLOR;
  afterEach(() => {
    if (tty) Object.defineProperty(process.stdout, "isTTY", tty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  });

  it.each([
    [true, undefined, true],
    [true, "1", false],
    [false, undefined, false],
  ])("on a terminal: %s, NO_COLOR=%s → %s", (isTTY, value, expected) => {
    Object.defineProperty(process.stdout, "isTTY", { value: isTTY, configurable: true, writable: true });
    if (value === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = value;
    expect(colorOnStdout()).toBe(expected);
  });
});
