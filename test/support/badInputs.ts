/** Inputs a user really opens: broken downloads, wrong files, hostile sizes. Shared by unit and protocol tests. */
import { generateLog } from './generateLog';

const small = (): string => generateLog({ seed: 11, records: 20 });

export const BAD_INPUTS: Readonly<Record<string, () => string>> = {
  'empty file': () => '',
  'only white space': () => ' \n\t\r\n ',
  null: () => 'null',
  'a number': () => '42',
  'truncated download (minified)': () => small().slice(0, Math.floor(small().length * 0.6)),
  'truncated download (pretty)': () => {
    const text = generateLog({ seed: 12, records: 20, pretty: true });
    return text.slice(0, Math.floor(text.length * 0.4));
  },
  'byte-order mark': () => `\ufeff${small()}`,
  'CRLF line ends': () => generateLog({ seed: 13, records: 5, pretty: true }).replace(/\n/g, '\r\n'),
  '200,000 nested brackets': () => '['.repeat(200_000) + ']'.repeat(200_000),
  '200,000 unclosed braces': () => '{"a":'.repeat(200_000),
  'a valid log nesting 100,000 deep': () =>
    `{"Records":[{"eventName":"GetObject","requestParameters":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`,
  'lookup-events output nesting 100,000 deep': () =>
    `{"Events":[{"CloudTrailEvent":"{\\"eventName\\":\\"GetObject\\"}","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
  'a 3 MB string': () => `{"Records":[{"eventName":"${'A'.repeat(3 * 1024 * 1024)}"}]}`,
  'an unterminated 3 MB string': () => `{"Records":[{"eventName":"${'A'.repeat(3 * 1024 * 1024)}`,
  'binary bytes': () => Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 131) % 256)).join(''),
  'gzip bytes read as text': () =>
    '\u001f\u008b\u0008\u0000' + Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 37) % 256)).join(''),
  'binary bytes inside a log': () => small().replace('"eventName"', '"eventName"\u0000\u0001\u0002\ufffd'),
  'lone surrogates': () => `{"Records":[{"eventName":"\ud800x\udfff"}]}`,
  'NUL bytes': () => '\u0000'.repeat(1000),
  YAML: () => 'Records:\n  - eventName: GetObject\n    eventTime: 2019-02-01T03:18:19Z\n',
  CSV: () => 'eventTime,eventName,sourceIPAddress\n2019-02-01T03:18:19Z,GetObject,192.0.2.1\n',
  'two logs pasted together': () => small() + small(),
  'comments everywhere': () => `// exported\n${generateLog({ seed: 14, records: 3, pretty: true }).replace(/\n/g, ' /* c */\n')}`,
};
