// Writes one line to stdout synchronously, straight to fd 1. `process.stdout.write` on a pipe is
// asynchronous here: a line it accepted can still be lost when the process is SIGKILLed, and the
// crash test needs every line printed before the kill (an announced delete above all).
import { writeSync } from 'node:fs';

export function say(line) {
  const buffer = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error; // a full non-blocking pipe: try again
    }
  }
}
