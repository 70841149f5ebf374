// Runs the graphql-http server audit (GraphQL over HTTP spec conformance) against a URL.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
// Prints one line per audit ("ok|warn|error|notice <id> <name>: <reason>") and a JSON summary last;
// exits 1 when any audit fails or warns.
// The brief calls it the "serverAudit"; graphql-http exports it as auditServer (serverAudits lists the checks).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}
const results = await auditServer({ url });
const counts = { ok: 0, warn: 0, error: 0, notice: 0 };
for (const result of results) {
  counts[result.status] += 1;
  const reason = result.status === 'ok' ? '' : `: ${result.reason}`;
  console.log(`${result.status} ${result.id} ${result.name}${reason}`);
}
console.log(JSON.stringify(counts));
process.exit(counts.warn + counts.error > 0 ? 1 : 0);
