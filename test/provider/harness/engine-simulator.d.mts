// Types for engine-simulator.mjs (plain JS so that child `node` processes can load it too).
export declare const UNKNOWN: string;

export interface ProviderServer {
  port: number;
  /** Lines the provider printed after its port (console and pulumi.log output). */
  stdout: string[];
  stderr: string[];
  call(method: string, request: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export declare function startProviderServer(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  project?: string;
}): Promise<ProviderServer>;

export type Step = "create" | "same" | "update" | "replace";

export interface StateRecord {
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  secretOutputs: string[];
}

export declare class EngineSimulator {
  constructor(server: ProviderServer);
  state: Map<string, StateRecord>;
  calls: string[];
  configure(config: Record<string, string>, secretKeys?: string[]): Promise<void>;
  check(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Record<string, unknown>>;
  up(
    urn: string,
    props: Record<string, unknown>,
    options?: { additionalSecretOutputs?: string[]; secretInputs?: string[] },
  ): Promise<Step>;
  preview(urn: string, props: Record<string, unknown>): Promise<Step>;
  refresh(urn: string): Promise<"same" | "updated" | "deleted">;
  destroy(urn: string): Promise<void>;
  storedOutputs(urn: string): Record<string, unknown>;
}
