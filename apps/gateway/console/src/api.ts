/** An /admin or /console/api error, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

export const csrfToken = meta('csrf-token');
export const gatewayVersion = meta('gateway-version');

/** Calls the gateway with the session cookie and the CSRF header; a lost session goes to sign-in. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'x-csrf-token': csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 401 && path.startsWith('/console/')) {
    location.assign('/console/sign-in');
    throw new ApiError(401, 'signed out');
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const message = (data as { error?: { message?: string } } | undefined)?.error?.message;
    throw new ApiError(response.status, message ?? `HTTP ${response.status}`);
  }
  return data as T;
}

export const getJson = <T>(path: string): Promise<T> => api<T>('GET', path);
