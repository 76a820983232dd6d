// Starts the real local services once for the whole test run: DynamoDB Local (in memory) and the local SES.
import type { TestProject } from 'vitest/node';
import { freePort, localAwsEnvironment, startDynamoDbLocal, startLocalSes, type RunningService } from '../../bin/local/services.ts';

let services: RunningService[] = [];

export async function setup(project: TestProject): Promise<void> {
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const dynamodb = await startDynamoDbLocal({ port: dynamoPort });
  const ses = await startLocalSes({ port: sesPort });
  services = [dynamodb, ses];
  // Test workers are forked after this runs, so they inherit these variables.
  Object.assign(process.env, localAwsEnvironment(dynamodb.url, ses.url), { LOCAL_SES_URL: ses.url });
  project.provide('sesUrl', ses.url);
}

export async function teardown(): Promise<void> {
  await Promise.all(services.map((service) => service.stop()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    sesUrl: string;
  }
}
