import { readFile, stat } from 'node:fs/promises';
import type { FoundFile } from './discover.js';
import { fileStart, problemAt } from './problems.js';
import type { ManifestProblem, SourceLocation } from './types.js';

/** The text of a manifest file, or the one problem that stops it from being read as YAML. */
export type FileText = { text: string } | { problem: ManifestProblem };

/**
 * Reads a manifest file as UTF-8 text. Refuses (as a located problem, never a throw) files over
 * `maxBytes`, binary files (a NUL byte) and bytes that are not valid UTF-8. Drops a leading BOM.
 */
export async function readManifestText(file: FoundFile, maxBytes: number): Promise<FileText> {
  try {
    const { size } = await stat(file.realPath);
    if (size > maxBytes) {
      const message = `file is ${size} bytes, over the limit of ${maxBytes} bytes`;
      return { problem: problemAt(fileStart(file.path), message) };
    }
    return decode(file.path, await readFile(file.realPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { problem: problemAt(fileStart(file.path), `cannot read file: ${code}`) };
  }
}

function decode(path: string, bytes: Buffer): FileText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const message = 'file is binary (it contains a NUL byte), not YAML text';
    return { problem: problemAt(locationOf(path, bytes, nul), message) };
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    const offset = firstInvalidByte(bytes);
    const byte = hex(bytes[offset]);
    const message = `file is not valid UTF-8 text (byte 0x${byte} starts no valid character)`;
    return { problem: problemAt(locationOf(path, bytes, offset), message) };
  }
}

/** The offset of the first byte sequence a lenient decoder had to replace. */
function firstInvalidByte(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  let offset = 0;
  for (const character of text) {
    const genuine =
      character !== '\uFFFD' || bytes.subarray(offset, offset + 3).equals(REPLACEMENT);
    if (!genuine) return offset;
    offset += Buffer.byteLength(character);
  }
  return offset;
}

const REPLACEMENT = Buffer.from('\uFFFD');

function locationOf(file: string, bytes: Buffer, offset: number): SourceLocation {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (const byte of before) if (byte === 0x0a) line++;
  return { file, line, column: offset - lineStart + 1 };
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}
