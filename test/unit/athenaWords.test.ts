/** Run in Athena's settings and the words it says when a run cannot go ahead. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callFailure, failureText } from '../../client/src/athena/errors';
import { plainText } from '../../common/plainText';
import { athenaSettingsFrom, settingsProblem } from '../../client/src/athena/settings';

describe('Athena settings', () => {
  test('empty or missing settings fall back to the defaults and the SDK; set ones are trimmed', () => {
    assert.deepEqual(
      athenaSettingsFrom(() => undefined),
      {
        profile: undefined,
        region: undefined,
        workgroup: 'primary',
        database: 'default',
        table: 'cloudtrail_logs',
        outputLocation: undefined,
      },
    );
    const settings = athenaSettingsFrom((key) => ({ profile: ' incident ', region: '', workgroup: 42, table: 'trail' })[key]);
    assert.equal(settings.profile, 'incident');
    assert.equal(settings.region, undefined);
    assert.equal(settings.workgroup, 'primary');
    assert.equal(settings.table, 'trail');
  });

  test('an output location that is not s3:// and a Region that is not a Region code are said before anything is sent', () => {
    const base = athenaSettingsFrom(() => undefined);
    assert.equal(settingsProblem(base), undefined);
    assert.equal(settingsProblem({ ...base, outputLocation: 's3://results/cloudtrail/', region: 'us-gov-west-1' }), undefined);
    assert.match(settingsProblem({ ...base, outputLocation: 'results/cloudtrail' }) ?? '', /must be an S3 location/);
    assert.match(settingsProblem({ ...base, region: 'Frankfurt' }) ?? '', /must be an AWS Region code/);
  });
});

describe('why a run failed', () => {
  test('no credentials found: which profile, and how to sign in', () => {
    const failure = callFailure(
      Object.assign(new Error('Could not resolve credentials using profile: [incident] in configuration/credentials file(s).'), {
        name: 'CredentialsProviderError',
      }),
    );
    const text = failureText(failure, 'incident');
    assert.match(text, /^No AWS credentials were found for profile "incident"\. .*aws sso login --profile incident/);
    assert.ok(text.endsWith('AWS said: Could not resolve credentials using profile: [incident] in configuration/credentials file(s).'));
    assert.match(failureText(failure, undefined), /Name a profile in cloudtrail\.athena\.profile/);
  });

  test('an SSO session that expired counts as expired credentials', () => {
    const failure = callFailure(
      Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), {
        name: 'TokenProviderError',
      }),
    );
    assert.match(failureText(failure, 'sso-admin'), /credentials of profile "sso-admin" have expired.*aws sso login --profile sso-admin/);
  });

  test('no Region, nowhere to write results, and credentials AWS does not accept are each said with what to set', () => {
    assert.match(failureText(callFailure(new Error('Region is missing')), undefined), /set cloudtrail\.athena\.region/);
    const output =
      'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.';
    assert.match(
      failureText({ kind: 'call', name: 'InvalidRequestException', message: output }, undefined),
      /set cloudtrail\.athena\.outputLocation/,
    );
    assert.match(
      failureText(
        { kind: 'call', name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
        'p',
      ),
      /did not accept the credentials of profile "p"/,
    );
  });

  test("AWS's text cannot become a link in a notification; nothing else of it changes", () => {
    const echoed = "line 1:40: Column '[open](command:workbench.action.terminal.new)' cannot be resolved";
    assert.equal(plainText(echoed), "line 1:40: Column '[open] (command:workbench.action.terminal.new)' cannot be resolved");
    assert.equal(plainText('Access denied (403) [s3://bucket]'), 'Access denied (403) [s3://bucket]');
  });
});
