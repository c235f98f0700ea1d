/**
 * Whether an SMS is exactly the join keyword: compared after NFKC (full-width letters become
 * ASCII), trimming, dropping punctuation around it and ignoring case, like messaging's opt-out
 * words ("join!", "ＪＯＩＮ" and " 加入 " match; "join me later" does not).
 */
export function isJoinKeyword(text: string, keyword: string): boolean {
  const clean = (value: string) =>
    value
      .normalize('NFKC')
      .trim()
      .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
      .toLocaleUpperCase('en');
  const wanted = clean(keyword);
  return wanted !== '' && clean(text) === wanted;
}
