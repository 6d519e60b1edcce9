import { startBenchApp } from './bench-app.js';
const { app, engine } = await startBenchApp();
await app.init();
const router = (app.getHttpAdapter().getInstance() as any).router;
console.log('layers', router.stack.length);
for (const l of router.stack) console.log(l.name, l.matchers?.length, l.route?.path ?? '', Object.keys(l.route?.methods ?? {}).join(','), String(l.regexp ?? l.path ?? ''));
await app.close(); await engine.stop(); process.exit(0);
