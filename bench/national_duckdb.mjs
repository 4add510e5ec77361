// The DuckDB side of bench/national.sh, through npm @duckdb/node-api (a dev dependency used by
// this benchmark only). Each step runs in its own process so that its peak memory can be
// measured on its own:
//   node bench/national_duckdb.mjs load DB EXPORT_CSV INDICATORS_CSV AREAS_CSV
//     read_csv of the Fingertips-format export (and the catalogue and areas) into tables of DB;
//   node bench/national_duckdb.mjs judge DB
//     the judgements Waymark's `assess` makes, in SQL, stored as the table `judgements`: value
//     and 95%/99.8% limits (Wilson for proportions, Byar for rates, as supplied otherwise), the
//     comparison with England and with the region (one level at 95% and 99.8%, and two levels),
//     the quintile among English councils and the recent trend;
//   node bench/national_duckdb.mjs check DB WAYMARK_EXPORT_CSV
//     how many of Waymark's exported judgements (`waymark export assessments`) differ from the
//     table, column by column (exits 1 when any does).
// Each step prints one line: `STEP SECONDS` (wall time inside the process, database opened).
import { DuckDBInstance } from '@duckdb/node-api';

const [step, db, ...args] = process.argv.slice(2);

const z95 = 1.959963984540054;
const z998 = 3.090232306167813;
const chiCritical = 9.54953570608324;  // Φ⁻¹(0.999)², the 99.8% level of the trend test

// Wilson score limits of x out of n at deviate z (docs/statistics.md), times the multiplier.
function wilson(z, sign) {
  return `(2 * cnt + ${z * z} ${sign} ${z} * sqrt(${z * z} + 4 * cnt * (1 - cnt / den))) / ` +
    `(2 * (den + ${z * z})) * multiplier`;
}
// Byar's limits of a count O at deviate z, divided by the denominator, times the multiplier.
function byarLower(z) {
  return `cnt * pow(1 - 1 / (9 * cnt) - ${z} / (3 * sqrt(cnt)), 3) / den * multiplier`;
}
function byarUpper(z) {
  return `(cnt + 1) * pow(1 - 1 / (9 * (cnt + 1)) + ${z} / (3 * sqrt(cnt + 1)), 3) / den * multiplier`;
}

// Method 1 (the benchmark inside the interval is Similar, else the value decides) and method 17
// (two levels), with the polarity applied; `b` is the benchmark column.
function compare(b, lower, upper) {
  return `CASE WHEN j.value IS NULL OR ${b} IS NULL OR j.${lower} IS NULL OR j.${upper} IS NULL
      THEN 'Not compared'
    WHEN ${b} BETWEEN j.${lower} AND j.${upper} THEN 'Similar'
    WHEN j.polarity = 'neutral' THEN CASE WHEN j.value > ${b} THEN 'Higher' ELSE 'Lower' END
    WHEN (j.value > ${b}) = (j.polarity = 'high') THEN 'Better' ELSE 'Worse' END`;
}
function compareTwoLevels(b) {
  const side = (level) => `CASE WHEN j.polarity = 'neutral'
        THEN CASE WHEN j.value > ${b} THEN 'Higher (${level})' ELSE 'Lower (${level})' END
      WHEN (j.value > ${b}) = (j.polarity = 'high') THEN 'Better (${level})' ELSE 'Worse (${level})' END`;
  return `CASE WHEN j.value IS NULL OR ${b} IS NULL OR j.lower95 IS NULL OR j.upper95 IS NULL
      OR j.lower998 IS NULL OR j.upper998 IS NULL THEN 'Not compared'
    WHEN ${b} BETWEEN j.lower95 AND j.upper95 THEN 'Similar'
    WHEN ${b} BETWEEN j.lower998 AND j.upper998 THEN ${side('95%')}
    ELSE ${side('99.8%')} END`;
}

// The weighted least-squares slope of y on t = 1..5 without point `skip` (0 = none), from the
// five points' columns y1..y5 and w1..w5 (point 5 the latest).
function slope(skip) {
  const pts = [1, 2, 3, 4, 5].filter((k) => k !== skip);
  const sum = (f) => pts.map(f).join(' + ');
  const sw = sum((k) => `w${k}`);
  const swt = sum((k) => `w${k} * ${k}`);
  const swt2 = sum((k) => `w${k} * ${k * k}`);
  const swy = sum((k) => `w${k} * y${k}`);
  const swyt = sum((k) => `w${k} * y${k} * ${k}`);
  return `((${sw}) * (${swyt}) - (${swt}) * (${swy})) / ((${sw}) * (${swt2}) - (${swt}) * (${swt}))`;
}

const judgeSql = `
CREATE OR REPLACE TABLE judgements AS
WITH v AS (
  SELECT i.id AS indicator, o.area_code, o.period, o.period_sortable, o.sex, o.age,
    coalesce(o.category_type, '') AS category_type, coalesce(o.category, '') AS category,
    o.cnt, o.den, i.kind, i.value_type, i.polarity, i.multiplier, a.type AS area_type,
    -- A council's region (the benchmark of its comparison with the region); none for others.
    CASE WHEN a.type = 'council' THEN a.parent_code END AS region,
    CASE WHEN i.kind = 'supplied' THEN o.value_in ELSE o.cnt / o.den * i.multiplier END AS value,
    CASE i.kind WHEN 'proportion' THEN ${wilson(z95, '-')} WHEN 'rate' THEN ${byarLower(z95)}
      ELSE o.lower95_in END AS lower95,
    CASE i.kind WHEN 'proportion' THEN ${wilson(z95, '+')} WHEN 'rate' THEN ${byarUpper(z95)}
      ELSE o.upper95_in END AS upper95,
    CASE i.kind WHEN 'proportion' THEN ${wilson(z998, '-')} WHEN 'rate' THEN ${byarLower(z998)}
      ELSE o.lower998_in END AS lower998,
    CASE i.kind WHEN 'proportion' THEN ${wilson(z998, '+')} WHEN 'rate' THEN ${byarUpper(z998)}
      ELSE o.upper998_in END AS upper998
  FROM obs o JOIN indicators i ON i.code = o.indicator_code JOIN areas a ON a.code = o.area_code
),
-- The benchmarks: England's and each region's figure for everyone of the same sex and age.
base AS (
  SELECT indicator, period, sex, age, area_code, value FROM v WHERE category_type = ''
    AND area_type IN ('country', 'region')
),
-- Quintile bounds among English councils (PERCENTILE.INC, rounded to 10 places) for each
-- group, when at least three quarters of the councils have a figure.
bounds AS (
  SELECT indicator, period, sex, age, category_type, category,
    list_transform(quantile_cont(value, [0.2, 0.4, 0.6, 0.8]), q -> round_even(q * 1e10, 0) / 1e10) AS q,
    max(value) AS top
  FROM v WHERE area_type = 'council' AND value IS NOT NULL
  GROUP BY ALL
  HAVING 4 * count(*) >= 3 * (SELECT count(*) FROM areas WHERE type = 'council')
),
-- The five most recent points of each series up to each period: values (logit of the
-- proportion, unweighted, for proportions with counts; the value weighted by 1/SE² otherwise).
-- The five most recent points of each series up to each period, point 5 the latest: the
-- logit of the proportion, unweighted, for proportions with counts; otherwise the value weighted
-- by 1/SE², SE = (U95 - L95)/3.92.
windowed AS (
  SELECT v.*, row_number() OVER w AS position,
    ${[1, 2, 3, 4].map((k) => `lag(cnt, ${5 - k}) OVER w AS c${k}, lag(den, ${5 - k}) OVER w AS n${k},
    lag(value, ${5 - k}) OVER w AS v${k}, lag((upper95 - lower95) / 3.92, ${5 - k}) OVER w AS s${k}`).join(',\n    ')},
    cnt AS c5, den AS n5, value AS v5, (upper95 - lower95) / 3.92 AS s5
  FROM v
  WINDOW w AS (PARTITION BY indicator, area_code, sex, age, category_type, category
               ORDER BY period_sortable)
),
points AS (
  SELECT *, c1 + c2 + c3 + c4 + c5 AS so, n1 + n2 + n3 + n4 + n5 AS sn,
    ${[1, 2, 3, 4, 5].map((k) => `CASE WHEN value_type = 'proportion'
      THEN ln((c${k} + zero_count) / (n${k} - c${k} + zero_count)) ELSE v${k} END AS y${k},
    CASE WHEN value_type = 'proportion' THEN 1.0 ELSE 1 / (s${k} * s${k}) END AS w${k}`).join(',\n    ')}
  FROM (SELECT *, CASE WHEN c1 = 0 OR c2 = 0 OR c3 = 0 OR c4 = 0 OR c5 = 0 THEN 0.5 ELSE 0 END
          AS zero_count
        FROM windowed
        WHERE position >= 5 AND c1 <> n1 AND c2 <> n2 AND c3 <> n3 AND c4 <> n4 AND c5 <> n5)
),
trend AS (
  SELECT indicator, area_code, period, sex, age, category_type, category,
    CASE WHEN value_type = 'proportion'
      -- Armitage's chi-squared test for trend in proportions, t = 1..5.
      THEN sn * pow(sn * (${[1, 2, 3, 4, 5].map((k) => `c${k} * ${k}`).join(' + ')})
                    - so * (${[1, 2, 3, 4, 5].map((k) => `n${k} * ${k}`).join(' + ')}), 2)
        / (so * (sn - so) * (sn * (${[1, 2, 3, 4, 5].map((k) => `n${k} * ${k * k}`).join(' + ')})
                             - pow(${[1, 2, 3, 4, 5].map((k) => `n${k} * ${k}`).join(' + ')}, 2)))
      -- Weighted regression: (b / SE(b))², SE(b) = √(Σw / det).
      ELSE pow(${slope(0)}, 2) / ((w1 + w2 + w3 + w4 + w5) /
        ((w1 + w2 + w3 + w4 + w5) * (w1 + 4 * w2 + 9 * w3 + 16 * w4 + 25 * w5)
         - pow(w1 + 2 * w2 + 3 * w3 + 4 * w4 + 5 * w5, 2)))
    END AS chi2,
    ${slope(0)} AS b,
    ${[0, 1, 2, 3, 4, 5].map((k) => `sign(${slope(k)})`).join(' + ')} AS signs,
    polarity, least(s1, s2, s3, s4, s5) AS min_se
  FROM points
),
trend_label AS (
  SELECT indicator, area_code, period, sex, age, category_type, category,
    CASE WHEN NOT isfinite(chi2) OR NOT isfinite(b) OR chi2 IS NULL OR b IS NULL
        OR (min_se <= 0) THEN 'Cannot be calculated'
      WHEN NOT (chi2 > ${chiCritical} AND abs(signs) = 6) THEN 'No significant change'
      WHEN b > 0 THEN CASE polarity WHEN 'high' THEN 'Increasing and getting better'
        WHEN 'low' THEN 'Increasing and getting worse' ELSE 'Increasing' END
      ELSE CASE polarity WHEN 'high' THEN 'Decreasing and getting worse'
        WHEN 'low' THEN 'Decreasing and getting better' ELSE 'Decreasing' END
    END AS recent_trend
  FROM trend
)
SELECT j.indicator, j.area_code, j.period, j.sex, j.age, j.category_type, j.category,
  j.value, j.lower95, j.upper95, j.lower998, j.upper998, j.cnt AS count, j.den AS denominator,
  CASE WHEN j.area_code = 'E92000001' AND j.category_type = '' THEN 'Not compared'
    ELSE ${compare('e.value', 'lower95', 'upper95')} END AS compared_to_england,
  CASE WHEN j.area_code = 'E92000001' AND j.category_type = '' THEN 'Not compared'
    ELSE ${compare('e.value', 'lower998', 'upper998')} END AS compared_to_england_99_8,
  CASE WHEN j.area_code = 'E92000001' AND j.category_type = '' THEN 'Not compared'
    ELSE ${compareTwoLevels('e.value')} END AS compared_to_england_2level,
  ${compare('r.value', 'lower95', 'upper95')} AS compared_to_region,
  coalesce(t.recent_trend, 'Cannot be calculated') AS recent_trend,
  CASE WHEN j.area_type <> 'council' OR bd.q IS NULL THEN NULL
    WHEN j.value <= bd.q[1] THEN CASE WHEN j.polarity = 'high' THEN 5 ELSE 1 END
    WHEN j.value <= bd.q[2] THEN CASE WHEN j.polarity = 'high' THEN 4 ELSE 2 END
    WHEN j.value <= bd.q[3] THEN 3
    WHEN j.value <= bd.q[4] THEN CASE WHEN j.polarity = 'high' THEN 2 ELSE 4 END
    WHEN j.value <= bd.top THEN CASE WHEN j.polarity = 'high' THEN 1 ELSE 5 END
  END AS quintile
FROM v j
LEFT JOIN base e ON e.indicator = j.indicator AND e.period = j.period AND e.sex = j.sex
  AND e.age = j.age AND e.area_code = 'E92000001'
LEFT JOIN base r ON r.indicator = j.indicator AND r.period = j.period
  AND r.sex = j.sex AND r.age = j.age AND r.area_code = j.region
LEFT JOIN bounds bd ON bd.indicator = j.indicator AND bd.period = j.period AND bd.sex = j.sex
  AND bd.age = j.age AND bd.category_type = j.category_type AND bd.category = j.category
LEFT JOIN trend_label t ON t.indicator = j.indicator AND t.area_code = j.area_code
  AND t.period = j.period AND t.sex = j.sex AND t.age = j.age
  AND t.category_type = j.category_type AND t.category = j.category
`;

const exportColumns = {
  indicator_code: 'VARCHAR', indicator_name: 'VARCHAR', parent_code: 'VARCHAR',
  parent_name: 'VARCHAR', area_code: 'VARCHAR', area_name: 'VARCHAR', area_type_name: 'VARCHAR',
  sex: 'VARCHAR', age: 'VARCHAR', category_type: 'VARCHAR', category: 'VARCHAR',
  period: 'VARCHAR', value_in: 'DOUBLE', lower95_in: 'DOUBLE', upper95_in: 'DOUBLE',
  lower998_in: 'DOUBLE', upper998_in: 'DOUBLE', cnt: 'DOUBLE', den: 'DOUBLE',
  value_note: 'VARCHAR', recent_trend_source: 'VARCHAR', compared_england_source: 'VARCHAR',
  compared_region_source: 'VARCHAR', period_sortable: 'BIGINT', new_data: 'VARCHAR',
  compared_goal: 'VARCHAR', period_range: 'VARCHAR',
};
const duckColumns = (cols) =>
  `{${Object.entries(cols).map(([k, t]) => `'${k}': '${t}'`).join(', ')}}`;
const quote = (s) => `'${s.replaceAll("'", "''")}'`;

async function main() {
  const instance = await DuckDBInstance.create(db);
  const con = await instance.connect();
  const start = process.hrtime.bigint();
  if (step === 'load') {
    const [exportCsv, indicatorsCsv, areasCsv] = args;
    await con.run(`CREATE OR REPLACE TABLE obs AS SELECT * FROM read_csv(${quote(exportCsv)},
      header = true, columns = ${duckColumns(exportColumns)})`);
    await con.run(`CREATE OR REPLACE TABLE indicators AS SELECT * FROM read_csv(${quote(indicatorsCsv)},
      header = true, all_varchar = true)`);
    await con.run(`CREATE OR REPLACE TABLE areas AS SELECT * FROM read_csv(${quote(areasCsv)},
      header = true, all_varchar = true)`);
    await con.run('ALTER TABLE indicators ALTER multiplier TYPE DOUBLE');
    await con.run('CHECKPOINT');
  } else if (step === 'judge') {
    await con.run(judgeSql);
    await con.run('CHECKPOINT');
  } else if (step === 'check') {
    await check(con, args[0]);
  } else {
    throw new Error(`unknown step ${step}`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${step} ${seconds.toFixed(3)}`);
  con.closeSync();
  instance.closeSync();
}

// Compares Waymark's exported judgements with the table: values and limits to 1e-9 relative,
// labels and quintiles exactly.
async function check(con, waymarkCsv) {
  await con.run(`CREATE OR REPLACE TEMP TABLE w AS SELECT * FROM read_csv(${quote(waymarkCsv)},
    header = true, all_varchar = true)`);
  const near = (c, wc = c) => `abs(w.${wc}::DOUBLE - d.${c}) > 1e-9 * greatest(1, abs(d.${c}))`;
  const differs = (c) => `coalesce(w.${c}, '') <> coalesce(d.${c}::VARCHAR, '')`;
  const reader = await con.runAndReadAll(`SELECT count(*) AS rows,
      count(d.indicator) AS matched,
      count(*) FILTER (${near('value')}) AS value,
      count(*) FILTER (${near('lower95', 'lower_95')} OR ${near('upper95', 'upper_95')}) AS limits95,
      count(*) FILTER (${near('lower998', 'lower_99_8')} OR ${near('upper998', 'upper_99_8')})
        AS limits998,
      count(*) FILTER (${differs('compared_to_england')}) AS compared_to_england,
      count(*) FILTER (${differs('compared_to_region')} AND d.compared_to_region <> 'Not compared')
        AS compared_to_region,
      count(*) FILTER (${differs('recent_trend')}) AS recent_trend,
      count(*) FILTER (${differs('quintile')}) AS quintile
    FROM w LEFT JOIN judgements d ON d.indicator = w.indicator AND d.area_code = w.area_code
      AND d.period = w.period AND d.sex = w.sex AND d.age = w.age
      AND d.category_type = coalesce(w.category_type, '') AND d.category = coalesce(w.category, '')`);
  const row = reader.getRowObjectsJson()[0];
  console.log(`check: ${JSON.stringify(row)}`);
  const bad = Object.entries(row).filter(([k, v]) => !['rows', 'matched'].includes(k) && Number(v) > 0);
  if (bad.length > 0 || row.rows !== row.matched) process.exitCode = 1;
}

await main();
