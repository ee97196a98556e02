package dev.passkeys.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;

/**
 * One login's server-side work that no implementation can skip, without I/O: read the login-verify body
 * (an AuthenticationResponseJSON) with a shared Yubico reader, {@code RelyingParty.finishAssertion} over an
 * in-memory repository (its ES256 verify included), and mint the access token (its ES256 sign included).
 * {@link #login()} is the three together: the floor of one login per core, in µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoginBenchmark extends LoginFixture {

    /** The JCA set-up: the JDK's providers, or ACCP first as the service installs it. */
    @Param({ Providers.JDK, Providers.ACCP })
    public String provider;

    /** Login-verify bodies signed in set-up, each with its own challenge, used round robin. */
    @Param("4096")
    public int assertions;

    @Setup
    public void setup() throws Exception {
        prepare(provider, assertions);
    }

    /** The body to a {@code PublicKeyCredential}: Quarkus' mapper for the body, Yubico's shared reader for the credential. */
    @Benchmark
    public PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> parse() throws Exception {
        return parse(bodies[next()]);
    }

    /** Yubico's checks and the ES256 verify, on a parsed response. */
    @Benchmark
    public AssertionResult finishAssertion() throws Exception {
        int i = next();
        return finish(relyingParty, requests[i], parsed.get(i));
    }

    /** The access token, as {@code AccessTokens.issue} mints it (SmallRye JWT build, ES256). */
    @Benchmark
    public String mintToken() {
        return mint(tokenKey, kid, userId, USERNAME, true);
    }

    /** All three: one login's unavoidable server-side work. */
    @Benchmark
    public String login() throws Exception {
        int i = next();
        AssertionResult result = finish(relyingParty, requests[i], parse(bodies[i]));
        return mint(tokenKey, kid, userId, result.getUsername(), result.isUserVerified());
    }
}
