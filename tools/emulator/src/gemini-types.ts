import type { JsonObject } from './json-object';

/** One part of a Gemini `Content` as the emulator emits or reads it (camelCase). */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { name: string; args?: JsonObject; id?: string };
  functionResponse?: { name: string; response?: JsonObject; id?: string };
  executableCode?: JsonObject;
  codeExecutionResult?: JsonObject;
}

/** A Gemini `Content`: a role and its parts. */
export interface GeminiContent {
  role?: string;
  parts: GeminiPart[];
}

/** A function declaration inside `tools[].functionDeclarations`. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: unknown;
  parametersJsonSchema?: unknown;
}

/** The inner `request` of a Code Assist generate call, after validation and key normalisation. */
export interface GeminiGenerateRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: { functionDeclarations?: GeminiFunctionDeclaration[]; [key: string]: unknown }[];
  toolConfig?: {
    functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] };
  };
  safetySettings?: unknown[];
  generationConfig?: GeminiGenerationConfig;
  sessionId?: string;
  [key: string]: unknown;
}

/** `generationConfig` fields the fake model reads. */
export interface GeminiGenerationConfig {
  temperature?: number;
  candidateCount?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  responseMimeType?: string;
  responseSchema?: unknown;
  responseJsonSchema?: unknown;
  thinkingConfig?: { includeThoughts?: boolean; thinkingBudget?: number; thinkingLevel?: string };
  [key: string]: unknown;
}

/** `usageMetadata` of a generate response. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
  trafficType?: string;
  [key: string]: unknown;
}

/** A response candidate as it appears on the wire. */
export interface GeminiCandidate {
  content?: { role: string; parts: GeminiPart[] };
  finishReason?: string;
  index?: number;
  [key: string]: unknown;
}

/** The inner `response` object of a Code Assist generate answer. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: unknown;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  createTime?: string;
  responseId?: string;
}
