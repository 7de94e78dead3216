import type { ManifestProblem, SourceLocation } from './types.js';

/**
 * Renders a problem the way editors and CI annotate: `path/to/file.yaml:12:5: message`, always on
 * one line. Control characters (a newline or an ANSI escape in a key or file name the manifest
 * chose) are shown as `\uXXXX`, so hostile input can neither forge lines nor paint the terminal.
 */
export function formatProblem(problem: ManifestProblem): string {
  const { file, line, column } = problem.location;
  return `${printable(file)}:${line}:${column}: ${printable(problem.message)}`;
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A problem at `location`. */
export function problemAt(location: SourceLocation, message: string): ManifestProblem {
  return { location, message };
}

/** The start of a file, for problems with the file as a whole. */
export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/** Sorts problems by file, line, column, then message, and drops exact repeats. */
export function sortProblems(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort(
      (a, b) =>
        compareText(a.location.file, b.location.file) ||
        a.location.line - b.location.line ||
        a.location.column - b.location.column ||
        compareText(a.message, b.message),
    )
    .filter((problem) => {
      const key = formatProblem(problem);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
