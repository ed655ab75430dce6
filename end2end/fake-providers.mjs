// Stands in for WhatsApp's Graph API and Twilio's REST API during the
// browser tests: answers each send as the provider does and keeps it, so a
// test can read the code Loket texted. Each Loket server is configured
// with its own path prefix (/p<port>), which keeps the projects apart.
//   GET /calls?prefix=/p3110  ->  the calls under that prefix, oldest first
import * as http from 'node:http';

const calls = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/calls') {
    const prefix = url.searchParams.get('prefix') ?? '';
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(calls.filter((c) => c.path.startsWith(prefix))));
    return;
  }
  if (req.method === 'GET' && url.pathname === '/ready') {
    res.end('ok');
    return;
  }
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    calls.push({ path: url.pathname, body });
    const n = String(calls.length).padStart(6, '0');
    res.setHeader('content-type', 'application/json');
    if (url.pathname.endsWith('/Messages.json')) {
      res.statusCode = 201;
      res.end(JSON.stringify({ sid: `SMe2e${n}`, status: 'queued' }));
    } else {
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.e2e${n}` }] }));
    }
  });
});
server.listen(Number(process.env.PORT ?? 3400), '127.0.0.1');
