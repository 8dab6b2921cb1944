import { EngineInputError } from '../errors/engine-input-error.ts';
import type { IntentKind } from './order-intents.ts';

/** One letter per intent kind in a client order id. A new kind must get its own letter here (the type makes sure). */
const kindLetters: Readonly<Record<IntentKind, string>> = { rebalance: 'r', flatten: 'f' };

/** Decision times are written as 9 base-36 digits: up to 36⁹ − 1 ms ≈ year 5188. */
const timeDigits = 9;
const maxDecisionTime = 36 ** timeDigits - 1;
const maxDeploymentIdLength = 200;

/**
 * The deterministic client order id of the order a deployment places for the decision of one bar: the same
 * (deployment, decision bar time, kind) always gives the same id, so a retried job or a restarted worker re-submitting
 * it cannot place a second order (the venue rejects a duplicate client id; reconciliation finds the first).
 *
 * Layout (36 characters, `[0-9a-z-]`, within Binance's `^[.A-Z:/a-z0-9_-]{1,36}$` and Coinbase's client_order_id):
 * `<24 hex: 96-bit hash of the deployment id>-<9 base-36 digits: decision time in ms>-<kind letter r|f>`,
 * e.g. `3f9c…-00lqz8g00-r`. Within one deployment ids are distinct by construction (time and kind are written out);
 * across deployments they differ unless two deployment ids collide in 96 bits. The hash is FNV-1a 128 (Fowler–Noll–Vo,
 * IETF draft-eastlake-fnv; offset basis 0x6c62272e07bb014262b821756295c58d, prime 2⁸⁸ + 0x13b) over the id's UTF-8
 * bytes, xor-folded to 96 bits as the FNV authors recommend for shorter hashes. The engine does no I/O and imports no
 * `node:crypto`, so the hash is written here; it is an identifier, not a security measure.
 *
 * @param decisionBarTime OPEN time (ms since the epoch) of the bar whose close decided the order (`intent.decisionTime`).
 * @throws EngineInputError('deploymentId') for an empty id or one over 200 characters, ('decisionBarTime') unless an
 *   integer in [0, 36⁹), ('kind') for an unknown kind.
 */
export function clientOrderId(deploymentId: string, decisionBarTime: number, kind: IntentKind): string {
  if (typeof deploymentId !== 'string' || deploymentId.length === 0 || deploymentId.length > maxDeploymentIdLength) {
    throw new EngineInputError('deploymentId', `deploymentId must be a string of 1 to ${maxDeploymentIdLength} characters`);
  }
  if (!Number.isInteger(decisionBarTime) || decisionBarTime < 0 || decisionBarTime > maxDecisionTime) {
    throw new EngineInputError('decisionBarTime', 'decisionBarTime must be an integer number of ms since the epoch');
  }
  const letter = Object.hasOwn(kindLetters, kind) ? kindLetters[kind] : undefined;
  if (letter === undefined) throw new EngineInputError('kind', `kind must be one of ${Object.keys(kindLetters).join(', ')}`);
  const time = decisionBarTime.toString(36).padStart(timeDigits, '0');
  return `${hashDeploymentId(deploymentId)}-${time}-${letter}`;
}

const fnvOffsetBasis = 0x6c62272e07bb014262b821756295c58dn;
const fnvPrime = 0x0000000001000000000000000000013bn;
const mask128 = (1n << 128n) - 1n;
const mask96 = (1n << 96n) - 1n;
const utf8 = new TextEncoder();

/** FNV-1a 128 of the UTF-8 bytes, as 32 lowercase hex digits (exported for its test vectors). */
export function calculateFnv1a128(text: string): string {
  let hash = fnvOffsetBasis;
  for (const byte of utf8.encode(text)) hash = ((hash ^ BigInt(byte)) * fnvPrime) & mask128;
  return hash.toString(16).padStart(32, '0');
}

/** 96-bit xor-fold of the FNV-1a 128 hash, as 24 hex digits. */
function hashDeploymentId(deploymentId: string): string {
  const hash = BigInt(`0x${calculateFnv1a128(deploymentId)}`);
  return ((hash >> 96n) ^ (hash & mask96)).toString(16).padStart(24, '0');
}
