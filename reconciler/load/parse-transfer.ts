// One estate file read and parsed for another thread, and turned back into documents and source
// ranges on the loading thread. The packet is plain data; the collections' positions travel in the
// order a depth-first walk meets them, which the structured clone keeps.
import { LineCounter } from "yaml";
import type { Diagnostic } from "../model/diagnostic.js";
import { DiagnosticSink } from "./diagnostic-sink.js";
import type { EnvSource } from "./env-substitution.js";
import type { EstateFile } from "./estate-files.js";
import type { LoadLimits } from "./limits.js";
import { parseEstateText, type ParsedDocument } from "./parse-documents.js";
import { readEstateFile } from "./read-estate-file.js";
import { CollectionInfo, SourceIndex, type SourceFile, type TransferredCollection } from "./source-index.js";

export interface ParsedFilePacket {
  display: string;
  /** Everything reading and parsing the file reported, in order. */
  diagnostics: Diagnostic[];
  /** null when no document was parsed. */
  lineStarts: number[] | null;
  documents: { index: number; data: unknown; start: number; end: number }[];
  /** One entry per object or array of the documents' data, in walk order; null when it has no positions. */
  collections: (TransferredCollection | null)[];
}

export interface PacketOptions {
  env: EnvSource;
  limits: LoadLimits;
  reader: "fast" | "reference";
}

export function parseFileToPacket(file: EstateFile, options: PacketOptions): ParsedFilePacket {
  const sink = new DiagnosticSink();
  const index = new SourceIndex();
  const text = readEstateFile(file, sink, options.limits);
  const documents = text === undefined ? [] : parseEstateText(text, file.display, { sink, index, env: options.env, limits: options.limits, reader: options.reader });
  const collections: (TransferredCollection | null)[] = [];
  walkCollections(documents.map((d) => d.data), (collection) => collections.push(index.info(collection)?.toTransfer() ?? null));
  return {
    display: file.display,
    diagnostics: sink.diagnostics,
    lineStarts: documents[0]?.file.lines.lineStarts ?? null,
    documents: documents.map((d) => ({ index: d.index, data: d.data, start: d.range.start, end: d.range.end })),
    collections,
  };
}

/** Replays the packet's diagnostics into `sink`, registers its positions in `index`, returns its documents. */
export function unpackParsedFile(packet: ParsedFilePacket, sink: DiagnosticSink, index: SourceIndex): ParsedDocument[] {
  sink.diagnostics.push(...packet.diagnostics);
  if (packet.lineStarts === null) return [];
  const lines = new LineCounter();
  for (const start of packet.lineStarts) lines.addNewLine(start);
  const file: SourceFile = { path: packet.display, lines };
  let next = 0;
  walkCollections(packet.documents.map((d) => d.data), (collection) => {
    const transferred = packet.collections[next++];
    if (transferred) index.set(collection, CollectionInfo.fromTransfer(file, transferred));
  });
  return packet.documents.map((d) => ({ file, index: d.index, data: d.data, range: { file, start: d.start, end: d.end } }));
}

function walkCollections(roots: readonly unknown[], visit: (collection: object) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    visit(value);
    if (Array.isArray(value)) for (const item of value) walk(item);
    else for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
  };
  for (const root of roots) walk(root);
}
