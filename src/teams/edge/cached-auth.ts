/**
 * botbuilder builds a new connector client and user-token client for every incoming
 * activity, which costs more than handling most turns. Both are safe to reuse: their
 * credentials refresh their own tokens. This wrapper keeps the inner authentication (JWT
 * checks unchanged) and caches the two clients.
 */
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

const APP_ID_CLAIMS = ['appid', 'azp', 'aud'];

/**
 * A token that could not be validated for a reason other than a plain refusal: the signing keys
 * could not be fetched, or the token was too malformed for the validator. Still a 401: the
 * request is not authenticated, whatever failed.
 */
export class KeyEndpointError extends AuthenticationError {
  constructor(cause: unknown) {
    super(`token not validated: ${(cause as Error)?.message ?? String(cause)}`, 401);
  }
}

function appIdOf(identity: ClaimsIdentity): string {
  for (const type of APP_ID_CLAIMS) {
    const value = identity.getClaimValue(type);
    if (value) return value;
  }
  return '';
}

class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly cache: Map<string, Promise<ConnectorClient>>,
    private readonly appId: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}|${serviceUrl}|${audience ?? ''}`;
    let client = this.cache.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      client.catch(() => this.cache.delete(key));
      // Service URLs are a handful per region; the bound keeps a hostile sender from growing it.
      if (this.cache.size > 1_000) this.cache.clear();
      this.cache.set(key, client);
    }
    return client;
  }
}

export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw err instanceof AuthenticationError ? err : new KeyEndpointError(err);
    }
    return {
      ...result,
      connectorFactory:
        result.connectorFactory && this.wrap(result.connectorFactory, result.claimsIdentity),
    };
  }

  async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    let client = this.userTokenClients.get(key);
    if (!client) {
      client = this.inner.createUserTokenClient(claimsIdentity);
      client.catch(() => this.userTokenClients.delete(key));
      if (this.userTokenClients.size > 100) this.userTokenClients.clear();
      this.userTokenClients.set(key, client);
    }
    return client;
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  private wrap(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(factory, this.connectors, appIdOf(identity));
  }
}
