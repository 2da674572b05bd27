// Shared by check-site.mjs and screenshot.mjs: a tiny static server for a built site
// (mounted under a base path, like GitHub project pages) and a headless Chromium.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The flags Chromium must run with (Playwright adds its own --user-data-dir from
// the fresh temporary folder passed to launchPersistentContext).
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/// "/", "sub/path", "/sub/path/" → "/", "/sub/path/", "/sub/path/".
export function normalizeBase(base) {
  let b = (base || '/').trim();
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b.replace(/\/{2,}/g, '/');
}

// What GitHub Pages compresses (gzip) when the browser accepts it.
const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

/// Serves `root` under `base` on 127.0.0.1 (a free port). Resolves to
/// { server, origin, base, close() }. As GitHub Pages does: folders serve their
/// index.html, a folder asked for without its trailing slash is redirected, and a
/// missing file under the base answers 404 with the site's 404.html when it has one.
/// With `{ asHost: true }` the responses are also those of a real static host, for
/// Lighthouse: text gzipped on request and cacheable for 10 minutes (GitHub Pages'
/// headers); otherwise nothing is compressed or cached, so tests see every byte.
export function serveSite(root, base = '/', { asHost = false } = {}) {
  base = normalizeBase(base);
  const absRoot = path.resolve(root);
  const notFoundPage = path.join(absRoot, '404.html');
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      if (status === 404 && underBase && fs.existsSync(notFoundPage)) {
        body = fs.readFileSync(notFoundPage);
        headers = { ...headers, 'content-type': CONTENT_TYPES['.html'] };
      }
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let underBase = false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname + '/' === base) return send(301, '', { location: base });
    if (!pathname.startsWith(base)) return send(404, `not under ${base}\n`);
    underBase = true;
    const rel = pathname.slice(base.length);
    let file = path.resolve(absRoot, '.' + path.posix.sep + rel);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(404, 'outside the site\n');
    let stat;
    try {
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, '', { location: pathname + '/' });
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return send(404, 'not found\n');
    }
    if (!stat.isFile()) return send(404, 'not found\n');
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    if (asHost) {
      const headers = { 'content-type': type, 'cache-control': 'max-age=600' };
      let body = fs.readFileSync(file);
      if (COMPRESSED.test(type)) {
        headers.vary = 'Accept-Encoding';
        if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
          body = zlib.gzipSync(body);
          headers['content-encoding'] = 'gzip';
        }
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        server,
        base,
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

/// Launches Chromium with a fresh temporary profile. Resolves to
/// { context, close() }; close() also removes the profile.
export async function launchChromium({ viewport = { width: 1280, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), or run .ci/run`);
  }
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-site-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
      bypassCSP: true,
      timeout: 60_000,
    });
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/// Every file under `dir` as a sorted list of POSIX paths relative to it.
export function listFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(d, entry.name), r);
      else if (entry.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

export const isHtml = (file) => /\.html?$/i.test(file);
