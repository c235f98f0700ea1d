import { join } from 'node:path';
import type { StoreFs } from '../fs/store-fs.js';

const JOURNAL_NAME = /^journal-(\d+)\.log$/;

/** One journal file of a data folder; `gen` orders them (a new one starts at each compaction). */
export interface JournalFile {
  gen: number;
  name: string;
  path: string;
}

/** The file name of journal generation `gen`: `journal-000001.log`. */
export function journalName(gen: number): string {
  return `journal-${String(gen).padStart(6, '0')}.log`;
}

/** The journal file of generation `gen` in `dir`. */
export function journalFile(dir: string, gen: number): JournalFile {
  const name = journalName(gen);
  return { gen, name, path: join(dir, name) };
}

/** The journal files in `dir`, oldest first. */
export async function listJournals(fs: StoreFs, dir: string): Promise<JournalFile[]> {
  const files: JournalFile[] = [];
  for (const name of await fs.readdir(dir)) {
    const match = JOURNAL_NAME.exec(name);
    if (match) files.push({ gen: Number(match[1]), name, path: join(dir, name) });
  }
  return files.sort((a, b) => a.gen - b.gen);
}
