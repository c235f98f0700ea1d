/**
 * Records of history collections are read back from two kinds of files: journals (records
 * committed since the last compaction) and history segments (written by compactions). Each file
 * gets one number, so a location is three numbers: file, byte offset, byte length.
 */

/** The file number of journal generation `gen`. */
export function journalFileId(gen: number): number {
  return gen * 2;
}

/** The file number of history segment generation `gen`. */
export function segmentFileId(gen: number): number {
  return gen * 2 + 1;
}

/** Whether a file number names a journal. */
export function isJournalFile(file: number): boolean {
  return file % 2 === 0;
}

/** The generation of a file number. */
export function generationOf(file: number): number {
  return Math.floor(file / 2);
}
