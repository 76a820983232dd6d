// The agreement score of two labellings (scripts/label-agreement.ts) on a few made-up lines whose figures are worked by hand.
import { describe, expect, it } from 'vitest';
import { cohensKappa, scoreAgreement, type LabelPair } from '../../../../scripts/label-agreement.ts';

const pairs: LabelPair[] = [
  { reference: [{ type: 'ipo', stage: 'filed', company: 'Acme Corp.' }], other: [{ type: 'ipo', stage: 'filed', company: 'acme corp' }] },
  { reference: [{ type: 'ipo', stage: 'listed', company: 'Beta' }], other: [{ type: 'ipo', stage: 'offering', company: 'Gamma' }] },
  { reference: [{ type: 'funding', company: 'Delta' }], other: [] },
  { reference: [], other: [{ type: 'risk', company: 'Epsilon' }] },
  { reference: [], other: [] },
  { reference: [{ type: 'm_and_a', company: 'Zeta' }, { type: 'leadership', company: 'Zeta' }], other: [{ type: 'm_and_a', company: 'Zeta.' }] },
];

describe('label agreement score', () => {
  it('counts per type with the first labelling as reference', () => {
    const agreement = scoreAgreement(pairs);
    const byType = Object.fromEntries(agreement.perType.map((score) => [score.type, score]));
    expect(byType.ipo).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, kappa: 1 });
    expect(byType.funding).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0, f1: 0, kappa: 0 });
    expect(byType.risk).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, f1: 0, kappa: 0 });
    expect(byType.m_and_a).toMatchObject({ tp: 1, f1: 1, kappa: 1 });
    expect(byType.leadership).toMatchObject({ fn: 1, f1: 0 });
    // No line has expansion in either labelling: full agreement, not a division by zero.
    expect(byType.expansion).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 1, kappa: 1 });
    // funding 0, m_and_a 1, expansion 1, leadership 0, risk 0.
    expect(agreement.otherMacroF1).toBeCloseTo(0.4, 10);
  });

  it('compares stage, company (case, spaces and punctuation folded) and neutral lines', () => {
    const agreement = scoreAgreement(pairs);
    expect(agreement.ipoStage).toEqual({ same: 1, total: 2, rate: 0.5 });
    expect(agreement.company).toMatchObject({ same: 2, total: 3 });
    expect(agreement.ipoCompany).toEqual({ same: 1, total: 2, rate: 0.5 });
    expect(agreement.neutral).toEqual({ total: 2, flagged: 1, rate: 0.5 });
    expect(agreement.missedByOther).toBe(1);
    expect(agreement.lines).toBe(6);
  });

  it('weights lines', () => {
    const weighted = pairs.map((pair, index) => ({ ...pair, weight: index === 3 ? 2 : 1 }));
    const agreement = scoreAgreement(weighted);
    expect(agreement.neutral.rate).toBeCloseTo(2 / 3, 10);
    expect(agreement.perType.find((score) => score.type === 'risk')!.fp).toBe(2);
    expect(agreement.lines).toBe(7);
  });

  it("computes Cohen's kappa from the 2×2 table", () => {
    // observed 35/50 = 0.7; chance 0.5 × 0.6 + 0.5 × 0.4 = 0.5; kappa (0.7 − 0.5) / 0.5.
    expect(cohensKappa(20, 5, 10, 15)).toBeCloseTo(0.4, 10);
    expect(cohensKappa(0, 0, 0, 0)).toBe(1);
    expect(cohensKappa(0, 3, 3, 0)).toBeCloseTo(-1, 10);
  });
});
