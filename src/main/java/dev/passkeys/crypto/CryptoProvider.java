package dev.passkeys.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Installs Amazon Corretto Crypto Provider as the first JCA provider at start-up when its native library
 * loads on this platform: a login's ES256 verify (Yubico) and sign (the token) then cost tens of microseconds
 * instead of a millisecond. Falls back to the JDK's provider otherwise; the log and a metric say which.
 */
@Singleton
public class CryptoProvider {

    private static final Logger LOG = Logger.getLogger(CryptoProvider.class);

    void install(@Observes @Priority(1) Startup startup, MeterRegistry registry) {
        String provider = installCorretto() ? AmazonCorrettoCryptoProvider.PROVIDER_NAME : "JDK";
        String used = signatureProvider().getName();
        LOG.infof("ES256 signatures use the %s provider (%s)", used, provider.equals("JDK")
                ? "Amazon Corretto Crypto Provider is unavailable on this platform" : "native, fast path");
        Gauge.builder("passkey.crypto.provider", () -> 1).description("The JCA provider of ES256 signatures")
                .tag("provider", used).register(registry);
    }

    /** The provider a default {@code Signature.getInstance("SHA256withECDSA")} resolves to, as Yubico and jose4j call it. */
    public static Provider signatureProvider() {
        try {
            return Signature.getInstance("SHA256withECDSA").getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No provider offers SHA256withECDSA", e);
        }
    }

    private static boolean installCorretto() {
        try {
            if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() != null) {
                LOG.debugf("Amazon Corretto Crypto Provider did not load: %s",
                        AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError().toString());
                return false;
            }
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf("Amazon Corretto Crypto Provider is unavailable: %s", e.toString());
            return false;
        }
    }
}
