// Parsing SES feedback: both notification formats; permanent bounces and complaints flag, the rest only count.
import { describe, expect, it } from 'vitest';
import { MalformedNotificationError, parseSesNotification, sesNotificationsOf } from '../../../lambdas/ses-events/events.ts';
import { emailStatusKey, normaliseAddress } from '../../../lambdas/core/store/email-status.ts';
import { sesFixture, snsEvent } from '../../fixtures/ses/sns.ts';

describe('parseSesNotification', () => {
  it('reads a permanent bounce published by the configuration set (eventType), one flagging event per recipient', () => {
    const { type, events } = parseSesNotification(sesFixture('bounce-permanent-event'));
    expect(type).toBe('Bounce');
    expect(events).toEqual([
      {
        address: 'gone.rm@bank.example',
        kind: 'bounce',
        flags: true,
        reason: 'Permanent/General',
        at: '2026-03-05T00:31:12.408Z',
        messageId: '0100018e0a1b2a00-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-000000',
        feedbackId: '0100018e0a1b2c3d-11111111-2222-3333-4444-555555555555-000000',
      },
      expect.objectContaining({ address: 'second.rm@bank.example', flags: true }),
    ]);
  });

  it('reads a transient bounce from an identity notification (notificationType): counted, never flagging', () => {
    const { type, events } = parseSesNotification(sesFixture('bounce-transient-notification'));
    expect(type).toBe('Bounce');
    expect(events).toEqual([expect.objectContaining({ address: 'busy.rm@bank.example', kind: 'bounce', flags: false, reason: 'Transient/MailboxFull' })]);
  });

  it('treats an undetermined bounce like a transient one', () => {
    const message = JSON.parse(sesFixture('bounce-permanent-event'));
    message.bounce.bounceType = 'Undetermined';
    message.bounce.bounceSubType = 'Undetermined';
    expect(parseSesNotification(JSON.stringify(message)).events.every((e) => !e.flags)).toBe(true);
  });

  it('flags on a complaint, in either format', () => {
    const { type, events } = parseSesNotification(sesFixture('complaint-notification'));
    expect(type).toBe('Complaint');
    expect(events).toEqual([
      {
        address: 'annoyed.rm@bank.example',
        kind: 'complaint',
        flags: true,
        reason: 'complaint/abuse',
        at: '2026-03-05T01:02:30.000Z',
        messageId: '0100018e0a1b2a22-12345678-abcd-ef01-2345-6789abcdef01-000000',
        feedbackId: '0100018e0a1b2c3d-aaaaaaaa-0000-0000-0000-111111111111-000000',
      },
    ]);
    const asEvent = JSON.parse(sesFixture('complaint-notification'));
    asEvent.eventType = asEvent.notificationType;
    delete asEvent.notificationType;
    expect(parseSesNotification(JSON.stringify(asEvent)).events[0]!.flags).toBe(true);
  });

  it('does not flag on a "not-spam" feedback report', () => {
    const { events } = parseSesNotification(sesFixture('complaint-not-spam-event'));
    expect(events).toEqual([expect.objectContaining({ address: 'happy.rm@bank.example', kind: 'complaint', flags: false })]);
  });

  it('returns no events for other event types on the topic (delivery delays, rejects…)', () => {
    expect(parseSesNotification(sesFixture('delivery-event'))).toEqual({ type: 'DeliveryDelay', events: [] });
  });

  it('rejects a bounce without recipients, a message without a type, and text that is not JSON', () => {
    expect(() => parseSesNotification(sesFixture('bounce-missing-recipients-event'))).toThrow(/bouncedRecipients/);
    expect(() => parseSesNotification(JSON.stringify({ mail: { messageId: 'x', timestamp: 'y' } }))).toThrow(/neither notificationType nor eventType/);
    expect(() => parseSesNotification('not json')).toThrow();
  });
});

describe('sesNotificationsOf', () => {
  it('unwraps every SNS record with its SNS message id', () => {
    const parsed = sesNotificationsOf(snsEvent(sesFixture('bounce-permanent-event'), sesFixture('complaint-notification')));
    expect(parsed.map((p) => [p.snsMessageId.length > 0, p.notification.type, p.notification.events.length])).toEqual([
      [true, 'Bounce', 2],
      [true, 'Complaint', 1],
    ]);
  });

  it('rejects an event that is not from SNS', () => {
    expect(() => sesNotificationsOf({ Records: [{ EventSource: 'aws:sqs', body: '{}' }] })).toThrow();
    expect(() => sesNotificationsOf({})).toThrow();
  });
});

describe('addresses', () => {
  it('are keyed lower-cased, display names dropped', () => {
    expect(normaliseAddress(' "RM" <Grace.Lee@Bank.Example> ')).toBe('grace.lee@bank.example');
    expect(emailStatusKey('Grace.Lee@Bank.Example')).toEqual({ PK: 'EMAILSTATUS#grace.lee@bank.example', SK: 'STATUS' });
  });
});

describe('the RM of a notification', () => {
  const withHeaders = (fixture: string, headers: Array<{ name: string; value: string }>) => {
    const message = JSON.parse(sesFixture(fixture));
    message.mail.headers = headers;
    return JSON.stringify(message);
  };

  it("is read from the email's X-RM-Radar-RM header, which SES returns with the event", () => {
    const headers = [
      { name: 'From', value: 'rm-radar@bank.example' },
      { name: 'x-rm-radar-rm', value: 'rm-steel' },
    ];
    expect(parseSesNotification(withHeaders('bounce-permanent-event', headers)).rmId).toBe('rm-steel');
    expect(parseSesNotification(withHeaders('complaint-notification', headers)).rmId).toBe('rm-steel');
  });

  it('is absent without headers, and when the header is not an RM id', () => {
    expect(parseSesNotification(sesFixture('bounce-permanent-event')).rmId).toBeUndefined();
    const odd = withHeaders('bounce-permanent-event', [{ name: 'X-RM-Radar-RM', value: 'Grace Lee <grace.lee@bank.example>' }]);
    expect(parseSesNotification(odd).rmId).toBeUndefined();
  });

  it('fails on a message that is not JSON without quoting it (it would name the recipients)', () => {
    const broken = `{"eventType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress":"grace.lee@bank.example"}]`;
    expect(() => parseSesNotification(broken)).toThrow(MalformedNotificationError);
    expect(() => parseSesNotification(broken)).not.toThrow(/grace/);
  });
});
