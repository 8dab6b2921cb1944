import { Webhook } from 'standardwebhooks';

/** What one delivery attempt came to. */
export interface DeliveryAttemptResult {
  delivered: boolean;
  /** HTTP status of the answer; null for email or when no answer came. */
  httpStatus: number | null;
  /** HTTP status text or the SMTP server's reply, at most 500 characters. */
  response: string | null;
  /** Why it failed, at most 500 characters; null when delivered. */
  error: string | null;
}

/** One signed webhook request. */
export interface SignedWebhookRequest {
  url: string;
  /** The channel's signing secret, `whsec_…` (opened from the secret box just for this call). */
  secret: string;
  /** `webhook-id`: the delivery id, the same on every retry. */
  messageId: string;
  /** `webhook-timestamp`: when this attempt was signed (receivers reject ones older than their replay window, 5 min by default). */
  timestamp: Date;
  /** The JSON body, exactly as signed. */
  body: string;
  /** The whole exchange (connect, headers, body) is aborted after this many milliseconds. */
  timeoutMs: number;
}

const textLimit = 500;

/**
 * POSTs `body` to `url` signed per the Standard Webhooks specification (npm `standardwebhooks`): headers
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` under the secret). 2xx = delivered; redirects are not followed (a 3xx fails); the whole
 * exchange is bounded by `timeoutMs`, so a hanging endpoint holds the worker at most that long. Never throws.
 */
export async function postSignedWebhook(request: SignedWebhookRequest): Promise<DeliveryAttemptResult> {
  let signature: string;
  try {
    signature = new Webhook(request.secret).sign(request.messageId, request.timestamp, request.body);
  } catch {
    return { delivered: false, httpStatus: null, response: null, error: 'the signing secret could not be used' };
  }
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Crucible-Webhooks/1',
        'webhook-id': request.messageId,
        'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: request.body,
    });
    // The answer's body is not read (nor stored): only its status counts.
    await response.body?.cancel().catch(() => {});
    const statusText = `${response.status} ${response.statusText}`.trim().slice(0, textLimit);
    if (response.status >= 200 && response.status < 300) return { delivered: true, httpStatus: response.status, response: statusText, error: null };
    const why = response.status >= 300 && response.status < 400 ? 'the endpoint redirected (redirects are not followed)' : `the endpoint answered HTTP ${response.status}`;
    return { delivered: false, httpStatus: response.status, response: statusText, error: why };
  } catch (error) {
    return { delivered: false, httpStatus: null, response: null, error: describeFetchError(error, request.timeoutMs) };
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms (timed out)`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, textLimit);
}
