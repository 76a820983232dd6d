// The CDK app: reads the deployment configuration for the chosen stage and synthesises its stack.
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { DeployConfigError, readDeployConfig } from '../lib/config.ts';
import { RmRadarStack } from '../lib/rm-radar-stack.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const app = new App();

let config;
try {
  config = readDeployConfig(app.node.getAllContext());
} catch (error) {
  if (!(error instanceof DeployConfigError)) throw error;
  // A configuration mistake is the user's to fix: say which field, without a stack trace.
  console.error(error.message);
  process.exit(1);
}

// Environment-agnostic unless the stage names its account and region: synth needs no credentials.
const env = config.account || config.region ? { account: config.account, region: config.region } : undefined;
const stack = new RmRadarStack(app, `RmRadar-${config.stage}`, {
  config,
  projectRoot,
  env,
  description: `rm-radar (${config.stage}): prospect radar, call lists and touch reminders for relationship managers`,
  terminationProtection: config.production,
});
Tags.of(stack).add('project', 'rm-radar');
Tags.of(stack).add('stage', config.stage);

// The security checks (cdk-nag AwsSolutions) run on every synth; an unacknowledged finding fails it.
Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app, { verbose: true }));
