// Generates the national benchmark dataset of bench/national.sh: a Fingertips-format export for
// every English council (upper tier), region and England, with INDICATORS indicators of three
// kinds (proportions judged by Wilson, crude rates judged by Byar, rates supplied with their own
// 95% and 99.8% intervals), YEARS single years, Persons/Male/Female for each indicator and
// deprivation deciles within each area for three indicators in five. Every row has a count and a
// denominator. Values come from a fixed-seed generator (mulberry32), so the file is the same on
// every run and machine. Writes DIR/export.csv, DIR/catalogue.toml (the indicators for
// `waymark indicators import`) and DIR/indicators.csv (the same catalogue for the SQL side).
//
// Usage: node bench/national_gen.mjs AREAS_CSV DIR
// Environment: INDICATORS (default 220), YEARS (default 15, ending 2023), ROWS (stop after the
// indicator during which this many rows have been written; default no limit, about 5.08 M rows).
import fs from 'node:fs';
import path from 'node:path';

const [areasFile, dir] = process.argv.slice(2);
if (!areasFile || !dir) {
  console.error('usage: node bench/national_gen.mjs AREAS_CSV DIR');
  process.exit(2);
}
const nIndicators = Number(process.env.INDICATORS || 220);
const nYears = Number(process.env.YEARS || 15);
const rowLimit = Number(process.env.ROWS || Infinity);
const lastYear = 2023;

// A 32-bit generator with a fixed seed (mulberry32): uniform in [0, 1).
let state = 20261205;
function uniform() {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function normal() {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

// Splits one CSV line with quoted fields (the areas file quotes names with commas).
function splitCsv(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

const areas = [];
for (const line of fs.readFileSync(areasFile, 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const [code, name, type, parent] = splitCsv(line);
  if (!['country', 'region', 'council'].includes(type)) continue;
  areas.push({ code, name: name.includes(',') ? `"${name}"` : name, type, parent });
}
const byCode = new Map(areas.map((a) => [a.code, a]));
const areaType = { country: 'England', region: 'Regions (statistical)', council: 'Counties & UAs (from Apr 2023)' };
// Population scale of an area relative to a council: England about 150 councils, a region 16.
const scale = { country: 150, region: 16, council: 1 };

const kinds = ['proportion', 'rate', 'supplied'];
const polarities = ['low', 'high', 'neutral'];
const deciles = ['Most deprived decile (IMD2019)', 'Second most deprived decile (IMD2019)',
  'Third more deprived decile (IMD2019)', 'Fourth more deprived decile (IMD2019)',
  'Fifth more deprived decile (IMD2019)', 'Fifth less deprived decile (IMD2019)',
  'Fourth less deprived decile (IMD2019)', 'Third less deprived decile (IMD2019)',
  'Second least deprived decile (IMD2019)', 'Least deprived decile (IMD2019)'];
const decileType = 'LSOA11 deprivation deciles within area (IMD2019)';
const z95 = 1.959963984540054;
const z998 = 3.090232306167813;

fs.mkdirSync(dir, { recursive: true });
const csv = fs.openSync(path.join(dir, 'export.csv'), 'w');
let buffer = 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to Regions (statistical) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range\n';
function emit(s) {
  buffer += s;
  if (buffer.length > 1 << 20) { fs.writeSync(csv, buffer); buffer = ''; }
}

const toml = ['# The national benchmark catalogue (bench/national_gen.mjs): generated indicators.\n'];
const table = ['id,code,kind,value_type,method,multiplier,polarity'];
let rows = 0;
let made = 0;
for (let i = 0; i < nIndicators && rows < rowLimit; ++i, ++made) {
  const kind = kinds[i % 3];
  const polarity = polarities[Math.floor(i / 3) % 3];
  const withDeciles = i % 5 < 3;
  const id = `national-${String(i + 1).padStart(3, '0')}`;
  const code = String(100001 + i);
  const multiplier = kind === 'proportion' ? 100 : 100000;
  const valueType = kind === 'proportion' ? 'proportion' : 'rate';
  const method = kind === 'proportion' ? 'wilson' : kind === 'rate' ? 'byar' : 'supplied';
  toml.push(`[[indicators]]\nid = "${id}"\ntitle = "Generated ${kind} indicator ${i + 1}"\n` +
    `value_type = "${valueType}"\nunit = "${kind === 'proportion' ? '%' : 'per 100,000'}"\n` +
    `multiplier = ${multiplier}\npolarity = "${polarity}"\nmethod = "${method}"\n` +
    `  [indicators.source]\n  format = "fingertips"\n  code = "${code}"\n`);
  table.push(`${id},${code},${kind},${valueType},${method},${multiplier},${polarity}`);
  // The indicator's level: a proportion of 5-60%, or a rate of 300-5,000 per 100,000.
  const level = kind === 'proportion' ? 0.05 + 0.55 * uniform() : (300 + 4700 * uniform()) / 1e5;
  const drift = 0.03 * normal();  // change per year on the log-odds or log scale
  const name = `Generated ${kind} indicator ${i + 1}`;
  for (const area of areas) {
    const areaEffect = area.type === 'council' ? 0.25 * normal() : area.type === 'region' ? 0.1 * normal() : 0;
    const areaDrift = area.type === 'council' ? 0.02 * normal() : 0;
    const size = scale[area.type] * (2000 + 30000 * uniform());
    const parent = area.parent ? byCode.get(area.parent) : null;
    const groups = [['Persons', '', ''], ['Male', '', ''], ['Female', '', '']];
    if (withDeciles) for (const d of deciles) groups.push(['Persons', decileType, d]);
    for (let y = lastYear - nYears + 1; y <= lastYear; ++y) {
      for (let g = 0; g < groups.length; ++g) {
        const [sex, ctype, category] = groups[g];
        const sexEffect = sex === 'Male' ? 0.1 : sex === 'Female' ? -0.1 : 0;
        const decileEffect = ctype ? 0.4 - 0.09 * (g - 3) : 0;
        const share = sex === 'Persons' ? (ctype ? 0.1 : 1) : 0.5;
        const den = Math.max(50, Math.round(size * share * (0.9 + 0.2 * uniform())));
        const shift = areaEffect + sexEffect + decileEffect + (drift + areaDrift) * (y - lastYear) +
          0.05 * normal();
        let count;
        if (kind === 'proportion') {
          const logit = Math.log(level / (1 - level)) + shift;
          const p = 1 / (1 + Math.exp(-logit));
          count = Math.min(den - 1, Math.max(1, Math.round(den * p)));
        } else {
          // At least 10 events, so Byar's limits apply (exact Poisson limits below 10).
          count = Math.max(10, Math.round(den * level * Math.exp(shift)));
        }
        const value = (count / den) * multiplier;
        let cis = ',,,';
        if (kind === 'supplied') {
          // Supplied intervals, as a directly standardised rate's: log-normal around the value.
          const se = 1.1 / Math.sqrt(count);
          cis = [value * Math.exp(-z95 * se), value * Math.exp(z95 * se),
            value * Math.exp(-z998 * se), value * Math.exp(z998 * se)].map((v) => v.toFixed(4)).join(',');
        }
        emit(`${code},${name},${parent ? parent.code : ''},${parent ? parent.name : ''},${area.code},` +
          `${area.name},${areaType[area.type]},${sex},<18 yrs,${ctype},${category},${y},` +
          `${value.toFixed(4)},${cis},${count},${den},,,,,${y}0000,,,1y\n`);
        ++rows;
      }
    }
  }
}
fs.writeSync(csv, buffer);
fs.closeSync(csv);
fs.writeFileSync(path.join(dir, 'catalogue.toml'), toml.join('\n'));
fs.writeFileSync(path.join(dir, 'indicators.csv'), `${table.join('\n')}\n`);
console.log(`${rows} rows, ${made} indicators, ${areas.length} areas, ${nYears} years`);
