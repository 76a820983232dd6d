// The vocabulary of business triggers the prospect radar detects in news headlines and summaries.

export const signalTypes = ['ipo', 'funding', 'm_and_a', 'expansion', 'contract', 'bond', 'leadership', 'new_entity', 'risk'] as const;
export type SignalType = (typeof signalTypes)[number];

/** Listing stages in order: earlier = more lead time = more valuable to an RM. */
export const ipoStages = ['preparing', 'filed', 'approved', 'offering', 'listed'] as const;
export type IpoStage = (typeof ipoStages)[number];

export interface Signal {
  type: SignalType;
  /** Only for `ipo`. */
  stage?: IpoStage;
  /** The company the news is about, in the original text's script. */
  company?: string;
  /** 0..1: how sure the rule is (lower when no company could be identified). */
  confidence: number;
  /** The id of the rule that fired (`model.<type>` when the learned layer added it), so that every signal can be explained. */
  rule: string;
  /** For a signal the model added: the features that weighed most (`w:` word, `b:` word pair, `c2:` character pair, `r:` rule). */
  because?: string[];
}

export interface ClassifyInput {
  title: string;
  summary?: string;
  lang?: 'zh' | 'en';
}

/** Finds the business triggers in a headline (and its summary); the shipped one is `classify` in classify.ts. */
export type Classifier = (input: ClassifyInput) => Signal[];
