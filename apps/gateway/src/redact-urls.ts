/**
 * `scheme://authority path ?query` inside a log line (JSON text: a URL ends at a quote, a
 * backslash or whitespace).
 */
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s"\\/?#]*)([^\s"\\?#]*)(\?[^\s"\\#]*)?/gi;

/**
 * `text` with the secrets URLs carry hidden: userinfo (`user:password@` → `***@`) and query
 * values (`?sig=abc&x=1` → `?sig=***&x=***`: names stay, for debugging). Image URLs clients send
 * may be signed (S3, GCS) or embed a password, and error messages quote them.
 */
export function redactUrls(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(
    URL_IN_TEXT,
    (whole, scheme: string, authority: string, path: string, query: string | undefined) => {
      const at = authority.lastIndexOf('@');
      if (at === -1 && (query === undefined || query.length <= 1)) return whole;
      const host = at === -1 ? authority : `***@${authority.slice(at + 1)}`;
      return `${scheme}${host}${path}${query === undefined ? '' : redactQuery(query)}`;
    },
  );
}

function redactQuery(query: string): string {
  if (query.length <= 1) return query;
  const params = query
    .slice(1)
    .split('&')
    .map((param) => {
      const equals = param.indexOf('=');
      return equals === -1 ? (param === '' ? '' : '***') : `${param.slice(0, equals)}=***`;
    });
  return `?${params.join('&')}`;
}
