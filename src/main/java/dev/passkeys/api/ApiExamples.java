package dev.passkeys.api;

/** Real WebAuthn JSON (from a software authenticator run against this service) for the OpenAPI examples. */
public final class ApiExamples {

    public static final String SIGN_UP_OPTIONS_REQUEST = "{\"username\": \"alice@example.com\", \"displayName\": \"Alice\"}";

    public static final String CREATION_OPTIONS = "{\"rp\":{\"name\":\"Passkey Service\",\"id\":\"localhost\"},"
            + "\"user\":{\"name\":\"alice@example.com\",\"displayName\":\"Alice\",\"id\":\"_G-X5MRZ9zZ9ZPqVSk4UhTn4lYpSt4Np6CFgwMqReBY\"},"
            + "\"challenge\":\"RSzdJFjDutdc3RC7aCLCyNVMdEN1UggrAAIZvO6Sbbo\",\"pubKeyCredParams\":[{\"alg\":-7,\"type\":\"public-key\"},"
            + "{\"alg\":-8,\"type\":\"public-key\"},{\"alg\":-257,\"type\":\"public-key\"}],\"timeout\":300000,\"hints\":[],"
            + "\"excludeCredentials\":[],\"authenticatorSelection\":{\"requireResidentKey\":true,\"residentKey\":\"required\","
            + "\"userVerification\":\"preferred\"},\"attestation\":\"none\",\"extensions\":{\"credProps\":true}}";

    public static final String REGISTER_VERIFY_REQUEST = "{\"credential\": {\"id\":\"AAECAwQFBgcICQoLDA0ODw\",\"rawId\":\"AAECAwQFBgcICQoLDA0ODw\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"response\":{\"clientDataJSON\":\"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiUlN6ZEpGakR1dGRjM1JDN2FDTEN5TlZNZEVOMVVnZ3JBQUladk82U2JibyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6ODA4MCIsImNyb3NzT3JpZ2luIjpmYWxzZX0\",\"authenticatorData\":\"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAABAgMEBQYHCAkKCwwNDg-lAQIDJiABIVggOzyi9q8g28SuRwbQ-HI6GmQfxrKfFWY6speoK-7Tt6YiWCDot52Ox48ZYE8FqYRpWpnxxg9NohNLpMaA22i6_O4jZA\",\"transports\":[\"internal\",\"hybrid\"],\"publicKey\":\"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOzyi9q8g28SuRwbQ-HI6GmQfxrKfFWY6speoK-7Tt6bot52Ox48ZYE8FqYRpWpnxxg9NohNLpMaA22i6_O4jZA\",\"publicKeyAlgorithm\":-7,\"attestationObject\":\"o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAABAgMEBQYHCAkKCwwNDg-lAQIDJiABIVggOzyi9q8g28SuRwbQ-HI6GmQfxrKfFWY6speoK-7Tt6YiWCDot52Ox48ZYE8FqYRpWpnxxg9NohNLpMaA22i6_O4jZA\"},\"clientExtensionResults\":{\"credProps\":{\"rk\":true}}}, \"name\": \"My laptop\"}";

    public static final String USER = "{\"id\":\"5b0f4c1e-8d2a-4e0b-9a57-0c3f4e2d1a10\",\"username\":\"alice@example.com\","
            + "\"displayName\":\"Alice\",\"createdAt\":\"2026-11-26T14:05:12.345Z\"}";

    public static final String PASSKEY = "{\"id\":\"AAECAwQFBgcICQoLDA0ODw\",\"name\":\"My laptop\","
            + "\"createdAt\":\"2026-11-26T14:05:12.345Z\",\"lastUsedAt\":null,\"transports\":[\"hybrid\",\"internal\"],"
            + "\"aaguid\":\"00000000-0000-0000-0000-000000000000\",\"provider\":null,\"backupEligible\":false,"
            + "\"backedUp\":false,\"deviceType\":\"singleDevice\",\"suspect\":false}";

    public static final String ACCESS_TOKEN = "eyJraWQiOiJLbjFxekNFb0pGMzd1UlNoVU15cGdTekY1eXRLaXFvRjhldGg3am9Jem1NIiwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjgwODAifQ.c2lnbmF0dXJl";

    public static final String REFRESH_TOKEN = "kq3vN0xSg2yJc7Q1uJ0e8wRb9HhX4mTz6aLdPfVn2Ys";

    /** The token members every sign-up, login and refresh answers with. */
    private static final String TOKENS = "\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
            + "\"expires_in\":900,\"refresh_token\":\"" + REFRESH_TOKEN + "\",\"refresh_expires_in\":2592000";

    public static final String TOKEN_RESPONSE = "{" + TOKENS + "}";

    public static final String REFRESH_REQUEST = "{\"refresh_token\":\"" + REFRESH_TOKEN + "\"}";

    public static final String SIGN_UP_RESPONSE = "{\"user\":" + USER + ",\"passkey\":" + PASSKEY + "," + TOKENS + "}";

    public static final String PASSKEY_LIST = "{\"passkeys\":[" + PASSKEY + "]}";

    public static final String RENAME_REQUEST = "{\"name\":\"Work laptop\"}";

    public static final String RENAMED_PASSKEY = "{\"id\":\"AAECAwQFBgcICQoLDA0ODw\",\"name\":\"Work laptop\","
            + "\"createdAt\":\"2026-11-26T14:05:12.345Z\",\"lastUsedAt\":\"2026-11-26T14:07:00.120Z\","
            + "\"transports\":[\"hybrid\",\"internal\"],\"aaguid\":\"00000000-0000-0000-0000-000000000000\","
            + "\"provider\":null,\"backupEligible\":false,\"backedUp\":false,\"deviceType\":\"singleDevice\",\"suspect\":false}";

    public static final String EVENTS_PAGE = "{\"events\":[{\"id\":\"1042\",\"type\":\"login_failure\","
            + "\"occurredAt\":\"2026-11-26T14:07:00.120Z\",\"credentialId\":\"AAECAwQFBgcICQoLDA0ODw\","
            + "\"reason\":\"signature_invalid\",\"clientIp\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\"},"
            + "{\"id\":\"1041\",\"type\":\"sign_up\",\"occurredAt\":\"2026-11-26T14:05:12.345Z\","
            + "\"credentialId\":\"AAECAwQFBgcICQoLDA0ODw\",\"reason\":null,\"clientIp\":\"203.0.113.7\","
            + "\"userAgent\":\"Mozilla/5.0\"}],\"nextCursor\":\"1041\"}";

    public static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"OzyI9q8g28SuRwbQ-HI6GmQfxrKfFWY6speoK-7Tt6Y\",\"y\":\"6Ledjs-PGWBPBamEaVqZ8cYPTaITS6TGgNtouvzuI2Q\","
            + "\"kid\":\"Kn1qzCEoJF37uRShUMypgSzF5ytKiqoF8eth7joIzmM\",\"alg\":\"ES256\",\"use\":\"sig\"}]}";

    public static final String OPENID_CONFIGURATION = "{\"issuer\":\"https://auth.example.com\","
            + "\"jwks_uri\":\"https://auth.example.com/.well-known/jwks.json\",\"subject_types_supported\":[\"public\"],"
            + "\"id_token_signing_alg_values_supported\":[\"ES256\"],\"claims_supported\":[\"iss\",\"aud\",\"sub\","
            + "\"iat\",\"exp\",\"jti\",\"auth_time\",\"upn\",\"preferred_username\",\"groups\",\"amr\"]}";

    public static final String LOGIN_OPTIONS_REQUEST = "{\"username\": \"alice@example.com\"}";

    public static final String REQUEST_OPTIONS = "{\"challenge\":\"jNge-LA1Xwlbior9Etrl5CCVDUzh2rZkVFpa26TDLbQ\","
            + "\"timeout\":300000,\"hints\":[],\"rpId\":\"localhost\",\"allowCredentials\":[{\"type\":\"public-key\","
            + "\"id\":\"AAECAwQFBgcICQoLDA0ODw\",\"transports\":[\"hybrid\",\"internal\"]}],\"userVerification\":\"preferred\","
            + "\"extensions\":{}}";

    public static final String LOGIN_VERIFY_REQUEST = "{\"credential\": {\"id\":\"AAECAwQFBgcICQoLDA0ODw\",\"rawId\":\"AAECAwQFBgcICQoLDA0ODw\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"response\":{\"clientDataJSON\":\"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiak5nZS1MQTFYd2xiaW9yOUV0cmw1Q0NWRFV6aDJyWmtWRnBhMjZURExiUSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6ODA4MCIsImNyb3NzT3JpZ2luIjpmYWxzZX0\",\"authenticatorData\":\"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ\",\"signature\":\"MEUCIHFCTF0LK479Nn8G_OyidoukiTa67WoWY2lbe4FYeIQlAiEAt24cxfKBJR8jmeqxnAiRE9fapZHTRfav7hvSOK2RJaM\",\"userHandle\":\"_G-X5MRZ9zZ9ZPqVSk4UhTn4lYpSt4Np6CFgwMqReBY\"},\"clientExtensionResults\":{}}}";

    public static final String LOGIN_RESPONSE = "{" + TOKENS + ",\"user\":" + USER + "}";

    public static final String PASSKEY_SIGNALS = "{\"rpId\":\"localhost\","
            + "\"userId\":\"_G-X5MRZ9zZ9ZPqVSk4UhTn4lYpSt4Np6CFgwMqReBY\","
            + "\"allAcceptedCredentialIds\":[\"AAECAwQFBgcICQoLDA0ODw\"],"
            + "\"name\":\"alice@example.com\",\"displayName\":\"Alice\"}";

    private ApiExamples() {
    }

    public static final String ADMIN_CREATE_USER = "{\"username\": \"alice@example.com\", \"displayName\": \"Alice\", "
            + "\"externalId\": \"user-4711\"}";

    public static final String ADMIN_USER = "{\"id\":\"5b0f4c1e-8d2a-4e0b-9a57-0c3f4e2d1a10\",\"username\":\"alice@example.com\","
            + "\"displayName\":\"Alice\",\"createdAt\":\"2026-11-26T14:05:12.345Z\",\"externalId\":\"user-4711\","
            + "\"canSignIn\":true,\"passkeys\":[" + PASSKEY + "]}";

    public static final String ADMIN_NEW_USER = "{\"id\":\"5b0f4c1e-8d2a-4e0b-9a57-0c3f4e2d1a10\",\"username\":\"alice@example.com\","
            + "\"displayName\":\"Alice\",\"createdAt\":\"2026-11-26T14:05:12.345Z\",\"externalId\":\"user-4711\","
            + "\"canSignIn\":false,\"passkeys\":[]}";

    public static final String ENROLLMENT_TICKET = "{\"ticket\":\"q2X0d3Bl9o8h2Uu1sT9n5dJm0Qe7bVw4ZfKcR6yLpAc\","
            + "\"expiresAt\":\"2026-11-26T14:20:12.345Z\"}";

    public static final String ENROLLMENT_OPTIONS_REQUEST = "{\"enrollmentTicket\": \"q2X0d3Bl9o8h2Uu1sT9n5dJm0Qe7bVw4ZfKcR6yLpAc\"}";

    public static final String RECOVERY_CODES = "{\"codes\":[\"7KQ2-M9XD-4TPH-C8WN\",\"R3VB-0FJS-6YQE-2GKM\",\"...\"],"
            + "\"remaining\":10}";

    public static final String RECOVERY_REQUEST = "{\"username\": \"alice@example.com\", \"code\": \"7KQ2-M9XD-4TPH-C8WN\"}";

    public static final String RECOVERY_RESPONSE = "{\"access_token\":\"" + ACCESS_TOKEN
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"passkey:add\"}";
}
