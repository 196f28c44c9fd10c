/**
 * Which addresses the capture fetcher may connect to: public unicast ones only (ipaddr.js names
 * the ranges). An IPv4-mapped IPv6 address is judged by the IPv4 address inside it; the other
 * IPv6 forms that carry an IPv4 address (NAT64, 6to4, Teredo) are refused outright, since the
 * address they lead to cannot be checked here.
 */
import ipaddr from 'ipaddr.js';

/** Why an address may not be fetched, or null when it is a public unicast address. */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_WORDS[range] ?? `a reserved address (${range})`;
}

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'link-local (this includes the cloud metadata service, 169.254.169.254)',
  loopback: 'this machine (loopback)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'private',
  uniqueLocal: 'private (IPv6 unique local)',
  reserved: 'reserved',
  rfc6052: 'an IPv6 translation of an IPv4 address (NAT64)',
  '6to4': 'a 6to4 address (it embeds an IPv4 address)',
  teredo: 'a Teredo address (it embeds an IPv4 address)',
};

export function refusalSentence(address: string, why: string, hostname: string): string {
  const shown = hostname === address ? address : `${address} (${hostname})`;
  return why === 'private' ? `The address is private: ${shown}.` : `The address is ${why}: ${shown}.`;
}
