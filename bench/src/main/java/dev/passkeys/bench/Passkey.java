package dev.passkeys.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One discoverable ES256 credential of a software authenticator, with the browser's part of the ceremony:
 * it answers a challenge with the {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON} that
 * {@code PublicKeyCredential.toJSON()} yields ("none" attestation, user present and verified). A cut-down
 * copy of the service's test authenticator: no forged variants, just well-formed ceremonies.
 * <p>
 * Not thread-safe: one ceremony of a passkey at a time, so its signature counter reaches the service in order.
 */
public final class Passkey {

    private static final int FLAG_UP = 0x01;
    private static final int FLAG_UV = 0x04;
    private static final int FLAG_AT = 0x40;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] credentialId;
    private final String id;
    private final KeyPair keys;
    private final String rpId;
    private final byte[] rpIdHash;
    private final String userHandle;
    private long counter;

    /** A new credential with a fresh key pair from the default provider. */
    public Passkey(String rpId, String userHandleBase64Url) {
        this(rpId, userHandleBase64Url, Es256.generate(null));
    }

    public Passkey(String rpId, String userHandleBase64Url, KeyPair keys) {
        this.credentialId = new byte[16];
        RANDOM.nextBytes(credentialId);
        this.id = B64.encodeToString(credentialId);
        this.keys = keys;
        this.rpId = rpId;
        this.rpIdHash = Es256.sha256(rpId.getBytes(StandardCharsets.UTF_8));
        this.userHandle = userHandleBase64Url;
    }

    /** The credential ID, base64url. */
    public String id() {
        return id;
    }

    public String rpId() {
        return rpId;
    }

    public String userHandle() {
        return userHandle;
    }

    /** The public key as the service stores it (COSE_Key). */
    public byte[] publicKeyCose() {
        return Es256.coseKey((ECPublicKey) keys.getPublic());
    }

    /** {@code navigator.credentials.create()} then {@code toJSON()}: a RegistrationResponseJSON. */
    public ObjectNode register(String challenge, String origin) {
        byte[] cose = publicKeyCose();
        byte[] authenticatorData = ByteBuffer.allocate(37 + 18 + credentialId.length + cose.length)
                .put(rpIdHash)
                .put((byte) (FLAG_UP | FLAG_UV | FLAG_AT))
                .putInt(0)
                .put(new byte[16]) // AAGUID: none
                .putShort((short) credentialId.length)
                .put(credentialId)
                .put(cose)
                .array();
        ObjectNode response = NODES.objectNode()
                .put("clientDataJSON", B64.encodeToString(clientData("webauthn.create", challenge, origin)))
                .put("attestationObject", B64.encodeToString(noneAttestation(authenticatorData)))
                .put("authenticatorData", B64.encodeToString(authenticatorData))
                .put("publicKey", B64.encodeToString(keys.getPublic().getEncoded()))
                .put("publicKeyAlgorithm", Es256.COSE_ALG_ES256);
        response.putArray("transports").add("internal").add("hybrid");
        ObjectNode credential = credential(response);
        credential.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
        return credential;
    }

    /** {@code navigator.credentials.get()} then {@code toJSON()}: an AuthenticationResponseJSON, counter + 1. */
    public ObjectNode authenticate(String challenge, String origin) {
        return assertion(challenge, origin, ++counter);
    }

    /** The same with a chosen signature counter (for assertions made in advance). */
    public ObjectNode assertion(String challenge, String origin, long signCount) {
        byte[] authenticatorData = ByteBuffer.allocate(37)
                .put(rpIdHash)
                .put((byte) (FLAG_UP | FLAG_UV))
                .putInt((int) signCount)
                .array();
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] signed = ByteBuffer.allocate(authenticatorData.length + 32)
                .put(authenticatorData).put(Es256.sha256(clientData)).array();
        ObjectNode response = NODES.objectNode()
                .put("clientDataJSON", B64.encodeToString(clientData))
                .put("authenticatorData", B64.encodeToString(authenticatorData))
                .put("signature", B64.encodeToString(Es256.sign(keys.getPrivate(), signed)))
                .put("userHandle", userHandle);
        ObjectNode credential = credential(response);
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private ObjectNode credential(ObjectNode response) {
        ObjectNode credential = NODES.objectNode()
                .put("id", id)
                .put("rawId", id)
                .put("type", "public-key")
                .put("authenticatorAttachment", "platform");
        credential.set("response", response);
        return credential;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        try {
            return JSON.writeValueAsBytes(NODES.objectNode()
                    .put("type", type)
                    .put("challenge", challenge)
                    .put("origin", origin)
                    .put("crossOrigin", false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CBOR {"fmt": "none", "attStmt": {}, "authData": bytes}, keys in CTAP2 canonical order. */
    private static byte[] noneAttestation(byte[] authenticatorData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(authenticatorData.length + 32);
        out.write(0xA3);
        cborText(out, "fmt");
        cborText(out, "none");
        cborText(out, "attStmt");
        out.write(0xA0);
        cborText(out, "authData");
        cborHead(out, 2, authenticatorData.length);
        out.writeBytes(authenticatorData);
        return out.toByteArray();
    }

    private static void cborText(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cborHead(out, 3, bytes.length);
        out.writeBytes(bytes);
    }

    private static void cborHead(ByteArrayOutputStream out, int majorType, int length) {
        int major = majorType << 5;
        if (length < 24) {
            out.write(major | length);
        } else if (length < 256) {
            out.write(major | 24);
            out.write(length);
        } else {
            out.write(major | 25);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
    }
}
