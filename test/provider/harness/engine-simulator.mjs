// A small stand-in for the Pulumi engine (layer 3 of the provider tests): it spawns the SDK's real
// dynamic-provider server (`@pulumi/pulumi/cmd/dynamic-provider`) and drives it over gRPC with the
// engine's step semantics: Check → Create on a new resource; Check → Diff → Update, Replace or nothing
// on an existing one; Read on refresh; Delete on destroy. Plain JS so vitest tests and child `node`
// processes share it. It copies the engine's rules; it is not the engine.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const pulumiRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js");
const providerGrpc = pulumiRequire("./proto/provider_grpc_pb.js");
const provider = pulumiRequire("./proto/provider_pb.js");
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb.js");

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_MARK = "1b47061264138c4ac30d75fd1eb44270";
const { DIFF_NONE, DIFF_SOME } = provider.DiffResponse.DiffChanges;

const live = new Set();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Spawns the provider server with cwd = the project directory, as the engine does; resolves once its port is printed. */
export async function startProviderServer({ cwd, env, project = "cspctl" }) {
  const entry = pulumiRequire.resolve("./cmd/dynamic-provider/index.js");
  const child = spawn(process.execPath, [entry, "127.0.0.1:0"], {
    cwd,
    env: { ...env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const stdout = [];
  const stderr = [];
  createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise((resolve, reject) => {
    let first = true;
    lines.on("line", (line) => {
      if (first) {
        first = false;
        resolve(Number(line.trim()));
      } else stdout.push(line);
    });
    child.once("exit", (code) =>
      reject(new Error(`the provider server exited (${code}) before printing its port: ${stderr.join("\n")}`)),
    );
  });
  const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method, request) =>
    new Promise((resolve, reject) =>
      client[method](request, (error, response) => (error ? reject(error) : resolve(response))),
    );
  return {
    port,
    stdout,
    stderr,
    call,
    async close() {
      client.close();
      live.delete(child);
      child.kill("SIGKILL");
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    },
  };
}

const struct = (value) => Struct.fromJavaScript(value);
const secret = (value) => ({ [SECRET_SIG]: SECRET_MARK, value });
const sameJson = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  return value;
}

export class EngineSimulator {
  /** urn → { id, inputs, outputs, secretOutputs } */
  state = new Map();
  /** Every RPC made, in order: what a test asserts the engine would do. */
  calls = [];

  constructor(server) {
    this.server = server;
  }

  async rpc(method, request) {
    this.calls.push(method);
    return this.server.call(method, request);
  }

  /** Configure with the namespaced stack config; keys in `secretKeys` travel as secrets, as the engine sends them. */
  async configure(config, secretKeys = []) {
    const args = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? secret(v) : v]),
    );
    const request = new provider.ConfigureRequest();
    request.setArgs(struct(args));
    request.setAcceptsecrets(true);
    await this.rpc("configure", request);
  }

  async check(urn, olds, news) {
    const request = new provider.CheckRequest();
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.rpc("check", request);
    const failures = response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    if (failures.length > 0)
      throw Object.assign(new Error(`check failed for ${urn}: ${failures.map((f) => f.reason).join("; ")}`), {
        failures,
      });
    return response.getInputs().toJavaScript();
  }

  async diff(urn, id, olds, news) {
    const request = new provider.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.rpc("diff", request);
    const changes = response.getChanges();
    return { changes, replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  async create(urn, inputs) {
    const request = new provider.CreateRequest();
    request.setUrn(urn);
    request.setProperties(struct(inputs));
    const response = await this.rpc("create", request);
    if (response.getId() === "") throw new Error(`plugin returned empty resource.ID for ${urn}`);
    return { id: response.getId(), outputs: response.getProperties().toJavaScript() };
  }

  async delete(urn, record) {
    const request = new provider.DeleteRequest();
    request.setUrn(urn);
    request.setId(record.id);
    request.setProperties(struct(record.outputs));
    await this.rpc("delete", request);
  }

  /**
   * `pulumi up` for one resource. `props` are the program's inputs including `__provider`;
   * `additionalSecretOutputs` is the resource option. Returns the step the engine took.
   */
  async up(urn, props, { additionalSecretOutputs = [], secretInputs = [] } = {}) {
    const old = this.state.get(urn);
    const inputs = await this.check(urn, old?.inputs ?? {}, props);
    const secretOutputs = [...new Set([...additionalSecretOutputs, ...secretInputs])];
    if (old === undefined) {
      const created = await this.create(urn, inputs);
      this.state.set(urn, { ...created, inputs, secretOutputs });
      return "create";
    }
    const diff = await this.diff(urn, old.id, old.outputs, inputs);
    const changed = diff.changes === DIFF_SOME || (diff.changes !== DIFF_NONE && !sameJson(old.inputs, inputs)); // DIFF_UNKNOWN: the engine compares inputs, __provider included
    if (!changed) return "same";
    if (diff.replaces.length > 0) {
      if (diff.deleteBeforeReplace) {
        await this.delete(urn, old);
        this.state.delete(urn);
        const created = await this.create(urn, inputs);
        this.state.set(urn, { ...created, inputs, secretOutputs });
      } else {
        const created = await this.create(urn, inputs);
        await this.delete(urn, old); // the old resource is deleted with its own (old) __provider
        this.state.set(urn, { ...created, inputs, secretOutputs });
      }
      return "replace";
    }
    const request = new provider.UpdateRequest();
    request.setUrn(urn);
    request.setId(old.id);
    request.setOlds(struct(old.outputs));
    request.setNews(struct(inputs));
    const response = await this.rpc("update", request);
    this.state.set(urn, { id: old.id, inputs, outputs: response.getProperties().toJavaScript(), secretOutputs });
    return "update";
  }

  /** `pulumi preview`: Check and Diff only (the provider does not support preview, so no Create or Update). */
  async preview(urn, props) {
    const old = this.state.get(urn);
    const inputs = await this.check(urn, old?.inputs ?? {}, props);
    if (old === undefined) return "create";
    const diff = await this.diff(urn, old.id, old.outputs, inputs);
    if (diff.changes === DIFF_NONE) return "same";
    return diff.replaces.length > 0 ? "replace" : "update";
  }

  /** `pulumi refresh`: Read with the old outputs and inputs; an empty id drops the resource from state. */
  async refresh(urn) {
    const old = this.state.get(urn);
    const request = new provider.ReadRequest();
    request.setUrn(urn);
    request.setId(old.id);
    request.setProperties(struct(old.outputs));
    request.setInputs(struct(old.inputs));
    const response = await this.rpc("read", request);
    if (response.getId() === "") {
      this.state.delete(urn);
      return "deleted";
    }
    const outputs = response.getProperties().toJavaScript();
    const inputs = response.getInputs()?.toJavaScript();
    const next = { ...old, outputs, ...(inputs && Object.keys(inputs).length > 0 ? { inputs } : {}) };
    this.state.set(urn, next);
    return sameJson(old.outputs, outputs) ? "same" : "updated";
  }

  /** `pulumi destroy` of one resource. */
  async destroy(urn) {
    const old = this.state.get(urn);
    await this.delete(urn, old);
    this.state.delete(urn);
  }

  /** Outputs as the engine would store them: secret where a secret input or additionalSecretOutputs says so. */
  storedOutputs(urn) {
    const record = this.state.get(urn);
    return Object.fromEntries(
      Object.entries(record.outputs).map(([k, v]) => [k, record.secretOutputs.includes(k) ? secret(v) : v]),
    );
  }
}
