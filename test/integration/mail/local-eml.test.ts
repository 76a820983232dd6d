// The .eml files `npm start` writes from the local SES: a report's inline PNG charts arrive byte for byte, with their content ids.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { SesMailer, sendingSesClient } from '../../../lambdas/core/mail/mailer.ts';
import { localSesEml } from '../../../bin/local/services.ts';
import { renderPng } from '../../../lambdas/portfolio-report/charts/render.ts';
import { inbox } from '../../support/local-aws.ts';
import { decodePng, greyDeviation } from '../../support/png.ts';

describe('localSesEml', () => {
  it('gives back an email with inline PNGs that decode to the images sent, referenced by the same cid', async () => {
    const png = await renderPng({ id: 'mix', title: 'mix', option: { series: [{ type: 'pie', data: [1, 2, 3] }] } });
    const to = `${randomUUID()}@bank.example`;
    const mailer = new SesMailer('radar@bank.example', { ses: sendingSesClient({ endpoint: process.env.LOCAL_SES_URL! }) });
    await mailer.send({ to, subject: 'charts', html: '<p><img src="cid:mix@rm-radar"></p>', text: 'charts', attachments: [{ filename: 'mix.png', content: png, contentType: 'image/png', cid: 'mix@rm-radar' }] });
    const [held] = await inbox(to);

    const mail = await simpleParser(await localSesEml(process.env.LOCAL_SES_URL!, held!.messageId), { keepCidLinks: true });
    expect(String(mail.html)).toContain('src="cid:mix@rm-radar"');
    const [part] = mail.attachments;
    expect(part).toMatchObject({ contentType: 'image/png', cid: 'mix@rm-radar', filename: 'mix.png' });
    expect(Buffer.compare(part!.content, png)).toBe(0);
    expect(greyDeviation(decodePng(part!.content))).toBeGreaterThan(10);
  });
});
