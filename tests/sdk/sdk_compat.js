'use strict';
// Calls the conform mock through the official Alibaba Cloud Node SDKs and checks what each SDK
// hands back: an OrderId for a valid call, and the documented error codes through the SDK's own
// error objects for the invalid ones.
//
// usage: node sdk_compat.js MOCK_URL NODE_DIR
//   MOCK_URL  what `conform mock` printed (http://127.0.0.1:PORT)
//   NODE_DIR  where `npm ci` installed tests/sdk/package-lock.json (has node_modules/)
//   env CONFORM_SDK_KEY_ID, CONFORM_SDK_KEY_SECRET: the pair the mock accepts
// Exit 0 when every check matched, 1 on any mismatch, 2 on bad usage.

const path = require('path');
const { createRequire } = require('module');

const [mockUrl, nodeDir] = process.argv.slice(2);
const keyId = process.env.CONFORM_SDK_KEY_ID;
const keySecret = process.env.CONFORM_SDK_KEY_SECRET;
if (!mockUrl || !nodeDir || !keyId || !keySecret) {
  console.error('usage: CONFORM_SDK_KEY_ID=.. CONFORM_SDK_KEY_SECRET=.. node sdk_compat.js MOCK_URL NODE_DIR');
  process.exit(2);
}
const endpoint = new URL(mockUrl);
if (endpoint.hostname !== '127.0.0.1') {
  console.error(`sdk_compat: refusing to call ${mockUrl}: the test only talks to 127.0.0.1`);
  process.exit(2);
}

const nodeRequire = createRequire(path.join(path.resolve(nodeDir), 'package.json'));
const PopCore = nodeRequire('@alicloud/pop-core');
const VpcModule = nodeRequire('@alicloud/vpc20160428');
const Vpc = VpcModule.default;
const { $OpenApiUtil, ClientError, AlibabaCloudError } = nodeRequire('@alicloud/openapi-core');
// pop-core reads every body with httpx.read; the same module instance, resolved from pop-core's
// own folder, lets the XML probe see the raw body that pop-core cannot parse.
const httpx = createRequire(nodeRequire.resolve('@alicloud/pop-core'))('httpx');

const pinned = { '@alicloud/pop-core': '1.8.0', '@alicloud/vpc20160428': '7.3.2' };
for (const [name, version] of Object.entries(pinned)) {
  const got = nodeRequire(`${name}/package.json`).version;
  if (got !== version) {
    console.error(`sdk_compat: ${name} is ${got} in ${nodeDir}, the lock file pins ${version}`);
    process.exit(1);
  }
}

const API_VERSION = '2016-04-28';
const ACTION = 'CreatePhysicalConnectionOccupancyOrder';
const TIMEOUT_MS = 10000;
const WRONG_SECRET = `${keySecret}-but-wrong`;

// ---- the four styles: each `call(params, {secret})` resolves to {orderId, requestId} or throws
// the SDK's own error, normalised by `describeError` below.

function popCoreStyle(method) {
  return async (params, { secret = keySecret } = {}) => {
    const client = new PopCore({
      endpoint: mockUrl,
      apiVersion: API_VERSION,
      accessKeyId: keyId,
      accessKeySecret: secret,
    });
    const opts = { timeout: TIMEOUT_MS };
    if (method === 'POST') opts.method = 'POST'; // pop-core checks 'POST' case-sensitively
    const json = await client.request(ACTION, params, opts);
    return { orderId: json.Data && json.Data.OrderId, requestId: json.RequestId, raw: json };
  };
}

function vpcStyle(signatureAlgorithm) {
  return async (params, { secret = keySecret } = {}) => {
    const config = new $OpenApiUtil.Config({
      accessKeyId: keyId,
      accessKeySecret: secret,
      endpoint: endpoint.host, // host:port; the SDK adds the protocol
      protocol: 'http',
      regionId: params.RegionId,
    });
    if (signatureAlgorithm) config.signatureAlgorithm = signatureAlgorithm;
    const client = new Vpc(config);
    const request = new VpcModule.CreatePhysicalConnectionOccupancyOrderRequest({
      regionId: params.RegionId,
      physicalConnectionId: params.PhysicalConnectionId,
      period: params.Period,
      pricingCycle: params.PricingCycle,
      instanceChargeType: params.InstanceChargeType,
      autoPay: params.AutoPay,
      clientToken: params.ClientToken,
    });
    const runtime = { readTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS };
    const response = await client.createPhysicalConnectionOccupancyOrderWithOptions(request, runtime);
    if (response.statusCode !== 200)
      throw new Error(`resolved with HTTP ${response.statusCode}: ${JSON.stringify(response.body)}`);
    const body = response.body || {};
    return { orderId: body.data && body.data.orderId, requestId: body.requestId, raw: body };
  };
}

const styles = [
  { sdk: 'pop-core 1.8.0', style: 'V1 GET', kind: 'pop', call: popCoreStyle('GET') },
  { sdk: 'pop-core 1.8.0', style: 'V1 POST (form body)', kind: 'pop', call: popCoreStyle('POST') },
  { sdk: '@alicloud/vpc20160428 7.3.2', style: 'V3 ACS3-HMAC-SHA256 (default)', kind: 'vpc', call: vpcStyle(null) },
  { sdk: '@alicloud/vpc20160428 7.3.2', style: "V1 (signatureAlgorithm 'v2')", kind: 'vpc', call: vpcStyle('v2') },
];

// What an error looks like through each SDK's own error object.
function describeError(kind, err) {
  if (kind === 'pop') {
    // pop-core: Error with name `${Code}Error`, code, data (the parsed body), entry.response.
    const status = err.entry && err.entry.response ? err.entry.response.statusCode : undefined;
    const own = typeof err.code === 'string' && err.name === `${err.code}Error` && err.data;
    return { own: !!own, code: err.code, status, message: err.message, data: err.data };
  }
  // openapi-core: ClientError (4xx) / ServerError (5xx), both AlibabaCloudError.
  const own = err instanceof AlibabaCloudError;
  return {
    own,
    cls: err && err.name,
    code: err.code,
    status: err.statusCode,
    message: err.message,
    data: err.data,
    clientError: err instanceof ClientError,
  };
}

function params(overrides = {}) {
  return {
    RegionId: 'cn-hangzhou',
    PhysicalConnectionId: 'pc-mock-complete',
    Period: 1,
    PricingCycle: 'Month',
    InstanceChargeType: 'PrePaid',
    AutoPay: false,
    ...overrides,
  };
}

const cases = [
  { name: 'valid call', params: params(), expect: { ok: true } },
  {
    // The two SDK families put different characters raw on the wire (openapi-core leaves
    // * ! ' ( ) ~ unescaped, pop-core sends %2A ...): the verifier has to decode and re-encode.
    name: 'valid call, ClientToken with reserved characters',
    params: (s) => params({ ClientToken: `sdk-${s.kind}-${s.index} a*b!c'd(e)f~g+h/i=j&k%l 中` }),
    expect: { ok: true },
  },
  {
    name: 'unknown circuit',
    params: params({ PhysicalConnectionId: 'pc-sdk-does-not-exist' }),
    expect: { code: 'InvalidPhysicalConnectionId.NotFound', status: 404 },
  },
  {
    name: 'circuit in a wrong state (Enabled)',
    params: params({ PhysicalConnectionId: 'pc-mock-enabled' }),
    expect: { code: 'Forbidden.NotAllowedInState', status: 400 },
  },
  {
    name: 'Period 6 with PricingCycle Year',
    params: params({ Period: 6, PricingCycle: 'Year' }),
    expect: { code: 'InvalidPhysicalConnectionPeriod.Malformed', status: 400 },
  },
  {
    name: 'wrong secret',
    params: params(),
    options: { secret: WRONG_SECRET },
    expect: { code: 'SignatureDoesNotMatch', status: 400 },
  },
];

let passed = 0;
let failed = 0;
function report(ok, s, caseName, text) {
  const line = `${ok ? 'ok  ' : 'FAIL'} ${s.sdk} | ${s.style} | ${caseName}: ${text}`;
  if (ok) {
    passed++;
    console.log(line);
  } else {
    failed++;
    console.log(line);
  }
}

function short(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 400 ? `${text.slice(0, 400)}...` : text;
}

async function runCase(s, c) {
  const p = typeof c.params === 'function' ? c.params(s) : c.params;
  let result;
  try {
    result = await s.call(p, c.options || {});
  } catch (err) {
    const e = describeError(s.kind, err);
    if (c.expect.ok) {
      report(false, s, c.name,
        `expected an OrderId, the SDK threw ${err && err.name} code=${e.code} status=${e.status} ` +
        `message=${short(e.message)} data=${short(e.data)}`);
      return;
    }
    const problems = [];
    if (!e.own) problems.push(`not the SDK's own error object (${err && err.name}: ${short(err && err.message)})`);
    if (e.code !== c.expect.code) problems.push(`code ${e.code}, expected ${c.expect.code}`);
    if (e.status !== c.expect.status) problems.push(`HTTP ${e.status}, expected ${c.expect.status}`);
    if (s.kind === 'vpc' && c.expect.status < 500 && !e.clientError) problems.push(`${e.cls}, expected ClientError`);
    const requestId = e.data && e.data.RequestId;
    if (!requestId) problems.push('no RequestId in the error data');
    if (problems.length)
      report(false, s, c.name, `${problems.join('; ')} (message=${short(e.message)} data=${short(e.data)})`);
    else report(true, s, c.name, `${err.name} ${e.code} HTTP ${e.status} RequestId ${requestId}`);
    return;
  }
  if (!c.expect.ok) {
    report(false, s, c.name, `expected ${c.expect.code}, the SDK returned success: ${short(result.raw)}`);
    return;
  }
  if (typeof result.orderId === 'string' && /^[0-9]+$/.test(result.orderId) && result.requestId)
    report(true, s, c.name, `OrderId ${result.orderId}`);
  else report(false, s, c.name, `no OrderId/RequestId in what the SDK returned: ${short(result.raw)}`);
}

// pop-core's RPC client always JSON.parse()s the body (rpc.js), whatever Format says; its XML
// parser (xml2js) is only used by the ROA client. So XML is not an SDK feature for this RPC
// operation. This probe only checks that the override reaches the mock signed and that the mock
// answers XML: pop-core must fail with a JSON SyntaxError over an XML body carrying an OrderId.
async function popCoreXmlProbe(s) {
  const name = 'Format=XML (pop-core cannot parse XML: expect its JSON SyntaxError over XML)';
  const realRead = httpx.read;
  let rawBody = null;
  httpx.read = async (...args) => {
    const buffer = await realRead.apply(httpx, args);
    rawBody = buffer.toString();
    return buffer;
  };
  try {
    const result = await s.call(params({ Format: 'XML' }));
    report(false, s, name, `pop-core parsed the answer as JSON: ${short(result.raw)}`);
  } catch (err) {
    const xml = rawBody || '';
    const okXml = /^<\?xml[^>]*\?>\s*<CreatePhysicalConnectionOccupancyOrderResponse>/.test(xml) &&
      /<OrderId>[0-9]+<\/OrderId>/.test(xml);
    // json-bigint (pop-core's JSON) throws a plain object named SyntaxError, not a SyntaxError.
    if (err && err.name === 'SyntaxError' && okXml) report(true, s, name, `SyntaxError over ${short(xml.slice(0, 120))}`);
    else report(false, s, name, `${err && err.name}: ${short(err && err.message)}; body ${short(xml)}`);
  } finally {
    httpx.read = realRead;
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.log(`FAIL sdk_compat: still running after 90 s (${passed} ok, ${failed} failed so far)`);
    process.exit(1);
  }, 90000);
  styles.forEach((s, i) => { s.index = i; });
  for (const s of styles) {
    for (const c of cases) await runCase(s, c);
    if (s.kind === 'pop') await popCoreXmlProbe(s);
  }
  clearTimeout(watchdog);
  console.log(`sdk_compat: ${passed} checks matched, ${failed} mismatched`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.log(`FAIL sdk_compat crashed: ${err && err.stack}`);
  process.exit(1);
});
