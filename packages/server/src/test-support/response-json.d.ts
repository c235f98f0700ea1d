// Tests read JSON bodies without casting each one: `await res.json()` is `any` here, not `unknown`.
declare global {
  interface Response {
    // biome-ignore lint/suspicious/noExplicitAny: test-only convenience
    json(): Promise<any>;
  }
}

export {};
