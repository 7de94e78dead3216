// Characters that can start markup in GitHub Markdown or HTML (`$` starts math, `@` a mention that
// would notify people, `#` an issue link). Numeric entities stay literal both in Markdown text and
// inside HTML blocks such as <summary>, where backslash escapes would show.
const MARKUP = /[&<>"'`|*_[\]\\~$#!@]/g;

/**
 * Escapes user-controlled text for a Markdown table cell, list item or HTML element: markup
 * characters become numeric entities and line breaks become spaces, so the text can neither
 * format itself nor leave the cell or element it is in.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(MARKUP, (character) => `&#${character.charCodeAt(0)};`)
  );
}

/**
 * A code fence longer than any backtick run in `body`, so no line of the body can close it.
 */
export function fenceFor(body: string): string {
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}
