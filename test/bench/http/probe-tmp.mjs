import { fork } from 'node:child_process';
const child = fork('/work/wt/i13-perf/test/bench/http/reference-server.ts', [], { execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/prof2'], env: { ...process.env, BENCH_DATABASE_URL: '', LOG_LEVEL: 'info' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.on('message', async (m) => {
  if (m.type !== 'ready') return;
  console.log('ready', m.url);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await fetch(m.url + '/v1/wallet', { headers: { authorization: `Bearer ${m.users[0].token}` } });
    console.log(r.status, (await r.text()).slice(0, 80), (performance.now() - t).toFixed(1), 'ms');
  }
  child.send({ type: 'stop' });
});
