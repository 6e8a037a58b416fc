/**
 * A `.dockerignore` matcher covering the pattern forms this repository uses: plain paths
 * (`docs`), `**` prefixes (`**\/node_modules`), `*` and `?` inside a segment, and `!` exceptions.
 * A path is ignored when it, or one of its parent directories, matches the last applicable rule.
 */
export function createDockerignore(text: string): (relativePath: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negate, regex: toRegex(pattern) };
    });
  return (relativePath) => {
    const parts = relativePath.split('/').filter(Boolean);
    let ignored = false;
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const candidate = parts.slice(0, depth).join('/');
      for (const rule of rules) if (rule.regex.test(candidate)) ignored = !rule.negate;
      if (ignored) return true;
    }
    return ignored;
  };
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] ?? '';
    if (pattern.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (pattern.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
