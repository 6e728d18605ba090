import type { ErrorCode } from "./error-codes.js";

/** Where in an estate file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface CspctlErrorOptions {
  code: ErrorCode;
  message: string;
  hint?: string;
  source?: SourceLocation;
  address?: string;
  cause?: unknown;
}

/**
 * The one base error. `code` is public API (`area.snake_case`, listed in core/error-codes.ts),
 * `message` says what happened, `hint` what to do next. Library code throws these; only cli/
 * turns them into output and exit codes.
 */
export class CspctlError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly source: SourceLocation | undefined;
  readonly address: string | undefined;

  constructor(options: CspctlErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CspctlError";
    this.code = options.code;
    this.hint = options.hint;
    this.source = options.source;
    this.address = options.address;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.source === undefined ? {} : { source: this.source }),
      ...(this.address === undefined ? {} : { address: this.address }),
    };
  }
}
