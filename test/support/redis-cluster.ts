/**
 * A real 3-master Redis Cluster for tests, on free loopback ports: three `redis-server --cluster-enabled yes`
 * joined with `redis-cli --cluster create … --cluster-yes`, ready once every node reports cluster_state:ok
 * (polled with a bounded number of tries, never a fixed sleep).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flushAll, freePort, noteReused, putIdle, reuseServers, takeIdle } from './redis-server.ts';

const run = promisify(execFile);

export type TestCluster = { nodes: { host: string; port: number }[]; url: string; stop(): Promise<void> };

function launchNode(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout', '2000', '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'notice'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    child.once('error', (e) => reject(new Error(`redis-server could not start (is it installed? .ci/run installs it): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${log}`)));
  });
}

async function clusterOk(port: number): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info']);
  return /cluster_state:ok/.test(stdout) && /cluster_slots_assigned:16384/.test(stdout);
}

/** Starts three masters and joins them into one cluster covering all 16384 slots. */
export async function startRedisCluster(): Promise<TestCluster> {
  if (!reuseServers()) return newCluster();
  // A mutation run (see reuseServers): a cluster stopped by an earlier file is emptied and taken again.
  let fields = takeIdle('cluster');
  if (fields) await Promise.all(fields.slice(0, 3).map(flushAll));
  else {
    const fresh = await newCluster();
    fields = [...fresh.nodes.map((n) => n.port), ...fresh.pids];
  }
  const nodes = fields.slice(0, 3).map((port) => ({ host: '127.0.0.1', port }));
  const kept = fields;
  return { nodes, url: clusterUrl(nodes), stop: async () => putIdle('cluster', kept) };
}

const clusterUrl = (nodes: TestCluster['nodes']) => nodes.map((n) => `redis://${n.host}:${n.port}`).join(',');

async function newCluster(): Promise<TestCluster & { pids: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'nsz-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children = await Promise.all(ports.map((p) => launchNode(p, dir)));
  if (reuseServers()) children.forEach(noteReused);
  const stop = async () => {
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    }))));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Gossip takes a moment to agree; ask each node, a bounded number of times.
    for (let tries = 0; ; tries++) {
      const states = await Promise.all(ports.map(clusterOk));
      if (states.every(Boolean)) break;
      if (tries > 200) throw new Error('the test cluster did not reach cluster_state:ok');
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  return { nodes, url: clusterUrl(nodes), stop, pids: children.map((c) => c.pid as number) };
}
