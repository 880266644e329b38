// A one-market, one-stall catalogue whose stall sells 1,000 products, for the stall-scrolling figure.
// Built from the pilot catalogue (assets/catalog): the first market keeps only its first stall, whose
// products are the market's own products repeated with fresh ids (`<stall>.p<N>`) until there are 1,000.
// Counts in the index follow, so the decoders and serve.py accept it. One stall, so serve.py's first-start
// seeding (a deliberately slow hash per stall account) stays short.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './common.mjs';

export const BIG_STALL_PRODUCTS = 1000;

export function writeBigStallCatalog() {
  const src = path.join(ROOT, 'assets', 'catalog');
  const index = JSON.parse(fs.readFileSync(path.join(src, 'index.json'), 'utf8'));
  const market = index.markets[0];
  const file = JSON.parse(fs.readFileSync(path.join(src, market.file), 'utf8'));
  const stall = file.stalls[0];
  const pool = file.stalls.flatMap((s) => s.products);
  const products = [];
  for (let i = 0; i < BIG_STALL_PRODUCTS; i++) {
    const p = structuredClone(pool[i % pool.length]);
    p.id = `${stall.id}.p${i + 1}`;
    products.push(p);
  }
  stall.products = products;
  file.stalls = [stall];
  market.stall_count = 1;
  market.product_count = products.length;
  index.markets = [market];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-catalog-'));
  fs.mkdirSync(path.join(dir, path.dirname(market.file)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
  fs.writeFileSync(path.join(dir, market.file), JSON.stringify(file));
  return { dir, market_id: market.id, stall_id: stall.id, stall_name: stall.name, products: products.length };
}
