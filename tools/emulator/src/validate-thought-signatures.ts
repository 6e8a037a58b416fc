import { isJsonObject, type JsonObject } from './json-object';
import { invalidArgument, type ValidationFailure } from './validation-failure';

/** Signature values Google accepts in place of a real one (protocol reference §8.3). */
export const BYPASS_THOUGHT_SIGNATURES: readonly string[] = [
  'skip_thought_signature_validator',
  'context_engineering_is_the_way_to_go',
];

/** True for model ids that enforce thought signatures (`gemini-3*`). */
export function isGemini3Model(model: string): boolean {
  return model.startsWith('gemini-3');
}

/**
 * Gemini 3 rule (protocol reference §8.2): in the current turn — from the last user content that
 * has text and no functionResponse — the first functionCall part of every model content must
 * carry a non-empty `thoughtSignature`. Other models are not checked. `contents` must already be
 * structurally valid.
 */
export function validateThoughtSignatures(
  contents: readonly JsonObject[],
  model: string,
): ValidationFailure | undefined {
  if (!isGemini3Model(model)) return undefined;
  const corrupted = findCorruptedSignature(contents);
  if (corrupted) return corrupted;
  const start = currentTurnStart(contents);
  for (let index = start; index < contents.length; index++) {
    const content = contents[index];
    if (content?.role !== 'model') continue;
    const parts = Array.isArray(content.parts) ? content.parts : [];
    const call = parts.find((part) => isJsonObject(part) && isJsonObject(part.functionCall));
    if (!isJsonObject(call)) continue;
    const signature = call.thoughtSignature;
    if (typeof signature === 'string' && signature !== '') continue;
    const name = isJsonObject(call.functionCall) ? String(call.functionCall.name) : '';
    return invalidArgument(
      `Unable to submit request because function call \`${name}\` in the ${index + 1}. content block is missing a \`thought_signature\`. Learn more: https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures`,
    );
  }
  return undefined;
}

function currentTurnStart(contents: readonly JsonObject[]): number {
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index];
    if (content?.role !== 'user') continue;
    const parts = Array.isArray(content.parts) ? content.parts.filter(isJsonObject) : [];
    const hasText = parts.some((part) => typeof part.text === 'string');
    const hasResponse = parts.some((part) => part.functionResponse !== undefined);
    if (hasText && !hasResponse) return index;
  }
  return 0;
}

/** What the emulator's signatures decode to (see thought-signature.ts): `emu-sig:<model>:<hex>`. */
const ISSUED = /^emu-sig:[^:]+:[0-9a-f]{24}$/;

/**
 * Gemini 3 decrypts every signature it is sent: one it did not issue (made up, truncated,
 * edited) is a 400 "Corrupted thought signature." (protocol reference §8.2). The bypass values
 * pass, and so does a signature the emulator issued for another model (Google drops those of an
 * incompatible family silently).
 */
function findCorruptedSignature(contents: readonly JsonObject[]): ValidationFailure | undefined {
  for (const content of contents) {
    const parts = Array.isArray(content.parts) ? content.parts : [];
    for (const part of parts) {
      if (!isJsonObject(part) || typeof part.thoughtSignature !== 'string') continue;
      const signature = part.thoughtSignature;
      if (signature === '' || BYPASS_THOUGHT_SIGNATURES.includes(signature)) continue;
      if (!ISSUED.test(Buffer.from(signature, 'base64').toString('latin1')))
        return invalidArgument('Corrupted thought signature.');
    }
  }
  return undefined;
}
