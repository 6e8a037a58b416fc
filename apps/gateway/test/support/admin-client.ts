/** Calls the gateway's /admin API with the admin password (or another credential). */
export async function admin(
  stack: { url: string; password: string },
  method: string,
  path: string,
  body?: unknown,
  credential = stack.password,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers each test reads
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${credential}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a client key through the admin API and returns its secret and id. */
export async function createKey(
  stack: { url: string; password: string },
  fields: Record<string, unknown>,
): Promise<{ key: string; id: string }> {
  const created = await admin(stack, 'POST', '/admin/keys', fields);
  if (created.status !== 201) throw new Error(`key not created: ${JSON.stringify(created.body)}`);
  return { key: created.body.key, id: created.body.id };
}
