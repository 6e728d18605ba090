// Whether the CLI colours what it prints: only on a terminal, and never when NO_COLOR is set (no-color.org).

export function colorOnStdout(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}
