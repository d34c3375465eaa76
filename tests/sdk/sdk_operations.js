'use strict';
// Calls more VPC operations of the conform mock through the official SDKs: read-only ones, ones
// that create and delete, and ones whose parameters are lists (flattened by the SDK itself as
// `Name.1`, `Name.1.Key`). What is checked comes from the SDKs and the documents, not from the
// mock: the SDK accepts the answer into its own response model (its cast throws on a field whose
// JSON type its model does not allow), the body carries a RequestId, the SDK's model fields the
// test names have the model's types, and a request missing a mandatory parameter is refused with
// HTTP 400 and one of the two codes the documents give for it (`MissingParameter` or
// `Missing<Name>`, ../shared/reference/alibaba-rpc-protocol.md: which one the gateway sends is
// left open there, so either passes).
//
// usage: node sdk_operations.js MOCK_URL NODE_DIR [ACTION ...]
//   MOCK_URL  what `conform mock` printed (http://127.0.0.1:PORT); the mock serves every operation
//   NODE_DIR  where `npm ci` installed tests/sdk/package-lock.json (has node_modules/)
//   ACTION    only these operations (all when none is named)
//   env CONFORM_SDK_KEY_ID, CONFORM_SDK_KEY_SECRET: the pair the mock accepts
// Exit 0 when every check matched, 1 on any mismatch, 2 on bad usage.

const path = require('path');
const { createRequire } = require('module');

const [mockUrl, nodeDir, ...only] = process.argv.slice(2);
const keyId = process.env.CONFORM_SDK_KEY_ID;
const keySecret = process.env.CONFORM_SDK_KEY_SECRET;
if (!mockUrl || !nodeDir || !keyId || !keySecret) {
  console.error('usage: CONFORM_SDK_KEY_ID=.. CONFORM_SDK_KEY_SECRET=.. node sdk_operations.js MOCK_URL NODE_DIR');
  process.exit(2);
}
const endpoint = new URL(mockUrl);
if (endpoint.hostname !== '127.0.0.1') {
  console.error(`sdk_operations: refusing to call ${mockUrl}: the test only talks to 127.0.0.1`);
  process.exit(2);
}

const nodeRequire = createRequire(path.join(path.resolve(nodeDir), 'package.json'));
const PopCore = nodeRequire('@alicloud/pop-core');
const VpcModule = nodeRequire('@alicloud/vpc20160428');
const Vpc = VpcModule.default;
const { $OpenApiUtil, ClientError } = nodeRequire('@alicloud/openapi-core');

const API_VERSION = '2016-04-28';
const TIMEOUT_MS = 10000;
const REGION = 'cn-hangzhou';

// Each operation: the SDK's request (its own field names), the fields of its response model that
// must come back with the model's type, and a mandatory parameter to leave out (wire name).
const operations = [
  {
    action: 'DescribeRegions',
    readOnly: true,
    request: {},
    expect: { requestId: 'string' },
  },
  {
    action: 'DescribeZones',
    readOnly: true,
    request: { regionId: REGION },
    expect: { requestId: 'string' },
    omit: 'RegionId',
  },
  {
    action: 'DescribeVpcs',
    readOnly: true,
    // Tag is a list of structs: the SDK sends Tag.1.Key, Tag.1.Value, Tag.2.Key, ...
    request: {
      regionId: REGION,
      pageSize: 10,
      tag: [
        { key: 'team', value: 'net' },
        { key: 'env', value: 'test' },
      ],
      tagClass: 'DescribeVpcsRequestTag',
    },
    expect: { requestId: 'string', totalCount: 'number', pageNumber: 'number', pageSize: 'number' },
    omit: 'RegionId',
  },
  {
    action: 'CreateVpc',
    request: { regionId: REGION, cidrBlock: '172.16.0.0/12', vpcName: 'conform-sdk' },
    expect: { requestId: 'string', vpcId: 'string' },
    omit: 'RegionId',
  },
  {
    action: 'DeleteVpc',
    request: { regionId: REGION, vpcId: 'vpc-conformsdk0001' },
    expect: { requestId: 'string' },
    omit: 'VpcId',
  },
  {
    action: 'AddCommonBandwidthPackageIps',
    // IpInstanceIds is a mandatory list of strings: the SDK sends IpInstanceIds.1, .2; a mock
    // that does not read the flattened form would answer that it is missing.
    request: {
      regionId: REGION,
      bandwidthPackageId: 'cbwp-conformsdk0001',
      ipInstanceIds: ['eip-conformsdk0001', 'eip-conformsdk0002'],
    },
    expect: { requestId: 'string' },
    omit: 'IpInstanceIds',
  },
];

function lowerFirst(name) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function sdkRequest(op) {
  const fields = { ...op.request };
  const tagClass = fields.tagClass;
  delete fields.tagClass;
  if (tagClass) fields.tag = fields.tag.map((t) => new VpcModule[tagClass](t));
  return new VpcModule[`${op.action}Request`](fields);
}

// The wire form of the request for pop-core, which sends what it is given: lists flattened the
// way the SDK documents them.
function wireParams(op) {
  const wire = {};
  for (const [field, value] of Object.entries(op.request)) {
    if (field === 'tagClass') continue;
    const name = field.charAt(0).toUpperCase() + field.slice(1);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') {
          for (const [k, v] of Object.entries(item))
            wire[`${name}.${i + 1}.${k.charAt(0).toUpperCase()}${k.slice(1)}`] = v;
        } else {
          wire[`${name}.${i + 1}`] = item;
        }
      });
    } else {
      wire[name] = value;
    }
  }
  return wire;
}

function vpcClient(signatureAlgorithm) {
  const config = new $OpenApiUtil.Config({
    accessKeyId: keyId,
    accessKeySecret: keySecret,
    endpoint: endpoint.host,
    protocol: 'http',
    regionId: REGION,
  });
  if (signatureAlgorithm) config.signatureAlgorithm = signatureAlgorithm;
  return new Vpc(config);
}

const sdkStyles = [
  { name: '@alicloud/vpc20160428 7.3.2 V3 (default)', client: vpcClient(null) },
  { name: "@alicloud/vpc20160428 7.3.2 V1 ('v2')", client: vpcClient('v2') },
];

const seenRequestIds = new Map();
let passed = 0;
let failed = 0;
function report(ok, who, op, caseName, text) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${who} | ${op.action} | ${caseName}: ${text}`);
}

function short(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

async function sdkCall(style, op) {
  const method = `${lowerFirst(op.action)}WithOptions`;
  const runtime = { readTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS };
  let response;
  try {
    response = await style.client[method](sdkRequest(op), runtime);
  } catch (err) {
    report(false, style.name, op, 'valid call',
      `the SDK threw ${err && err.name} code=${err && err.code} status=${err && err.statusCode}: ${short(err && err.message)}`);
    return;
  }
  const problems = [];
  if (response.statusCode !== 200) problems.push(`HTTP ${response.statusCode}`);
  const body = response.body || {};
  for (const [field, type] of Object.entries(op.expect)) {
    if (typeof body[field] !== type)
      problems.push(`${field} is ${body[field] === undefined ? 'missing' : typeof body[field]}, the SDK's model wants ${type}`);
  }
  // A RequestId names one request (the x-acs-request-id header carries the same one): an answer
  // that repeats an earlier request's id is a canned body, not an answer to this request.
  if (typeof body.requestId === 'string') {
    if (seenRequestIds.has(body.requestId))
      problems.push(`RequestId ${body.requestId} was already the id of ${seenRequestIds.get(body.requestId)}`);
    seenRequestIds.set(body.requestId, `${op.action} (${style.name})`);
  }
  if (problems.length) report(false, style.name, op, 'valid call', `${problems.join('; ')}: ${short(body)}`);
  else report(true, style.name, op, 'valid call', `HTTP 200, RequestId ${body.requestId}`);
}

async function popCoreMissing(op) {
  const caseName = `${op.omit} left out`;
  const client = new PopCore({
    endpoint: mockUrl,
    apiVersion: API_VERSION,
    accessKeyId: keyId,
    accessKeySecret: keySecret,
  });
  const params = wireParams(op);
  for (const key of Object.keys(params)) {
    if (key === op.omit || key.startsWith(`${op.omit}.`)) delete params[key];
  }
  try {
    const json = await client.request(op.action, params, { timeout: TIMEOUT_MS });
    report(false, 'pop-core 1.8.0 V1', op, caseName, `accepted: ${short(json)}`);
  } catch (err) {
    const status = err.entry && err.entry.response ? err.entry.response.statusCode : undefined;
    const codes = ['MissingParameter', `Missing${op.omit}`];
    const problems = [];
    if (!codes.includes(err.code)) problems.push(`code ${err.code}, expected one of ${codes.join(', ')}`);
    if (status !== 400) problems.push(`HTTP ${status}, expected 400`);
    if (!(err.data && err.data.RequestId)) problems.push('no RequestId in the error body');
    if (problems.length) report(false, 'pop-core 1.8.0 V1', op, caseName, `${problems.join('; ')} (${short(err.message)})`);
    else report(true, 'pop-core 1.8.0 V1', op, caseName, `${err.code} HTTP ${status}`);
  }
}

// The same refusal through the generated SDK, as its own ClientError.
async function sdkMissing(style, op) {
  const caseName = `${op.omit} left out`;
  const request = sdkRequest(op);
  request[lowerFirst(op.omit)] = undefined;
  const method = `${lowerFirst(op.action)}WithOptions`;
  try {
    const response = await style.client[method](request, { readTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
    report(false, style.name, op, caseName, `accepted: HTTP ${response.statusCode} ${short(response.body)}`);
  } catch (err) {
    const codes = ['MissingParameter', `Missing${op.omit}`];
    const ok = err instanceof ClientError && codes.includes(err.code) && err.statusCode === 400;
    report(ok, style.name, op, caseName,
      ok ? `ClientError ${err.code} HTTP 400`
        : `${err && err.name} code=${err && err.code} status=${err && err.statusCode}, expected a ClientError ${codes.join('/')} with HTTP 400`);
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.log(`FAIL sdk_operations: still running after 90 s (${passed} ok, ${failed} failed so far)`);
    process.exit(1);
  }, 90000);
  for (const op of operations) {
    if (only.length && !only.includes(op.action)) continue;
    for (const style of sdkStyles) {
      await sdkCall(style, op);
      if (op.omit) await sdkMissing(style, op);
    }
    if (op.omit) await popCoreMissing(op);
  }
  clearTimeout(watchdog);
  const readOnly = operations.filter((op) => op.readOnly).length;
  console.log(`sdk_operations: ${operations.length} operations (${readOnly} read-only), ${passed} checks matched, ${failed} mismatched`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((err) => {
  console.log(`FAIL sdk_operations crashed: ${err && err.stack}`);
  process.exit(1);
});
