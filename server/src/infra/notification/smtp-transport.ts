import nodemailer from 'nodemailer';
import type { DeliveryAttemptResult } from './webhook-transport.ts';

/** The SMTP server email channels send through (configuration: `SMTP_*`, README "Notifications"). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); false = plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS (when `secure` is false). */
  requireTls: boolean;
  /** Sign-in, when the server needs one; the password is never logged or returned. */
  user: string | null;
  password: string | null;
  /** The From address. */
  from: string;
  /** Connection, greeting and socket timeouts, milliseconds. */
  timeoutMs: number;
}

/** One email. */
export interface EmailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  /** Sent as `Message-ID` (`<delivery id@crucible>`), the same on every retry. */
  messageId: string;
}

/**
 * Sends `message` through the SMTP server (npm `nodemailer`); delivered = the server accepted it for every
 * recipient (its reply is kept, e.g. `250 OK`). Bounded by `timeoutMs` per phase. Never throws.
 */
export async function sendEmail(settings: SmtpSettings, message: EmailMessage): Promise<DeliveryAttemptResult> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    logger: false,
  });
  try {
    const info = await transport.sendMail({ from: settings.from, to: [...message.to], subject: message.subject, text: message.text, messageId: message.messageId });
    const rejected = (info.rejected ?? []).map(String);
    const response = String(info.response ?? '').slice(0, 500) || null;
    if (rejected.length > 0) return { delivered: false, httpStatus: null, response, error: `the server refused ${rejected.length} recipient(s)` };
    return { delivered: true, httpStatus: null, response, error: null };
  } catch (error) {
    const smtpResponse = error && typeof error === 'object' && 'response' in error ? String((error as { response: unknown }).response).slice(0, 500) : null;
    const message = error instanceof Error ? error.message : String(error);
    return { delivered: false, httpStatus: null, response: smtpResponse, error: message.slice(0, 500) };
  } finally {
    transport.close();
  }
}
