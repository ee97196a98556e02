package dev.passkeys.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A software passkey authenticator together with the browser's part of the ceremony: it turns
 * {@code PublicKeyCredentialCreationOptionsJSON} / {@code PublicKeyCredentialRequestOptionsJSON} into the
 * {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON} that {@code PublicKeyCredential.toJSON()}
 * yields, with real ES256 keys, "none" attestation and discoverable credentials it keeps.
 * <p>
 * It deliberately skips the browser's origin and RP ID checks: those are the server's job, and tests
 * need to forge them.
 */
public final class SoftwareAuthenticator {

    private static final int COSE_ALG_ES256 = -7;
    private static final int FLAG_UP = 0x01;
    private static final int FLAG_UV = 0x04;
    private static final int FLAG_BE = 0x08;
    private static final int FLAG_BS = 0x10;
    private static final int FLAG_AT = 0x40;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final CBORFactory CBOR = new CBORFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Credentials by base64url ID, oldest first. */
    private final Map<String, Credential> credentials = new LinkedHashMap<>();

    /** {@code navigator.credentials.create()} then {@code toJSON()}, with default {@link CeremonyOptions}. */
    public ObjectNode create(JsonNode creationOptions) {
        return create(creationOptions, CeremonyOptions.defaults());
    }

    /**
     * Registers a new discoverable credential.
     *
     * @param creationOptions a {@code PublicKeyCredentialCreationOptionsJSON}, or an object holding it as {@code publicKey}
     * @return a {@code RegistrationResponseJSON}
     * @throws WebAuthnError {@code InvalidStateError} when one of this authenticator's credentials is in
     *     {@code excludeCredentials}; {@code NotSupportedError} without ES256 in {@code pubKeyCredParams};
     *     {@code TypeError} for a missing challenge or a {@code user.id} not of 1..64 bytes
     */
    public synchronized ObjectNode create(JsonNode creationOptions, CeremonyOptions ceremony) {
        JsonNode options = unwrap(creationOptions);
        String rpId = rpIdOf(options.path("rp").path("id"), ceremony);
        byte[] userHandle = decode(requiredText(options.path("user"), "id", "user.id"));
        if (userHandle.length < 1 || userHandle.length > 64) {
            throw new WebAuthnError("TypeError", "user.id must be 1..64 bytes, got " + userHandle.length);
        }
        requireEs256(options.path("pubKeyCredParams"));
        for (JsonNode excluded : options.path("excludeCredentials")) {
            Credential held = credentials.get(normalize(excluded.path("id").asText()));
            if (held != null && held.rpId().equals(rpId)) {
                throw new WebAuthnError("InvalidStateError", "credential " + held.id() + " is in excludeCredentials");
            }
        }

        byte[] credentialId = ceremony.credentialId != null ? decode(ceremony.credentialId) : randomBytes(16 + RANDOM.nextInt(17));
        Credential credential = new Credential(credentialId, generateEs256KeyPair(), rpId, userHandle,
                Boolean.TRUE.equals(ceremony.backupEligible), Boolean.TRUE.equals(ceremony.backedUp), ceremony.counterless,
                ceremony.signCount != null ? ceremony.signCount : 0);
        byte[] authenticatorData = authenticatorData(ceremony.rpId != null ? ceremony.rpId : rpId,
                flags(ceremony, credential) | FLAG_AT, credential.signCount, attestedCredentialData(ceremony.aaguid, credential));
        byte[] clientDataJSON = clientDataJson("webauthn.create", options, ceremony);

        add(credential);

        ObjectNode response = NODES.objectNode()
                .put("clientDataJSON", encode(clientDataJSON))
                .put("authenticatorData", encode(authenticatorData));
        ceremony.transports.forEach(response.putArray("transports")::add);
        response.put("publicKey", encode(credential.keyPair().getPublic().getEncoded()))
                .put("publicKeyAlgorithm", COSE_ALG_ES256)
                .put("attestationObject", encode(ceremony.attestationCa == null
                        ? attestationObject(authenticatorData)
                        : packedAttestationObject(authenticatorData, clientDataJSON, ceremony.attestationCa)));

        ObjectNode clientExtensionResults = NODES.objectNode();
        // A browser answers credProps only when asked; every credential made here is discoverable.
        if (options.path("extensions").path("credProps").asBoolean(false)) {
            clientExtensionResults.putObject("credProps").put("rk", true);
        }
        return publicKeyCredential(credential, ceremony, response, clientExtensionResults);
    }

    /** {@code navigator.credentials.get()} then {@code toJSON()}, with default {@link CeremonyOptions}. */
    public ObjectNode get(JsonNode requestOptions) {
        return get(requestOptions, CeremonyOptions.defaults());
    }

    /**
     * Signs an assertion with one of the held credentials: the first one listed in {@code allowCredentials}
     * (username-first), else the newest one for the RP ID (usernameless), or the one chosen with
     * {@link CeremonyOptions#withCredentialId(String)}.
     *
     * @param requestOptions a {@code PublicKeyCredentialRequestOptionsJSON}, or an object holding it as {@code publicKey}
     * @return an {@code AuthenticationResponseJSON}
     * @throws WebAuthnError {@code NotAllowedError} when no held credential fits
     */
    public synchronized ObjectNode get(JsonNode requestOptions, CeremonyOptions ceremony) {
        JsonNode options = unwrap(requestOptions);
        String rpId = rpIdOf(options.path("rpId"), ceremony);
        Credential credential = select(options, rpId, ceremony);

        long signCount;
        if (ceremony.signCount != null) {
            signCount = credential.signCount = ceremony.signCount;
        } else if (ceremony.counterless || credential.counterless) {
            signCount = 0;
        } else {
            signCount = ++credential.signCount;
        }
        byte[] authenticatorData = authenticatorData(ceremony.rpId != null ? ceremony.rpId : rpId,
                flags(ceremony, credential), signCount, new byte[0]);
        byte[] clientDataJSON = clientDataJson("webauthn.get", options, ceremony);
        byte[] signature = sign(credential.keyPair().getPrivate(), concat(authenticatorData, sha256(clientDataJSON)));
        if (ceremony.corruptSignature) {
            signature[signature.length - 1] ^= 0x01; // the last byte of s: the DER stays well-formed
        }

        ObjectNode response = NODES.objectNode()
                .put("clientDataJSON", encode(clientDataJSON))
                .put("authenticatorData", encode(authenticatorData))
                .put("signature", encode(signature));
        if (!ceremony.omitUserHandle) {
            response.put("userHandle", ceremony.userHandle != null ? ceremony.userHandle : credential.userHandle());
        }
        return publicKeyCredential(credential, ceremony, response, NODES.objectNode());
    }

    /** The held credentials, oldest first. */
    public synchronized List<Credential> credentials() {
        return List.copyOf(credentials.values());
    }

    /** The held credential with this base64url ID. */
    public synchronized Credential credential(String credentialId) {
        Credential credential = credentials.get(normalize(credentialId));
        if (credential == null) {
            throw new IllegalArgumentException("this authenticator holds no credential " + credentialId);
        }
        return credential;
    }

    /** Holds a credential (e.g. another authenticator's {@link Credential#copy()}) as the newest one; replaces one with its ID. */
    public synchronized void add(Credential credential) {
        credentials.remove(credential.id());
        credentials.put(credential.id(), credential);
    }

    private Credential select(JsonNode options, String rpId, CeremonyOptions ceremony) {
        if (ceremony.credentialId != null) {
            return credential(ceremony.credentialId);
        }
        JsonNode allowCredentials = options.path("allowCredentials");
        if (!allowCredentials.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            for (JsonNode descriptor : allowCredentials) {
                Credential held = credentials.get(normalize(descriptor.path("id").asText()));
                if (held != null && held.rpId().equals(rpId)) {
                    return held;
                }
                allowed.add(descriptor.path("id").asText());
            }
            throw new WebAuthnError("NotAllowedError",
                    "none of allowCredentials " + allowed + " is held for RP ID " + rpId + "; held: " + credentials.keySet());
        }
        Credential newest = null;
        for (Credential held : credentials.values()) {
            if (held.rpId().equals(rpId)) {
                newest = held;
            }
        }
        if (newest == null) {
            throw new WebAuthnError("NotAllowedError", "no discoverable credential for RP ID " + rpId);
        }
        return newest;
    }

    private static JsonNode unwrap(JsonNode options) {
        return options.has("publicKey") ? options.get("publicKey") : options;
    }

    /** The options' RP ID, else the origin's host: the spec's default, the origin's effective domain. */
    private static String rpIdOf(JsonNode rpId, CeremonyOptions ceremony) {
        return rpId.isTextual() ? rpId.asText() : URI.create(ceremony.origin).getHost();
    }

    private static String requiredText(JsonNode parent, String field, String name) {
        JsonNode value = parent.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new WebAuthnError("TypeError", name + " is missing in the options");
        }
        return value.asText();
    }

    private static void requireEs256(JsonNode pubKeyCredParams) {
        if (pubKeyCredParams.isEmpty()) {
            return; // the spec then defaults to ES256 and RS256
        }
        for (JsonNode parameters : pubKeyCredParams) {
            if ("public-key".equals(parameters.path("type").asText()) && parameters.path("alg").asInt() == COSE_ALG_ES256) {
                return;
            }
        }
        throw new WebAuthnError("NotSupportedError", "pubKeyCredParams lacks ES256 (-7): " + pubKeyCredParams);
    }

    private static int flags(CeremonyOptions ceremony, Credential credential) {
        boolean backupEligible = ceremony.backupEligible != null ? ceremony.backupEligible : credential.backupEligible;
        boolean backedUp = ceremony.backedUp != null ? ceremony.backedUp : credential.backedUp;
        return (ceremony.userPresent ? FLAG_UP : 0)
                | (ceremony.userVerified ? FLAG_UV : 0)
                | (backupEligible ? FLAG_BE : 0)
                | (backedUp ? FLAG_BS : 0);
    }

    private static byte[] clientDataJson(String type, JsonNode options, CeremonyOptions ceremony) {
        ObjectNode clientData = NODES.objectNode()
                .put("type", ceremony.clientDataType != null ? ceremony.clientDataType : type)
                .put("challenge", ceremony.challenge != null ? ceremony.challenge : requiredText(options, "challenge", "challenge"))
                .put("origin", ceremony.origin)
                .put("crossOrigin", ceremony.crossOrigin);
        try {
            return JSON.writeValueAsBytes(clientData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** rpIdHash (32) || flags (1) || signCount (4, big-endian) || attestedCredentialData. */
    private static byte[] authenticatorData(String rpId, int flags, long signCount, byte[] attestedCredentialData) {
        return ByteBuffer.allocate(37 + attestedCredentialData.length)
                .put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
                .put((byte) flags)
                .putInt((int) signCount)
                .put(attestedCredentialData)
                .array();
    }

    /** aaguid (16) || credentialIdLength (2, big-endian) || credentialId || credentialPublicKey (COSE_Key). */
    private static byte[] attestedCredentialData(UUID aaguid, Credential credential) {
        byte[] credentialId = credential.rawId();
        byte[] credentialPublicKey = coseKey((ECPublicKey) credential.keyPair().getPublic());
        return ByteBuffer.allocate(18 + credentialId.length + credentialPublicKey.length)
                .putLong(aaguid.getMostSignificantBits())
                .putLong(aaguid.getLeastSignificantBits())
                .putShort((short) credentialId.length)
                .put(credentialId)
                .put(credentialPublicKey)
                .array();
    }

    /** An EC2 COSE_Key in CTAP2 canonical order: kty 2, alg -7 (ES256), crv 1 (P-256), x, y. */
    private static byte[] coseKey(ECPublicKey publicKey) {
        return cbor(generator -> {
            generator.writeStartObject(null, 5);
            generator.writeFieldId(1);
            generator.writeNumber(2);
            generator.writeFieldId(3);
            generator.writeNumber(COSE_ALG_ES256);
            generator.writeFieldId(-1);
            generator.writeNumber(1);
            generator.writeFieldId(-2);
            generator.writeBinary(unsigned32(publicKey.getW().getAffineX()));
            generator.writeFieldId(-3);
            generator.writeBinary(unsigned32(publicKey.getW().getAffineY()));
            generator.writeEndObject();
        });
    }

    private static byte[] attestationObject(byte[] authenticatorData) {
        return cbor(generator -> {
            generator.writeStartObject(null, 3);
            generator.writeStringField("fmt", "none");
            generator.writeFieldName("attStmt");
            generator.writeStartObject(null, 0);
            generator.writeEndObject();
            generator.writeFieldName("authData");
            generator.writeBinary(authenticatorData);
            generator.writeEndObject();
        });
    }

    /** "packed" with x5c (WebAuthn §8.2): the attestation key signs authenticatorData || SHA-256(clientDataJSON). */
    private static byte[] packedAttestationObject(byte[] authenticatorData, byte[] clientDataJSON, AttestationCa ca) {
        byte[] signature = sign(ca.attestationKey(), concat(authenticatorData, sha256(clientDataJSON)));
        return cbor(generator -> {
            generator.writeStartObject(null, 3);
            generator.writeStringField("fmt", "packed");
            generator.writeFieldName("attStmt");
            generator.writeStartObject(null, 3);
            generator.writeFieldName("alg");
            generator.writeNumber(COSE_ALG_ES256);
            generator.writeFieldName("sig");
            generator.writeBinary(signature);
            generator.writeFieldName("x5c");
            generator.writeStartArray();
            for (java.security.cert.X509Certificate certificate : ca.chain()) {
                try {
                    generator.writeBinary(certificate.getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeFieldName("authData");
            generator.writeBinary(authenticatorData);
            generator.writeEndObject();
        });
    }

    private static ObjectNode publicKeyCredential(Credential credential, CeremonyOptions ceremony,
                                                  ObjectNode response, ObjectNode clientExtensionResults) {
        ObjectNode publicKeyCredential = NODES.objectNode()
                .put("id", credential.id())
                .put("rawId", credential.id())
                .put("type", "public-key");
        if (ceremony.authenticatorAttachment != null) {
            publicKeyCredential.put("authenticatorAttachment", ceremony.authenticatorAttachment);
        }
        publicKeyCredential.set("response", response);
        publicKeyCredential.set("clientExtensionResults", clientExtensionResults);
        return publicKeyCredential;
    }

    private interface CborWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] cbor(CborWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = CBOR.createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static KeyPair generateEs256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA256withECDSA yields the DER signature WebAuthn expects for ES256. */
    private static byte[] sign(PrivateKey privateKey, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey, RANDOM);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 coordinate as exactly 32 unsigned big-endian bytes (BigInteger adds a sign byte or drops leading zeros). */
    private static byte[] unsigned32(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(byte[] bytes) {
        return Credential.base64Url(bytes);
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url.replace("=", ""));
    }

    /** Servers may pad base64url; IDs are compared in their unpadded form. */
    private static String normalize(String base64Url) {
        return encode(decode(base64Url));
    }
}
