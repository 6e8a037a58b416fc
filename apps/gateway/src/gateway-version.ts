/** The gateway's version, as in apps/gateway/package.json (a test keeps the two equal). */
export const GATEWAY_VERSION = '0.1.0';
