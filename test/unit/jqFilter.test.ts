/** The filter as a jq program: each kind of term, values escaped as jq strings and regular expressions, nothing that ends a shell quote. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jqCondition, jqProgram, jqString, regexEscape, wildcardRegex } from '../../common/jqFilter';

describe('the filter as jq', () => {
  test('no terms: every record, of either input', () => {
    assert.equal(jqProgram('', 'cloudtrail'), '.Records[]');
    assert.equal(jqProgram('   ', 'jsonl'), '.');
    assert.equal(jqProgram('nokey:x', 'cloudtrail'), '.Records[]', 'a term the filter cannot read keeps no record out');
  });

  test('a key matches its fields whole, ignoring case, `*` any run of characters', () => {
    assert.equal(
      jqCondition('event:Put*'),
      'any((ct_s(.eventName?) // "(no eventName)"); type == "string" and test("\\\\APut[\\\\s\\\\S]*\\\\z"; "i"))',
    );
    assert.equal(
      jqCondition('account:111122223333'),
      'any(ct_set(.userIdentity?.accountId?), ct_set(.recipientAccountId?); type == "string" and test("\\\\A111122223333\\\\z"; "i"))',
    );
    // user: reads the identity the view shows, an AWS service's too, beside the user, role and ARN.
    assert.match(jqCondition('user:alice')!, /\(ct_set\(\.userIdentity\?\.arn\?\) \| ct_last\), ct_identity;/);
    const program = jqProgram('user:secretsmanager.amazonaws.com', 'cloudtrail');
    assert.match(program, /^def ct_s\(f\): .*def ct_set\(f\): .*def ct_last: .*def ct_identity: .*; \.Records\[\] \| select\(/);
    assert.ok(program.includes('elif $type == "AWSService" then $by'), program);
    assert.ok(!jqProgram('event:A', 'jsonl').includes('def ct_identity'), 'only the definitions a program uses');
  });

  test('the same key twice is either value; a negated term must not hold; the rest all hold', () => {
    const test = jqCondition('event:A -error:AccessDenied event:B GetObject')!;
    assert.equal(
      test,
      [
        '(any(ct_set(.errorCode?); type == "string" and test("\\\\AAccessDenied\\\\z"; "i")) | not)',
        'any((ct_s(.eventName?) // "(no eventName)"), ct_identity, (ct_s(.sourceIPAddress?) // ""), ct_set(.errorCode?); type == "string" and test("GetObject"; "i"))',
        '(any((ct_s(.eventName?) // "(no eventName)"); type == "string" and test("\\\\AA\\\\z"; "i")) or any((ct_s(.eventName?) // "(no eventName)"); type == "string" and test("\\\\AB\\\\z"; "i")))',
      ].join(' and '),
    );
    assert.equal(
      jqProgram('event:A', 'jsonl'),
      'def ct_s(f): first(f | strings) // null; select(any((ct_s(.eventName?) // "(no eventName)"); type == "string" and test("\\\\AA\\\\z"; "i")))',
    );
  });

  test('time bounds compare eventTime in milliseconds: after inclusive, before exclusive', () => {
    const program = jqProgram('after:2026-11-01T01:00:00Z before:2026-11-01T01:30:00.5Z', 'cloudtrail');
    assert.match(program, /^def ct_time: .*; \.Records\[\] \| select\(/);
    assert.ok(program.includes('$t >= 1793494800000'), program);
    assert.ok(program.includes('$t < 1793496600500'), program);
  });

  test('values are escaped: regular expression characters match themselves, quotes and backslashes stay inside the string', () => {
    assert.equal(regexEscape('a.b*c+?^$()[]{}|\\'), 'a\\.b\\*c\\+\\?\\^\\$\\(\\)\\[\\]\\{\\}\\|\\\\');
    assert.equal(wildcardRegex('*.amazonaws.com'), '\\A[\\s\\S]*\\.amazonaws\\.com\\z');
    assert.equal(jqString('say "hi" \\ \\(x) \n'), '"say \\"hi\\" \\\\ \\\\(x) \\n"');
    const hostile = jqProgram('user:"it\'s \\"me\\"" -"a\'b" ip:\\(.)', 'cloudtrail');
    assert.ok(!hostile.includes("'"), hostile);
    assert.ok(hostile.includes('"\\\\Ait\\u0027s \\"me\\"\\\\z"'), hostile);
    assert.ok(hostile.includes('"a\\u0027b"'), hostile);
    // jq's string interpolation `\(` never appears unescaped.
    assert.ok(!/(^|[^\\])(\\\\)*\\\(/.test(hostile), hostile);
  });
});
