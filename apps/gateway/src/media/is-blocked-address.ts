import { BlockList, isIP } from 'node:net';

/**
 * IPv4 ranges no image URL may reach: "this network", private, CGNAT, loopback, link-local
 * (cloud metadata), IETF protocol assignments, documentation, benchmarking, multicast, reserved
 * and broadcast.
 */
const BLOCKED_V4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, up to the broadcast 255.255.255.255
] as const) {
  BLOCKED_V4.addSubnet(network, prefix, 'ipv4');
}

/**
 * IPv6 ranges refused outright: unique-local, link-local, site-local, multicast, 6to4 (it embeds
 * an IPv4 address; deprecated), local-use NAT64, Teredo, documentation, discard-only. The
 * prefixes that embed an IPv4 address in their last 32 bits are judged by that address instead
 * (see {@link embeddedIpv4}).
 */
const BLOCKED_V6 = new BlockList();
for (const [network, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2002::', 16],
  ['64:ff9b:1::', 48],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  BLOCKED_V6.addSubnet(network, prefix, 'ipv6');
}

/**
 * True when an IP address is one a client must not make the gateway fetch (SSRF): loopback,
 * private, link-local (cloud metadata at 169.254.169.254), unique- and site-local, multicast,
 * broadcast, reserved, documentation and benchmarking ranges, unspecified. An IPv6 address that
 * carries an IPv4 one — IPv4-mapped `::ffff:0:0/96` in any spelling, IPv4-translated
 * `::ffff:0:0:0/96`, NAT64 `64:ff9b::/96` — is judged as that IPv4 address (so NAT64 to a
 * public site still works on an IPv6-only host); the deprecated IPv4-compatible `::/96` (with
 * `::` and `::1`) is refused. Anything that is not an IP address is refused too.
 */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED_V4.check(bare, 'ipv4');
  if (family !== 6) return true; // not an IP: refuse rather than guess
  const groups = ipv6Groups(bare);
  if (!groups) return true;
  const embedded = embeddedIpv4(groups);
  if (embedded === 'refuse') return true;
  if (embedded) return BLOCKED_V4.check(embedded, 'ipv4');
  return BLOCKED_V6.check(bare, 'ipv6');
}

/**
 * The IPv4 address an IPv4-carrying IPv6 address reaches, 'refuse' for IPv4-compatible `::/96`,
 * or undefined for an ordinary IPv6 address.
 */
function embeddedIpv4(groups: readonly number[]): string | 'refuse' | undefined {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const ipv4 = [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255].join('.');
  const zeroTo3 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeroTo3 && g4 === 0 && g5 === 0xffff) return ipv4; // ::ffff:0:0/96, mapped
  if (zeroTo3 && g4 === 0xffff && g5 === 0) return ipv4; // ::ffff:0:0:0/96, translated
  if (zeroTo3 && g4 === 0 && g5 === 0) return 'refuse'; // ::/96, compatible (and ::, ::1)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4;
  return undefined;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted quad read). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.map((group) => parseInt(group, 16));
}
