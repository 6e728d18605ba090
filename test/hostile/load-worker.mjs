// Child process for the estate fuzzer: loads each case folder with the built loader and prints one
// JSON line per case. It runs under a heap cap and a timeout set by the parent, so a hang or a
// crash is caught there; the "start" line names the case that was running.
import { readFileSync } from "node:fs";
import { loadEstate } from "../../dist/reconciler/index.js";

const dirs = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const dir of dirs) {
  process.stdout.write(`${JSON.stringify({ start: dir })}\n`);
  const started = process.hrtime.bigint();
  let line;
  try {
    const result = await loadEstate(dir, { cwd: dir, env: { SEATS: "5" } });
    JSON.stringify(result.diagnostics);
    line = {
      dir,
      valid: result.valid,
      diagnostics: result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.line,
        column: d.column,
        file: d.file,
      })),
    };
  } catch (error) {
    line = { dir, threw: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error) };
  }
  line.ms = Number(process.hrtime.bigint() - started) / 1e6;
  line.polluted = Object.keys(Object.prototype).length > 0 || "polluted" in {};
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
