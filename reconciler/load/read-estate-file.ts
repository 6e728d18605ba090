// Reads one estate file as text, refusing what is not: too large, binary, or not UTF-8.
import { openSync, closeSync, fstatSync, readFileSync } from "node:fs";
import type { SourceSpan } from "../model/diagnostic.js";
import { type DiagnosticSink, fileStart } from "./diagnostic-sink.js";
import type { EstateFile } from "./estate-files.js";
import type { LoadLimits } from "./limits.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Synchronous on purpose (see estate-files.ts); the size is checked on the open file before reading it. */
export function readEstateFile(file: EstateFile, sink: DiagnosticSink, limits: LoadLimits): string | undefined {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(file.absolute, "r");
    const info = fstatSync(fd);
    if (!info.isFile()) {
      sink.error(
        "estate.file_unreadable",
        `"${file.display}" is not a readable file`,
        fileStart(file.display),
        "pass an estate file or folder",
      );
      return undefined;
    }
    if (info.size > limits.maxFileBytes) {
      sink.error(
        "estate.file_too_large",
        `"${file.display}" is ${info.size} bytes; estate files may be at most ${limits.maxFileBytes} bytes`,
        fileStart(file.display),
        "split the file: an estate may be a folder of many files",
      );
      return undefined;
    }
    bytes = readFileSync(fd);
  } catch (error) {
    sink.error(
      "estate.file_unreadable",
      `"${file.display}" cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      fileStart(file.display),
      "check the file's permissions",
    );
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    sink.error(
      "estate.binary_file",
      `"${file.display}" is not a text file (NUL byte)`,
      spanAtByte(file.display, bytes, nul),
      "estate files are UTF-8 YAML text",
    );
    return undefined;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    sink.error(
      "estate.invalid_utf8",
      `"${file.display}" is not valid UTF-8`,
      spanAtByte(file.display, bytes, offset),
      "save the file as UTF-8",
    );
    return undefined;
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += length;
  }
  return bytes.length;
}

/** Line and column (in characters) of a byte offset. */
function spanAtByte(file: string, bytes: Uint8Array, offset: number): SourceSpan {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { file, line, column, endLine: line, endColumn: column + 1 };
}
