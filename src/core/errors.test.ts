import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, ERROR_CODES, errors } from './errors.ts';

test('every error code is documented and maps to an HTTP status and a Kubernetes reason', () => {
  for (const [code, entry] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[A-Z_]+$/, code);
    assert.ok(entry.doc.length > 10, `${code} has a doc line`);
    assert.ok(entry.http >= 400 && entry.http < 600, `${code} has an error HTTP status`);
    assert.match(entry.reason, /^[A-Z][A-Za-z]+$/, `${code} has a reason`);
  }
});

test('notFound reads as kube-apiserver prints it', () => {
  const status = errors.notFound('pods', '', 'nginx').toStatus();
  assert.equal(status.message, 'pods "nginx" not found');
  assert.equal(status.code, 404);
  assert.equal(status.reason, 'NotFound');
  assert.equal(errors.notFound('deployments', 'apps', 'web').message, 'deployments.apps "web" not found');
});

test('invalid carries one cause per field so kubectl can print "The Deployment "web" is invalid: ..."', () => {
  const err = errors.invalid('Deployment', 'apps', 'web', [
    {
      type: 'FieldValueInvalid',
      field: 'spec.strategy.rollingUpdate.maxUnavailable',
      message:
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    },
  ]);
  assert.ok(err instanceof ApiError);
  const status = err.toStatus();
  assert.equal(status.code, 422);
  assert.equal(
    status.message,
    'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
  );
  assert.deepEqual(status.details?.causes, [
    {
      reason: 'FieldValueInvalid',
      message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0',
      field: 'spec.strategy.rollingUpdate.maxUnavailable',
    },
  ]);
});
