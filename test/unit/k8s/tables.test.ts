import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseQuantity,
  quantityDecimalString,
  parseLabelSelector,
  selectorFromSet,
  selectorFromRequirements,
  newRequirement,
  requirementToString,
  everything,
  nothing,
  scaledValueFromIntOrPercent,
  type Requirement,
  type SelectorOperator,
} from '../../../server/src/k8s/index';

const FIX = join(__dirname, '..', '..', 'fixtures', 'k8s-tables');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const table = (name: string): any[] => JSON.parse(readFileSync(join(FIX, name), 'utf8')).slice(1);

test('quantity_parse.json: value, format and milli value of every valid input; errors for the rest', () => {
  const rows = table('quantity_parse.json');
  assert.ok(rows.length > 100);
  for (const row of rows) {
    if (row.expect_error) {
      assert.throws(() => parseQuantity(row.input), `${JSON.stringify(row.input)} must not parse`);
      continue;
    }
    for (const [prefix, neg] of [['', false], ['+', false], ['-', true]] as const) {
      const q = parseQuantity(prefix + row.input);
      const want = neg && row.expected_value !== '0' ? `-${row.expected_value}` : row.expected_value;
      assert.equal(quantityDecimalString(q), want, `value of ${prefix}${row.input}`);
      assert.equal(q.format, row.expected_format, `format of ${prefix}${row.input}`);
      if (row.milli_value !== null && !neg) assert.equal(q.milliValue, BigInt(row.milli_value), `milli of ${row.input}`);
      // The canonical form parses back to the same value.
      assert.equal(quantityDecimalString(parseQuantity(q.canonical)), want, `round trip of ${prefix}${row.input} via ${q.canonical}`);
    }
  }
});

test('quantity canonical strings follow the API server (same family, largest exact suffix)', () => {
  const cases: Array<[string, string]> = [
    ['1.5', '1500m'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'], ['0.5Gi', '512Mi'], ['5', '5'],
    ['100.035Ki', '102435840m'], ['1e3', '1e3'], ['1.5e3', '1500'], ['1E-3', '1e-3'], ['0.1', '100m'], ['1500', '1500'],
    ['15000', '15k'], ['0', '0'], ['0Ki', '0'], ['-1Ki', '-1Ki'], ['1023Ki', '1023Ki'], ['2048', '2Ki'] as never,
    ['9Ei', '9223372036854775807'], ['12E', '12E'], ['3.001n', '4n'], ['0.5e-9', '1e-9'], ['128974848', '128974848'],
    ['129e6', '129e6'], ['129M', '129M'], ['123Mi', '123Mi'], ['1Gi', '1Gi'],
  ];
  for (const [input, canonical] of cases) {
    if (input === '2048') continue; // a DecimalSI input stays decimal: covered below
    assert.equal(parseQuantity(input).canonical, canonical, input);
  }
  assert.equal(parseQuantity('2048').canonical, '2048', 'DecimalSI input is never printed with a binary suffix');
  assert.equal(parseQuantity(1).canonical, '1', 'a YAML integer is a quantity');
  assert.equal(parseQuantity(0.5).canonical, '500m', 'a YAML float is a quantity');
  assert.equal(parseQuantity(1e3).milliValue, 1000000n);
  assert.equal(parseQuantity('0.0001').canonical, '100u');
});

test('label_selector.json: parse, string form, requirements, matching', () => {
  const rows = table('label_selector.json');
  let checked = 0;
  for (const row of rows) {
    switch (row.kind) {
      case 'parse': {
        if (row.valid) assert.equal(parseLabelSelector(row.input).toString(), row.expected_string, row.input);
        else assert.throws(() => parseLabelSelector(row.input), row.input);
        break;
      }
      case 'parse_struct': {
        if (!row.valid) {
          assert.throws(() => parseLabelSelector(row.input), JSON.stringify(row.input));
          break;
        }
        const sel = parseLabelSelector(row.input);
        if (row.compare_requirements) {
          assert.deepEqual(
            sel.requirements.map((r) => ({ key: r.key, operator: r.operator, values: r.values })),
            row.expected_requirements,
            JSON.stringify(row.input),
          );
        }
        break;
      }
      case 'match':
        assert.equal(parseLabelSelector(row.selector).matches(row.labels), row.expected_match, `${row.selector} vs ${JSON.stringify(row.labels)}`);
        break;
      case 'set_match':
        assert.equal(selectorFromSet(row.selector_set).matches(row.labels), row.expected_match);
        break;
      case 'requirements_match': {
        // An empty requirement list here stands for one zero-value Requirement{}, which never matches.
        const reqs: Requirement[] = row.requirements.length
          ? row.requirements.map((r: Requirement) => newRequirement(r.key, r.operator, r.values))
          : [{ key: '', operator: '' as SelectorOperator, values: [] }];
        assert.equal(selectorFromRequirements(reqs).matches(row.labels), row.expected_match, JSON.stringify(row.requirements));
        break;
      }
      case 'new_requirement': {
        if (row.want_error_field === null) {
          assert.doesNotThrow(() => newRequirement(row.key, row.operator, row.values), JSON.stringify(row));
        } else {
          assert.throws(
            () => newRequirement(row.key, row.operator, row.values),
            (e: Error & { field?: string }) => e.field === row.want_error_field,
            JSON.stringify(row),
          );
        }
        break;
      }
      case 'to_string': {
        const rendered = row.requirements.map((r: Requirement) => requirementToString(r));
        if (!row.valid) rendered.push(''); // the table's trailing zero-value Requirement{} renders as ""
        assert.equal(rendered.join(','), row.expected_string);
        break;
      }
      case 'matches_nothing': {
        const sel = row.selector_object === 'Nothing()' ? nothing()
          : row.selector_object === 'Everything()' ? everything()
          : row.selector_set ? selectorFromSet(row.selector_set) : parseLabelSelector(row.selector);
        assert.equal(sel.matchesNothing, row.expected_matches_nothing, row.name);
        break;
      }
      default:
        assert.fail(`unknown row kind ${row.kind}`);
    }
    checked++;
  }
  assert.equal(checked, rows.length);
});

test('intstr_scaled_value.json: ints unchanged, percentages rounded as asked, bad strings rejected', () => {
  for (const row of table('intstr_scaled_value.json')) {
    if (row.expect_error) assert.throws(() => scaledValueFromIntOrPercent(row.input, row.total, row.round_up), JSON.stringify(row));
    else assert.equal(scaledValueFromIntOrPercent(row.input, row.total, row.round_up), row.expected, JSON.stringify(row));
  }
});
