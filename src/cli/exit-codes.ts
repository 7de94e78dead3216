/** Process exit codes every command uses; the README lists them. */
export const ExitCode = {
  /** Success; for plan, no changes. */
  Ok: 0,
  /** An error: invalid manifests, AWS failure, bad options. */
  Error: 1,
  /** `plan --detailed-exitcode` only: the plan has changes. */
  Changes: 2,
  /** A guardrail with `enforcement: Block` was violated; nothing was changed. */
  Blocked: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
