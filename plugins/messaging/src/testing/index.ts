/**
 * `@rapport/plugin-messaging/testing`: the shared adapter suite every messaging adapter passes,
 * and the local SMTP and HTTP servers the built-in adapters are tested against. Needs `vitest`
 * and `smtp-server` installed (development dependencies of the tests that use it).
 */
export {
  type AdapterHarness,
  describeAdapterConformance,
  type ReceivedMessage,
} from './describe-adapter-conformance.js';
export { type HttpSink, type SinkAnswer, type SunkRequest, startHttpSink } from './http-sink.js';
export { type SmtpSink, type SmtpSinkOptions, type SunkMail, startSmtpSink } from './smtp-sink.js';
