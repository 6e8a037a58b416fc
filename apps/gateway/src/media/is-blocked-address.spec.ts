import { isBlockedAddress } from './is-blocked-address';

/** Special-purpose ranges a client must not reach through the gateway, one table per range. */
describe('isBlockedAddress: the remaining special ranges', () => {
  it.each([
    // 198.18.0.0/15: benchmarking (often lab or internal gear)
    ['198.18.0.1', true],
    ['198.19.255.254', true],
    ['198.17.255.255', false],
    ['198.20.0.0', false],
    // 224.0.0.0/4: multicast
    ['224.0.0.1', true],
    ['239.255.255.250', true],
    ['223.255.255.255', false],
    // 240.0.0.0/4: reserved, and 255.255.255.255: limited broadcast
    ['240.0.0.1', true],
    ['255.255.255.255', true],
    // 192.0.0.0/24 (IETF), 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (documentation)
    ['192.0.0.170', true],
    ['192.0.2.1', true],
    ['198.51.100.7', true],
    ['203.0.113.9', true],
    ['192.0.3.1', false],
  ])('IPv4 %s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it.each([
    // ::ffff:0:0/96 (IPv4-mapped), in every spelling, judged as the IPv4 address it maps
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['0:0:0:0:0:ffff:7f00:1', true],
    ['0000:0000:0000:0000:0000:ffff:7f00:0001', true],
    ['::0:ffff:a9fe:a9fe', true], // 169.254.169.254
    ['::FFFF:C0A8:0101', true], // 192.168.1.1, upper case
    ['::ffff:808:808', false], // 8.8.8.8
    // ::ffff:0:0:0/96 (IPv4-translated), judged the same way
    ['::ffff:0:7f00:1', true],
    ['::ffff:0:127.0.0.1', true],
    ['::ffff:0:808:808', false],
    // ::/96 (IPv4-compatible, deprecated): all refused
    ['::7f00:1', true],
    ['::127.0.0.1', true],
    ['::808:808', true],
    // 64:ff9b::/96 (NAT64): judged as the IPv4 address it reaches through the NAT64 gateway
    ['64:ff9b::7f00:1', true],
    ['64:ff9b::127.0.0.1', true],
    ['64:ff9b::a00:1', true],
    ['64:ff9b::808:808', false],
    // 64:ff9b:1::/48 (local-use NAT64): refused
    ['64:ff9b:1::808:808', true],
    // 2002::/16 (6to4, deprecated; embeds an IPv4 address): refused
    ['2002:7f00:1::1', true],
    ['2002:808:808::1', true],
    // fec0::/10 (site-local, deprecated)
    ['fec0::1', true],
    ['feff::1', true],
    // ff00::/8 (multicast)
    ['ff02::1', true],
    ['ff05::1:3', true],
    // 2001::/32 (Teredo), 2001:db8::/32 (documentation), 100::/64 (discard)
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', true],
    ['2001:db8::1', true],
    ['100::1', true],
    // zone ids and brackets
    ['fe80::1%eth0', true],
    ['[::1]', true],
    // public
    ['2001:4860:4860::8888', false],
    ['2606:4700:4700::1111', false],
  ])('IPv6 %s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});
