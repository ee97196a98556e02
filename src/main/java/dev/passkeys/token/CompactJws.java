package dev.passkeys.token;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.base64url.Base64Url;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.Headers;

/**
 * A jose4j JWS whose header, payload and signature are base64url-encoded by the JDK's encoder. jose4j's own
 * encoder allocates an 8 KB buffer for every part it encodes: three per token, a fifth of the bytes a login
 * allocated in profiles. jose4j still builds the header and signs; only the encoding is swapped.
 */
final class CompactJws extends JsonWebSignature {

    private static final Base64Url ENCODER = new JdkBase64Url();

    CompactJws() {
        base64url = ENCODER;
        headers = new JdkEncodedHeaders();
    }

    /** Headers that encode themselves with the JDK's encoder too. */
    private static final class JdkEncodedHeaders extends Headers {
        JdkEncodedHeaders() {
            base64url = ENCODER;
        }
    }

    /** Encodes with {@link Base64#getUrlEncoder()} (no padding, as JWS wants); decodes as jose4j does. */
    private static final class JdkBase64Url extends Base64Url {

        private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

        @Override
        public String base64UrlEncode(byte[] bytes) {
            return URL_ENCODER.encodeToString(bytes);
        }

        @Override
        public String base64UrlEncodeUtf8ByteRepresentation(String text) {
            return base64UrlEncode(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String base64UrlEncode(String text, String charsetName) {
            return base64UrlEncode(text.getBytes(Charset.forName(charsetName)));
        }
    }
}
