/** Gemini's image aspect ratios, as width / height. */
const RATIOS: readonly (readonly [string, number])[] = [
  ['1:1', 1],
  ['2:3', 2 / 3],
  ['3:2', 3 / 2],
  ['3:4', 3 / 4],
  ['4:3', 4 / 3],
  ['4:5', 4 / 5],
  ['5:4', 5 / 4],
  ['9:16', 9 / 16],
  ['16:9', 16 / 9],
  ['21:9', 21 / 9],
];

/** Gemini's `generationConfig.imageConfig`. */
export interface GeminiImageConfig {
  aspectRatio?: string;
  imageSize?: '1K' | '2K' | '4K';
}

/**
 * OpenAI's `size` (`1024x1024`, `1792x1024`, `auto`…) as Gemini's image config: the closest
 * aspect ratio, and for models that take it (Gemini 3 image models) the image size class of the
 * longer side (≤ 1024 → 1K, ≤ 2048 → 2K, else 4K). `auto` or no size: the model decides.
 */
export function imageConfigForSize(
  size: string | undefined,
  model: string,
): GeminiImageConfig | undefined {
  const match = size === undefined ? null : /^(\d+)x(\d+)$/.exec(size);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width === 0 || height === 0) return undefined;
  const wanted = Math.log(width / height);
  let best = RATIOS[0] ?? ['1:1', 1];
  for (const ratio of RATIOS) {
    if (Math.abs(Math.log(ratio[1]) - wanted) < Math.abs(Math.log(best[1]) - wanted)) best = ratio;
  }
  const longest = Math.max(width, height);
  const sized = /^gemini-3/.test(model);
  return {
    aspectRatio: best[0],
    ...(sized ? { imageSize: longest <= 1024 ? '1K' : longest <= 2048 ? '2K' : '4K' } : {}),
  };
}
