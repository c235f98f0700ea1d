import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { TargetRefusedError } from '../errors.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Which addresses deliveries may reach (server-side request forgery): only public unicast
 * addresses, unless the administrator allows a range. Private (RFC 1918, unique-local),
 * loopback, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast,
 * unspecified and reserved ranges are refused, and IPv4 addresses written as IPv6
 * (`::ffff:127.0.0.1`) are judged as the IPv4 address they are. Ranges come from the maintained
 * `ipaddr.js` library.
 */
export class TargetPolicy {
  readonly #allowed: Range[];

  /** @param allowed CIDR ranges allowed although not public (`127.0.0.0/8`); a bad one throws naming it. */
  constructor(allowed: readonly string[]) {
    this.#allowed = allowed.map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr) as Range;
      } catch (cause) {
        throw new RangeError(`allowPrivateTargets: '${cidr}' is not a CIDR range (e.g. 127.0.0.0/8)`, {
          cause,
        });
      }
    });
  }

  /** Why an address is refused (its range, e.g. `loopback`), or `undefined` when it may be called. */
  refusal(address: string): string | undefined {
    if (!ipaddr.isValid(address)) return 'not an IP address';
    const ip = ipaddr.process(address);
    const range = ip.range();
    if (range === 'unicast') return undefined;
    for (const [base, bits] of this.#allowed) {
      if (base.kind() === ip.kind() && ip.match(base as never, bits)) return undefined;
    }
    return range;
  }

  /** Throws {@link TargetRefusedError} when the address is refused. */
  assert(host: string, address: string): void {
    const range = this.refusal(address);
    if (range === undefined) return;
    throw new TargetRefusedError(
      `the webhook target ${host} resolves to ${address}, a ${range} address; deliveries go to public addresses only (allow a range with the plugin's allowPrivateTargets option)`,
      { host, address, range },
    );
  }

  /**
   * Checks a URL as far as it can without DNS: an IP-literal host, or `localhost`. Answers the
   * refusal's reason, or `undefined` (hosts by name are checked again, resolved, at each delivery).
   */
  urlRefusal(url: string): string | undefined {
    let host: string;
    try {
      host = hostOf(new URL(url));
    } catch {
      return 'not a URL';
    }
    if (host === 'localhost' || host.endsWith('.localhost')) return this.refusal('127.0.0.1');
    return isIP(host) ? this.refusal(host) : undefined;
  }
}

/** The host of a URL without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
