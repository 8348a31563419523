import { AnswerReader } from './lib/prometheus/answer-reader';
import { instantAnswer } from './lib/prometheus/parse';
import { FlowAccumulator } from './lib/egress/flows';
import { guardFlows } from './lib/egress/guard';
import { gatewayMatcher } from './lib/egress/classify';
const result = Array.from({ length: 100_000 }, (_, i) => ({ metric: { connection_security_policy: 'unknown', destination_service: `host-${i}.example.com`, destination_service_name: 'PassthroughCluster', destination_service_namespace: 'unknown', destination_workload: 'unknown', destination_workload_namespace: 'unknown', reporter: 'source', request_protocol: 'http', response_code: '200', response_flags: '-', source_workload: `wl-${i % 1000}`, source_workload_namespace: `ns-${i % 50}` }, value: [1700000000, String(Math.random())] }));
const chunks: Buffer[] = [];
{ const buf = Buffer.from(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } })); for (let o = 0; o < buf.length; o += 65536) chunks.push(Buffer.from(buf.subarray(o, o + 65536))); }
result.length = 0;
const mb = (n: number) => (n / 1048576).toFixed(0);
let peak = 0;
const isGateway = gatewayMatcher('istio-egressgateway.*');
(async () => {
  for (let r = 0; r < 12; r++) {
    const t = performance.now();
    const acc = new FlowAccumulator({ isGateway });
    const c = instantAnswer((s) => acc.add(s, 'requests'));
    const reader = new AnswerReader((e) => c.element(e));
    for (const ch of chunks) { reader.write(ch); peak = Math.max(peak, process.memoryUsage().rss); await new Promise((r) => setImmediate(r)); }
    c.end(reader.end());
    const g = guardFlows(acc.flows(), acc.skipped, 100);
    const m = process.memoryUsage();
    console.log(r, (performance.now() - t).toFixed(0), 'ms rss', mb(m.rss), 'heapUsed', mb(m.heapUsed), 'heapTotal', mb(m.heapTotal), 'flows', g.flows.length);
  }
  console.log('peak', mb(peak));
})();
