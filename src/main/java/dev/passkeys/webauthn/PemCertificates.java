package dev.passkeys.webauthn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.stream.Collectors;

import dev.passkeys.config.InvalidConfigurationException;

/** PEM certificate files named by a setting; every problem stops the start, naming the variable. */
final class PemCertificates {

    private PemCertificates() {
    }

    /** The certificates of {@code file}, at least one. */
    static Set<X509Certificate> read(Path file, String variable) {
        try (InputStream in = Files.newInputStream(file)) {
            Set<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).collect(Collectors.toUnmodifiableSet());
            if (certificates.isEmpty()) {
                throw invalid(variable, file, "holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw invalid(variable, file, "cannot be read: " + e.getMessage());
        } catch (CertificateException e) {
            throw invalid(variable, file, "is not a file of PEM certificates: " + e.getMessage());
        }
    }

    /** The one certificate of {@code file}. */
    static X509Certificate readOne(Path file, String variable) {
        Set<X509Certificate> certificates = read(file, variable);
        if (certificates.size() != 1) {
            throw invalid(variable, file, "must hold exactly one certificate, holds " + certificates.size());
        }
        return certificates.iterator().next();
    }

    static InvalidConfigurationException invalid(String variable, Path file, String problem) {
        return new InvalidConfigurationException(variable + " '" + file + "' " + problem);
    }
}
