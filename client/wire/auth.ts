// The token endpoint's answer (Partner Center docs: partner-center-authentication, enable-secure-app-model; v1 sample has numbers as strings, v2 as numbers). Types only.

export interface TokenResponse {
  token_type: string;
  scope?: string;
  expires_in: string | number;
  ext_expires_in?: string | number;
  expires_on?: string | number;
  not_before?: string | number;
  resource?: string;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}
