#!/usr/bin/env node
// Runs the steps of a composite action.yml the way GitHub's runner does, for the end-to-end test:
//   - inputs: the action's defaults, overridden by --input name=value (a default such as `${{ github.token }}` is
//     evaluated against the github context);
//   - each step's `if:` is evaluated (with the runner's implicit `success() &&` when it names no status function);
//   - `uses:` steps are skipped (setup-java: this machine has Java and Maven) and count as successful;
//   - each `run:` step with `shell: bash` runs as `bash --noprofile --norc -eo pipefail <script file>` in the
//     workspace, with the runner's variables, the step's `env:` (expressions evaluated), a fresh GITHUB_OUTPUT and
//     GITHUB_STEP_SUMMARY file, and GITHUB_ACTION_PATH;
//   - outputs are read back from GITHUB_OUTPUT (name=value and name<<DELIMITER forms) into `steps.<id>.outputs`;
//   - workflow commands on standard output (::error, ::warning, ::notice, ::group::) are collected as annotations;
//   - finally the action's outputs are evaluated from their `value:`.
// The expression evaluator knows exactly what action.yml uses: contexts inputs, steps, github; literals; ! && || ==
// != ( ); always() success() failure() cancelled(); and refuses anything else, so a typo fails the test.
//
// Usage: node run-action.mjs --action action.yml --workspace DIR --result result.json [--input name=value]...
// Environment: the GITHUB_* variables of the run (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_API_URL, ...);
// E2E_GITHUB_TOKEN is `github.token`. The step logs go to standard output; the exit code is 0 when the action
// succeeded, 1 when it failed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(new URL("../lint/package.json", import.meta.url));
const YAML = require("yaml");

// ---------------------------------------------------------------------------------------------- arguments
const args = { inputs: {} };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const next = () => process.argv[++i];
  if (a === "--action") args.action = next();
  else if (a === "--workspace") args.workspace = next();
  else if (a === "--result") args.result = next();
  else if (a === "--input") {
    const kv = next();
    const eq = kv.indexOf("=");
    args.inputs[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else throw new Error(`unknown argument ${a}`);
}
for (const required of ["action", "workspace", "result"]) {
  if (!args[required]) throw new Error(`--${required} is required`);
}

// ---------------------------------------------------------------------------------------------- expressions
function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src[i] === "'" && src[i + 1] === "'") {
          s += "'";
          i += 2;
        } else if (src[i] === "'") {
          i++;
          break;
        } else s += src[i++];
      }
      tokens.push({ t: "str", v: s });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      tokens.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
      tokens.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (["&&", "||", "==", "!="].includes(two)) {
        tokens.push({ t: "op", v: two });
        i += 2;
      } else if ("!().".includes(c)) {
        tokens.push({ t: "op", v: c });
        i++;
      } else throw new Error(`unsupported character '${c}' in expression: ${src}`);
    }
  }
  return tokens;
}

function evaluate(src, ctx) {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const eat = (v) => {
    const t = tokens[p];
    if (!t || t.v !== v) throw new Error(`expected '${v}' in expression: ${src}`);
    p++;
  };
  const or = () => {
    let l = and();
    while (peek()?.v === "||") {
      p++;
      const r = and();
      l = truthy(l) ? l : r;
    }
    return l;
  };
  const and = () => {
    let l = eq();
    while (peek()?.v === "&&") {
      p++;
      const r = eq();
      l = truthy(l) ? r : l;
    }
    return l;
  };
  const eq = () => {
    let l = unary();
    while (peek()?.v === "==" || peek()?.v === "!=") {
      const op = tokens[p++].v;
      const r = unary();
      l = op === "==" ? looseEquals(l, r) : !looseEquals(l, r);
    }
    return l;
  };
  const unary = () => {
    if (peek()?.v === "!") {
      p++;
      return !truthy(unary());
    }
    return primary();
  };
  const primary = () => {
    const t = tokens[p++];
    if (!t) throw new Error(`unexpected end of expression: ${src}`);
    if (t.v === "(" && t.t === "op") {
      const v = or();
      eat(")");
      return v;
    }
    if (t.t === "str" || t.t === "num") return t.v;
    if (t.t !== "id") throw new Error(`unexpected '${t.v}' in expression: ${src}`);
    if (t.v === "true") return true;
    if (t.v === "false") return false;
    if (t.v === "null") return null;
    if (peek()?.v === "(") {
      eat("(");
      eat(")");
      const fn = { always: () => true, cancelled: () => false, success: () => !ctx.failed, failure: () => ctx.failed }[
        t.v
      ];
      if (!fn) throw new Error(`function ${t.v}() is not supported by this runner: ${src}`);
      return fn();
    }
    if (!(t.v in ctx.contexts)) throw new Error(`unknown context '${t.v}' in expression: ${src}`);
    let v = ctx.contexts[t.v];
    while (peek()?.v === ".") {
      p++;
      const name = tokens[p++];
      if (!name || name.t !== "id") throw new Error(`expected a property name in expression: ${src}`);
      v = v == null ? null : (lookup(v, name.v) ?? null);
    }
    return v;
  };
  const v = or();
  if (p !== tokens.length) throw new Error(`unexpected '${tokens[p].v}' in expression: ${src}`);
  return v;
}

// property names are case-insensitive in GitHub's expressions
function lookup(obj, name) {
  if (typeof obj !== "object") return null;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : obj[key];
}

function truthy(v) {
  return !(v === false || v === null || v === undefined || v === 0 || v === "" || Number.isNaN(v));
}

// GitHub's loose equality: strings compare case-insensitively; different types are compared as numbers
function looseEquals(a, b) {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b && a !== null && b !== null) return a === b;
  const num = (v) => (v === null || v === undefined ? 0 : typeof v === "boolean" ? (v ? 1 : 0) : Number(v));
  const x = num(a);
  const y = num(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && x === y;
}

function asString(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

// `text ${{ expr }} text`
function interpolate(text, ctx) {
  if (typeof text !== "string") return asString(text);
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr) => asString(evaluate(expr, ctx)));
}

function condition(text, ctx) {
  if (text === undefined || text === null) return !ctx.failed;
  let expr = String(text).trim();
  const m = /^\$\{\{(.*)\}\}$/s.exec(expr);
  if (m) expr = m[1];
  if (!/\b(always|success|failure|cancelled)\s*\(/.test(expr)) expr = `success() && (${expr})`;
  return truthy(evaluate(expr, ctx));
}

// ---------------------------------------------------------------------------------------------- workflow files
function parseOutputFile(file) {
  const outputs = {};
  if (!fs.existsSync(file)) return outputs;
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc && !line.includes("=")) {
      const [, name, delimiter] = heredoc;
      const value = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing delimiter ${delimiter} for ${name}`);
      outputs[name] = value.join("\n");
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) throw new Error(`GITHUB_OUTPUT: invalid line: ${line}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

const unescapeData = (s) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s) => unescapeData(s.replace(/%3A/g, ":").replace(/%2C/g, ","));

function parseCommand(line) {
  const m = /^::(error|warning|notice|group|endgroup)( [^:]*)?::(.*)$/.exec(line);
  if (!m) return null;
  const properties = {};
  for (const part of (m[2] ?? "").trim().split(",").filter(Boolean)) {
    const eq = part.indexOf("=");
    properties[part.slice(0, eq).trim()] = unescapeProperty(part.slice(eq + 1));
  }
  return { command: m[1], properties, message: unescapeData(m[3]) };
}

// ---------------------------------------------------------------------------------------------- running
function runBash(script, env, cwd, logLines) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-action-step-"));
  const file = path.join(dir, "step.sh");
  fs.writeFileSync(file, script);
  return new Promise((resolve) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let pending = "";
    const onData = (chunk) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const l of lines) {
        logLines.push(l);
        process.stdout.write(`    ${l}\n`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      if (pending) {
        logLines.push(pending);
        process.stdout.write(`    ${pending}\n`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(code ?? 1);
    });
  });
}

const actionFile = path.resolve(args.action);
const action = YAML.parse(fs.readFileSync(actionFile, "utf8"));
if (action.runs?.using !== "composite") throw new Error(`${actionFile} is not a composite action`);
const workspace = path.resolve(args.workspace);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "ml-action-run-"));

const github = {
  token: process.env.E2E_GITHUB_TOKEN ?? "",
  event_name: process.env.GITHUB_EVENT_NAME ?? "",
  repository: process.env.GITHUB_REPOSITORY ?? "",
  run_id: process.env.GITHUB_RUN_ID ?? "",
  workspace,
  action_path: path.dirname(actionFile),
};
const ctx = { failed: false, contexts: { github, inputs: {}, steps: {} } };

for (const name of Object.keys(args.inputs)) {
  if (!(name in (action.inputs ?? {}))) throw new Error(`the action has no input '${name}'`);
}
for (const [name, spec] of Object.entries(action.inputs ?? {})) {
  ctx.contexts.inputs[name] =
    name in args.inputs ? args.inputs[name] : spec.default === undefined ? "" : interpolate(String(spec.default), ctx);
}

const runnerEnv = {
  ...process.env,
  GITHUB_ACTIONS: "true",
  CI: "true",
  GITHUB_WORKSPACE: workspace,
  GITHUB_ACTION_PATH: path.dirname(actionFile),
  RUNNER_TEMP: temp,
};
delete runnerEnv.E2E_GITHUB_TOKEN;

const result = { steps: [], annotations: [], summary: "", outputs: {}, conclusion: "success" };
let index = 0;
for (const step of action.runs.steps) {
  index++;
  const id = step.id ?? `__step${index}`;
  const name = step.name ?? step.uses ?? id;
  const record = { id, name, outcome: "skipped", outputs: {}, annotations: [], log: [] };
  result.steps.push(record);
  ctx.contexts.steps[id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };

  if (!condition(step.if, ctx)) {
    console.log(`-- ${name}: skipped (if: ${step.if ?? "success()"})`);
    continue;
  }
  if (step.uses) {
    console.log(`-- ${name}: ${step.uses} not run here (this machine has Java and Maven)`);
    record.outcome = "success";
    ctx.contexts.steps[id] = { outputs: {}, outcome: "success", conclusion: "success" };
    continue;
  }
  if (step.shell !== "bash") throw new Error(`step ${name}: only shell: bash is supported, got ${step.shell}`);
  const stepEnv = {};
  for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(v, ctx);
  const outputFile = path.join(temp, `output-${index}`);
  const summaryFile = path.join(temp, `summary-${index}`);
  fs.writeFileSync(outputFile, "");
  fs.writeFileSync(summaryFile, "");
  console.log(`-- ${name}`);
  const code = await runBash(
    step.run,
    { ...runnerEnv, ...stepEnv, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
    workspace,
    record.log,
  );
  record.exitCode = code;
  record.outcome = code === 0 ? "success" : "failure";
  record.outputs = parseOutputFile(outputFile);
  result.summary += fs.readFileSync(summaryFile, "utf8");
  for (const line of record.log) {
    const c = parseCommand(line);
    if (c && ["error", "warning", "notice"].includes(c.command)) {
      const annotation = { step: id, level: c.command, ...c.properties, message: c.message };
      record.annotations.push(annotation);
      result.annotations.push(annotation);
    }
  }
  if (code !== 0) {
    console.log(`-- ${name}: failed with exit code ${code}`);
    // what the runner itself adds for a failed step
    result.annotations.push({ step: id, level: "error", runner: true, message: `Process completed with exit code ${code}.` });
    ctx.failed = true;
  }
  ctx.contexts.steps[id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.outcome };
}

for (const [name, spec] of Object.entries(action.outputs ?? {})) {
  result.outputs[name] = interpolate(spec.value, ctx);
}
result.conclusion = ctx.failed ? "failure" : "success";
fs.writeFileSync(args.result, JSON.stringify(result, null, 2));
fs.rmSync(temp, { recursive: true, force: true });
console.log(`-- action ${result.conclusion}`);
process.exit(ctx.failed ? 1 : 0);
