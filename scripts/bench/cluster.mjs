// Runs `next start` in N worker processes sharing one port (node:cluster): the primary accepts each
// connection and hands it to the next worker, so no byte goes through a proxy. This is how the bench
// serves several instances on two cores without a proxy's own CPU in the measurement.
//
//   node [flags] scripts/bench/cluster.mjs <workers> <next's CLI> start <dir> -p <port> -H <host>
//
// The workers inherit the primary's Node.js flags (heap limits, --cpu-prof). Once every worker
// listens, the primary sends its parent { ready: [pids] } over IPC. SIGTERM stops the workers,
// then the primary.
import cluster from "node:cluster";

const [count, nextCli, ...nextArgs] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 1 || !nextCli) {
  console.error("usage: cluster.mjs <workers> <next's CLI> start <dir> -p <port> ...");
  process.exit(2);
}

let stopping = false;
const listening = new Set();
cluster.setupPrimary({ exec: nextCli, args: nextArgs });
for (let i = 0; i < workers; i += 1) cluster.fork();

cluster.on("listening", (worker) => {
  listening.add(worker.process.pid);
  if (listening.size === workers) process.send?.({ ready: [...listening] });
});
cluster.on("exit", (worker, code, signal) => {
  if (!stopping) {
    console.error(`a server worker (pid ${worker.process.pid}) exited (${signal ?? code}); stopping the others`);
    stop(1);
  } else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
});

function stop(exitCode) {
  stopping = true;
  process.exitCode = exitCode;
  const left = Object.values(cluster.workers ?? {});
  if (left.length === 0) process.exit();
  for (const worker of left) worker?.process.kill("SIGTERM");
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
