import { Option, type Command } from 'commander';
import type { Condition, ConditionType, ResourceStatus } from '../daemon/conditions.js';
import type { StatusReport } from '../daemon/status-report.js';
import type { CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';

interface StatusFlags {
  endpointOfDaemon: string;
  format: 'text' | 'json';
}

/** `lmi status`: prints what a running daemon reports on /status. */
export const registerStatus: CommandRegistrar = (context) => {
  context.program
    .command('status')
    .description("show a running daemon's resources, conditions and last pass")
    .option('--endpoint-of-daemon <url>', 'base URL of the daemon', 'http://127.0.0.1:8080')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action((flags: StatusFlags, _command: Command) =>
      context.run(async () => {
        const report = await fetchStatus(flags.endpointOfDaemon);
        const text =
          flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report);
        context.stdout.write(text);
        return ExitCode.Ok;
      }),
    );
};

/** Fetches /status from a daemon. Throws when it cannot be reached or answers other than 200. */
export async function fetchStatus(baseUrl: string): Promise<StatusReport> {
  const url = new URL('/status', baseUrl);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`cannot reach the daemon at ${url.href}`, { cause: error });
  }
  if (!response.ok) throw new Error(`the daemon answered ${response.status} for ${url.href}`);
  return (await response.json()) as StatusReport;
}

const COLUMNS: ConditionType[] = ['Ready', 'Synced', 'Drifted', 'Stalled'];

/** Renders a status report as a last-pass header and a table of resources and conditions. */
export function renderStatus(report: StatusReport): string {
  const lines = [...headerLines(report), ''];
  const header = ['RESOURCE', ...COLUMNS.map((c) => c.toUpperCase()), 'REASON'];
  const rows = report.resources.map((resource) => [
    `${resource.kind}/${resource.name}`,
    ...COLUMNS.map((type) => conditionOf(resource, type)?.status ?? '-'),
    explain(resource),
  ]);
  if (rows.length === 0) lines.push('no resources yet');
  else lines.push(...table([header, ...rows]));
  return `${lines.join('\n')}\n`;
}

function headerLines(report: StatusReport): string[] {
  const pass = report.lastPass;
  const lines = [`controller ${report.controllerId}, mode ${report.mode}`];
  if (!pass) return [...lines, 'no pass has completed yet'];
  lines.push(
    `last pass ${pass.id} finished ${pass.finishedAt} in ${pass.durationSeconds.toFixed(1)}s, ` +
      `revision ${pass.revision ?? 'unknown'}`,
  );
  if (pass.summary) lines.push(`plan: ${counts(pass.summary)}`);
  if (pass.outcomes) lines.push(`apply: ${counts(pass.outcomes)}`);
  if (pass.blocked) lines.push('blocked by a guardrail: nothing was applied');
  for (const problem of pass.manifestProblems) {
    lines.push(
      `manifest problem: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`,
    );
  }
  for (const violation of report.violations) {
    lines.push(
      `guardrail ${violation.guardrail} (${violation.enforcement}): ${violation.kind}/` +
        `${violation.name} ${violation.rule}: found ${violation.found}, allowed ` +
        `${violation.allowed}`,
    );
  }
  if (pass.error) lines.push(`error (${pass.error.errorClass}): ${pass.error.message}`);
  return lines;
}

function counts(record: Partial<Record<string, number>>): string {
  const parts = Object.entries(record)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([name, count]) => `${count} ${name}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function conditionOf(resource: ResourceStatus, type: ConditionType): Condition | undefined {
  return resource.conditions.find((condition) => condition.type === type);
}

/** The condition most worth reading: stalled, drifted, not synced, else ready's. */
function explain(resource: ResourceStatus): string {
  const having = (type: ConditionType, status: string) =>
    resource.conditions.find((c) => c.type === type && c.status === status);
  const worst =
    having('Stalled', 'True') ??
    having('Drifted', 'True') ??
    having('Synced', 'False') ??
    conditionOf(resource, 'Ready');
  return worst ? `${worst.reason}: ${worst.message}` : '';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths?.[column] ?? 0),
      )
      .join('  '),
  );
}
