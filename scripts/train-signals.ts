// `npm run train:signals`: fits the learned layer on the dev split of the real headline set and writes
// lambdas/prospect-scan/signals/learned-model.json. Run it after changing a rule: the rule ids are features.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from '../bin/cli/entry-point.ts';
import type { LearnedModelData } from '../lambdas/prospect-scan/signals/learned.ts';
import { readReal } from './eval-signals.ts';
import { trainModel } from './signal-model.ts';

export const shippedModelPath = fileURLToPath(new URL('../lambdas/prospect-scan/signals/learned-model.json', import.meta.url));

/** The model as a file: a field a line. */
export function formatModel(model: LearnedModelData): string {
  return `{\n${Object.entries(model).map(([field, value]) => `${JSON.stringify(field)}: ${JSON.stringify(value)}`).join(',\n')}\n}\n`;
}

/** The model fitted on the dev split of the real headline set (never the held-back test split). */
export function trainShippedModel(): LearnedModelData {
  return trainModel(readReal().filter((example) => example.split === 'dev'));
}

if (isEntryPoint(import.meta.url)) {
  const started = Date.now();
  const model = trainShippedModel();
  writeFileSync(shippedModelPath, formatModel(model));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`fitted on dev in ${seconds} s: ${model.features.split('\n').length} features; keep ${model.keep.join('/')}, add ${model.add.join('/')}`);
  console.log(`wrote ${shippedModelPath}`);
}
