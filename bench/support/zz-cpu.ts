// CPU ms per request of base and current servers (robust on a loaded machine): /proc/<pid>/stat.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startServerProcess } from './load.js';
const [entryRel, mode = 'health', amount = '2000', sidesArg = 'base,speed'] = process.argv.slice(2);
const cpuOf = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
for (const name of sidesArg.split(',')) {
  const server = await startServerProcess(`/work/wt/${name}/${entryRel}`);
  const base = server.url.replace('/graphql', '');
  const info: any = await fetch(base + '/bench-info').then((r) => r.json()).catch(() => ({}));
  const gqlThread = `{ thread(id: "${info.threadId}") { id title score viewCount author { user { handle } isStaff } question { bodyHtml score comments { bodyHtml author { user { handle } } } } answers(first: 50) { edges { node { id bodyHtml score isAccepted isOfficial author { user { handle displayName } boardRole isStaff } comments { bodyHtml createdAt author { user { handle } } } } } } } }`;
  const opts: any = mode === 'web' ? { url: base + info.path, headers: { cookie: info.readerCookie, 'accept-encoding': 'gzip' } }
    : mode === 'webanon' ? { url: base + info.path, headers: { 'accept-encoding': 'gzip' } }
    : { url: server.url, method: 'POST', headers: { 'content-type': 'application/json', ...(mode === 'gql' ? { authorization: `Bearer ${info.readerToken}` } : {}) }, body: JSON.stringify({ query: mode === 'health' ? '{ health { status version database } }' : gqlThread }) };
  await autocannon({ ...opts, connections: 10, amount: Math.ceil(Number(amount) / 4) });
  const before = cpuOf(server.child.pid!);
  const r = await autocannon({ ...opts, connections: 10, amount: Number(amount) });
  const cpu = cpuOf(server.child.pid!) - before;
  console.log(`${name.padEnd(6)} ${mode}: ${(cpu / Number(amount)).toFixed(3)} ms CPU/request  (${r.requests.average.toFixed(0)} req/s, non2xx ${r.non2xx})`);
  await server.stop();
}
