// A real Azure Storage blob service for the lock tests: Azurite (the `azurite` npm package) started
// as a child process on 127.0.0.1, a random port, in-memory persistence, in a temp folder; stopped by
// close(). Its account and key are Azurite's documented development defaults, not a secret.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContainerClient } from "@azure/storage-blob";

const ACCOUNT = "devstoreaccount1";
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const BLOB_MAIN = createRequire(import.meta.url).resolve("azurite/dist/src/blob/main.js");

export interface Azurite {
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  blobEndpoint: string;
  connectionString: string;
  accountKey: string;
  /** A new, empty container's client and name. */
  createContainer(): Promise<{ name: string; client: ContainerClient }>;
  close(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-azurite-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BLOB_MAIN,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--inMemoryPersistence",
      "--extentMemoryLimit",
      "64",
      "--silent",
      "--skipApiVersionCheck",
      "--disableTelemetry",
    ],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s: ${output}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString("utf8")));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
  const blobEndpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobEndpoint};`;
  let containers = 0;
  return {
    blobEndpoint,
    connectionString,
    accountKey: KEY,
    createContainer: async () => {
      const name = `locks${++containers}`;
      const client = new ContainerClient(connectionString, name);
      await client.create();
      return { name, client };
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGKILL");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
