import type { EmulatorTierId } from './emulator-account';

/** A `GeminiUserTier` as loadCodeAssist reports it. */
export interface CodeAssistTier {
  id: EmulatorTierId;
  name: string;
  description: string;
  userDefinedCloudaicompanionProject: boolean;
  isDefault?: boolean;
  privacyNotice?: { showNotice: boolean; noticeText?: string };
}

const TIERS: Record<EmulatorTierId, CodeAssistTier> = {
  'free-tier': {
    id: 'free-tier',
    name: 'Gemini Code Assist for individuals',
    description: 'Gemini-powered code suggestions and chat in multiple IDEs',
    userDefinedCloudaicompanionProject: false,
    privacyNotice: {
      showNotice: true,
      noticeText: 'This is an emulated privacy notice for Gemini Code Assist for individuals.',
    },
  },
  'standard-tier': {
    id: 'standard-tier',
    name: 'Gemini Code Assist',
    description: 'Unlimited coding assistant with the most powerful Gemini models',
    userDefinedCloudaicompanionProject: true,
    privacyNotice: { showNotice: false },
  },
  'legacy-tier': {
    id: 'legacy-tier',
    name: 'Gemini Code Assist (legacy)',
    description: 'Gemini Code Assist for Google Cloud projects',
    userDefinedCloudaicompanionProject: true,
    privacyNotice: { showNotice: false },
  },
};

/** All tier ids in the order loadCodeAssist lists them. */
export const TIER_IDS: readonly EmulatorTierId[] = ['free-tier', 'standard-tier', 'legacy-tier'];

/** A fresh copy of a tier description. */
export function describeTier(id: EmulatorTierId, isDefault?: boolean): CodeAssistTier {
  const tier: CodeAssistTier = structuredClone(TIERS[id]);
  if (isDefault !== undefined) tier.isDefault = isDefault;
  return tier;
}

/** True for a known tier id. */
export function isTierId(value: unknown): value is EmulatorTierId {
  return typeof value === 'string' && (TIER_IDS as readonly string[]).includes(value);
}
