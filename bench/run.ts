/** `npm run bench`: every performance figure of the product, printed as one table. */
import { benchAnalyzerCheck } from './analyzer-check.bench.ts';
import { printTable } from './table.ts';
import type { BenchRow } from './table.ts';

const rows: BenchRow[] = [];
const only = process.argv[2];
if (!only || only === 'analyzer') rows.push(...benchAnalyzerCheck());
process.stdout.write(`${printTable(rows)}\n`);
