// Child process (compiled dist/, plain node): runs the root Pulumi program (dist/provider/program.js)
// under pulumi.runtime.setMocks. Every dynamic resource goes through the engine simulator to the SDK's
// real provider server, and from there to Partner Center (the emulator). Prints a JSON report.
// Env: STACK_CONFIG (namespaced stack config, JSON), SECRET_KEYS (JSON list), PULUMI_CONFIG (program config),
// PROGRAM (path of the compiled program, relative to the repository).
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { EngineSimulator, startProviderServer } from "./engine-simulator.mjs";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const unwrap = (value) => {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === "object")
    return SECRET_SIG in value
      ? unwrap(value.value)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
  return value;
};

const providerEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("CSPCTL_") && k !== "PULUMI_CONFIG"),
);
const server = await startProviderServer({ cwd: process.cwd(), env: providerEnv });
const engine = new EngineSimulator(server);
await engine.configure(JSON.parse(process.env.STACK_CONFIG), JSON.parse(process.env.SECRET_KEYS ?? "[]"));

const started = Date.now();
const results = [];
let inflight = 0;
pulumi.runtime.setMocks(
  {
    async newResource(args) {
      inflight += 1;
      try {
        if (!args.type.startsWith("pulumi-nodejs:dynamic/")) return { id: `${args.name}-id`, state: args.inputs };
        const urn = `urn:pulumi:test::cspctl::${args.type}::${args.name}`;
        const inputs = unwrap(args.inputs); // the engine strips secrets: the provider does not accept them
        try {
          await engine.up(urn, inputs);
        } catch (error) {
          results.push({ type: args.type, name: args.name, error: error.details ?? error.message });
          throw error;
        }
        const record = engine.state.get(urn);
        results.push({ type: args.type, name: args.name, id: record.id, status: record.outputs.status });
        return { id: record.id, state: record.outputs };
      } finally {
        inflight -= 1;
      }
    },
    call: () => ({}),
  },
  "cspctl",
  "test",
  false,
);

const rejections = [];
process.on("unhandledRejection", (reason) => rejections.push(String(reason?.message ?? reason).split("\n")[0]));

// PROGRAM: the compiled program to run (default: the root Pulumi.yaml's main). A default export is
// called, as Pulumi does; named exports are the stack outputs and run on import.
const loaded = await import(join(process.cwd(), process.env.PROGRAM ?? join("dist", "provider", "program.js")));
if (typeof loaded.default === "function") await loaded.default();
// Registrations run asynchronously after the program returns: the SDK's own RPC queue says when they
// have all settled (an idle-time guess cut runs short on a loaded machine).
await pulumi.runtime.disconnect();
while (inflight > 0) await new Promise((resolve) => setTimeout(resolve, 100));
await server.close();
const elapsedMs = Date.now() - started;
// Exit now: the SDK's leak check would count the registrations a failed resource left waiting.
process.stdout.write(JSON.stringify({ results, rejections, providerStderr: server.stderr, elapsedMs }), () =>
  process.exit(0),
);
