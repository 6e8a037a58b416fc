/** A fenced code block of a Markdown document. */
export interface CodeBlock {
  /** The info string's first word, e.g. `bash` or `ts`. */
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above the block, for test names. */
  readonly heading: string;
}

/** Every fenced (```) code block of a Markdown document, in order. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  let heading = '';
  let open: { language: string; line: number; body: string[]; fence: string } | undefined;
  lines.forEach((line, index) => {
    if (open) {
      if (line.trim() === open.fence) {
        blocks.push({
          language: open.language,
          code: open.body.join('\n'),
          line: open.line,
          heading,
        });
        open = undefined;
      } else open.body.push(line);
      return;
    }
    const fence = /^\s*(`{3,})\s*([\w-]*)/.exec(line);
    if (fence?.[1]) {
      open = {
        language: (fence[2] ?? '').toLowerCase(),
        line: index + 1,
        body: [],
        fence: fence[1],
      };
      return;
    }
    const title = /^#{1,6}\s+(.+)$/.exec(line);
    if (title?.[1]) heading = title[1].trim();
  });
  return blocks;
}
