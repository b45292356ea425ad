import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWholeQuantity, parseQuantity } from '../../server/gpu/quantity.ts';

describe('Kubernetes quantities', () => {
  it('parses plain, decimal, milli, binary, decimal-SI and exponent forms', () => {
    assert.equal(parseQuantity('1'), 1);
    assert.equal(parseQuantity('0.5'), 0.5);
    assert.equal(parseQuantity('.25'), 0.25);
    assert.equal(parseQuantity('500m'), 0.5);
    assert.equal(parseQuantity('2Gi'), 2 * 2 ** 30);
    assert.equal(parseQuantity('1k'), 1000);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity(' 2 '), 2);
  });

  it('rejects what is not a quantity', () => {
    for (const text of ['', 'one', '${GPUS}', '1 GPU', '1gi', '--1', '{{ .Values.gpu }}'])
      assert.equal(parseQuantity(text), undefined, text);
  });

  it('tells whole quantities the way the API server does (by milli-value)', () => {
    assert.ok(isWholeQuantity(parseQuantity('1000m')!));
    assert.ok(isWholeQuantity(parseQuantity('1.0')!));
    assert.ok(isWholeQuantity(0));
    assert.ok(!isWholeQuantity(parseQuantity('1500m')!));
    assert.ok(!isWholeQuantity(parseQuantity('0.5')!));
  });
});
