import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FIXTURE_BANK } from '../support/core.ts';
import { type DiscordDouble, startDiscordDouble } from '../support/discord-double.ts';
import { BUNDLE, START_FLAGS } from '../support/process.ts';
import { ALICE, defaultGuilds, inGuild, TOKEN } from './harness.ts';

/** `npm start` with DISCORD_TOKEN, as a real process: startup, an interaction, and a clean SIGTERM. */

const ROOT = path.resolve(import.meta.dirname, '../..');

let discord: DiscordDouble;
let child: ChildProcess | undefined;
let dir = '';

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await discord.close();
  rmSync(dir, { recursive: true, force: true });
});

function waitForExit(proc: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('process did not exit in time')), timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function startProcess(token: string): { proc: ChildProcess; output: () => string } {
  dir = mkdtempSync(path.join(tmpdir(), 'quizbot-process-'));
  const dbFile = path.join(dir, 'quizbot.db');
  copyFileSync(inject('templateDb'), dbFile);
  const proc = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: token,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: `file:${dbFile}`,
      QUESTIONS_DIR: FIXTURE_BANK,
      LOG_LEVEL: 'info',
      REMINDER_CRON: '0 0 1 1 *',
      LEADERBOARD_CRON: '0 0 1 1 *',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
  };
  proc.stderr?.on('data', collect);
  proc.stdout?.on('data', collect);
  return { proc, output: () => text };
}

describe('the bot as a process', () => {
  it('GIVEN the bot running WHEN SIGTERM arrives right after /stats is acknowledged THEN the interaction finishes, the bot disconnects and exits 0 without logging the token', async () => {
    discord = await startDiscordDouble({ guilds: defaultGuilds(), token: TOKEN });
    const { proc, output } = startProcess(TOKEN);
    await discord.ready();
    const deadline = Date.now() + 20_000;
    while (!output().includes('Discord bot ready') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(output()).toContain('Discord bot ready');

    const { id } = discord.dispatchInteraction(
      discord.slashCommand({ name: 'stats', user: ALICE, guild: inGuild() }),
    );
    await discord.waitForResponse(id, (r) => r.callbackType === 5, 10_000);
    proc.kill('SIGTERM');
    const code = await waitForExit(proc, 20_000);

    expect(code).toBe(0);
    const kinds = discord.interactionResponses(id).map((r) => r.kind);
    expect(kinds).toEqual(['callback', 'edit']);
    expect(output()).toContain('shutting down');
    expect(output()).toContain('"msg":"stopped"');
    expect(output()).not.toContain(TOKEN);
    expect(discord.connectedClients()).toBe(0);
  });

  it('GIVEN a token Discord refuses WHEN the bot starts THEN it says so and exits 1 without printing the token', async () => {
    discord = await startDiscordDouble({ guilds: defaultGuilds(), token: TOKEN });
    const wrong = 'wrong-token-0123456789.abcdefgh.ijklmnop';
    const { proc, output } = startProcess(wrong);
    const code = await waitForExit(proc, 20_000);
    expect(code).toBe(1);
    expect(output()).toContain('Cannot connect to Discord');
    expect(output()).not.toContain(wrong);
  });
});
