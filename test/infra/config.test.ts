// Deployment configuration: precedence of cdk.json, stage sections and -c flags; bad values fail synth naming the field.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readDeployConfig, runtimeEnvironmentOf } from '../../lib/config.ts';
import { projectRoot, synth } from './synth.ts';

const cdkJson = (await import('../../cdk.json', { with: { type: 'json' } })).default as { context: Record<string, unknown> };
const read = (flags: Record<string, unknown> = {}) => readDeployConfig({ ...cdkJson.context, ...flags });

describe('readDeployConfig', () => {
  it('reads the dev stage from cdk.json with the default schedules and time zone', () => {
    const config = read();
    expect(config).toMatchObject({ stage: 'dev', production: false, timeZone: 'Asia/Shanghai', senderEmail: 'rm-radar@example.com' });
    expect(config.schedules['call-list']).toEqual({ minute: '30', hour: '7', weekDay: '*' });
  });

  it('lets the stage section override the defaults and -c flags override both, including dotted ones', () => {
    const config = read({
      stage: 'prod',
      senderEmail: 'radar@bank.cn',
      alarmEmail: 'ops@bank.cn',
      'schedules.call-list.hour': '8',
      'thresholds.largeLoanThreshold': '50000',
      feedHosts: 'www.sec.gov, www.cninfo.com.cn',
    });
    expect(config).toMatchObject({ stage: 'prod', production: true, logRetentionDays: 365, feedHosts: ['www.sec.gov', 'www.cninfo.com.cn'] });
    expect(config.schedules['call-list']).toEqual({ minute: '30', hour: '8', weekDay: '*' });
    expect(runtimeEnvironmentOf(config)).toMatchObject({ LARGE_LOAN_THRESHOLD: '50000', FEED_ALLOWED_HOSTS: 'www.sec.gov,www.cninfo.com.cn', TIME_ZONE: 'Asia/Shanghai' });
  });

  it('maps thresholds and the SEC contact to the variables lambdas/core/config.ts reads', () => {
    const env = runtimeEnvironmentOf(
      read({ 'thresholds.tierCadence': 'A:7/21,B:30/60,C:90/180', 'thresholds.birthdayLeadDays': '5,1,0', secContactEmail: 'it@bank.cn', runtimeEnvironment: { HOLIDAY_MARKET: 'weekends-only' } }),
    );
    expect(env).toMatchObject({ TIER_CADENCE: 'A:7/21,B:30/60,C:90/180', BIRTHDAY_LEAD_DAYS: '5,1,0', FEED_CONTACT_EMAIL: 'it@bank.cn', HOLIDAY_MARKET: 'weekends-only' });
  });

  it.each([
    [{ timeZone: 'Asia/Beijing' }, /timeZone: not an IANA time zone/],
    [{ senderEmail: 'not-an-address' }, /senderEmail:/],
    [{ 'schedules.prospect-scan.hour': '25' }, /schedules\.prospect-scan\.hour: not a valid cron hour/],
    [{ 'schedules.call-list.day': '1' }, /schedules\.call-list: set either day \(of month\) or weekDay, not both/],
    [{ 'thresholds.tierCadence': 'A:30/14,B:30/60,C:90/180' }, /thresholds\.tierCadence \(TIER_CADENCE\): "A:30\/14" is not TIER:IDEAL\/MAX/],
    [{ 'thresholds.largeLoanThreshold': '-1' }, /thresholds\.largeLoanThreshold \(LARGE_LOAN_THRESHOLD\):/],
    [{ kmsKeyArn: 'alias/rm-radar' }, /kmsKeyArn: not a KMS key ARN/],
    [{ feedHosts: 'http://www.sec.gov/feed' }, /feedHosts\.0: not a host name/],
    [{ runtimeEnvironment: { TABLE_NAME: 'x' } }, /runtimeEnvironment\.TABLE_NAME: set by the stack/],
    [{ runtimeEnvironment: { FEED_TIMEOUT_MS: 'soon' } }, /runtimeEnvironment\.FEED_TIMEOUT_MS:/],
    [{ senderDomain: 'bank.cn' }, /senderEmail: must be an address at senderDomain bank\.cn/],
    [{ stage: 'prod' }, /senderEmail: is a placeholder address; a production stage needs a real one/],
    [{ sendrEmail: 'typo@bank.cn' }, null],
  ])('rejects %j naming the field', (flags, message) => {
    if (message === null) {
      // Unknown flat keys are other context (feature flags, CDK's own); only known fields are read.
      expect(() => read(flags)).not.toThrow();
      return;
    }
    expect(() => read(flags)).toThrow(message);
  });

  it('rejects an unknown field inside the rm-radar section', () => {
    const context = { ...cdkJson.context, 'rm-radar': { ...(cdkJson.context['rm-radar'] as object), alarmMail: 'x@bank.cn' } };
    expect(() => readDeployConfig(context)).toThrow(/Unrecognized key.*alarmMail/);
  });
});

describe('a production stage', () => {
  // Without bundling: these assertions are about the table, not the code.
  const { template, nagFindings } = synth(
    {
      stage: 'prod',
      senderEmail: 'rm-radar@bank.cn',
      senderDomain: 'bank.cn',
      alarmEmail: 'platform@bank.cn',
      kmsKeyArn: 'arn:aws:kms:ap-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    },
    { bundle: false },
  );

  it('keeps the table: deletion protection and RETAIN', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtectionEnabled: true },
    });
  });

  it('encrypts the table with the configured customer managed key and lets the functions use it', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:ap-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789' },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('kms:Decrypt');
    expect(policies).toContain('arn:aws:kms:ap-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789');
  });

  it('verifies the sender domain with DKIM and still passes cdk-nag', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'bank.cn', DkimAttributes: { SigningEnabled: true } });
    expect(Object.keys(template.findOutputs('*')).filter((name) => name.startsWith('DkimRecord'))).toHaveLength(3);
    expect(nagFindings).toEqual([]);
  });
});

describe('cdk synth', () => {
  it('fails with the bad field named and no stack trace', async () => {
    const run = promisify(execFile)(process.execPath, ['node_modules/aws-cdk/bin/cdk', 'synth', '--quiet', '-c', 'timeZone=Mars/Olympus_Mons', '-c', 'schedules.call-list.minute=75'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CDK_DISABLE_VERSION_CHECK: '1' },
    });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('invalid deployment configuration for stage "dev"');
    expect(failure?.stderr).toContain('timeZone: not an IANA time zone');
    expect(failure?.stderr).toContain('schedules.call-list.minute: not a valid cron minute');
    expect(failure?.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });
});
