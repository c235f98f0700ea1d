/** How a 0–10 answer counts: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** The category of one score (0–10). */
export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  return score >= 7 ? 'passive' : 'detractor';
}

/** How many answers fell in each category. */
export interface NpsTally {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * The Net Promoter Score of a tally: the percentage of promoters minus the percentage of
 * detractors, from −100 to 100, rounded to a whole point; `null` without answers.
 */
export function netPromoterScore({ promoters, passives, detractors }: NpsTally): number | null {
  const answers = promoters + passives + detractors;
  if (answers === 0) return null;
  return Math.round(((promoters - detractors) / answers) * 100);
}
