import type { Logger } from 'pino';
import { createToken } from '../di/tokens.js';
import type { IdempotencyKeys } from '../idempotency/idempotency-keys.js';
import type { LinkTokens } from '../links/link-tokens.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { ServerSecret } from '../secrets/server-secret.js';
import type { Sessions } from '../sessions/session-service.js';
import type { DataStore } from '../store/types.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { Clock } from '../util/clock.js';
import type { Kernel, KernelEvents } from './kernel-types.js';

/** The data store the kernel runs on. */
export const STORE = createToken<DataStore>('kernel.store');
/** The kernel clock; inject it instead of calling `Date.now()`. */
export const CLOCK = createToken<Clock>('kernel.clock');
/** A pino logger; inside a plugin's services it is that plugin's child logger. */
export const LOGGER = createToken<Logger>('kernel.logger');
/** The metrics registry. */
export const METRICS = createToken<MetricsRegistry>('kernel.metrics');
/** The event API (emit, drain). */
export const EVENTS = createToken<KernelEvents>('kernel.events');
/** The kernel itself, for services that need the data API. */
export const KERNEL = createToken<Kernel>('kernel.kernel');
/** Link tokens for public routes: issue, verify, consume, revoke. */
export const LINKS = createToken<LinkTokens>('kernel.links');
/** Idempotency keys: a retried write with the same key gets the first result, not a second write. */
export const IDEMPOTENCY = createToken<IdempotencyKeys>('kernel.idempotency');
/** The server secret (HMACs under keys derived for a use; the keys never leave it). */
export const SERVER_SECRET = createToken<ServerSecret>('kernel.serverSecret');
/** Sign-in sessions of users (stored hashed; needs the `users()` plugin). */
export const SESSIONS = createToken<Sessions>('kernel.sessions');
/**
 * Operational telemetry: the kernel's Prometheus registry (served at `GET /metrics`) with counter,
 * histogram and gauge helpers for plugins' own figures, and the tracer when tracing is on.
 */
export const TELEMETRY = createToken<Telemetry>('kernel.telemetry');
