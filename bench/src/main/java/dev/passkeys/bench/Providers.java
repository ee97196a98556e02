package dev.passkeys.bench;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * The two JCA set-ups the service can run with: the JDK's own providers ({@code JDK}), or Amazon Corretto
 * Crypto Provider installed first ({@code ACCP}), as {@code dev.passkeys.crypto.CryptoProvider} does at start-up.
 */
public final class Providers {

    public static final String JDK = "JDK";
    public static final String ACCP = "ACCP";

    private Providers() {
    }

    /**
     * Makes the default {@code Signature}, {@code KeyFactory}... lookups of this JVM resolve as the service's
     * would with this set-up; returns the provider that {@code SHA256withECDSA} now resolves to.
     */
    public static Provider use(String name) {
        switch (name) {
            case ACCP -> {
                Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
                if (error != null) {
                    throw new IllegalStateException("Amazon Corretto Crypto Provider does not load here: " + error, error);
                }
                AmazonCorrettoCryptoProvider.install();
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            }
            case JDK -> Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
            default -> throw new IllegalArgumentException("provider must be " + JDK + " or " + ACCP + ", not " + name);
        }
        Provider used = signatureProvider();
        boolean accp = used.getName().equals(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        if (accp != name.equals(ACCP)) {
            throw new IllegalStateException("SHA256withECDSA resolves to " + used.getName() + " with set-up " + name);
        }
        return used;
    }

    /** The provider a default {@code Signature.getInstance("SHA256withECDSA")} resolves to, as Yubico and jose4j call it. */
    public static Provider signatureProvider() {
        try {
            return Signature.getInstance("SHA256withECDSA").getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider itself, for explicit {@code getInstance(algorithm, provider)} calls. */
    public static Provider provider(String name) {
        return switch (name) {
            case ACCP -> {
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                yield AmazonCorrettoCryptoProvider.INSTANCE;
            }
            case JDK -> Security.getProvider("SunEC");
            default -> throw new IllegalArgumentException("provider must be " + JDK + " or " + ACCP + ", not " + name);
        };
    }
}
