// A parse worker thread (see parallel-parse.ts): reads and parses the batches of files it is sent.
import { parentPort, workerData } from "node:worker_threads";
import type { EstateFile } from "./estate-files.js";
import { parseFileToPacket, type PacketOptions } from "./parse-transfer.js";

const options = workerData as PacketOptions;
parentPort!.on("message", (batch: { id: number; files: EstateFile[] }) => {
  try {
    parentPort!.postMessage({ id: batch.id, packets: batch.files.map((file) => parseFileToPacket(file, options)) });
  } catch (error) {
    parentPort!.postMessage({ id: batch.id, error: error instanceof Error ? error.message : String(error) });
  }
});
