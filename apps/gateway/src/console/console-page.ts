// The console's one HTML page: panels the bundle (assets/console.js) fills and refreshes.

const panels: readonly (readonly [id: string, title: string])[] = [
  ['dashboard', 'Dashboard sections'],
  ['breakers', 'Circuit breakers'],
  ['queues', 'Retry tiers and dead letters'],
  ['alerts', 'Firing alerts (Prometheus)'],
  ['plots', 'Gateway: requests, errors, latency (last 15 min)'],
  ['traces', 'Recent traces (Jaeger)'],
];

/** The HTML of GET /console; assets are loaded from /console/assets/. */
export const consolePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gaara Store console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<header>
  <h1>Gaara Store console</h1>
  <form id="token-form" autocomplete="off">
    <label>Admin token <input id="admin-token" type="password" placeholder="needed for actions only"></label>
    <button type="submit">Use</button>
    <button type="button" id="token-clear">Forget</button>
    <span id="token-state"></span>
  </form>
  <span id="refreshed"></span>
</header>
<main>
${panels
  .map(
    ([id, title]) => `<section class="panel" id="panel-${id}" data-panel="${id}">
  <h2>${title} <span class="source-state" data-state="loading">loading</span></h2>
  <div class="panel-body"></div>
</section>`,
  )
  .join('\n')}
</main>
<script src="/console/assets/console.js"></script>
</body>
</html>
`;
