// Runs the client-credentials flow against a Lanyard environment's authorization server with
// oauth4webapi, an independent OAuth2 client library, and prints what each step returned as JSON.
//
//   LANYARD_CLIENT_SECRET=… NODE_EXTRA_CA_CERTS=ca.pem node client.mjs ISSUER CLIENT_ID [SCOPE]
//
// The secret is read from the environment so it never shows in the process list.
import * as oauth from 'oauth4webapi';

const [issuerArg, clientId, scope] = process.argv.slice(2);
const clientSecret = process.env.LANYARD_CLIENT_SECRET;
if (!issuerArg || !clientId || !clientSecret) {
  console.error('usage: LANYARD_CLIENT_SECRET=… node client.mjs ISSUER CLIENT_ID [SCOPE]');
  process.exit(2);
}

const issuer = new URL(issuerArg);
const client = { client_id: clientId };
const clientAuth = oauth.ClientSecretBasic(clientSecret);

// RFC 8414: /.well-known/oauth-authorization-server inserted before the issuer's path.
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2' }));

const parameters = scope ? { scope } : {};
const token = await oauth.processClientCredentialsResponse(as, client,
  await oauth.clientCredentialsGrantRequest(as, client, clientAuth, parameters));

// RFC 9068 validation as a resource server would do it: typ at+jwt, signature by the JWKS, claims.
const resourceRequest = new Request(new URL('/v1/whoami', issuer), {
  headers: { authorization: `Bearer ${token.access_token}` },
});
const validated = await oauth.validateJwtAccessToken(as, resourceRequest, as.issuer);

const introspect = async () => oauth.processIntrospectionResponse(as, client,
  await oauth.introspectionRequest(as, client, clientAuth, token.access_token));
const introspected = await introspect();

await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, token.access_token));
const afterRevocation = await introspect();

console.log(JSON.stringify({
  metadata: {
    issuer: as.issuer,
    token_endpoint: as.token_endpoint,
    jwks_uri: as.jwks_uri,
    introspection_endpoint: as.introspection_endpoint,
    revocation_endpoint: as.revocation_endpoint,
  },
  token: {
    access_token: token.access_token,
    token_type: token.token_type,
    expires_in: token.expires_in,
    scope: token.scope,
  },
  validated: { sub: validated.sub, client_id: validated.client_id, scope: validated.scope, jti: validated.jti },
  introspection: introspected,
  introspection_after_revocation: afterRevocation,
}, null, 2));
