// The workbench in AWS: the web function behind an HTTP API, a Cognito user pool (the bank's IdP federated), the link-signing secret, alarms.
import { CfnOutput, Duration, SecretValue, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { WorkbenchConfig } from './config.ts';
import { FUNCTION_ENVIRONMENT, functionDefaults, grantTableKey, nativeModuleBundling, notifyTopic } from './scheduled-job.ts';
import { portfolioReportJob } from '../lambdas/portfolio-report/descriptor.ts';

export interface WorkbenchProps {
  /** Absolute path of lambdas/web/handler.ts. */
  entry: string;
  projectRoot: string;
  table: ITable;
  /** The indexes the pages query (Today: call lists, reminders' calendar and due dates; search: the book). */
  indexNames: readonly string[];
  alarmTopic: ITopic;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
  /** The runtime environment every function shares (time zone, thresholds). */
  environment: Record<string, string>;
  config: WorkbenchConfig;
}

export class Workbench extends Construct {
  readonly function: NodejsFunction;
  readonly api: apigwv2.HttpApi;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly signingSecret: secretsmanager.Secret;
  /** The workbench's public origin: the links in the emails point here. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WorkbenchProps) {
    super(scope, id);
    const { config } = props;

    // Two keys may be listed while rotating ({"keys":[{"id","secret"},…]}, the first signs); one is generated.
    this.signingSecret = new secretsmanager.Secret(this, 'LinkSigningSecret', {
      description: 'rm-radar: HMAC keys that sign the one-tap links in the emails',
      generateSecretString: { secretStringTemplate: JSON.stringify({ id: 'k1' }), generateStringKey: 'secret', passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });

    this.api = new apigwv2.HttpApi(this, 'Api', { description: 'rm-radar workbench', createDefaultStage: false });
    this.url = this.api.apiEndpoint;
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
      // No path, query or source address: link tokens and client ids stay out of the access logs.
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            bytes: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    ({ userPool: this.userPool, client: this.userPoolClient } = this.createUserPool(config, props.removalPolicy));
    const domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'rm-radar web function: the workbench pages' });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    this.function = new NodejsFunction(this, 'Function', {
      ...functionDefaults(props.projectRoot),
      // The report page draws the report's charts, with the report job's native modules.
      bundling: nativeModuleBundling(portfolioReportJob.nativeModules ?? []),
      description: 'rm-radar: the workbench pages and one-tap links',
      entry: props.entry,
      timeout: Duration.seconds(10),
      memorySize: 512,
      role,
      logGroup,
      environment: {
        ...props.environment,
        ...FUNCTION_ENVIRONMENT,
        TABLE_NAME: props.table.tableName,
        // The web function sends no email; the shared configuration still asks for a sender.
        SENDER_EMAIL: 'workbench@invalid.example',
        WORKBENCH_URL: this.url,
        LINK_SIGNING_SECRET_ARN: this.signingSecret.secretArn,
        LINK_VALID_DAYS: String(config.linkValidDays),
        COGNITO_USER_POOL_ID: this.userPool.userPoolId,
        COGNITO_CLIENT_ID: this.userPoolClient.userPoolClientId,
        COGNITO_DOMAIN: domain.baseUrl(),
        RM_CLAIM: config.rmClaim,
      },
    });
    this.api.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('Pages', this.function) });
    this.api.addRoutes({ path: '/', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Root', this.function) });

    this.grantPages(props.table, props.indexNames);
    this.createAlarms(props.alarmTopic, config);
    this.acknowledgeFindings();

    new CfnOutput(Stack.of(this), 'WorkbenchUrl', { value: this.url, description: 'the workbench; the emails link here' });
    new CfnOutput(Stack.of(this), 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(Stack.of(this), 'SamlEntityId', {
      value: `urn:amazon:cognito:sp:${this.userPool.userPoolId}`,
      description: 'the service provider entity id the bank IdP trusts (SAML)',
    });
    new CfnOutput(Stack.of(this), 'IdpResponseUrl', { value: `${domain.baseUrl()}/saml2/idpresponse`, description: 'the SAML ACS / OIDC redirect URL to register at the bank IdP' });
  }

  /** The user pool: no self sign-up; RMs come from the bank's IdP (or are created by the platform team). */
  private createUserPool(config: WorkbenchConfig, removalPolicy: RemovalPolicy) {
    const userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { rm_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy,
    });
    const providers: cognito.UserPoolClientIdentityProvider[] = [];
    const idp = config.identityProvider;
    if (idp?.type === 'saml') {
      const provider = new cognito.UserPoolIdentityProviderSaml(this, 'BankIdp', {
        userPool,
        name: idp.name,
        metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(idp.metadataUrl),
        attributeMapping: {
          email: cognito.ProviderAttribute.other(idp.emailAttribute),
          ...(idp.rmIdAttribute ? { custom: { 'custom:rm_id': cognito.ProviderAttribute.other(idp.rmIdAttribute) } } : {}),
        },
      });
      providers.push(cognito.UserPoolClientIdentityProvider.custom(provider.providerName));
    } else if (idp?.type === 'oidc') {
      const provider = new cognito.UserPoolIdentityProviderOidc(this, 'BankIdp', {
        userPool,
        name: idp.name,
        clientId: idp.clientId,
        // A dynamic reference: the template holds the secret's name, CloudFormation resolves it.
        clientSecret: SecretValue.secretsManager(idp.clientSecretName).unsafeUnwrap(),
        issuerUrl: idp.issuerUrl,
        scopes: ['openid', 'email'],
        attributeMapping: {
          email: cognito.ProviderAttribute.other(idp.emailClaim),
          ...(idp.rmIdClaim ? { custom: { 'custom:rm_id': cognito.ProviderAttribute.other(idp.rmIdClaim) } } : {}),
        },
      });
      providers.push(cognito.UserPoolClientIdentityProvider.custom(provider.providerName));
    } else {
      providers.push(cognito.UserPoolClientIdentityProvider.COGNITO);
    }
    const client = userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${this.url}/auth/callback`],
        logoutUrls: [`${this.url}/signin`],
      },
      supportedIdentityProviders: providers,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });
    // The RM id is read from the ID token; the web client may read the attribute, never write it.
    return { userPool, client };
  }

  /**
   * What the pages need and nothing more: reads by key and index; writes of touches, line statuses,
   * follow-ups, snoozes and reminder markers (Put/Update/ConditionCheck inside transactions). No Scan,
   * no Delete, no SES. The signing secret is read once per cold start.
   */
  private grantPages(table: ITable, indexNames: readonly string[]): void {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [table.tableArn],
      }),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: indexNames.map((name) => `${table.tableArn}/index/${name}`) }),
    );
    grantTableKey(this.function, table);
    this.signingSecret.grantRead(this.function);
  }

  private createAlarms(alarmTopic: ITopic, config: WorkbenchConfig): void {
    const serverErrors = this.api
      .metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'ServerErrorsAlarm', {
        alarmDescription: 'rm-radar workbench: pages answered with 5xx (see the web function logs)',
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const latency = this.api
      .metricLatency({ period: Duration.minutes(5), statistic: cloudwatch.Stats.percentile(95) })
      .createAlarm(this, 'LatencyAlarm', {
        alarmDescription: `rm-radar workbench: p95 latency above ${config.latencyAlarmMs} ms for 15 minutes`,
        threshold: config.latencyAlarmMs,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    notifyTopic(alarmTopic, serverErrors, latency);
  }

  private acknowledgeFindings(): void {
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 like the job functions: the runtime package.json engines declares and the tests run on.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Every route is authorised in the function: the Cognito ID token of the session cookie is verified there (aws-jwt-verify), and one-tap links carry a signed token; a gateway authorizer cannot read cookies set by the app.',
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Link-signing keys are rotated by hand with two keys listed during the overlap (docs/workbench.md); an automatic rotation would invalidate links already mailed.',
    });
  }
}
