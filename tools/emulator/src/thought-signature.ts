import { randomBytes } from 'node:crypto';

/** A fresh opaque signature: base64 of `emu-sig:<model>:<random>`. */
export function createThoughtSignature(model: string): string {
  return Buffer.from(`emu-sig:${model}:${randomBytes(12).toString('hex')}`).toString('base64');
}
