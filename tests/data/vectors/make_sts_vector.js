'use strict';
// Produces sts-v3.json: a V3 request signed by the official SDK with STS credentials, captured
// from the wire. The signature and every intermediate come from the SDK's own code
// (@alicloud/openapi-core 1.0.8 OpenApiUtil.getAuthorization, via the VPC client); nothing here
// signs anything.
//
// usage: node make_sts_vector.js NODE_DIR > sts-v3.json
//   NODE_DIR  where `npm ci` installed tests/sdk/package-lock.json (has node_modules/)
// Runs as a user that may listen on 127.0.0.1:80, so the Host header is the real endpoint name
// (vpc.aliyuncs.com, resolved to 127.0.0.1 by a patched dns.lookup) with no port, as in the
// shared vectors.

const dns = require('dns');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const nodeDir = process.argv[2];
if (!nodeDir) {
  console.error('usage: node make_sts_vector.js NODE_DIR');
  process.exit(2);
}
const HOST = 'vpc.aliyuncs.com';
const realLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  if (typeof options === 'function') [callback, options] = [options, {}];
  if (hostname !== HOST) return realLookup(hostname, options, callback);
  if (options && options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
  return callback(null, '127.0.0.1', 4);
};

const nodeRequire = createRequire(path.join(path.resolve(nodeDir), 'package.json'));
const VpcModule = nodeRequire('@alicloud/vpc20160428');
const Vpc = VpcModule.default;
const { $OpenApiUtil } = nodeRequire('@alicloud/openapi-core');
const OpenApiUtil = nodeRequire('@alicloud/openapi-core/dist/utils').default;
const versions = {};
for (const name of ['@alicloud/vpc20160428', '@alicloud/openapi-core', '@alicloud/credentials']) {
  versions[name] = nodeRequire(`${name}/package.json`).version;
}
if (versions['@alicloud/openapi-core'] !== '1.0.8') {
  console.error(`openapi-core is ${versions['@alicloud/openapi-core']}, expected 1.0.8`);
  process.exit(1);
}

// The fixed inputs of the shared vectors (alibaba-rpc-protocol.md section 4).
const TIMESTAMP = '2025-01-15T08:30:00Z';
const NONCE = 'a3c1f0e6b2d94e7f8c5a1b0d9e8f7a65';
const TOKEN = 'CAIS-test-sts-token/with+chars=';
OpenApiUtil.getTimestamp = () => TIMESTAMP;
OpenApiUtil.getNonce = () => NONCE;
const params = {
  RegionId: 'cn-hangzhou',
  PhysicalConnectionId: 'pc-bp1hp0wr072f6****',
  Period: '1',
  InstanceChargeType: 'PrePaid',
  AutoPay: 'false',
  PricingCycle: 'Month',
  ClientToken: 'CBCE910E-D396-4944',
};

const captured = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    captured.request_line = `${req.method} ${req.url} HTTP/${req.httpVersion}`;
    captured.headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      captured.headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    }
    captured.body = Buffer.concat(chunks).toString('utf8');
    const body = JSON.stringify({ RequestId: '9B9300FE-11E2-4E3B-949C-BED3B44DD26D', Data: { OrderId: '1' } });
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    res.end(body);
  });
});

server.listen(80, '127.0.0.1', async () => {
  try {
    const config = new $OpenApiUtil.Config({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      securityToken: TOKEN,
      endpoint: HOST,
      protocol: 'http',
      regionId: params.RegionId,
    });
    const client = new Vpc(config);
    const request = new VpcModule.CreatePhysicalConnectionOccupancyOrderRequest({
      regionId: params.RegionId,
      physicalConnectionId: params.PhysicalConnectionId,
      period: Number(params.Period),
      pricingCycle: params.PricingCycle,
      instanceChargeType: params.InstanceChargeType,
      autoPay: false,
      clientToken: params.ClientToken,
    });
    await client.createPhysicalConnectionOccupancyOrderWithOptions(request, {});
  } finally {
    server.close();
  }
  const headers = captured.headers.filter(([n]) => !['connection', 'user-agent'].includes(n.toLowerCase()));
  const auth = headers.find(([n]) => n === 'Authorization')[1];
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)[1];
  const signature = /Signature=([0-9a-f]+)/.exec(auth)[1];
  const get = (name) => headers.find(([n]) => n.toLowerCase() === name)[1];
  const vector = {
    generated_by: 'tests/data/vectors/make_sts_vector.js: the official VPC Node SDK with STS credentials, captured on a 127.0.0.1 server',
    sdk_versions: versions,
    notes: [
      'openapi-core 1.0.8 doRequest (src/client.ts:1120-1128): when the credential has a non-empty securityToken it sets x-acs-accesskey-id and x-acs-security-token before getAuthorization, which signs host, content-type and every x-acs-* header (src/utils.ts getAuthorizationHeaders), so both are signed.',
      'Timestamp and nonce fixed by overriding OpenApiUtil.getTimestamp/getNonce; the host vpc.aliyuncs.com was resolved to 127.0.0.1 by a patched dns.lookup; connection and user-agent are left out of wire.headers (never signed).',
      'The signature below is the one the SDK put in the Authorization header; no other code computed it.',
    ],
    vectors: [
      {
        id: 'v3-05-sdk-post-query-sts',
        signature_version: 'V3 (ACS3-HMAC-SHA256)',
        produced_by: '@alicloud/vpc20160428@7.3.2 createPhysicalConnectionOccupancyOrderWithOptions -> @alicloud/openapi-core@1.0.8 callApi -> doRequest (STS credentials)',
        description: 'v3-01 with STS credentials: the SDK adds x-acs-accesskey-id and x-acs-security-token and signs both; x-acs-credentials-provider is static_sts.',
        inputs: {
          access_key_id: 'testid',
          access_key_secret: 'testsecret',
          http_method: 'POST',
          host: HOST,
          pathname: '/',
          x_acs_date: TIMESTAMP,
          x_acs_signature_nonce: NONCE,
          operation_params: params,
          params_location: 'query',
          security_token: TOKEN,
          action: 'CreatePhysicalConnectionOccupancyOrder',
          version: '2016-04-28',
          extra_signed_headers: { 'x-acs-credentials-provider': get('x-acs-credentials-provider') },
        },
        wire: { request_line: captured.request_line, headers, body: captured.body },
        signed_headers: signedHeaders,
        hashed_request_payload: get('x-acs-content-sha256'),
        signature,
        authorization: auth,
      },
    ],
  };
  process.stdout.write(JSON.stringify(vector, null, 1) + '\n');
});
