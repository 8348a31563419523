/** Recorded test data (testing/testdata): Prometheus answers of the demo and the demo's golden graph. */
import fs from 'node:fs';
import path from 'node:path';
import type { EgressGraph } from '../lib/graph/model';

/** A file under testing/testdata, by its path there (e.g. `egress/demo-http.json`). */
export const testdataPath = (relative: string): string => path.join(__dirname, 'testdata', relative);

/** A JSON file under testing/testdata, parsed. */
export const readTestdata = (relative: string): unknown => JSON.parse(fs.readFileSync(testdataPath(relative), 'utf8')) as unknown;

/** Where the demo's golden graph lives (`UPDATE_GOLDEN=1` rewrites it). */
export const GOLDEN_GRAPH_PATH = testdataPath('graph/demo-graph.golden.json');

/** The demo's graph as recorded: the golden every graph test starts from. */
export const goldenGraph = (): EgressGraph => readTestdata('graph/demo-graph.golden.json') as EgressGraph;
