// Completes package-lock.json with the other platforms' optional binaries (Biome, canvas, ...).
// The registry reachable here serves only the Linux builds, so `npm install` leaves the others
// out of the lock, and `npm ci` then refuses the lock as out of sync. Each missing entry is
// added with the os/cpu/libc its name declares, so npm skips it on other platforms as usual.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = { android: 'android', darwin: 'darwin', win32: 'win32', linux: 'linux', freebsd: 'freebsd' };
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'riscv64', 's390x', 'ppc64', 'loong64'];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = Object.keys(OS).find((o) => base.includes(`-${o}-`) || base.endsWith(`-${o}`));
  const cpu = CPU.find((c) => base.includes(`-${c}`));
  if (os === undefined || cpu === undefined) return undefined;
  const entry = { os: [OS[os]], cpu: [cpu === 'arm' && base.includes('gnueabihf') ? 'arm' : cpu] };
  if (base.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && base.includes('gnu')) entry.libc = ['glibc'];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const where = `${path === '' ? '' : `${path}/`}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[where] !== undefined || lock.packages[hoisted] !== undefined) continue;
    const platform = platformOf(dep);
    if (platform === undefined || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[hoisted] = { version, ...(pkg.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
