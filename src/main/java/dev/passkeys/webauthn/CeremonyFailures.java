package dev.passkeys.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.BiFunction;

import com.yubico.webauthn.data.AuthenticatorData;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.CollectedClientData;

import dev.passkeys.api.Problem;

/**
 * Names why Yubico refused a response, as precisely as the response tells: Yubico has already verified
 * everything; this only explains the refusal with the contract's codes.
 */
final class CeremonyFailures {

    private final ByteArray rpIdHash;
    private final RelyingParties relyingParties;

    CeremonyFailures(RelyingParties relyingParties) {
        this.relyingParties = relyingParties;
        this.rpIdHash = sha256(relyingParties.rpId());
    }

    /** The client data checks that have codes of their own; null when they pass. */
    Problem clientData(CollectedClientData clientData, String expectedType, BiFunction<String, String, Problem> problem) {
        if (!expectedType.equals(clientData.getType())) {
            return problem.apply("client_data_type_mismatch",
                    "clientDataJSON.type is '" + clientData.getType() + "', expected '" + expectedType + "'");
        }
        if (!relyingParties.origins().contains(clientData.getOrigin())) {
            return problem.apply("origin_mismatch", "The origin '" + clientData.getOrigin() + "' is not allowed");
        }
        return null;
    }

    /** The authenticator data checks that have codes of their own; null when they pass. */
    Problem authenticatorData(AuthenticatorData data, BiFunction<String, String, Problem> problem) {
        return authenticatorData(data, true, problem);
    }

    /** As above; a conditional create does not require user presence, so it is then no reason for a refusal. */
    Problem authenticatorData(AuthenticatorData data, boolean userPresenceRequired,
            BiFunction<String, String, Problem> problem) {
        if (!rpIdHash.equals(data.getRpIdHash())) {
            return problem.apply("rp_id_mismatch",
                    "The authenticator data is not scoped to the RP ID '" + relyingParties.rpId() + "'");
        }
        if (userPresenceRequired && !data.getFlags().UP) {
            return problem.apply("user_not_present", "The authenticator did not report user presence");
        }
        return null;
    }

    static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static ByteArray sha256(String text) {
        try {
            return new ByteArray(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
