// WebAuthn <-> JSON, the small part every passkey frontend needs.
//
// The service speaks the WebAuthn Level 3 JSON forms: every binary value is
// base64url without padding. Browsers that implement Level 3 convert for us
// (PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON
// and credential.toJSON()); for the others this module does the same
// conversion by hand. Nothing here talks to the network.

const PKC = globalThis.PublicKeyCredential;

/** Which native helpers this browser has (shown on the page, handy when debugging). */
export const nativeJSON = {
  parseCreationOptions: typeof PKC?.parseCreationOptionsFromJSON === 'function',
  parseRequestOptions: typeof PKC?.parseRequestOptionsFromJSON === 'function',
  toJSON: typeof PKC?.prototype?.toJSON === 'function',
};

// ---- base64url ---------------------------------------------------------------

/** base64url (padding optional) -> ArrayBuffer */
export function base64urlToBuffer(value) {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** ArrayBuffer or typed array -> base64url without padding */
export function bufferToBase64url(buffer) {
  const bytes = buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer)
    : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---- options: JSON from the service -> what navigator.credentials wants -------

const descriptorFromJSON = (d) => ({ ...d, id: base64urlToBuffer(d.id) });

/** PublicKeyCredentialCreationOptionsJSON -> PublicKeyCredentialCreationOptions */
export function creationOptionsFromJSON(json) {
  if (nativeJSON.parseCreationOptions) return PKC.parseCreationOptionsFromJSON(json);
  // Fallback. (Binary extension inputs, e.g. prf, are not converted here.)
  return {
    ...json,
    challenge: base64urlToBuffer(json.challenge),
    user: { ...json.user, id: base64urlToBuffer(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map(descriptorFromJSON),
  };
}

/** PublicKeyCredentialRequestOptionsJSON -> PublicKeyCredentialRequestOptions */
export function requestOptionsFromJSON(json) {
  if (nativeJSON.parseRequestOptions) return PKC.parseRequestOptionsFromJSON(json);
  return {
    ...json,
    challenge: base64urlToBuffer(json.challenge),
    allowCredentials: (json.allowCredentials ?? []).map(descriptorFromJSON),
  };
}

// ---- credential: what navigator.credentials returns -> JSON for the service ----

/**
 * PublicKeyCredential -> RegistrationResponseJSON or AuthenticationResponseJSON.
 * Uses credential.toJSON() when the browser has it.
 */
export function credentialToJSON(credential) {
  if (typeof credential.toJSON === 'function') {
    try {
      return credential.toJSON();
    } catch {
      // Some password-manager extensions hand back objects with a broken
      // toJSON(); fall through to the manual conversion.
    }
  }

  const r = credential.response;
  let response;
  if ('attestationObject' in r) {
    // navigator.credentials.create() -> AuthenticatorAttestationResponse
    response = {
      clientDataJSON: bufferToBase64url(r.clientDataJSON),
      attestationObject: bufferToBase64url(r.attestationObject),
      transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
    };
    // Level 3 convenience fields; the service can read everything from attestationObject anyway.
    if (typeof r.getAuthenticatorData === 'function') {
      response.authenticatorData = bufferToBase64url(r.getAuthenticatorData());
    }
    if (typeof r.getPublicKeyAlgorithm === 'function') {
      response.publicKeyAlgorithm = r.getPublicKeyAlgorithm();
    }
    const publicKey = typeof r.getPublicKey === 'function' ? r.getPublicKey() : null;
    if (publicKey) response.publicKey = bufferToBase64url(publicKey);
  } else {
    // navigator.credentials.get() -> AuthenticatorAssertionResponse
    response = {
      clientDataJSON: bufferToBase64url(r.clientDataJSON),
      authenticatorData: bufferToBase64url(r.authenticatorData),
      signature: bufferToBase64url(r.signature),
    };
    if (r.userHandle) response.userHandle = bufferToBase64url(r.userHandle);
  }

  const json = {
    id: credential.id,
    rawId: bufferToBase64url(credential.rawId),
    type: credential.type,
    response,
    // (Binary extension outputs, e.g. prf results, are not converted here.)
    clientExtensionResults: typeof credential.getClientExtensionResults === 'function'
      ? credential.getClientExtensionResults()
      : {},
  };
  if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
  return json;
}
