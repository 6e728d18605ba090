// Progress on long runs: one updating line in a TTY; plain timestamped lines when output is not a
// TTY or under CI=true, so CI logs stay readable. Always on stderr: stdout carries results.

export interface Progress {
  /** A transient status (customers read): updated in place in a TTY, at most one line a second otherwise. */
  update(message: string): void;
  /** An event worth a line of its own every time (a step applied): never dropped when not a TTY. */
  log(message: string): void;
  done(): void;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  const interactive = stream.isTTY === true && env.CI !== "true";
  let last = 0;
  return {
    update(message) {
      if (interactive) {
        stream.write(`\r\u001b[2K${message}`);
        return;
      }
      const now = Date.now();
      if (now - last < 1000) return; // plain logs get at most one line a second
      last = now;
      stream.write(`${new Date(now).toISOString()} ${message}\n`);
    },
    log(message) {
      if (interactive) {
        stream.write(`\r\u001b[2K${message}`);
        return;
      }
      stream.write(`${new Date().toISOString()} ${message}\n`);
    },
    done() {
      if (interactive) stream.write("\r\u001b[2K");
    },
  };
}
