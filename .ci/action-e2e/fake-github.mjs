#!/usr/bin/env node
// A local stand-in for the few endpoints of GitHub's REST API that the action uses, with GitHub's response shapes,
// status codes and headers, served on the loopback interface only, on a free port, with GHES-style paths (the API
// under /api/v3, the web pages at the root) so that clients must honour GITHUB_API_URL and the Link header:
//
//   GET   /repos/{owner}/{repo}/issues/{number}/comments?per_page=&page=   200, Link: <...>; rel="next", rel="last"
//   POST  /repos/{owner}/{repo}/issues/{number}/comments {"body"}          201, Location
//   PATCH /repos/{owner}/{repo}/issues/comments/{id} {"body"}              200
//   GET   /repos/{owner}/{repo}/actions/runs/{run_id}/approvals            200
//   401 without or with a wrong token, 404 for anything else, 422 without a body, 403 when told to refuse.
//
// Test control (not GitHub's): POST /_control/reset with a JSON scenario, GET /_control/state for the comment store
// and the requests received.
//
// Usage: node fake-github.mjs <port-file>   (writes the port to <port-file> once listening; stops on SIGTERM or
// after --max-seconds, default 600, so it never outlives its test)
import http from "node:http";
import fs from "node:fs";

const portFile = process.argv[2];
const maxSeconds = Number(process.argv.find((a) => a.startsWith("--max-seconds="))?.split("=")[1] ?? 600);
const API_PREFIX = "/api/v3";
const REPOSITORY_ID = 186853002;

let base = ""; // http://127.0.0.1:<port>, set once listening
let state;

const BOT = {
  login: "github-actions[bot]",
  id: 41898282,
  node_id: "MDM6Qm90NDE4OTgyODI=",
  type: "Bot",
  site_admin: false,
};
const OCTOCAT = { login: "octocat", id: 583231, node_id: "MDQ6VXNlcjU4MzIzMQ==", type: "User", site_admin: false };

function user(u) {
  const api = `${base}${API_PREFIX}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.node_id,
    avatar_url: `${base}/avatars/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${base}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    site_admin: u.site_admin,
  };
}

function reset(scenario = {}) {
  state = {
    repository: scenario.repository ?? "Codertocat/Hello-World",
    token: scenario.token ?? "ghs_e2eTestToken0000000000000000000000",
    pullRequests: scenario.pullRequests ?? [2],
    // "POST", "PATCH", "GET" answered 403 on the comment endpoints, as for a token without pull-requests: write
    forbidComments: scenario.forbidComments ?? [],
    approvals: scenario.approvals ?? [],
    nextId: 1_000_001,
    comments: [],
    requests: [],
  };
  const seeded = scenario.seedComments ?? 0;
  for (let i = 0; i < seeded; i++) {
    const who = i % 7 === 3 ? BOT : OCTOCAT;
    const body =
      i === 5
        ? "<!-- ml-maven-plugin:model=another-model -->\n### Model `another-model`\n\nnot this one"
        : i % 7 === 3
          ? "<!-- some-other-bot -->\nCoverage: 81%"
          : `Looks good to me (${i + 1})`;
    addComment(state.pullRequests[0], body, who, new Date(Date.UTC(2019, 4, 15, 15, 20, 33) + i * 60_000));
  }
}

function addComment(number, body, who, when = new Date()) {
  const id = state.nextId++;
  const at = iso(when);
  const comment = { id, number, body, user: who, created_at: at, updated_at: at };
  state.comments.push(comment);
  return comment;
}

const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function commentJson(c) {
  const repoApi = `${base}${API_PREFIX}/repos/${state.repository}`;
  return {
    url: `${repoApi}/issues/comments/${c.id}`,
    html_url: `${base}/${state.repository}/pull/${c.number}#issuecomment-${c.id}`,
    issue_url: `${repoApi}/issues/${c.number}`,
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString("base64"),
    user: user(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === "Bot" ? "NONE" : "OWNER",
    body: c.body,
    reactions: {
      url: `${repoApi}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body, null, 2);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4987",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-used": "13",
    "x-ratelimit-resource": "core",
    "x-github-request-id": `E2E0:${Math.floor(Math.random() * 1e6).toString(16).toUpperCase()}`,
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const docs = (anchor) => `${base}/docs/rest/${anchor}`;
const error = (res, status, message, anchor, headers = {}, extra = {}) =>
  send(res, status, { message, ...extra, documentation_url: docs(anchor), status: String(status) }, headers);

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

function authorized(req, res) {
  const auth = req.headers.authorization;
  if (!auth) {
    error(res, 401, "Requires authentication", "overview/resources-in-the-rest-api#authentication");
    return false;
  }
  const m = /^(?:Bearer|token) (.+)$/i.exec(auth);
  if (!m || m[1] !== state.token) {
    error(res, 401, "Bad credentials", "overview/resources-in-the-rest-api#authentication");
    return false;
  }
  return true;
}

const forbidden = (res, anchor) =>
  error(res, 403, "Resource not accessible by integration", anchor, {
    "x-accepted-github-permissions": "issues=write; pull_requests=write",
  });

async function handle(req, res) {
  const url = new URL(req.url, base);
  const raw = await readBody(req);
  if (url.pathname.startsWith("/_control/")) {
    if (req.method === "POST" && url.pathname === "/_control/reset") {
      reset(raw ? JSON.parse(raw) : {});
      return send(res, 200, { ok: true });
    }
    if (req.method === "GET" && url.pathname === "/_control/state") {
      return send(res, 200, {
        comments: state.comments.map(commentJson),
        requests: state.requests,
      });
    }
    return send(res, 404, { message: "unknown control endpoint" });
  }

  state.requests.push({
    method: req.method,
    path: url.pathname,
    query: url.search,
    accept: req.headers.accept ?? null,
    apiVersion: req.headers["x-github-api-version"] ?? null,
    userAgent: req.headers["user-agent"] ?? null,
    authorization: req.headers.authorization ? req.headers.authorization.replace(/ .*/, " ***") : null,
    body: raw ? safeJson(raw) : null,
  });

  if (!url.pathname.startsWith(API_PREFIX + "/")) return error(res, 404, "Not Found", "");
  const path = url.pathname.slice(API_PREFIX.length);
  if (!authorized(req, res)) return;

  // /repos/{owner}/{repo}/... or, as in the Link headers GitHub writes, /repositories/{id}/...
  const byName = /^\/repos\/([^/]+\/[^/]+)(\/.*)$/.exec(path);
  const byId = /^\/repositories\/(\d+)(\/.*)$/.exec(path);
  const known = byName ? byName[1] === state.repository : byId ? byId[1] === String(REPOSITORY_ID) : false;
  if (!known) return error(res, 404, "Not Found", "repos/repos#get-a-repository");
  const sub = (byName ?? byId)[2];

  let m;
  if ((m = /^\/issues\/(\d+)\/comments$/.exec(sub))) {
    const number = Number(m[1]);
    if (!state.pullRequests.includes(number)) return error(res, 404, "Not Found", "issues/comments#list-issue-comments");
    if (req.method === "GET") {
      if (state.forbidComments.includes("GET")) return forbidden(res, "issues/comments#list-issue-comments");
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30)));
      const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
      const all = state.comments.filter((c) => c.number === number);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const items = all.slice((page - 1) * perPage, page * perPage).map(commentJson);
      const link = (p) =>
        `<${base}${API_PREFIX}/repositories/${REPOSITORY_ID}/issues/${number}/comments?per_page=${perPage}&page=${p}>`;
      const rels = [];
      if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
      if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
      if (page > 1) rels.push(`${link(1)}; rel="first"`);
      return send(res, 200, items, rels.length ? { link: rels.join(", ") } : {});
    }
    if (req.method === "POST") {
      if (state.forbidComments.includes("POST")) return forbidden(res, "issues/comments#create-an-issue-comment");
      const body = safeJson(raw);
      if (!body || typeof body.body !== "string") {
        return error(res, 422, "Invalid request.\n\n\"body\" wasn't supplied.", "issues/comments#create-an-issue-comment");
      }
      const c = addComment(number, body.body, BOT);
      const json = commentJson(c);
      return send(res, 201, json, { location: json.url });
    }
    return error(res, 404, "Not Found", "issues/comments");
  }
  if ((m = /^\/issues\/comments\/(\d+)$/.exec(sub))) {
    const c = state.comments.find((x) => x.id === Number(m[1]));
    if (req.method === "PATCH") {
      if (state.forbidComments.includes("PATCH")) return forbidden(res, "issues/comments#update-an-issue-comment");
      if (!c) return error(res, 404, "Not Found", "issues/comments#update-an-issue-comment");
      const body = safeJson(raw);
      if (!body || typeof body.body !== "string") {
        return error(res, 422, "Invalid request.\n\n\"body\" wasn't supplied.", "issues/comments#update-an-issue-comment");
      }
      c.body = body.body;
      const now = new Date();
      c.updated_at = iso(now > new Date(c.created_at) ? now : new Date(Date.parse(c.created_at) + 1000));
      c.edits = (c.edits ?? 0) + 1;
      return send(res, 200, commentJson(c));
    }
    if (req.method === "GET" && c) return send(res, 200, commentJson(c));
    return error(res, 404, "Not Found", "issues/comments#get-an-issue-comment");
  }
  if ((m = /^\/actions\/runs\/(\d+)\/approvals$/.exec(sub)) && req.method === "GET") {
    return send(
      res,
      200,
      state.approvals.map((a) => ({
        environments: [
          {
            id: 161088068,
            node_id: "MDExOkVudmlyb25tZW50MTYxMDg4MDY4",
            name: a.environment ?? "production",
            url: `${base}${API_PREFIX}/repos/${state.repository}/environments/${a.environment ?? "production"}`,
            html_url: `${base}/${state.repository}/deployments/activity_log?environments_filter=${a.environment ?? "production"}`,
            created_at: "2020-11-23T22:00:40Z",
            updated_at: "2020-11-23T22:00:40Z",
          },
        ],
        state: a.state ?? "approved",
        user: user({ login: a.login, id: a.id ?? 1, node_id: "MDQ6VXNlcjE=", type: "User", site_admin: false }),
        comment: a.comment ?? "",
      })),
    );
  }
  return error(res, 404, "Not Found", "");
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

reset();
const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(e);
    if (!res.headersSent) send(res, 500, { message: "Server Error" });
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  base = `http://127.0.0.1:${port}`;
  fs.writeFileSync(portFile, String(port));
  console.log(`fake GitHub API on ${base}${API_PREFIX}`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
setTimeout(stop, maxSeconds * 1000).unref();
