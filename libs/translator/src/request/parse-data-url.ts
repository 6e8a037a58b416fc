/** A parsed base64 data URL. */
export interface ParsedDataUrl {
  [key: string]: unknown;
  mimeType: string;
  data: string;
}

/**
 * Parses `data:<mime>[;param…];base64,<data>` with real data-URL rules: parameters such as
 * `;name=a.jpg` or `;charset=…` are allowed, `base64` is case-insensitive, the mime type is
 * lower-cased. Returns `undefined` for anything else (including non-base64 data URLs).
 */
export function parseDataUrl(url: string): ParsedDataUrl | undefined {
  if (!/^data:/i.test(url)) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const [mimeType = '', ...params] = url.slice(5, comma).split(';');
  if (!params.some((param) => param.trim().toLowerCase() === 'base64')) return undefined;
  const data = url.slice(comma + 1).trim();
  if (mimeType.trim() === '' || data === '') return undefined;
  return { mimeType: mimeType.trim().toLowerCase(), data };
}

const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mpeg: 'video/mpeg',
  js: 'text/javascript',
  py: 'text/x-python',
  ts: 'text/plain',
  rtf: 'text/rtf',
};

/** Guesses a mime type from a file name or URL path extension; `undefined` when unknown. */
export function mimeTypeFromName(name: string): string | undefined {
  const path = name.split(/[?#]/)[0] ?? '';
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXTENSION_MIME[path.slice(dot + 1).toLowerCase()];
}
