/**
 * The hand-computed RFM dataset of the README: for ten customers, days since the last purchase,
 * purchases in the window, net value in the window (minor units), and the expected RFM code.
 *
 * Recency ranks (oldest first) 200,120 → 1; 90,60 → 2; 45,30 → 3; 20,10 → 4; 5,1 → 5.
 * Frequency sorted 1 1 1 1 2 3 3 5 8 12: 1 → 1; 2 → 1+⌊5·4/10⌋ = 3; 3 → 1+⌊5·5/10⌋ = 3; 5 → 4; 8, 12 → 5.
 * Monetary sorted 800 800 2000 2500 4000 9000 12000 15000 30000 50000: 800 → 1; 2000, 2500 → 2;
 * 4000, 9000 → 3; 12000, 15000 → 4; 30000, 50000 → 5.
 */
export const RFM_DATASET: Array<[daysAgo: number, frequency: number, monetary: number, code: string]> = [
  [1, 12, 50000, '555'],
  [5, 3, 12000, '534'],
  [10, 3, 9000, '433'],
  [20, 8, 30000, '455'],
  [30, 1, 2000, '312'],
  [45, 1, 2500, '312'],
  [60, 1, 800, '211'],
  [90, 5, 15000, '244'],
  [120, 2, 4000, '133'],
  [200, 1, 800, '111'],
];
