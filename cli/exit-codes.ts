/** Terraform's convention, which CI users already know. */
export const ExitCode = {
  success: 0,
  error: 1,
  /** Success with changes or drift (`plan --detailed-exitcode`, `drift`). */
  changes: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
