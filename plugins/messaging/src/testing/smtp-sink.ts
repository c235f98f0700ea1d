import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One e-mail the sink accepted. */
export interface SunkMail {
  /** The `Message-ID` header, as sent (`<id@domain>`). */
  messageId: string | undefined;
  from: string | undefined;
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
  headers: Record<string, string>;
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** A reply code to refuse a recipient with (550 bounces, 451 is temporary), or `undefined` to accept. */
  rcpt?(address: string): number | undefined;
  /** Parse each mail with mailparser (default true); off, only the Message-ID is read (for load). */
  parse?: boolean;
  /** Milliseconds to wait before accepting each mail (default 0). */
  delayMs?: number;
  /** Called with each accepted mail. */
  onMail?(mail: SunkMail): void;
  /** A port to listen on (default: any free one). */
  port?: number;
}

/** A running local SMTP server that keeps what it accepts. */
export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

/**
 * Starts an SMTP server on 127.0.0.1 (the `smtp-server` package, no TLS, no auth) that accepts
 * every mail — or refuses recipients as `rcpt` says — and keeps each one, parsed with mailparser.
 * For the SMTP adapter's tests, the crash test and the benchmark.
 *
 * @example
 * ```ts
 * const sink = await startSmtpSink({ rcpt: (to) => (to.startsWith('gone@') ? 550 : undefined) });
 * // account settings: { host: '127.0.0.1', port: sink.port }
 * await sink.close();
 * ```
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.rcpt?.(address.address);
      if (code === undefined) return callback();
      const error = Object.assign(new Error(code >= 500 ? '5.1.1 no such user' : '4.2.0 try again later'), {
        responseCode: code,
      });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        let mail: SunkMail;
        if (options.parse === false) {
          const head = raw.subarray(0, Math.min(raw.length, 8_192)).toString('utf8');
          mail = { messageId: MESSAGE_ID.exec(head)?.[1], from, to, headers: {} };
        } else {
          const parsed = await simpleParser(raw);
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines)
            headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          mail = {
            messageId: parsed.messageId,
            from,
            to,
            ...(parsed.subject === undefined ? {} : { subject: parsed.subject }),
            ...(parsed.text === undefined ? {} : { text: parsed.text }),
            ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
            headers,
          };
        }
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        mails.push(mail);
        options.onMail?.(mail);
        callback(null, `2.0.0 queued as ${mails.length}`);
      });
    },
  });
  // A client killed mid-session resets its connection: that is the crash test working, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    port: address.port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
