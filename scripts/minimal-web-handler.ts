// The least a Hono app on Lambda that reads DynamoDB needs (the app, the adapter, the document client): the workbench benchmark's yardstick bundle.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono();
app.get('/items/:id', async (c) => {
  const result = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: c.req.param('id'), SK: 'A' } }));
  return c.json(result.Item ?? {});
});

export const handler = handle(app);
