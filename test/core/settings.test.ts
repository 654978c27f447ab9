import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/context.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { dynamicKey, translator } from '../../src/i18n/index.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { join } from '../support/study.ts';

eachProvider((provider) => {
  const env = useCore(Date.parse('2026-03-02T10:00:00Z'), {}, provider);

  /** The refusal as an English-speaking member reads it. */
  async function refusal(p: Promise<unknown>): Promise<string> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof UserError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return translator('en')(dynamicKey(`errors.${error.code}`), error.params);
  }

  describe('settings', () => {
    it('GIVEN bad settings THEN each is refused with a message naming what is expected', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect(await refusal(updateSettings(ctx, 'm1', { timezone: 'Mars/Olympus' }))).toMatch(/IANA timezone/);
      expect(await refusal(updateSettings(ctx, 'm1', { reminderTime: '25:00' }))).toMatch(/HH:MM/);
      expect(await refusal(updateSettings(ctx, 'm1', { newPerDay: 51 }))).toMatch(/0 to 50/);
    });
  });
});
