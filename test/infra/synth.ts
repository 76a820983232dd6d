// Synthesises the stack for infra tests: the real job list, the context a `cdk synth` would pass, cdk-nag applied.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import nag from 'cdk-nag';
import { readDeployConfig } from '../../lib/config.ts';
import { JOB_DEFINITIONS } from '../../lib/jobs.ts';
import { RmRadarStack } from '../../lib/rm-radar-stack.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const cdkJson = (await import('../../cdk.json', { with: { type: 'json' } })).default as { context: Record<string, unknown> };

/** Jobs whose handler file does not exist yet are bundled from a stand-in that uses the same kit. */
export const jobsForTest = JOB_DEFINITIONS.map((job) =>
  existsSync(`${projectRoot}/${job.entry}`) ? job : { ...job, entry: 'test/infra/fixtures/stand-in-handler.ts' },
);

export interface Synthesised {
  stack: RmRadarStack;
  template: Template;
  /** cdk-nag AwsSolutions findings left after the acknowledgements: "rule at path: message". */
  nagFindings: string[];
}

/**
 * `context` is merged over cdk.json's like `-c` flags. With `bundle: false` functions get a placeholder
 * asset instead of an esbuild run (CDK's bundling-stacks context), for quick checks of other settings.
 */
export function synth(context: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): Synthesised {
  const allContext = { ...cdkJson.context, ...context, ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) };
  const app = new App({ context: allContext });
  const config = readDeployConfig(allContext);
  const stack = new RmRadarStack(app, `RmRadar-${config.stage}`, { config, projectRoot, jobs: jobsForTest });
  const template = Template.fromStack(stack);
  const report = new nag.AwsSolutionsChecks(app).validateScope(stack);
  const nagFindings = report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.locations.join(', ') || resource.resourceLogicalId}: ${violation.description}`),
  );
  return { stack, template, nagFindings };
}
