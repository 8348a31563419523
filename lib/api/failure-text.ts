/**
 * What users are told when a backend call fails: a title per error code (the
 * `code` of every /api/* error answer) and what to check. Framework-free and
 * import-free: the API puts the hint in its error answers, the browser shows
 * the title and the hint.
 */

/** The code the browser uses when /api/* itself did not answer (the Egress Lens server is down). */
export const NETWORK_FAILURE = 'network';

/** The code the browser uses when an /api/* answer is not what the page expects (lib/api/answers). */
export const BAD_ANSWER = 'bad-answer';

/** A short title for a failure, by error code. */
export function failureTitle(code: string): string {
  switch (code) {
    case 'prometheus-unreachable':
      return 'Prometheus is not answering';
    case 'prometheus-timeout':
      return 'Prometheus is too slow';
    case 'prometheus-bad-query':
      return 'Prometheus refused the query';
    case 'prometheus-upstream':
      return 'Prometheus answered with an error';
    case 'prometheus-bad-response':
      return 'The backend did not answer like Prometheus';
    case 'misconfigured':
      return 'Egress Lens is misconfigured';
    case NETWORK_FAILURE:
      return 'The Egress Lens server is not answering';
    case BAD_ANSWER:
      return 'Unexpected answer from the Egress Lens server';
    default:
      return 'The data could not be loaded';
  }
}

/**
 * The title and the message as one sentence: "Prometheus refused the query: <its message>"
 * rather than the title twice; a message that does not start with the title follows it.
 */
export function failureHeadline(code: string, message: string): { readonly title: string; readonly detail: string } {
  const title = failureTitle(code);
  const lead = `${title}: `;
  if (message.toLowerCase().startsWith(lead.toLowerCase())) return { title: `${title}:`, detail: message.slice(lead.length) };
  return { title: `${title}.`, detail: message };
}

const CHECK_URL = 'Check PROMETHEUS_URL: it must be the base of the Prometheus HTTP API (Mimir and Cortex need their /prometheus prefix).';

/** What to check for a failure, by error code; `status` and `message` refine it (credentials, query queue). */
export function failureHint(code: string, detail: { readonly status?: number; readonly message?: string } = {}): string | undefined {
  switch (code) {
    case 'prometheus-unreachable':
      return 'Check that Prometheus is running and that PROMETHEUS_URL points at it (scheme, host and port); for https with a private CA, set PROMETHEUS_CA_FILE.';
    case 'prometheus-timeout':
      if (/query queue/i.test(detail.message ?? ''))
        return 'Prometheus is busy: the query waited in its queue until the timeout. Check its load, and --query.max-concurrency if other clients keep every slot.';
      if (detail.status !== undefined)
        return "The query ran longer than the timeout inside Prometheus: try a shorter window, check Prometheus's load, or raise PROMETHEUS_TIMEOUT_MS.";
      return 'Prometheus may be overloaded or stuck: check its CPU, memory and logs. A shorter window asks less of it; PROMETHEUS_TIMEOUT_MS sets how long to wait.';
    case 'prometheus-bad-query':
      return "That is Prometheus's own message. Limits such as --query.max-samples stop queries over long windows: try a shorter window or fewer namespaces, or raise the limit. An engine without some PromQL function also answers this way.";
    case 'prometheus-upstream':
      if (detail.status === 401 || detail.status === 403)
        return 'Check the credentials: PROMETHEUS_BEARER_TOKEN or PROMETHEUS_BEARER_TOKEN_FILE, PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD, and PROMETHEUS_HEADERS for a tenant.';
      if (detail.status === 404) return CHECK_URL;
      if (detail.status === 503) return 'Prometheus is starting up or overloaded: check its logs, and any proxy in between.';
      return "Check Prometheus's logs, and any proxy between it and Egress Lens.";
    case 'prometheus-bad-response':
      return `${CHECK_URL} An SSO or OAuth proxy in front of Prometheus answers with its login page: give Egress Lens a token (PROMETHEUS_BEARER_TOKEN, PROMETHEUS_HEADERS) or point it past the proxy.`;
    case 'misconfigured':
      return "Fix the variables named above in the server's environment, then restart it.";
    case NETWORK_FAILURE:
      return 'Check that the Egress Lens server is running and reachable from this browser.';
    case BAD_ANSWER:
      return 'This page and the server may be different versions (a deploy in progress): reload the page. If it persists, check what answers in its place: a proxy or a login page between this browser and Egress Lens.';
    default:
      return undefined;
  }
}
