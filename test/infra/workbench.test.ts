// The workbench in the stack: HTTP API with throttling and access logs, the user pool with the bank IdP, the signing secret, grants, alarms, cdk-nag.
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { jobConstructId } from '../../lib/rm-radar-stack.ts';
import { synth, type Synthesised } from './synth.ts';

let synthesised: Synthesised;
let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;

const workbench = {
  domainPrefix: 'rm-radar-test',
  identityProvider: { type: 'saml', name: 'BankIdP', metadataUrl: 'https://idp.bank.example/metadata.xml', rmIdAttribute: 'rm_id' },
};

beforeAll(() => {
  synthesised = synth({ workbench }, { bundle: false });
  template = synthesised.template;
  resources = template.toJSON().Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const idStartingWith = (prefix: string, type: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `one ${type} ${prefix}…`).toHaveLength(1);
  return found[0]!;
};
type Statement = { Action: string | string[]; Resource: unknown };
const statementsOfRole = (roleId: string) =>
  ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('the workbench API', () => {
  it('is one HTTP API whose routes all go to the one web function', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const [fnId] = idStartingWith('WorkbenchFunction', 'AWS::Lambda::Function');
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [, integration] of integrations) expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(fnId);
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);
    expect(routes.sort()).toEqual(['GET /', 'GET /{proxy+}', 'POST /{proxy+}']);
  });

  it('throttles and writes access logs that hold no path, query or address', () => {
    const [, stage] = idStartingWith('WorkbenchStage', 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
    const format = (stage.Properties.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({ status: '$context.status', latencyMs: '$context.responseLatency' });
    expect(format).not.toMatch(/\$context\.(path|resourcePath|identity\.sourceIp|routeKey)/);
  });

  it('alarms on server errors and on p95 latency, to the alarm topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Workbench'));
    const metrics = alarms.map(([, alarm]) => [alarm.Properties.MetricName, alarm.Properties.ExtendedStatistic ?? alarm.Properties.Statistic]);
    expect(metrics).toEqual(expect.arrayContaining([['5xx', 'Sum'], ['Latency', 'p95']]));
    for (const [, alarm] of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain('AlarmTopic');
  });
});

describe('the user pool', () => {
  it('has no self sign-up, requires MFA, enforces threat protection and holds the rm_id attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'rm_id', AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('federates the bank IdP by SAML metadata, mapping email and rm_id', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'BankIdP',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://idp.bank.example/metadata.xml' },
      AttributeMapping: { email: Match.stringLikeRegexp('emailaddress'), 'custom:rm_id': 'rm_id' },
    });
  });

  it('has a public client (no secret) for the code flow, signed in only through the bank IdP, called back at /auth/callback', () => {
    const [, client] = idStartingWith('WorkbenchUserPoolWebClient', 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({ GenerateSecret: false, AllowedOAuthFlows: ['code'], SupportedIdentityProviders: [{ Ref: expect.stringMatching(/^WorkbenchBankIdp/) }] });
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain('/auth/callback');
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'rm-radar-test', ManagedLoginVersion: 2 });
  });

  it('can federate an OIDC IdP instead, its client secret only referenced', () => {
    const oidc = synth(
      { workbench: { domainPrefix: 'rm-radar-test', rmClaim: 'email', identityProvider: { type: 'oidc', name: 'BankOidc', issuerUrl: 'https://login.bank.example', clientId: 'rm-radar', clientSecretName: 'bank/oidc/rm-radar' } } },
      { bundle: false },
    );
    oidc.template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({ oidc_issuer: 'https://login.bank.example', client_secret: Match.stringLikeRegexp('resolve:secretsmanager:bank/oidc/rm-radar') }),
    });
    expect(oidc.nagFindings).toEqual([]);
  }, 120_000);
});

describe('the link-signing secret and the grants', () => {
  it('generates the signing secret and gives the web function its ARN and the user pool', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const [secretId] = ofType('AWS::SecretsManager::Secret')[0]!;
    const [, fn] = idStartingWith('WorkbenchFunction', 'AWS::Lambda::Function');
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env.LINK_SIGNING_SECRET_ARN)).toContain(secretId);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'WORKBENCH_URL', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'COGNITO_DOMAIN', 'RM_CLAIM']));
  });

  it('lets the web function read and write only what its pages need: no Scan, no Delete, no email, the secret read-only', () => {
    const [roleId] = idStartingWith('WorkbenchRole', 'AWS::IAM::Role');
    const statements = statementsOfRole(roleId);
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:UpdateItem'].sort(),
    );
    expect(actions.some((action) => /Scan|Delete|ses:|\*$/.test(action))).toBe(false);
    const secretActions = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(secretActions.flatMap(actionsOf).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    const [secretId] = ofType('AWS::SecretsManager::Secret')[0]!;
    for (const statement of secretActions) expect(JSON.stringify(statement.Resource)).toContain(secretId);
    for (const statement of statements) expect([statement.Resource].flat()).not.toContain('*');
  });

  it('gives the call-list and touch-reminders jobs the workbench URL and the secret, and prospect-scan neither', () => {
    const [secretId] = ofType('AWS::SecretsManager::Secret')[0]!;
    // The function that renders the emails: the workers of the fanned-out jobs, prospect-scan's own function.
    for (const [job, links, sender] of [['call-list', true, 'FanOutWorker'], ['touch-reminders', true, 'FanOutWorker'], ['prospect-scan', false, 'Function']] as const) {
      const [, fn] = idStartingWith(`${jobConstructId(job)}${sender}`, 'AWS::Lambda::Function');
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect('WORKBENCH_URL' in env, job).toBe(links);
      const [roleId] = idStartingWith(`${jobConstructId(job)}${sender === 'Function' ? '' : 'FanOut'}Role`, 'AWS::IAM::Role');
      expect(JSON.stringify(statementsOfRole(roleId)).includes(secretId), job).toBe(links);
    }
  });
});

describe('security review of the workbench', () => {
  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    expect(synthesised.nagFindings).toEqual([]);
  });
});
