import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log record. Environment variable values are the
 * secrets a Lambda manifest carries; they are redacted by pino itself rather than by care at each
 * call site.
 */
export const REDACTED_PATHS = [
  '*.environment.variables',
  '*.Environment.Variables',
  '*.*.environment.variables',
  '*.*.Environment.Variables',
  'environment.variables',
  'Environment.Variables',
  'Variables',
  '*.Variables',
  '*.*.Variables',
];

/** How a logger is made: level and format come from the command line, never from import time. */
export interface LoggerOptions {
  level: string;
  format: 'json' | 'pretty';
  /** Where the lines go; stderr unless a test passes a stream. */
  destination?: NodeJS.WritableStream;
}

/**
 * Creates the process logger. Logs always go to stderr so stdout stays for command output (plans,
 * summaries) that other tools parse.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  if (options.format === 'pretty') {
    return pino({
      level: options.level,
      redact,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: false } },
    });
  }
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino({ level: options.level, redact }, destination);
}
