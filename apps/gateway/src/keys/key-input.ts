import { z } from 'zod';

const limit = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be above 0')
  .max(Number.MAX_SAFE_INTEGER)
  .nullable();

const modelGlob = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9._/*?:-]+$/, 'may hold letters, digits, . _ / : - and the wildcards * ?');

const isoTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 time such as 2030-01-31T00:00:00Z' })
  .transform((value) => new Date(value).toISOString())
  .nullable();

/** The limits and allow-list a key may carry (null clears one). */
const keyFields = {
  models: z.array(modelGlob).max(100).nullable().optional(),
  rpm: limit.optional(),
  tpm: limit.optional(),
  daily_tokens: limit.optional(),
  expires_at: isoTime.optional(),
};

/** `POST /admin/keys` and `keys create`. */
export const createKeyInputSchema = z.strictObject({
  name: z
    .string({ error: 'is required (a name for the person or app using the key)' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  ...keyFields,
});

/** `PATCH /admin/keys/{id}` and `keys update`. */
export const updateKeyInputSchema = z.strictObject({
  name: createKeyInputSchema.shape.name.optional(),
  ...keyFields,
});

export type CreateKeyInput = z.infer<typeof createKeyInputSchema>;
export type UpdateKeyInput = z.infer<typeof updateKeyInputSchema>;

/** One readable line per problem: `rpm: must be above 0`. */
export function describeInputProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

/** `30d`, `12h`, `90m` or `3600s` from now, as an ISO time; undefined when unparsable. */
export function expiryFromDuration(text: string, now = Date.now()): string | undefined {
  const match = /^(\d+)\s*([smhdw])$/i.exec(text.trim());
  const [, amount, unitName] = match ?? [];
  if (amount === undefined || unitName === undefined) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[
    unitName.toLowerCase() as 's' | 'm' | 'h' | 'd' | 'w'
  ];
  return new Date(now + Number(amount) * unit * 1000).toISOString();
}
